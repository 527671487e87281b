"""Match a concrete request path to an operation of one spec version.

Static paths are a dictionary lookup; templated paths are tried most specific first (more
literal segments win, so ``/charges/search`` beats ``/charges/{charge_id}``).
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
        self._by_depth: dict[int, list[_Template]] = {}
        for compiled in templates:
            self._by_depth.setdefault(compiled.depth, []).append(compiled)

    def match(self, path: str) -> RouteMatch | None:
        """The operations declared for ``path`` (trailing slash ignored), or ``None``."""
        key = path.rstrip("/") or "/"
        static = self._static.get(key)
        if static is not None:
            return RouteMatch(template=static[0], operations=static[1], path_params={})
        # A parameter never spans a "/", so only templates with as many segments can match.
        for template in self._by_depth.get(key.count("/"), ()):
            found = template.pattern.fullmatch(key)
            if found is not None:
                return RouteMatch(
                    template=template.template,
                    operations=template.operations,
                    path_params=dict(zip(template.names, found.groups(), strict=True)),
                )
        return None
