"""Hostile and malformed inputs, generated: one per crash class of issues 12 and 13, and more.

A :class:`Case` is a small folder: the files to write (the entry spec and any ``$ref``
targets), symbolic links, FIFOs and sparse files. Most are a valid document with one thing
wrong, built from :func:`document`; the big ones (memory and time bounds) are in
``large.py``. The checked-in files of ``tests/corpus/hostile`` are added by ``corpus.py``.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Literal, TypeAlias

import msgspec
import yaml

__all__ = ["BASE_VERSION", "REVISION_VERSION", "Case", "Expect", "document", "generated_cases"]

Expect: TypeAlias = Literal["error", "clean", "any"]
"""``error``: every command must refuse it with a located error; ``clean``: every command
must read it (a report, exit 0 or 1); ``any``: either, but nothing else."""

BASE_VERSION = "2024-01-01"
REVISION_VERSION = "2024-02-01"


class Case(msgspec.Struct, frozen=True, kw_only=True):
    """One hostile input: a folder's worth of files, and what every command must make of it."""

    name: str
    entry: str
    files: dict[str, bytes]
    expect: Expect = "any"
    links: dict[str, str] = {}
    """Symbolic link name → target (may be itself)."""
    fifos: tuple[str, ...] = ()
    sparse: dict[str, int] = {}
    """File name → size: created empty and extended (costs no disk)."""
    about: str = ""
    memory_ratio: float | None = None
    """Peak memory that loading it may add, per input byte (checked for the large cases)."""


def document(**changes: Any) -> dict[str, Any]:
    """A small valid OpenAPI 3.1 document (one operation ``GET /a``), with ``changes``.

    ``operation=`` merges into the operation, ``schema=`` becomes its 200 response's schema,
    ``parameter=`` its only parameter; other keys replace top-level fields (``None`` deletes).
    """
    operation: dict[str, Any] = {
        "operationId": "getA",
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}}},
    }  # fmt: skip
    result: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "hostile", "version": REVISION_VERSION},
        "paths": {"/a": {"get": operation}},
    }
    for key, value in changes.items():
        if key == "operation":
            operation.update(value)
        elif key == "schema":
            operation["responses"]["200"]["content"]["application/json"]["schema"] = value
        elif key == "parameter":
            operation["parameters"] = [value]
        elif value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def as_json(value: Any) -> bytes:
    return json.dumps(value, indent=1).encode()


def as_yaml(value: Any) -> bytes:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True).encode()


def _json_case(name: str, value: Any, *, about: str, expect: Expect = "any", **extra: Any) -> Case:
    return Case(name=name, entry="spec.json", files={"spec.json": as_json(value)},
                expect=expect, about=about, **extra)  # fmt: skip


def _nested(levels: int, leaf: Any, key: str = "a") -> Any:
    value = leaf
    for _ in range(levels):
        value = {key: value}
    return value


def _items_schema(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "array", "items": schema}
    return schema


def _validator_cases() -> list[Case]:
    """What openapi-spec-validator crashed on (issue 12) and what ``validate`` must refuse."""
    cases = [
        ("parameters_not_a_list", document(operation={"parameters": "x"})),
        ("parameter_not_an_object", document(operation={"parameters": [5]})),
        ("parameter_in_a_number", document(parameter={"name": "q", "in": 5})),
        ("parameter_in_a_mapping", document(parameter={"name": "q", "in": {}})),
        ("parameter_name_a_list", document(parameter={"name": ["q"], "in": "query"})),
        ("operation_tags_not_a_list", document(operation={"tags": "x"})),
        ("tags_not_a_list", document(tags="x")),
        ("tags_items_numbers", document(tags=[1, 2])),
        ("responses_a_list", document(operation={"responses": ["200"]})),
        ("security_a_mapping", document(security={"a": []})),
        ("security_scopes_a_string", document(security=[{"a": "read"}])),
        ("servers_a_string", document(servers="https://x")),
        ("server_url_template_open", document(servers=[{"url": "https://{x"}])),
        ("components_a_list", document(components=[])),
    ]
    found = [_json_case(name, value, about="wrong type for the validator") for name, value in cases]
    templates = {"path_template_unclosed": "/{unclosed", "path_template_lone_brace": "/a}",
                 "path_template_empty": "/{}", "path_without_slash": "a"}  # fmt: skip
    for name, template in templates.items():
        value = document()
        value["paths"][template] = value["paths"]["/a"]
        found.append(_json_case(name, value, about="path template"))
    return found


