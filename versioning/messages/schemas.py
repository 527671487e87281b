"""JSON Schema 2020-12 validation over one spec document, with located problems.

jsonschema-rs does the work (chosen by ``benchmarks/validate.py``: full 2020-12 semantics,
formats included, at a fraction of the pure-Python validator's cost). The document is
registered once; a schema of the document is validated through a ``$ref`` to its pointer,
so local ``#/components/…`` references resolve and nothing is copied. A schema that is not
part of the document (one a generator built) is validated with its local references
re-pointed at the registered document.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, unquote

import jsonschema_rs

from versioning.errors import SpecValidationError
from versioning.spec.location import join_pointer, pointer_tokens, resolve_pointer

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "MAX_VALUE_DEPTH",
    "CompiledSchema",
    "SchemaCompiler",
    "SchemaProblem",
    "nests_deeper",
]

_DOCUMENTS = itertools.count()
MOST_PROBLEMS = 100
"""Problems reported per value at most: enough to fix a message, bounded for hostile ones."""
_TOO_DEEP = "The value is nested too deeply to be checked."
MAX_VALUE_DEPTH = 10_000
"""Values nested deeper are not handed to jsonschema-rs, which walks them on the native stack
(a recursive schema overflows it near 15,000 levels). HTTP bodies stop far earlier: msgspec
refuses JSON nested 1,000 deep."""


_CONTAINERS = (dict, list)


def nests_deeper(value: Any, limit: int = MAX_VALUE_DEPTH) -> bool:
    """Whether ``value`` holds containers more than ``limit`` levels deep (iteratively).

    Walked one level at a time without per-node tuples: the server checks every request
    body, so this runs on every request.
    """
    if not isinstance(value, _CONTAINERS):
        return limit < 0
    level = [value]
    for _ in range(limit + 1):
        deeper = []
        for node in level:
            for child in node.values() if isinstance(node, dict) else node:
                if isinstance(child, _CONTAINERS):
                    deeper.append(child)
        if not deeper:
            return False
        level = deeper
    return True


class SchemaProblem(NamedTuple):
    """One way a value breaks a schema: where in the value, what, and the failing keyword."""

    path: tuple[str | int, ...]
    message: str
    keyword: str | None
    """The failing keyword's JSON pointer in the document, when it is in the document."""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class CompiledSchema:
    """One schema, ready to validate values many times."""

    __slots__ = ("_base", "_measure", "_validator")

    def __init__(
        self, validator: jsonschema_rs.Validator, base: str, *, measure_depth: bool = True
    ) -> None:
        """Wrap a compiled validator whose document is registered under ``base``.

        ``measure_depth=False`` skips the depth walk for values whose decoder already
        bounds their nesting (the server's JSON decoder refuses 1,000 levels).
        """
        self._validator = validator
        self._base = base + "#"
        self._measure = measure_depth

    def is_valid(self, value: Any) -> bool:
        """Whether ``value`` satisfies the schema (a value too deep to check does not)."""
        if self._measure and isinstance(value, _CONTAINERS) and nests_deeper(value):
            return False
        try:
            return bool(self._validator.is_valid(value))
        except ValueError:  # jsonschema-rs: "Recursion limit reached"
            return False

    def _keyword(self, error: jsonschema_rs.ValidationError) -> str | None:
        location = error.absolute_keyword_location
        if isinstance(location, str) and location.startswith(self._base):
            return unquote(location[len(self._base) :])
        return None

    def _describe(self, error: jsonschema_rs.ValidationError) -> Iterator[SchemaProblem]:
        path = tuple(error.instance_path)
        kind = error.kind
        keyword = self._keyword(error)
        if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
            yield SchemaProblem((*path, kind.property), "Missing required property.", keyword)
        elif isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
            for name in kind.unexpected:
                yield SchemaProblem((*path, name), "Unknown property: not allowed here.", keyword)
        elif isinstance(kind, jsonschema_rs.ValidationErrorKind.Format):
            message = f"{_short(error.instance)} is not a valid {kind.format}."
            yield SchemaProblem(path, message, keyword)
        else:
            yield SchemaProblem(path, error.message[:1000], keyword)

    def problems(self, value: Any) -> list[SchemaProblem]:
        """Every way ``value`` breaks the schema (at most :data:`MOST_PROBLEMS`), deduplicated."""
        if self._measure and isinstance(value, _CONTAINERS) and nests_deeper(value):
            return [SchemaProblem((), _TOO_DEEP, None)]
        try:
            if self._validator.is_valid(value):
                return []
            found: list[SchemaProblem] = []
            seen: set[tuple[str, str]] = set()
            for error in self._validator.iter_errors(value):
                for problem in self._describe(error):
                    key = (join_pointer(problem.path), problem.message)
                    if key not in seen:
                        seen.add(key)
                        found.append(problem)
                if len(found) >= MOST_PROBLEMS:
                    break
        except ValueError:  # jsonschema-rs refuses values nested past its recursion limit
            return [SchemaProblem((), _TOO_DEEP, None)]
        return found[:MOST_PROBLEMS]


