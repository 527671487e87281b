"""Expand compact rule fixture cases into full minimal specs and expected findings.

A *schema case* gives two schemas and the contexts to try them in; the builder places the
schema where each context says (a request body, a property inside one, a query parameter,
a response header …) in an otherwise identical ``POST /things``, and turns the case's
relative pointers (``at``, ``base_at``, ``revision_at``; ``#/…`` for absolute ones) into the
pointers each finding must carry. A *spec case* gives two partial documents directly.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import yaml

from versioning.rules.contexts import CONTEXTS
from versioning.spec.loader import load_spec_text
from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from versioning.spec.model import Spec

CASES = Path(__file__).parent / "cases"
OPERATION = "POST /things"
TODAY = dt.date(2026, 1, 1)
_OP = "/paths/~1things/post"
_BODY = f"{_OP}/requestBody/content/application~1json/schema"
_RESPONSE = f"{_OP}/responses/200"


class Expected(msgspec.Struct, frozen=True, order=True):
    """One finding a case must produce (rule, level, operation and both pointers)."""

    rule: str
    level: str
    operation: str | None
    base: str | None
    revision: str | None


class Run(msgspec.Struct, frozen=True, kw_only=True):
    """One comparison to make: two documents, a date, the findings expected."""

    id: str
    base: dict[str, Any]
    revision: dict[str, Any]
    today: dt.date
    expected: frozenset[Expected]
    exact: bool = True
    """``False`` for mirror runs: the mirror findings must be among the findings."""


def skeleton(operation: dict[str, Any] | None = None) -> dict[str, Any]:
    """A minimal 3.1 document with ``POST /things`` (answering 200 with no body)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "fixture", "version": "1"},
        "paths": {"/things": {"post": operation or {"responses": {"200": {"description": "ok"}}}}},
        "components": {"schemas": {}},
    }


def load(document: dict[str, Any], name: str) -> Spec:
    """Load a fixture document as the loader would load a file."""
    return load_spec_text(json.dumps(document), file=name)


# -- schema cases ------------------------------------------------------------------------


def _wrap(schema: Any, nested: bool) -> Any:
    return {"type": "object", "properties": {"field": schema}} if nested else schema


def place(context: str, schema: Any) -> tuple[dict[str, Any], str]:
    """The operation holding ``schema`` in ``context``, and the pointer of the schema."""
    nested = CONTEXTS[context].nested
    inner = "/properties/field" if nested else ""
    value = _wrap(schema, nested)
    ok: dict[str, Any] = {"description": "ok"}
    operation: dict[str, Any] = {"responses": {"200": ok}}
    if context in {"request-body", "request-property"}:
        operation["requestBody"] = {"content": {"application/json": {"schema": value}}}
        return operation, _BODY + inner
    if context in {"request-parameter", "request-parameter-property", "request-header-property"}:
        header = context == "request-header-property"
        parameter = {"name": "X-Thing" if header else "thing", "in": "header" if header else "query",
                     "schema": value}  # fmt: skip
        operation["parameters"] = [parameter]
        return operation, f"{_OP}/parameters/0/schema{inner}"
    if context in {"response-body", "response-property"}:
        ok["content"] = {"application/json": {"schema": value}}
        return operation, f"{_RESPONSE}/content/application~1json/schema{inner}"
    ok["headers"] = {"X-Thing": {"schema": value}}
    return operation, f"{_RESPONSE}/headers/X-Thing/schema{inner}"


def _pointer(prefix: str, relative: str | None) -> str | None:
    if relative is None:
        return None
    return relative[1:] if relative.startswith("#") else prefix + relative


def _document(
    case: dict[str, Any], side: str, context: str, schema: Any
) -> tuple[dict[str, Any], str]:
    operation, prefix = place(context, copy.deepcopy(schema))
    document = skeleton(operation)
    components = case.get(f"{side}_components", case.get("components", {}))
    document["components"]["schemas"] = copy.deepcopy(components)
    return document, prefix


def _fill(template: Any, context: str) -> Any:
    """A per-context value: a mapping by context or direction, or a ``{context}`` template."""
    direction = CONTEXTS[context].direction
    if isinstance(template, dict):
        template = template.get(context, template.get(direction))
    if isinstance(template, str):
        return template.format(context=context, direction=direction)
    return template


