"""What parameter steps do to a request's query, headers and path parameters on upgrade.

Each op works on fresh copies the hop made for this request (never the caller's dicts).
Header names are compared lower-case, as :class:`~versioning.translate.ApiRequest` keeps them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from versioning.changes.steps import ParameterAdded, ParameterRemoved, ParameterRenamed

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ParameterOp", "parameter_op"]

ParameterOp: TypeAlias = "Callable[[dict[str, list[str]], dict[str, str], dict[str, str]], None]"


def _bucket(
    location: str, query: dict[str, list[str]], headers: dict[str, str], path: dict[str, str]
) -> dict[str, object] | None:
    if location == "query":
        return query  # type: ignore[return-value]
    if location == "header":
        return headers  # type: ignore[return-value]
    if location == "path":
        return path  # type: ignore[return-value]
    return None


def _key(name: str, location: str) -> str:
    return name.lower() if location == "header" else name


def parameter_op(
    step: ParameterAdded | ParameterRenamed | ParameterRemoved,
    generator: Callable[[], str] | None,
) -> ParameterOp:
    """The upgrade op of one parameter step."""
    location = step.in_

    if isinstance(step, ParameterRenamed):
        old, new = _key(step.from_, location), _key(step.to, location)

        def rename(
            query: dict[str, list[str]], headers: dict[str, str], path: dict[str, str]
        ) -> None:
            bucket = _bucket(location, query, headers, path)
            if bucket is not None and old in bucket:
                bucket[new] = bucket.pop(old)

        return rename

    if isinstance(step, ParameterRemoved):
        name = _key(step.name, location)

        def remove(
            query: dict[str, list[str]], headers: dict[str, str], path: dict[str, str]
        ) -> None:
            bucket = _bucket(location, query, headers, path)
            if bucket is not None:
                bucket.pop(name, None)

        return remove

    name = _key(step.name, location)
    default = step.default

    def fill(query: dict[str, list[str]], headers: dict[str, str], path: dict[str, str]) -> None:
        bucket = _bucket(location, query, headers, path)
        if bucket is None or name in bucket:
            return
        value = generator() if generator is not None else default
        if value is None:
            return
        bucket[name] = [value] if location == "query" else value

    return fill
