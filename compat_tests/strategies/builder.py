"""Schemas turned into Hypothesis strategies: the dispatch over keywords, refs and combinators.

Strategies are built eagerly, so a schema that admits no value fails at build time with the
reason, not after Hypothesis gives up. ``$ref`` targets are built once per recursion depth;
past ``max_depth`` optional properties, array items and ``$ref`` branches are left out, and a
recursion that still has not bottomed out ``_EXTRA_DEPTH`` levels later has no finite value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from compat_tests.errors import (
    SchemaGenerationError,
    TooDeepError,
    UnsatisfiableSchemaError,
)
from compat_tests.schema_checks import document_compiler
from compat_tests.schema_keywords import (
    Direction,
    Schema,
    declared_types,
    is_of_type,
    keyword_problem,
    resolve_ref,
    without_annotations,
)
from compat_tests.strategies.combinators import combinator_strategy
from compat_tests.strategies.containers import array_strategy, object_strategy
from compat_tests.strategies.json_values import any_json
from compat_tests.strategies.merge import merge_all_of
from compat_tests.strategies.scalars import integer_strategy, number_strategy, string_strategy
from versioning.errors import SpecError

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.messages.schemas import CompiledSchema

__all__ = ["DEFAULT_MAX_DEPTH", "SchemaStrategies"]

DEFAULT_MAX_DEPTH = 3
_EXTRA_DEPTH = 6
_FILTERED = (
    "not",
    "if",
    "dependentRequired",
    "dependentSchemas",
    "minContains",
    "maxContains",
    "unevaluatedProperties",
    "unevaluatedItems",
)
"""Keywords honoured by filtering a value built without them."""


class SchemaStrategies:
    """Strategies for the schemas of one document and one direction, sharing their ``$ref``s.

    Args:
        root: The document local ``#/…`` references resolve against.
        direction: ``request`` leaves ``readOnly`` properties out, ``response`` ``writeOnly``.
        max_depth: ``$ref`` hops after which values stay minimal.
        alphabet: Characters free-form strings are drawn from (``None``: any but surrogates).
    """

    def __init__(
        self,
        root: Any,
        *,
        direction: Direction = "response",
        max_depth: int = DEFAULT_MAX_DEPTH,
        alphabet: st.SearchStrategy[str] | None = None,
    ) -> None:
        self.root = root
        self.direction: Direction = direction
        self.max_depth = max_depth
        self.alphabet = alphabet
        self._compiler = document_compiler(root, direction)
        self.omissions: list[str] = []
        """Optional properties left out because no value could be built for them, and why."""
        self._refs: dict[tuple[str, int], st.SearchStrategy[Any] | SchemaGenerationError] = {}

    def for_schema(self, schema: Schema) -> st.SearchStrategy[Any]:
        """Values valid for ``schema``.

        Raises:
            UnsatisfiableSchemaError: The schema admits no value.
            SchemaGenerationError: A value exists, perhaps, but we cannot build one.
        """
        return self.build(schema, 0)

    def is_shallow(self, depth: int) -> bool:
        """Whether values built at this depth should stay minimal."""
        return depth >= self.max_depth

    def build(self, schema: Schema, depth: int) -> st.SearchStrategy[Any]:
        """The strategy for ``schema`` met ``depth`` ``$ref`` hops below the top."""
        if schema is True:
            return any_json(nested=not self.is_shallow(depth))
        if schema is False:
            raise UnsatisfiableSchemaError("the schema 'false' admits no value")
        problem = keyword_problem(schema)
        if problem is not None:
            raise SchemaGenerationError(problem)
        core = without_annotations(schema)
        if not core:
            return any_json(nested=not self.is_shallow(depth))
        if set(core) == {"$ref"}:
            return self._ref(core["$ref"], depth)
        if "$ref" in core or "allOf" in core:
            return self._merged(schema, depth)
        if "anyOf" in core or "oneOf" in core:
            return combinator_strategy(self, schema, core, depth)
        if any(keyword in core for keyword in _FILTERED):
            base = {key: value for key, value in core.items() if key not in _FILTERED}
            return self._checked(self.build(base, depth), core)
        if "enum" in core or "const" in core:
            return self._choices(core)
        return self._typed(core, depth)

    def compiled(self, schema: Schema) -> CompiledSchema:
        """``schema`` compiled by the message validator, in this builder's direction.

        Filters ask it, so generated values are judged exactly as the kit's checks judge them.

        Raises:
            SchemaGenerationError: The validator cannot compile the schema (a keyword of the
                wrong type deep inside it).
        """
        try:
            return self._compiler.of(schema)
        except SpecError as error:
            raise SchemaGenerationError(error.message) from None

    def is_valid(self, schema: Schema, value: Any) -> bool:
        """Whether ``value`` satisfies ``schema`` (of this document, or built on its schemas)."""
        return self.compiled(schema).is_valid(value)

    def _checked(self, strategy: st.SearchStrategy[Any], schema: Schema) -> st.SearchStrategy[Any]:
        compiled = self.compiled(schema)
        return strategy.filter(compiled.is_valid)

    def _ref(self, ref: str, depth: int) -> st.SearchStrategy[Any]:
        if depth >= self.max_depth + _EXTRA_DEPTH:
            raise TooDeepError(f"{ref} recurses more than {depth} levels without a finite value")
        key = (ref, depth)
        cached = self._refs.get(key)
        if cached is None:
            try:
                cached = self.build(resolve_ref(self.root, ref), depth + 1)
            except SchemaGenerationError as error:
                cached = error
            self._refs[key] = cached
        if isinstance(cached, SchemaGenerationError):
            raise cached
        return cached

    def _merged(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        if depth >= self.max_depth + _EXTRA_DEPTH:
            raise TooDeepError("allOf/$ref nesting goes deeper than the depth limit")
        merged = merge_all_of(schema, self.root)
        strategy = self.build(merged.schema, depth + 1)
        for residual in merged.residual:
            strategy = self._checked(strategy, residual)
        return strategy

    def _choices(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        values = list(schema.get("enum", []))
        if "const" in schema:
            values = [schema["const"]]
        if set(schema) <= {"enum", "const", "type"}:
            types = declared_types(schema)
            valid = [value for value in values if any(is_of_type(value, t) for t in types)]
        else:
            compiled = self.compiled(schema)
            valid = [value for value in values if compiled.is_valid(value)]
        if not valid:
            raise UnsatisfiableSchemaError("no enum/const value satisfies the other keywords")
        return st.sampled_from(valid)

    def _typed(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        types = declared_types(schema)
        builders: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
            "null": st.none,
            "boolean": st.booleans,
            "integer": lambda: integer_strategy(schema),
            "number": lambda: number_strategy(schema),
            "string": lambda: string_strategy(schema, self.alphabet),
            "array": lambda: array_strategy(self, schema, depth),
            "object": lambda: object_strategy(self, schema, depth),
        }
        options: list[st.SearchStrategy[Any]] = []
        failures: list[SchemaGenerationError] = []
        for json_type in types:
            if (json_type == "integer" and "number" in types) or json_type not in builders:
                continue
            try:
                options.append(builders[json_type]())
            except SchemaGenerationError as error:
                failures.append(error)
        if not options:
            raise failures[0] if failures else UnsatisfiableSchemaError("no known type is allowed")
        return st.one_of(options)
