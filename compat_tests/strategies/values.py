"""The public entry point for values: ``from_schema``, with builders shared per document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from compat_tests.strategies.builder import DEFAULT_MAX_DEPTH, SchemaStrategies

if TYPE_CHECKING:
    from compat_tests.schema_keywords import Direction, Schema
    from versioning.spec.model import Spec

__all__ = ["ASCII_TEXT", "from_schema", "schema_strategies"]

_CACHE_SIZE = 32
_builders: dict[tuple[int, str, int, bool], tuple[Any, SchemaStrategies]] = {}
ASCII_TEXT: st.SearchStrategy[str] = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
"""Printable ASCII: what header values and URL path segments can carry unchanged."""


def schema_strategies(
    root: Any,
    *,
    direction: Direction = "response",
    max_depth: int = DEFAULT_MAX_DEPTH,
    ascii_text: bool = False,
) -> SchemaStrategies:
    """The builder for one document and direction, reused so shared ``$ref``s build once.

    ``ascii_text`` keeps free-form strings to printable ASCII (for headers and paths).
    """
    key = (id(root), direction, max_depth, ascii_text)
    cached = _builders.get(key)
    if cached is not None and cached[0] is root:
        return cached[1]
    builder = SchemaStrategies(
        root, direction=direction, max_depth=max_depth, alphabet=ASCII_TEXT if ascii_text else None
    )
    if len(_builders) >= _CACHE_SIZE:
        del _builders[next(iter(_builders))]
    _builders[key] = (root, builder)
    return builder


def from_schema(
    schema: Schema,
    *,
    spec: Spec | None = None,
    direction: Direction = "response",
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> st.SearchStrategy[Any]:
    """Values valid for ``schema``, a JSON Schema 2020-12 dict as the loader normalises it.

    Args:
        schema: The schema; its ``#/…`` references resolve against ``spec``'s document, or
            against the schema itself when no spec is given.
        spec: The loaded document the schema belongs to.
        direction: ``request`` values leave out ``readOnly`` properties, ``response`` values
            ``writeOnly`` ones.
        max_depth: ``$ref`` hops after which values stay minimal (recursive schemas).

    Raises:
        UnsatisfiableSchemaError: The schema admits no value.
        SchemaGenerationError: We cannot build values for it (an unreadable pattern …).
    """
    root = spec.document if spec is not None else schema
    return schema_strategies(root, direction=direction, max_depth=max_depth).for_schema(schema)
