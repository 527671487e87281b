"""Generator filters judged by the project's one validator (:mod:`versioning.messages`).

Keywords the generators cannot honour by construction (``not``, ``if``, ``oneOf`` overlaps,
``propertyNames``, a ``format`` beside a ``pattern``, a float ``multipleOf``) are honoured by
filtering; the filter must agree with the validator that later judges the message, or the
kit would draw values its own checks reject. So every filter asks jsonschema-rs, through the
same :class:`~versioning.messages.schemas.SchemaCompiler` the server and the kit use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from versioning.messages.schemas import SchemaCompiler
from versioning.messages.views import direction_view

if TYPE_CHECKING:
    from versioning.messages.schemas import CompiledSchema
    from versioning.messages.views import Direction

__all__ = ["conforms_to_format", "document_compiler", "is_multiple_of"]

_CACHE_SIZE = 16
_compilers: dict[tuple[int, str], tuple[Any, SchemaCompiler]] = {}
_PLAIN = SchemaCompiler({})
"""For keywords checked alone (``format``, ``multipleOf``): no document behind them."""


def document_compiler(root: Any, direction: Direction) -> SchemaCompiler:
    """The compiler over ``direction``'s view of ``root`` (one per document and direction).

    A request view excuses required ``readOnly`` properties, a response view ``writeOnly``
    ones, exactly as :class:`~versioning.messages.MessageValidator` does.
    """
    key = (id(root), direction)
    cached = _compilers.get(key)
    if cached is not None and cached[0] is root:
        return cached[1]
    document = root if isinstance(root, dict) else {}
    compiler = SchemaCompiler(direction_view(document, direction), original=document)
    if len(_compilers) >= _CACHE_SIZE:
        del _compilers[next(iter(_compilers))]
    _compilers[key] = (root, compiler)
    return compiler


@lru_cache(maxsize=64)
def _format_schema(name: str) -> CompiledSchema:
    return _PLAIN.of({"type": "string", "format": name})


def conforms_to_format(text: str, name: str) -> bool:
    """Whether ``text`` is a valid ``format: name`` (unknown formats accept anything)."""
    return _format_schema(name).is_valid(text)


@lru_cache(maxsize=256)
def _multiple_schema(factor: float) -> CompiledSchema:
    return _PLAIN.of({"multipleOf": factor})


def is_multiple_of(value: float, factor: float) -> bool:
    """``multipleOf`` exactly as the validator judges it (floats do not divide exactly)."""
    return _multiple_schema(factor).is_valid(value)
