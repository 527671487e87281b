"""Big inputs, generated at a chosen size: memory per input byte and time on large specs.

Memory bounds (``memory_ratio``, peak bytes added per input byte by the commands that only
load: ``validate``, ``translate``): 10 for block YAML, the goal of issue 12; 12 for the
densest YAML (a node every four bytes: 8.5x at 4 MB, up to 11x at 1 MB where the allocator's
arenas show); 14 for compact JSON and 16 for one schema of very many properties, whose text
is denser (no indentation); 20 for compact JSON of tiny operations, whose typed model costs
~1 KB an operation against ~250 bytes of input.

Issue 12 measured 88 bytes of memory per YAML input byte (10 MB → 0.88 GB), 43 s for
``validate`` on 20,000 paths and 154 s on 100,000 properties. These cases regenerate such
inputs at any size (the test uses a few MB, the benchmark 10 MB); nothing big is committed.
"""

from __future__ import annotations

import json

from tests.hostile.cases import REVISION_VERSION, Case

__all__ = ["large_cases"]

_HEADER = f"""openapi: 3.1.0
info:
  title: large
  version: "{REVISION_VERSION}"
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
"""

_PATH_ITEM = """  /items{index}/{{id}}:
    get:
      operationId: getItem{index}
      summary: Fetch item {index} with every field a client could want to read
      parameters:
        - name: id
          in: path
          required: true
          schema: {{type: string, pattern: "^it_[a-z0-9]+$"}}
        - name: expand
          in: query
          schema: {{type: array, items: {{type: string, enum: [owner, history, tags]}}}}
      responses:
        "200":
          description: The item, as stored
          content:
            application/json:
              schema:
                type: object
                required: [id, amount]
                properties:
                  id: {{type: string, description: Unique identifier of item {index}}}
                  amount: {{type: integer, minimum: 0, maximum: 100000000}}
                  currency: {{type: string, enum: [EUR, USD, GBP, JPY]}}
                  created: {{type: string, format: date-time}}
                  metadata: {{type: object, additionalProperties: {{type: string}}}}
        "404":
          description: No such item
"""


def _yaml_spec(size: int) -> bytes:
    parts = [_HEADER]
    total = len(_HEADER)
    index = 0
    while total < size:
        item = _PATH_ITEM.format(index=index)
        parts.append(item)
        total += len(item)
        index += 1
    return "".join(parts).encode()


def _json_spec(size: int) -> bytes:
    item = {
        "get": {
            "summary": "Fetch one item with every field a client could want to read",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "string", "pattern": "^it_[a-z0-9]+$"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "string"}, "amount": {"type": "integer", "minimum": 0},
                    "currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]}}}}}}},
        }
    }  # fmt: skip
    one = len(json.dumps(item)) + 30
    paths = {f"/items{index}/{{id}}": item for index in range(max(size // one, 1))}
    paths["/a"] = {"get": {"responses": {"200": {"description": "ok"}}}}
    document = {"openapi": "3.1.0", "info": {"title": "large", "version": REVISION_VERSION},
                "paths": paths}  # fmt: skip
    return json.dumps(document).encode()


def _dense_yaml(size: int) -> bytes:
    """The worst case per byte: a list of one-character scalars, four bytes a node."""
    header = _HEADER + "x-dense:\n"
    return (header + "- a\n" * ((size - len(header)) // 4)).encode()


def _many_paths(count: int) -> bytes:
    paths = {f"/p{index}/{{id}}": {"get": {
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok"}}}} for index in range(count)}  # fmt: skip
    paths["/a"] = {"get": {"responses": {"200": {"description": "ok"}}}}
    return json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": REVISION_VERSION},
                       "paths": paths}).encode()  # fmt: skip


def _many_properties(count: int) -> bytes:
    properties = {f"p{index}": {"type": "string", "maxLength": 10} for index in range(count)}
    schema = {"type": "object", "properties": properties}
    paths = {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
        "application/json": {"schema": schema}}}}}}}  # fmt: skip
    return json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": REVISION_VERSION},
                       "paths": paths}).encode()  # fmt: skip


def large_cases(size: int) -> list[Case]:
    """The big inputs at about ``size`` bytes each (``paths``/``properties`` scale with it)."""
    return [
        Case(name="large_yaml_spec", entry="spec.yaml", files={"spec.yaml": _yaml_spec(size)},
             expect="clean", about=f"{size:,} bytes of block YAML", memory_ratio=10),
        Case(name="large_json_spec", entry="spec.json", files={"spec.json": _json_spec(size)},
             expect="clean", about=f"{size:,} bytes of JSON", memory_ratio=14),
        Case(name="large_dense_yaml", entry="spec.yaml", files={"spec.yaml": _dense_yaml(size)},
             expect="clean", about="four bytes a node", memory_ratio=12),
        Case(name="many_paths", entry="spec.json",
             files={"spec.json": _many_paths(max(size // 260, 100))}, expect="clean",
             about="validate's semantic checks: ~3 ms an operation", memory_ratio=20),
        Case(name="many_properties", entry="spec.json",
             files={"spec.json": _many_properties(max(size // 45, 100))}, expect="clean",
             about="one schema with very many properties", memory_ratio=16),
    ]  # fmt: skip