def _ref_cases() -> list[Case]:
    """``$ref``s no file system opens, data ``$ref``s the validator followed, pointer tricks."""

    def schema_ref(ref: str) -> dict[str, Any]:
        return document(schema={"$ref": ref})

    def default_ref(ref: str) -> dict[str, Any]:
        return document(schema={"type": "object", "default": {"$ref": ref}})

    found = [
        _json_case("ref_nul_in_file_name", schema_ref("a\u0000b.yaml"), about="NUL"),
        _json_case("ref_control_in_file_name", schema_ref("a\nb.yaml"), about="newline"),
        _json_case("ref_file_name_300_chars", schema_ref("x" * 300 + ".yaml"), about="NAME_MAX"),
        _json_case("ref_path_5000_chars", schema_ref("d/" * 2500 + "x.yaml"), about="PATH_MAX"),
        _json_case(
            "ref_superscript_segment",
            document(
                operation={"parameters": [{"name": "q", "in": "query"}]},
                components={"schemas": {"A": {"$ref": "#/paths/~1a/get/parameters/\u00b2"}}},
            ),
            about="'²'.isdigit()",
        ),
        _json_case(
            "ref_index_5000_digits",
            schema_ref("#/paths/~1a/get/parameters/" + "9" * 5000),
            about="int() digit limit",
        ),
        _json_case(
            "ref_dangling", schema_ref("#/components/schemas/Missing"), about="lenient refs"
        ),
        _json_case("ref_not_a_string", document(schema={"$ref": 5}), about="$ref: 5"),
        _json_case("ref_remote", schema_ref("http://127.0.0.1:9/x.yaml"), about="no network"),
        _json_case("ref_file_url", schema_ref("file:///etc/passwd"), about="file URL"),
        _json_case("ref_escapes_folder", schema_ref("../../../../etc/passwd"), about="escape"),
        _json_case("ref_to_folder", schema_ref("./"), about="a directory"),
        _json_case("ref_backslashes", schema_ref("schemas\\a.yaml"), about="Windows path"),
        _json_case("default_ref_dangling", default_ref("#/nowhere"), about="PointerToNowhere"),
        _json_case("default_ref_remote", default_ref("http://127.0.0.1:9/x"), about="no fetch"),
        _json_case("default_ref_outside", default_ref("../../../../etc/hostname"), about="escape"),
        _json_case(
            "ref_chain_cycle",
            document(
                schema={"$ref": "#/components/schemas/A"},
                components={
                    "schemas": {
                        "A": {"$ref": "#/components/schemas/B"},
                        "B": {"$ref": "#/components/schemas/A"},
                    }
                },
            ),
            about="A → B → A",
        ),
        _json_case(
            "ref_cycle_through_allof",
            document(
                schema={"$ref": "#/components/schemas/A"},
                components={
                    "schemas": {
                        "A": {"allOf": [{"$ref": "#/components/schemas/B"}]},
                        "B": {"anyOf": [{"$ref": "#/components/schemas/A"}]},
                    }
                },
            ),
            about="recursion through composition",
        ),
        _json_case("ref_to_whole_document", schema_ref("#"), about="root"),
    ]
    chain = {f"S{index}": {"type": "object", "properties": {
        "next": {"$ref": f"#/components/schemas/S{index + 1}"}}} for index in range(400)}  # fmt: skip
    chain["S400"] = {"type": "string"}
    found.append(_json_case("ref_chain_400_schemas", document(
        schema={"$ref": "#/components/schemas/S0"}, components={"schemas": chain}),
        about="400 nested schemas, each a $ref away: deep through refs"))  # fmt: skip
    folder_case = document(schema={"$ref": "loop/x.yaml"})
    found.append(Case(name="ref_symlink_loop", entry="spec.json",
                      files={"spec.json": as_json(folder_case)}, links={"loop": "loop"},
                      about="a folder link to itself"))  # fmt: skip
    found.append(Case(name="ref_fifo", entry="spec.json",
                      files={"spec.json": as_json(document(schema={"$ref": "pipe.yaml"}))},
                      fifos=("pipe.yaml",), about="blocks forever on open"))  # fmt: skip
    found.append(Case(name="ref_sparse_65mb", entry="spec.json",
                      files={"spec.json": as_json(document(schema={"$ref": "big.yaml"}))},
                      sparse={"big.yaml": 65 * 1024 * 1024}, about="size limit"))  # fmt: skip
    return found