def _rebase(schema: Any, base: str) -> Any:
    """``schema`` with its local ``#/…`` references pointed at the document under ``base``."""
    if isinstance(schema, dict):
        return {
            key: (
                base + value
                if key == "$ref" and isinstance(value, str) and value.startswith("#")
                else _rebase(value, base)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_rebase(item, base) for item in schema]
    return schema


class SchemaCompiler:
    """Compiles validators for the schemas of one document (or one direction's view of it)."""

    def __init__(
        self, document: Any, *, original: Any = None, bounded_values: bool = False
    ) -> None:
        """Register ``document`` once; every later compilation references it.

        Args:
            document: The document (or a direction view of it) to validate against.
            original: The document a view was made from: callers hold *its* schema
                objects, which :meth:`of` finds by identity (pointers are the same in both).
            bounded_values: Every value validated comes from a decoder that bounds its
                nesting below :data:`MAX_VALUE_DEPTH`, so it is not measured first.
        """
        self._measure = not bounded_values
        self._base = f"urn:versiongate:document:{next(_DOCUMENTS)}"
        self._document = document if original is None else original
        self._registry = jsonschema_rs.Registry([(self._base, document)])
        self._pointers: dict[int, str] | None = None
        self._by_pointer: dict[str, CompiledSchema] = {}
        self._outside: dict[int, tuple[Any, CompiledSchema]] = {}

    def _compile(self, schema: Any, pointer: str | None = None) -> CompiledSchema:
        try:
            validator = jsonschema_rs.Draft202012Validator(
                schema, registry=self._registry, validate_formats=True
            )
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as error:
            detail = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
            raise SpecValidationError(
                f"the schema cannot be compiled for validation: {detail}", pointer=pointer
            ) from None
        return CompiledSchema(validator, self._base, measure_depth=self._measure)

    def at(self, pointer: str) -> CompiledSchema:
        """The validator of the schema at ``pointer`` in the document (compiled once).

        Raises:
            SpecValidationError: The schema there (or one it references) is not a valid
                JSON Schema (a ``pattern`` that is no regex, ``minimum: "0"`` …).
        """
        compiled = self._by_pointer.get(pointer)
        if compiled is None:
            target = self._pure_ref_target(pointer)
            if target != pointer:  # one validator per component, however many places use it
                compiled = self._by_pointer[pointer] = self.at(target)
                return compiled
            reference = self._base + "#" + quote(pointer, safe="/~!$&'()*+,;=:@-._")
            compiled = self._by_pointer[pointer] = self._compile({"$ref": reference}, pointer)
        return compiled

    def _pure_ref_target(self, pointer: str) -> str:
        """Where a schema that is only a local ``$ref`` leads (itself otherwise).

        A big spec answers many operations with the same component; compiling its validator
        once (about 1 MB and 2 ms each on Stripe) instead of per response keeps ``check``
        and the server's memory near the number of components.
        """
        seen = {pointer}
        current = pointer
        for _ in range(32):
            try:
                node = resolve_pointer(self._document, pointer_tokens(current))
            except (LookupError, ValueError):
                return current
            ref = node.get("$ref") if isinstance(node, dict) and len(node) == 1 else None
            if not isinstance(ref, str) or not ref.startswith("#/") or ref[1:] in seen:
                return current
            current = unquote(ref[1:])
            seen.add(current)
        return current

    def pointer_of(self, schema: Any) -> str | None:
        """The pointer of ``schema`` when it is a node of the document (by identity)."""
        if self._pointers is None:
            self._pointers = _index(self._document)
        return self._pointers.get(id(schema))

    def of(self, schema: Any) -> CompiledSchema:
        """The validator of ``schema`` (or a boolean): by its pointer when the document holds it."""
        if isinstance(schema, bool):
            return self._compile(schema)
        pointer = self.pointer_of(schema)
        if pointer is not None:
            return self.at(pointer)
        cached = self._outside.get(id(schema))
        if cached is not None and cached[0] is schema:
            return cached[1]
        compiled = self._compile(_rebase(schema, self._base))
        self._outside[id(schema)] = (schema, compiled)
        return compiled


def _index(document: Any) -> dict[int, str]:
    """``id(node)`` → JSON pointer for every dict and list of ``document``."""
    index: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(document, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            index.setdefault(id(node), pointer)
            stack.extend(
                (child, pointer + "/" + str(key).replace("~", "~0").replace("/", "~1"))
                for key, child in node.items()
                if isinstance(child, dict | list)
            )
        elif isinstance(node, list):
            index.setdefault(id(node), pointer)
            stack.extend(
                (child, f"{pointer}/{i}")
                for i, child in enumerate(node)
                if isinstance(child, dict | list)
            )
    return index
