"""Compiled JSON Schema validators over one spec document, with JSON-pointer violations.

Chosen by ``benchmarks/validate.py``: jsonschema-rs keeps full Draft 2020-12 semantics
(``1.0`` is an integer, untagged ``oneOf``, formats) at a fraction of the cost of the
pure-Python ``jsonschema``. The whole document is registered once as a resource, and each
validator is a ``$ref`` to the schema's pointer, so local ``#/components/…`` references
resolve and nothing is copied per operation.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jsonschema_rs

from mock_server.problems import Violation
from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = ["CompiledSchema", "SchemaCompiler"]

_DOCUMENTS = itertools.count()
_MOST_VIOLATIONS = 100


def _describe(error: jsonschema_rs.ValidationError) -> list[tuple[list[str | int], str]]:
    """Turn one validator error into (path, message) pairs a client can act on."""
    path: list[str | int] = list(error.instance_path)
    kind = error.kind
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        return [([*path, kind.property], "Missing required property.")]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
        return [([*path, name], "Unknown property: not allowed here.") for name in kind.unexpected]
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format):
        return [(path, f"{_short(error.instance)} is not a valid {kind.format}.")]
    return [(path, error.message[:1000])]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class CompiledSchema:
    """One schema, ready to validate values many times."""

    def __init__(self, validator: jsonschema_rs.Validator) -> None:
        """Wrap a compiled jsonschema-rs validator."""
        self._validator = validator

    def is_valid(self, value: Any) -> bool:
        """Whether ``value`` satisfies the schema."""
        return bool(self._validator.is_valid(value))

    def violations(self, value: Any, *, prefix: tuple[str, ...] = ()) -> list[Violation]:
        """Every violation in ``value``, each with a JSON pointer (``prefix`` is prepended)."""
        if self._validator.is_valid(value):
            return []
        found: list[Violation] = []
        seen: set[tuple[str, str]] = set()
        for error in self._validator.iter_errors(value):
            for path, message in _describe(error):
                pointer = join_pointer([*prefix, *path])
                if (pointer, message) not in seen:
                    seen.add((pointer, message))
                    found.append(Violation(pointer=pointer, message=message))
            if len(found) >= _MOST_VIOLATIONS:
                break
        return found[:_MOST_VIOLATIONS]


class SchemaCompiler:
    """Compiles validators for schemas that live at JSON pointers inside one spec."""

    def __init__(self, spec: Spec) -> None:
        """Register ``spec``'s document once; later compilations reference it."""
        self._base = f"urn:versiongate:spec:{next(_DOCUMENTS)}"
        self._registry = jsonschema_rs.Registry([(self._base, spec.document)])
        self._cache: dict[str, CompiledSchema] = {}

    def at(self, pointer: str) -> CompiledSchema:
        """The validator for the schema at ``pointer`` (compiled once, then cached)."""
        compiled = self._cache.get(pointer)
        if compiled is None:
            reference = self._base + "#" + quote(pointer, safe="/~!$&'()*+,;=:@-._")
            validator = jsonschema_rs.Draft202012Validator(
                {"$ref": reference}, registry=self._registry, validate_formats=True
            )
            compiled = CompiledSchema(validator)
            self._cache[pointer] = compiled
        return compiled
