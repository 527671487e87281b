"""Which validation problems an ``acknowledged`` step explains (a declared, untranslatable break).

An acknowledged step names a schema (and maybe a field) or a parameter, and maybe the
operations it is about. A problem is explained when the schema keyword that reported it
(:attr:`~versioning.messages.Problem.schema_pointer`) lies inside that schema or field, in
either version of the hop (``/components/schemas/Metadata/maxProperties`` lies inside
``/components/schemas/Metadata``), or when it is about that parameter. A field whose schema
is a ``$ref`` also covers the schema it refers to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.changes.steps import Acknowledged
from versioning.spec.location import pointer_tokens, resolve_pointer

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from versioning.catalog import Catalog
    from versioning.messages import Problem
    from versioning.spec.model import Spec
    from versioning.translate import Translator

__all__ = ["Acknowledgements", "schema_pointers"]

_MAX_REFS = 32


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _node(spec: Spec, pointer: str) -> Any:
    try:
        return resolve_pointer(spec.document, pointer_tokens(pointer))
    except (LookupError, ValueError, TypeError):
        return None


def _ref_chain(spec: Spec, pointer: str) -> list[str]:
    """``pointer`` and the pointers its pure ``$ref`` chain leads to."""
    chain = [pointer]
    node = _node(spec, pointer)
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and len(chain) < _MAX_REFS:
        ref = node["$ref"]
        if not ref.startswith("#") or ref[1:] in chain:
            break
        chain.append(ref[1:])
        node = _node(spec, ref[1:])
    return chain


def _variants(spec: Spec, pointer: str, depth: int = 0) -> Iterator[str]:
    """``pointer``, its ``$ref`` targets and its ``allOf``/``anyOf``/``oneOf`` parts."""
    if depth > _MAX_REFS:
        return
    for target in _ref_chain(spec, pointer):
        yield target
        node = _node(spec, target)
        for keyword in ("allOf", "anyOf", "oneOf"):
            parts = node.get(keyword) if isinstance(node, dict) else None
            if isinstance(parts, list):
                for index in range(len(parts)):
                    yield from _variants(spec, f"{target}/{keyword}/{index}", depth + 1)


def _field_pointer(spec: Spec, pointer: str, tokens: Iterable[str]) -> str | None:
    for token in tokens:
        for variant in _variants(spec, pointer):
            properties = _node(spec, variant + "/properties")
            if isinstance(properties, dict) and token in properties:
                pointer = f"{variant}/properties/{_escape(token)}"
                break
        else:
            return None
    return pointer


def schema_pointers(spec: Spec, schema: str, field: str | None) -> list[str]:
    """The document pointers an acknowledgement of ``schema`` (and ``field``) covers in ``spec``.

    Empty when ``spec`` has no such schema or field.
    """
    if schema not in spec.schemas:
        return []
    pointer = "/components/schemas/" + _escape(schema)
    if field is None:
        return [pointer]
    found = _field_pointer(spec, pointer, field.split("."))
    return _ref_chain(spec, found) if found is not None else []


def _inside(pointer: str, scopes: Iterable[str]) -> bool:
    return any(pointer == scope or pointer.startswith(scope + "/") for scope in scopes)


class _HopAcknowledgements:
    """The acknowledged steps of one hop, as pointers, parameter names and operations."""

    def __init__(self) -> None:
        self.scopes: list[tuple[frozenset[str] | None, tuple[str, ...], str | None]] = []

    def add(self, step: Acknowledged, pointers: list[str]) -> None:
        operations = frozenset(step.operations) if step.operations is not None else None
        parameter = step.parameter.casefold() if step.parameter is not None else None
        self.scopes.append((operations, tuple(pointers), parameter))

    def explains(self, problem: Problem, operations: frozenset[str]) -> bool:
        for wanted, pointers, parameter in self.scopes:
            if wanted is not None and not wanted & operations:
                continue
            named = problem.parameter
            if parameter is not None and named is not None and named.casefold() == parameter:
                return True
            if problem.schema_pointer is not None and _inside(problem.schema_pointer, pointers):
                return True
        return False


class Acknowledgements:
    """The acknowledged breaks of each hop, ready to explain validation problems."""

    def __init__(self, catalog: Catalog, translator: Translator) -> None:
        self._hops: dict[str, _HopAcknowledgements] = {}
        self.reasons: dict[str, list[str]] = {}
        for hop in translator.hops:
            acknowledged = _HopAcknowledgements()
            reasons: list[str] = []
            specs = (catalog.specs[hop.older_id], catalog.specs[hop.newer_id])
            for located in hop.changes.steps():
                step = located.step
                if not isinstance(step, Acknowledged):
                    continue
                reasons.append(f"{located.label()}: {step.reason.strip()}")
                pointers: list[str] = []
                if step.schema is not None:
                    for spec in specs:
                        pointers += schema_pointers(spec, step.schema, step.field)
                acknowledged.add(step, pointers)
            self._hops[hop.newer_id] = acknowledged
            self.reasons[hop.newer_id] = reasons

    def unexplained(
        self, problems: list[Problem], newer: str, operations: Iterable[str] = ()
    ) -> list[Problem]:
        """The problems no acknowledged step of the hop into ``newer`` explains.

        Args:
            problems: The problems of a message of either version of the hop.
            newer: The hop's newer version (a hop is named by it).
            operations: The operation's keys in the hop's versions; a step that names
                operations applies only to those.
        """
        hop = self._hops.get(newer)
        if hop is None:
            return problems
        keys = frozenset(operations)
        return [problem for problem in problems if not hop.explains(problem, keys)]
