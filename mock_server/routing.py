"""Match a concrete request path to an operation of one spec version.

Static paths are a dictionary lookup; templated paths are tried most specific first (more
literal segments win, so ``/charges/search`` beats ``/charges/{charge_id}``), and only those
with as many segments and the same first segment as the path (or a parameter there).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import msgspec

from versioning.spec.model import Operation

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = ["OperationRouter", "RouteMatch"]

_PARAMETER = re.compile(r"\{([^{}/]+)\}")


class RouteMatch(msgspec.Struct, frozen=True, kw_only=True):
    """The operations declared on one path, and the path parameters the request filled in."""

    template: str
    operations: dict[str, Operation]
    """By upper-case HTTP method."""
    path_params: dict[str, str]


class _Template(msgspec.Struct, frozen=True, kw_only=True):
    template: str
    depth: int
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    literal_segments: int
    operations: dict[str, Operation]


def _compile(normalised: str, template: str, operations: dict[str, Operation]) -> _Template:
    """A matcher for ``normalised`` (the template without a trailing slash)."""
    names: list[str] = []
    parts: list[str] = []
    position = 0
    for found in _PARAMETER.finditer(normalised):
        parts.append(re.escape(normalised[position : found.start()]))
        parts.append("([^/]+)")
        names.append(found.group(1))
        position = found.end()
    parts.append(re.escape(normalised[position:]))
    literal = sum(1 for segment in normalised.split("/") if segment and "{" not in segment)
    return _Template(
        template=template,
        depth=normalised.count("/"),
        pattern=re.compile("".join(parts)),
        names=tuple(names),
        literal_segments=literal,
        operations=operations,
    )


def _first_segment(path: str) -> str:
    """``charges`` for ``/charges/ch_1``; a template's may be a parameter (``{id}``)."""
    return path[1:].split("/", 1)[0]


class OperationRouter:
    """Finds the operations for a path among one spec's path templates."""

    def __init__(self, operations: Iterable[Operation]) -> None:
        """Index ``operations`` by path template."""
        by_path: dict[str, dict[str, Operation]] = {}
        for operation in operations:
            by_path.setdefault(operation.path, {})[operation.method.upper()] = operation
        self._static: dict[str, tuple[str, dict[str, Operation]]] = {}
        templates: list[_Template] = []
        for template, methods in by_path.items():
            normalised = template.rstrip("/") or "/"  # a trailing slash is not significant
            if _PARAMETER.search(template):
                templates.append(_compile(normalised, template, methods))
            else:
                self._static[normalised] = (template, methods)
        templates.sort(key=lambda item: (-item.literal_segments, -len(item.template)))
        # By (segments, first segment); a template starting with a parameter is tried for
        # every first segment, in its place in the order.
        self._candidates: dict[tuple[int, str], list[_Template]] = {}
        open_first: dict[int, list[_Template]] = {}
        for compiled in templates:
            first = _first_segment(compiled.template)
            if "{" in first:
                open_first.setdefault(compiled.depth, []).append(compiled)
            self._candidates.setdefault((compiled.depth, first), [])
        for compiled in templates:
            first = _first_segment(compiled.template)
            for (depth, key), bucket in self._candidates.items():
                if depth == compiled.depth and (key == first or "{" in first):
                    bucket.append(compiled)
        self._open_first = open_first

    def match(self, path: str) -> RouteMatch | None:
        """The operations declared for ``path`` (trailing slash ignored), or ``None``."""
        key = path.rstrip("/") or "/"
        static = self._static.get(key)
        if static is not None:
            return RouteMatch(template=static[0], operations=static[1], path_params={})
        # A parameter never spans a "/", so only templates with as many segments can match.
        depth = key.count("/")
        candidates = self._candidates.get((depth, _first_segment(key)))
        if candidates is None:
            candidates = self._open_first.get(depth, [])
        for template in candidates:
            found = template.pattern.fullmatch(key)
            if found is not None:
                return RouteMatch(
                    template=template.template,
                    operations=template.operations,
                    path_params=dict(zip(template.names, found.groups(), strict=True)),
                )
        return None
