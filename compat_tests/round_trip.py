"""Property 3's two halves: echo a request into a response, and compare what came back.

A server that stores what a client sends returns it under the same names; the echo does that
with a generated response of the newer version, overlaying the upgraded request's body on it
wherever the response declares the same path (nested objects included). After the echo came
back down the chain, every value the older request sent under a path the older response
declares must come back equal: whole messages are compared, nested objects and arrays
included, not only top-level fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from versioning.messages.scalars import resolved, sub_schema

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.spec.model import Spec

__all__ = [
    "Difference",
    "RoundTrip",
    "declared_member",
    "declared_names",
    "json_equal",
    "overlay",
    "shared_values",
]

_MAX_DEPTH = 64


class RoundTrip(msgspec.Struct, frozen=True, kw_only=True):
    """What one round trip compared (JSON pointers into the body), or why it compared nothing."""

    compared: tuple[str, ...] = ()
    reason: str = ""
    """Why nothing was compared (empty when something was)."""


class Difference(msgspec.Struct, frozen=True, kw_only=True):
    """A value that was sent under ``pointer`` and came back different (or not at all)."""

    pointer: str
    sent: Any
    came_back: Any
    missing: bool = False


def json_equal(left: Any, right: Any) -> bool:
    """JSON equality: ``1 == 1.0`` as in JSON, but ``true`` is not ``1``."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(json_equal(v, right[k]) for k, v in left.items())
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(json_equal, left, right))
    if isinstance(left, dict | list) or isinstance(right, dict | list):
        return False
    return bool(left == right)


def declared_member(spec: Spec, schema: Any, name: str) -> Any:
    """The schema ``schema`` declares for member ``name`` (``None``: not declared).

    Declared means listed in ``properties`` (of the schema or any of its ``allOf``/``anyOf``/
    ``oneOf`` parts) or covered by a schema-valued ``additionalProperties`` (a map).
    """
    target = resolved(schema, spec)
    if target is None:
        return None
    return sub_schema(target, name, spec)


def declared_names(spec: Spec, schema: Any, depth: int = 0) -> set[str]:
    """The property names ``schema`` lists (through ``$ref`` and ``allOf``/``anyOf``/``oneOf``)."""
    target = resolved(schema, spec)
    if target is None or depth > _MAX_DEPTH:
        return set()
    properties = target.get("properties")
    names = set(properties) if isinstance(properties, dict) else set()
    for keyword in ("allOf", "anyOf", "oneOf"):
        for part in target.get(keyword) or ():
            names |= declared_names(spec, part, depth + 1)
    return names


def _items(spec: Spec, schema: Any) -> Any:
    target = resolved(schema, spec)
    return sub_schema(target, "0", spec) if target is not None else None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def overlay(spec: Spec, schema: Any, base: Any, sent: Any, depth: int = 0) -> Any:
    """``base`` with the members of ``sent`` that ``schema`` declares written over it.

    Objects merge member by member (a response keeps the members the request does not
    send); arrays and scalars are replaced by what was sent.
    """
    if not isinstance(sent, dict) or depth > _MAX_DEPTH:
        return sent
    result = dict(base) if isinstance(base, dict) else {}
    for name, value in sent.items():
        member = declared_member(spec, schema, name)
        if member is not None:
            result[name] = overlay(spec, member, result.get(name), value, depth + 1)
    return result


def shared_values(
    spec: Spec, schema: Any, sent: Any, back: Any, *, pointer: str = "", depth: int = 0
) -> Iterator[tuple[str, Difference | None]]:
    """Each leaf of ``sent`` that ``schema`` declares, and how it came back in ``back``.

    Yields ``(pointer, None)`` for a value that came back equal, ``(pointer, difference)``
    otherwise. Members ``schema`` does not declare are not compared: the older response need
    not return everything the older request sends.
    """
    if depth > _MAX_DEPTH:
        return
    if isinstance(sent, dict):
        if not isinstance(back, dict):
            yield pointer, Difference(pointer=pointer, sent=sent, came_back=back)
            return
        for name, value in sent.items():
            member = declared_member(spec, schema, name)
            if member is None:
                continue
            where = f"{pointer}/{_escape(str(name))}"
            if name not in back:
                yield where, Difference(pointer=where, sent=value, came_back=None, missing=True)
            else:
                yield from shared_values(
                    spec, member, value, back[name], pointer=where, depth=depth + 1
                )
        return
    if isinstance(sent, list) and sent:
        if not isinstance(back, list) or len(back) != len(sent):
            yield pointer, Difference(pointer=pointer, sent=sent, came_back=back)
            return
        items = _items(spec, schema)
        for index, (value, returned) in enumerate(zip(sent, back, strict=True)):
            where = f"{pointer}/{index}"
            if items is None:
                same = json_equal(value, returned)
                difference = Difference(pointer=where, sent=value, came_back=returned)
                yield where, None if same else difference
            else:
                yield from shared_values(
                    spec, items, value, returned, pointer=where, depth=depth + 1
                )
        return
    if json_equal(sent, back):
        yield pointer, None
    else:
        yield pointer, Difference(pointer=pointer, sent=sent, came_back=back)
