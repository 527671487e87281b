"""The values a finding is about: what the source version allows at a place, edges first.

For a place (a property, a parameter, a header) with schemas in the source version (the one
messages come from: older for requests, newer for responses) and in the target version, the
candidates are the source's enum and ``const`` values, the examples and defaults of both
versions, values at and just past each bound either version sets, one value of each type the
source admits, and the member left out. Candidates the source does not accept are dropped
later, when the whole message is validated; the ones the target refuses are the witnesses
that exercise the break.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from versioning.coverage.embed import ABSENT
from versioning.coverage.locate import resolve
from versioning.samples import sample_value

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.spec.model import Spec

__all__ = ["MOST_CANDIDATES", "Candidate", "candidate_values"]

MOST_CANDIDATES = 24
"""Candidates per place at most: a few per kind, so ``check`` stays fast on big specs."""
_LONGEST = 10_000
"""Lengths, counts and sizes past this are not built (a limit of a million is not probed)."""
_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")


class Candidate(NamedTuple):
    """A value (or :data:`ABSENT`) and what it stands for, for people."""

    label: str
    value: Any


def _keywords(spec: Spec, schema: Any, depth: int = 0) -> dict[str, Any]:
    """The schema's keywords with its ``allOf`` parts folded in (first word wins)."""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict) or depth > 16:
        return {}
    merged = dict(schema)
    for part in schema.get("allOf") or ():
        for key, value in _keywords(spec, part, depth + 1).items():
            merged.setdefault(key, value)
    return merged


def _types(keywords: dict[str, Any], spec: Spec, depth: int = 0) -> list[str]:
    declared = keywords.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [item for item in declared if isinstance(item, str)]
    found: list[str] = []
    if depth > 16:  # a oneOf/anyOf cycle through $refs: the types met so far are the answer
        return found
    for keyword in ("oneOf", "anyOf"):
        for branch in keywords.get(keyword) or ():
            for kind in _types(_keywords(spec, branch), spec, depth + 1):
                if kind not in found:
                    found.append(kind)
    return found


def _declared_values(keywords: dict[str, Any], version: str) -> Iterator[Candidate]:
    for value in keywords.get("enum") or ():
        yield Candidate(f"{value!r}, an enum value of {version}", value)
    if "const" in keywords:
        yield Candidate(f"{keywords['const']!r}, the const of {version}", keywords["const"])
    if "default" in keywords:
        yield Candidate(f"the default of {version}", keywords["default"])
    examples = keywords.get("examples")
    for value in examples if isinstance(examples, list) else ():
        yield Candidate(f"an example of {version}", value)
    if "example" in keywords:
        yield Candidate(f"the example of {version}", keywords["example"])


def _number_edges(keywords: dict[str, Any], version: str, past: bool) -> Iterator[Candidate]:
    step: int | float = 1 if keywords.get("type") == "integer" else 0.5
    for keyword, sign in (("minimum", -1), ("maximum", 1)):
        bound = keywords.get(keyword)
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            value = bound + sign * step if past else bound
            where = "just past" if past else "at"
            yield Candidate(f"{value!r}, {where} the {keyword} of {version}", value)
    for keyword, sign in (("exclusiveMinimum", 1), ("exclusiveMaximum", -1)):
        bound = keywords.get(keyword)
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            value = bound if past else bound + sign * step
            yield Candidate(f"{value!r}, by the {keyword} of {version}", value)


def _length_edges(keywords: dict[str, Any], version: str, past: bool) -> Iterator[tuple[str, int]]:
    for keyword, shift in (("minLength", -1), ("maxLength", 1)):
        bound = keywords.get(keyword)
        if isinstance(bound, int) and not isinstance(bound, bool):
            size = bound + shift if past else bound
            if 0 <= size <= _LONGEST:
                where = "just past" if past else "at"
                yield f"{size} characters, {where} the {keyword} of {version}", size