def _entry_cases() -> list[Case]:
    """The spec argument itself: not a file, no file at all, a name that is not UTF-8."""
    valid = as_yaml(document())
    return [
        Case(name="tiny_valid", entry="spec.yaml", files={"spec.yaml": valid}, expect="clean",
             about="the baseline: what a command costs on a tiny spec"),
        Case(name="entry_fifo", entry="spec.yaml", files={}, fifos=("spec.yaml",),
             expect="error", about="blocked forever"),
        Case(name="entry_symlink_loop", entry="spec.yaml", files={},
             links={"spec.yaml": "spec.yaml"}, expect="error", about="ELOOP"),
        Case(name="entry_missing", entry="nothing.yaml", files={}, expect="error", about="ENOENT"),
        Case(name="entry_name_not_utf8", entry="spec-\udcff.yaml", files={"spec-\udcff.yaml": valid},
             about="printing the name must not fail"),
        Case(name="entry_empty", entry="spec.yaml", files={"spec.yaml": b""}, expect="error"),
        Case(name="entry_bom_only", entry="spec.yaml", files={"spec.yaml": b"\xef\xbb\xbf"},
             expect="error"),
        Case(name="entry_binary", entry="spec.yaml",
             files={"spec.yaml": bytes(range(256)) * 64}, expect="error"),
    ]  # fmt: skip


def _value_cases() -> list[Case]:
    """Sizes and depths: integers past Python's digit limit, nesting past its stack."""
    digits = "9" * 5000
    spec_json = json.dumps(document(), indent=1)
    block = "".join("  " * (level + 1) + "k:\n" for level in range(600))
    deep_arrays = "[" * 600 + "]" * 600
    return [
        Case(name="integer_5000_digits_json", entry="spec.json",
             files={"spec.json": (spec_json[:-2] + f',\n "x-n": {digits}\n}}').encode()},
             expect="error"),
        Case(name="integer_5000_digits_yaml", entry="spec.yaml",
             files={"spec.yaml": as_yaml(document()) + f"x-n: {digits}\n".encode()},
             expect="error"),
        Case(name="integer_hex_5000_digits_yaml", entry="spec.yaml",
             files={"spec.yaml": as_yaml(document()) + f"x-n: 0x{'f' * 5000}\n".encode()},
             expect="error"),
        Case(name="yaml_block_600_deep", entry="spec.yaml",
             files={"spec.yaml": as_yaml(document()) + f"x-deep:\n{block}".encode()},
             expect="error"),
        Case(name="json_arrays_600_deep", entry="spec.json",
             files={"spec.json": (spec_json[:-2] + f',\n "x-deep": {deep_arrays}\n}}').encode()},
             expect="error"),
        Case(name="json_arrays_100k_deep", entry="spec.json",
             files={"spec.json": ("[" * 100_000 + "]" * 100_000).encode()}, expect="error"),
        _json_case("default_900_deep", document(schema={"type": "object",
                   "default": _nested(900, 1)}), about="diff recursion", expect="error"),
        _json_case("default_at_the_depth_limit", document(schema={"type": "object",
                   "default": _nested(54, 2)}), about="at the limit: diff compares it"),
        _json_case("schema_items_at_the_depth_limit", document(schema=_items_schema(55)),
                   about="schemas at the depth limit, through every stage", expect="clean"),
        _json_case("schema_properties_50_deep", document(schema=_nested(50, {"type": "string"},
                   key="properties")), about="properties nesting"),
        _json_case("lone_surrogate_value", document(info={"title": "\ud800", "version": "1"}),
                   about="unpaired surrogate", expect="error"),
        _json_case("lone_surrogate_key", document(schema={"type": "object",
                   "properties": {"\udfff": {}}}), about="unpaired surrogate key", expect="error"),
        Case(name="yaml_surrogate_escape", entry="spec.yaml",
             files={"spec.yaml": as_yaml(document()) + b'x-s: "\\ud800"\n'}, expect="error"),
        Case(name="string_5mb_one_line", entry="spec.json",
             files={"spec.json": as_json(document(info={"title": "x" * 5_000_000,
                                                         "version": REVISION_VERSION}))},
             about="a long line and a long string"),
        Case(name="yaml_merge_scalar", entry="spec.yaml",
             files={"spec.yaml": as_yaml(document()) + b"a: &a 1\nx-m:\n  <<: *a\n"},
             expect="error"),
        Case(name="yaml_anchor_key_alias", entry="spec.yaml",
             files={"spec.yaml": as_yaml(document()) + b"x-a: {&k key: 1}\nx-b: {*k : 2}\n"}),
    ]  # fmt: skip