def _expectations(case: dict[str, Any]) -> list[dict[str, Any]]:
    first = {k: case[k] for k in ("rule", "level", "at", "base_at", "revision_at") if k in case}
    return [first, *case.get("also", ())]


def schema_runs(case: dict[str, Any], source: str) -> list[Run]:
    """One run per context of a schema case."""
    contexts = list(CONTEXTS) if case.get("contexts", "all") == "all" else case["contexts"]
    runs: list[Run] = []
    for context in contexts:
        base, base_prefix = _document(case, "base", context, case["base"])
        revision, revision_prefix = _document(case, "revision", context, case["revision"])
        expected = set()
        for item in _expectations(case):
            rule = _fill(item["rule"], context)
            if rule is None:
                continue
            at = item.get("at", "")
            expected.add(Expected(
                rule=rule, level=_fill(item["level"], context), operation=OPERATION,
                base=_pointer(base_prefix, _fill(item.get("base_at", at), context)),
                revision=_pointer(revision_prefix, _fill(item.get("revision_at", at), context)),
            ))  # fmt: skip
        runs.append(Run(
            id=f"{source}:{case['name']}:{context}", base=base, revision=revision,
            today=case.get("today", TODAY), expected=frozenset(expected),
        ))  # fmt: skip
    return runs


def mirror_runs(case: dict[str, Any], source: str, mirror_of: dict[str, str | None]) -> list[Run]:
    """Each schema-case run reversed in the mirror context, expecting the mirror rules."""
    runs: list[Run] = []
    for run in schema_runs(case, source):
        context = run.id.rsplit(":", 1)[1]
        target = CONTEXTS[context].mirror
        mirrored = {e for e in run.expected if mirror_of.get(e.rule)}
        if target is None or not mirrored:
            continue
        swapped = {**case, "base": case["revision"], "revision": case["base"],
                   "base_components": case.get("revision_components", case.get("components", {})),
                   "revision_components": case.get("base_components", case.get("components", {}))}  # fmt: skip
        base, base_prefix = _document(swapped, "base", target, swapped["base"])
        revision, revision_prefix = _document(swapped, "revision", target, swapped["revision"])
        source_prefix = place(context, {})[1]
        expected = {
            Expected(
                rule=mirror_of[e.rule] or "", level="", operation=OPERATION,
                base=_rebase(e.revision, source_prefix, base_prefix),
                revision=_rebase(e.base, source_prefix, revision_prefix),
            )
            for e in mirrored
        }  # fmt: skip
        runs.append(Run(id=f"{run.id}->{target}", base=base, revision=revision, today=run.today,
                        expected=frozenset(expected), exact=False))  # fmt: skip
    return runs


def _rebase(pointer: str | None, old: str, new: str) -> str | None:
    if pointer is None or not pointer.startswith(old):
        return pointer
    return new + pointer[len(old) :]


# -- spec cases --------------------------------------------------------------------------


def _merge(document: dict[str, Any], partial: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(document)
    for key, value in partial.items():
        result[key] = copy.deepcopy(value)
    return result


def spec_runs(case: dict[str, Any], source: str) -> list[Run]:
    """The one run of a spec case (partial documents over the skeleton)."""
    empty = skeleton()
    del empty["paths"]["/things"]
    expected = frozenset(
        Expected(rule=item["rule"], level=item["level"], operation=item.get("operation"),
                 base=item.get("base"), revision=item.get("revision"))
        for item in case["expect"]
    )  # fmt: skip
    return [Run(
        id=f"{source}:{case['name']}", base=_merge(empty, case["base"]),
        revision=_merge(empty, case["revision"]), today=case.get("today", TODAY),
        expected=expected,
    )]  # fmt: skip


def all_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every case of every file under ``cases/``, with its file name."""
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            found.append((path.stem, case))
    return found


def runs(*, mirrors: dict[str, str | None] | None = None) -> list[Run]:
    """Every run of every case; with ``mirrors`` (rule → mirror), the mirror runs instead."""
    result: list[Run] = []
    for source, case in all_cases():
        if "expect" in case:
            result.extend([] if mirrors is not None else spec_runs(case, source))
        elif mirrors is not None:
            result.extend(mirror_runs(case, source, mirrors))
        else:
            result.extend(schema_runs(case, source))
    return result


__all__ = ["Expected", "Run", "all_cases", "join_pointer", "load", "place", "runs", "skeleton"]
