"""JSON reading with the C decoder, strict about duplicates and depth, positions on demand."""

from __future__ import annotations

import json
from typing import Any

from versioning.errors import SpecLimitError, SpecSyntaxError
from versioning.spec.location import Location
from versioning.spec.positions import JsonPositions

__all__ = ["read_json"]


class _DuplicateKeyError(Exception):
    pass


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def read_json(text: str, *, file: str) -> tuple[Any, JsonPositions]:
    """Parse JSON text; positions are computed lazily when a location is asked for.

    Raises:
        SpecSyntaxError: Malformed JSON or a key repeated within one object.
        SpecLimitError: Nesting too deep for the decoder.
    """
    positions = JsonPositions(text)
    try:
        value = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as error:
        location = Location(file=file, line=error.lineno, column=error.colno)
        raise SpecSyntaxError(f"invalid JSON: {error.msg}", location=location) from None
    except _DuplicateKeyError:
        found = positions.duplicate_key()
        key, line, column = found if found is not None else ("?", 1, 1)
        raise SpecSyntaxError(
            f"duplicate key {key!r}", location=Location(file=file, line=line, column=column)
        ) from None
    except RecursionError:
        raise SpecLimitError(
            "JSON nesting too deep to parse", location=Location(file=file, line=1, column=1)
        ) from None
    return value, positions