def _count_edges(
    keywords: dict[str, Any], low: str, high: str, version: str, past: bool
) -> Iterator[tuple[str, int]]:
    for keyword, shift in ((low, -1), (high, 1)):
        bound = keywords.get(keyword)
        if isinstance(bound, int) and not isinstance(bound, bool):
            size = bound + shift if past else bound
            if 0 <= size <= _LONGEST // 50:
                where = "just past" if past else "at"
                yield f"{size}, {where} the {keyword} of {version}", size


def _sized(
    keywords: dict[str, Any], spec: Spec, direction: str, version: str, past: bool
) -> Iterator[Candidate]:
    yield from _number_edges(keywords, version, past)
    for label, size in _length_edges(keywords, version, past):
        yield Candidate(label, "x" * size)
    items = keywords.get("items")
    for label, size in _count_edges(keywords, "minItems", "maxItems", version, past):
        item = sample_value(items, spec, direction=direction, optional_depth=0)  # type: ignore[arg-type]
        yield Candidate(f"{label} items", [item] * size)
    extra = keywords.get("additionalProperties")
    if isinstance(extra, dict):
        for label, size in _count_edges(keywords, "minProperties", "maxProperties", version, past):
            value = sample_value(extra, spec, direction=direction, optional_depth=0)  # type: ignore[arg-type]
            yield Candidate(f"{label} members", {f"key{i}": value for i in range(size)})


def _typed(
    keywords: dict[str, Any], schema: Any, spec: Spec, direction: str, version: str
) -> Iterator[Candidate]:
    kinds = _types(keywords, spec) or ["object"]
    for kind in (kind for kind in _TYPES if kind in kinds):
        if kind == "null":
            yield Candidate(f"null, which {version} allows", None)
            continue
        typed = {**keywords, "type": kind}
        for depth in (0, 3) if kind in ("object", "array") else (0,):
            value = sample_value(typed, spec, direction=direction, optional_depth=depth)  # type: ignore[arg-type]
            filled = "every member" if depth else "the required members"
            label = f"a {kind} of {version}" + (f" with {filled}" if kind == "object" else "")
            yield Candidate(label, value)
    del schema


def candidate_values(
    source: list[Any],
    target: list[Any],
    *,
    source_spec: Spec,
    target_spec: Spec,
    direction: str,
    absent: bool = True,
) -> list[Candidate]:
    """The deduplicated candidates for a place (at most :data:`MOST_CANDIDATES`).

    Args:
        source: The place's schemas in the version messages come from.
        target: Its schemas in the version they go to (may be empty: the place is gone).
        source_spec: The spec ``source`` resolves in.
        target_spec: The spec ``target`` resolves in.
        direction: ``request`` or ``response`` (which of readOnly/writeOnly is left out).
        absent: Offer the member left out as a candidate.
    """
    source_version = source_spec.version or "the older version"
    target_version = target_spec.version or "the newer version"
    groups: list[list[Candidate]] = []
    for schema in source:
        keywords = _keywords(source_spec, schema)
        groups.append(list(_declared_values(keywords, source_version)))
        groups.append(list(_sized(keywords, source_spec, direction, source_version, past=False)))
        groups.append(list(_typed(keywords, schema, source_spec, direction, source_version)))
    for schema in target:
        keywords = _keywords(target_spec, schema)
        groups.append(list(_declared_values(keywords, target_version)))
        groups.append(list(_sized(keywords, source_spec, direction, target_version, past=True)))
    if absent:
        groups.append([Candidate("left out", ABSENT)])
    return _interleave(groups)


def _interleave(groups: list[list[Candidate]]) -> list[Candidate]:
    """Round-robin over the groups, so every kind of candidate is tried before the cap."""
    chosen: list[Candidate] = []
    seen: set[str] = set()
    index = 0
    while len(chosen) < MOST_CANDIDATES and any(index < len(group) for group in groups):
        for group in groups:
            if index < len(group):
                candidate = group[index]
                key = _key(candidate.value)
                if key not in seen:
                    seen.add(key)
                    chosen.append(candidate)
        index += 1
    return chosen[:MOST_CANDIDATES]


def _key(value: Any) -> str:
    if value is ABSENT:
        return "<absent>"
    try:
        return json.dumps(value, sort_keys=True, default=repr)
    except (TypeError, ValueError, RecursionError):
        return repr(value)