def _shape_cases() -> list[Case]:
    """OpenAPI and schema keywords of the wrong type where later stages read them."""
    schemas: dict[str, Any] = {
        "schema_type_a_mapping": {"type": {}},
        "schema_type_unknown": {"type": "strnig"},
        "schema_properties_a_list": {"type": "object", "properties": []},
        "schema_property_a_number": {"type": "object", "properties": {"a": 5}},
        "schema_required_a_string": {"type": "object", "required": "a"},
        "schema_required_numbers": {"type": "object", "required": [1]},
        "schema_enum_a_mapping": {"type": "string", "enum": {}},
        "schema_enum_unhashable": {"enum": [{}, [], {"a": [1]}]},
        "schema_items_a_number": {"type": "array", "items": 5},
        "schema_allof_a_mapping": {"allOf": {}},
        "schema_oneof_numbers": {"oneOf": [1, 2]},
        "schema_minimum_a_string": {"type": "integer", "minimum": "0"},
        "schema_max_length_negative": {"type": "string", "maxLength": -1},
        "schema_min_items_huge": {"type": "array", "minItems": 10**18},
        "schema_pattern_invalid": {"type": "string", "pattern": "(["},
        "schema_additional_a_number": {"type": "object", "additionalProperties": 5},
        "schema_discriminator_a_string": {"oneOf": [{}], "discriminator": "kind"},
        "schema_discriminator_mapping_list": {
            "oneOf": [{}],
            "discriminator": {"propertyName": "k", "mapping": ["x"]},
        },
        "schema_format_a_number": {"type": "string", "format": 5},
        "schema_const_deep": {"const": _nested(100, [1])},
        "schema_boolean_false": False,
        "schema_not_an_object": "string",
        "schema_nan_bound": {"type": "number", "maximum": float("nan")},
        "schema_type_list_with_an_object": {"type": ["string", {}]},
    }
    found = [_json_case(name, document(schema=schema), about="schema keyword type")
             for name, schema in schemas.items()]  # fmt: skip
    odd = {"odd": {"$ref": "#/paths/~1a/get/parameters/\u00b2"}}
    found.append(_json_case("schema_ref_under_an_unknown_key", document(
        parameter={"name": "id", "in": "query"},
        operation={"requestBody": {"content": {"application/json": {"schema": odd}}}}),
        about="a $ref the bundler never visits, followed by the diff"))  # fmt: skip
    openapi30 = document(schema={"type": "string", "nullable": "yes", "exclusiveMinimum": "x"})
    openapi30["openapi"] = "3.0.3"
    found.append(_json_case("openapi30_nullable_a_string", openapi30, about="3.0 keywords"))
    others: dict[str, dict[str, Any]] = {
        "responses_null": document(operation={"responses": None}),
        "response_null": document(operation={"responses": {"200": None}}),
        "paths_item_null": document(paths={"/a": None}),
        "content_a_list": document(operation={"responses": {"200": {"description": "x",
                                                                    "content": []}}}),
        "headers_a_list": document(operation={"responses": {"200": {"description": "x",
                                                                    "headers": []}}}),
        "examples_a_list": document(parameter={"name": "q", "in": "query", "examples": []}),
        "request_body_a_string": document(operation={"requestBody": "x"}),
        "callbacks_odd": document(operation={"callbacks": {"cb": {"{$url}": {"post": 5}}}}),
        "webhooks_a_list": document(webhooks=[]),
        "info_a_string": document(info="x"),
        "info_version_a_number": document(info={"title": "t", "version": 1.5}),
        "status_code_odd": document(operation={"responses": {"2XX0": {"description": "x"},
                                                             "x-1": None}}),
    }  # fmt: skip
    found.extend(_json_case(name, value, about="OpenAPI object type")
                 for name, value in others.items())  # fmt: skip
    nulls = copy.deepcopy(document())
    nulls.update(components=None, servers=None, security=None, tags=None, webhooks=None)
    found.append(_json_case("top_level_nulls", nulls, about="--lenient drops them"))
    return found


def generated_cases() -> list[Case]:
    """Every generated small case (the big ones are in ``large.py``)."""
    return [*_validator_cases(), *_ref_cases(), *_entry_cases(), *_value_cases(), *_shape_cases()]
