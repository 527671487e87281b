"""``example``/``examples`` keywords inside schemas, each judged by the schema that holds it.

Walked: every component schema, every schema written inline in a media type, parameter or
header, and every schema a ``$ref`` leads to elsewhere (a referenced file). Each schema node
is visited once, named by where it is written: ``schema 'Money' property 'value'``, or ``the
schema of 201 response (application/json) of POST /checkouts property 'amount'``.

Direction: a schema is judged as a **response** unless it is only used in requests (reached
from request bodies and parameters, never from responses or webhook payloads). A schema
used on both sides, or by nothing, shows a whole object as a client reads it, so its
``readOnly`` required properties must be there; a request-only schema shows what a client
sends, so they may be absent.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, NamedTuple

from versioning.examples.pointers import component_name, describe_pointer, in_source, source_pointer
from versioning.examples.site import ExampleSite
from versioning.spec.location import join_pointer, pointer_tokens

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from versioning.examples.site import Holder
    from versioning.findings import Subject
    from versioning.messages import Direction
    from versioning.spec.model import Spec

__all__ = ["schema_sites"]

_CHILD = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
    "contentSchema",
)
_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def _children(node: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """``(tokens, subschema)`` for each direct subschema (``$ref`` targets excluded)."""
    for key in _CHILD:
        child = node.get(key)
        if isinstance(child, dict):
            yield (key,), child
        elif key == "items" and isinstance(child, list):
            yield from (((key, str(i)), item) for i, item in enumerate(child))
    for key in _LIST:
        items = node.get(key)
        if isinstance(items, list):
            yield from (((key, str(i)), item) for i, item in enumerate(items))
    for key in _MAP:
        members = node.get(key)
        if isinstance(members, dict):
            yield from (((key, str(name)), member) for name, member in members.items())


def _target(spec: Spec, node: dict[str, Any]) -> tuple[str, Any] | None:
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    try:
        return ref[1:], spec.resolve(ref)
    except (LookupError, ValueError):
        return None


def _reached(spec: Spec, roots: Iterable[Any]) -> set[int]:
    """Ids of every schema node reachable from ``roots`` through subschemas and ``$ref``s."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        target = _target(spec, node)
        if target is not None:
            stack.append(target[1])
        stack.extend(child for _, child in _children(node))
    return seen


def _segment_text(segment: tuple[str, ...]) -> str:
    """One step into a schema as messages print it (``.amount``, ``[]``, ``(allOf 0)``)."""
    keyword = segment[0]
    if keyword == "properties":
        return "." + segment[1]
    if keyword == "items":
        return "[]" if len(segment) == 1 else f"[{segment[1]}]"
    if keyword == "prefixItems":
        return f"[{segment[1]}]"
    if keyword == "additionalProperties":
        return ".*"
    return f"({' '.join(segment)})"


def _path_text(segments: tuple[tuple[str, ...], ...]) -> str:
    """``(("properties", "amount"), ("properties", "value"))`` → ``amount.value``."""
    return "".join(_segment_text(segment) for segment in segments).lstrip(".")


class _Root(NamedTuple):
    pointer: str
    schema: Any
    name: str
    """``schema 'Money'``, ``the schema of request body (application/json) of POST /c``."""
    operation: str | None
    subject: Subject | None


class _Walker:
    def __init__(self, spec: Spec, requests: set[int], responses: set[int]) -> None:
        self.spec = spec
        self.requests = requests
        self.responses = responses
        self.visited: set[int] = set()
        self.pending: deque[_Root] = deque()
        self.sites: list[ExampleSite] = []

    def direction(self, node: dict[str, Any]) -> Direction:
        only_requests = id(node) in self.requests and id(node) not in self.responses
        return "request" if only_requests else "response"

    def walk(self, root: _Root) -> None:
        """Visit every schema node under ``root`` not visited yet (iteratively, in order)."""
        stack: list[tuple[Any, tuple[tuple[str, ...], ...]]] = [(root.schema, ())]
        while stack:
            node, segments = stack.pop()
            if not isinstance(node, dict) or id(node) in self.visited:
                continue
            self.visited.add(id(node))
            target = _target(self.spec, node)
            if target is not None:
                self.pending.append(_named_root(*target))
            if "examples" in node:
                self.examples(root, node, segments)
            stack.extend(
                (child, (*segments, segment)) for segment, child in reversed(list(_children(node)))
            )

    def examples(
        self, root: _Root, node: dict[str, Any], segments: tuple[tuple[str, ...], ...]
    ) -> None:
        """One site per value of the node's ``examples`` (``example`` where the file says so)."""
        values = node["examples"]
        if not isinstance(values, list):
            return
        tokens = [token for segment in segments for token in segment]
        pointer = source_pointer(self.spec, root.pointer + join_pointer(tokens))
        single = not in_source(self.spec, [*pointer_tokens(pointer), "examples"])
        path = _path_text(segments)
        where = f"{root.name} property {path!r}" if path else root.name
        for index, value in enumerate(values):
            if single and index == 0:
                written, label = "example", f"example of {where}"
            else:
                written, label = f"examples/{index}", f"examples[{index}] of {where}"
            self.sites.append(
                ExampleSite(
                    label=label,
                    value=value,
                    pointer=f"{pointer}/{written}",
                    schema=node,
                    direction=self.direction(node),
                    operation=root.operation,
                    subject=root.subject,
                )
            )


def _named_root(pointer: str, schema: Any) -> _Root:
    """A schema reached by name: a component, or a ``$ref`` target elsewhere (another file)."""
    named = component_name(pointer)
    if named is not None and named[0] == "schema" and len(pointer_tokens(pointer)) == 3:
        name = f"schema {named[1]!r}"
    elif named is None and not pointer.startswith(("/paths/", "/webhooks/")):
        name = f"schema {describe_pointer(pointer)}"
    else:
        name = f"schema #{pointer}"
    return _Root(pointer=pointer, schema=schema, name=name, operation=None, subject=None)


def schema_sites(spec: Spec, holders: list[Holder]) -> list[ExampleSite]:
    """One site per value of every ``examples`` keyword (or ``example``) of every schema."""
    inline = [holder for holder in holders if isinstance(holder.schema, dict)]
    requests = _reached(spec, (h.schema for h in inline if h.direction == "request"))
    responses = _reached(spec, (h.schema for h in inline if h.direction == "response"))
    walker = _Walker(spec, requests, responses)
    for holder in inline:
        walker.walk(
            _Root(
                pointer=holder.schema_pointer,
                schema=holder.schema,
                name=f"the schema of {holder.part}",
                operation=holder.operation,
                subject=holder.subject,
            )
        )
    for name, schema in spec.schemas.items():
        walker.walk(_named_root("/components/schemas" + join_pointer([name]), schema))
    while walker.pending:
        walker.walk(walker.pending.popleft())
    return walker.sites
