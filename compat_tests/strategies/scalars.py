"""Strings and numbers that meet their schema's constraints by construction.

Patterns are ECMA-262 regular expressions in JSON Schema; we read them with Python's ``re``,
generate from the full match of the pattern padded to the length limits, and keep only
strings the pattern really finds (``re.search``). A ``format`` beside a ``pattern`` and a
float ``multipleOf`` are filtered by the message validator itself
(:mod:`compat_tests.schema_checks`).
"""

from __future__ import annotations

import math
import re
from typing import Any

from hypothesis import strategies as st

from compat_tests.errors import SchemaGenerationError, UnsatisfiableSchemaError
from compat_tests.schema_checks import conforms_to_format, is_multiple_of
from compat_tests.schema_keywords import MOST_GENERATED
from compat_tests.strategies.formats import INTEGER_FORMAT_BOUNDS, format_strategy

__all__ = [
    "DEFAULT_ALPHABET",
    "integer_strategy",
    "is_multiple_of",
    "number_strategy",
    "string_strategy",
]

DEFAULT_ALPHABET: st.SearchStrategy[str] = st.characters(codec="utf-8")
"""Any character JSON text can carry (lone surrogates cannot be encoded)."""
_SPARE_LENGTH = 24
"""How much longer than ``minLength`` a short free-form string may get."""
_NEAR_LIMIT = 3
"""How far below ``maxLength`` a long free-form string may stop."""
_LONGEST_NEAR_LIMIT = 1000
"""Above this ``maxLength`` (Stripe's 5000, Square's 65536) strings stay short."""
_NAMED_GROUP = re.compile(r"\(\?<(?![=!])")


def _compile(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The pattern to check with (as written) and to generate from (ASCII classes)."""
    python_form = _NAMED_GROUP.sub("(?P<", pattern)  # ECMA `(?<name>…)` is Python's `(?P<name>…)`
    try:
        checked = re.compile(python_form)
    except re.error as error:
        raise SchemaGenerationError(
            f"pattern {pattern!r} is not a regex we can read: {error}"
        ) from None
    try:
        generated = re.compile(python_form, re.ASCII)
    except re.error:
        generated = checked
    return checked, generated


@st.composite
def _padded(
    draw: st.DrawFn,
    core: st.SearchStrategy[str],
    padding: st.SearchStrategy[str],
    min_length: int,
    at_start: bool,
) -> str:
    """A pattern's full match, padded (where the pattern is not anchored) up to ``min_length``."""
    text = draw(core)
    missing = min_length - len(text)
    if missing > 0:
        pad = draw(st.text(alphabet=padding, min_size=missing, max_size=missing))
        text = pad + text if at_start else text + pad
    return text


def _pattern_strategy(
    pattern: str, min_length: int, max_length: int | None, alphabet: st.SearchStrategy[str] | None
) -> st.SearchStrategy[str]:
    checked, generated = _compile(pattern)
    core = st.from_regex(generated, fullmatch=True, alphabet=alphabet)
    padding = alphabet if alphabet is not None else DEFAULT_ALPHABET
    anchored_end = pattern.endswith("$") and not pattern.endswith("\\$")

    def fits(text: str) -> bool:
        too_long = max_length is not None and len(text) > max_length
        return len(text) >= min_length and not too_long and checked.search(text) is not None

    return _padded(core, padding, min_length, anchored_end).filter(fits)


def string_strategy(
    schema: dict[str, Any], alphabet: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[str]:
    """Strings for ``minLength``, ``maxLength``, ``pattern`` and ``format``.

    Raises:
        UnsatisfiableSchemaError: ``minLength`` is above ``maxLength``.
        SchemaGenerationError: The pattern is not a regex Python can read, or ``minLength``
            is above :data:`~compat_tests.schema_keywords.MOST_GENERATED`.
    """
    min_length = int(schema.get("minLength", 0))
    max_length = None if schema.get("maxLength") is None else int(schema["maxLength"])
    if max_length is not None and min_length > max_length:
        raise UnsatisfiableSchemaError(f"minLength {min_length} is above maxLength {max_length}")
    if min_length > MOST_GENERATED:
        raise SchemaGenerationError(
            f"minLength {min_length} asks for more than the {MOST_GENERATED} characters"
            " the generators build"
        )
    name = schema.get("format")
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        strategy = _pattern_strategy(pattern, min_length, max_length, alphabet)
        if isinstance(name, str):
            strategy = strategy.filter(lambda text: conforms_to_format(text, name))
        return strategy
    formatted = format_strategy(name) if isinstance(name, str) else None
    if formatted is not None:
        if alphabet is not None:
            formatted = formatted.filter(lambda text: text.isascii() and text.isprintable())
        return formatted.filter(
            lambda text: min_length <= len(text) and (max_length is None or len(text) <= max_length)
        )
    characters = alphabet if alphabet is not None else DEFAULT_ALPHABET
    upper = min_length + _SPARE_LENGTH
    if max_length is None or max_length <= upper or max_length > _LONGEST_NEAR_LIMIT:
        limit = upper if max_length is None else min(max_length, upper)
        return st.text(alphabet=characters, min_size=min_length, max_size=limit)
    # Mostly short strings, sometimes ones at the limit: limits are where versions differ
    # (a maxLength tightened from 500 to 200 is only visible past 200).
    near_limit = st.text(
        alphabet=characters, min_size=max(min_length, max_length - _NEAR_LIMIT), max_size=max_length
    )
    return st.one_of(st.text(alphabet=characters, min_size=min_length, max_size=upper), near_limit)


def _bounds(schema: dict[str, Any]) -> tuple[float | None, bool, float | None, bool]:
    """(low, low is exclusive, high, high is exclusive) from the 2020-12 numeric keywords."""
    low: float | None = schema.get("minimum")
    low_exclusive = False
    if "exclusiveMinimum" in schema and (low is None or schema["exclusiveMinimum"] >= low):
        low, low_exclusive = schema["exclusiveMinimum"], True
    high: float | None = schema.get("maximum")
    high_exclusive = False
    if "exclusiveMaximum" in schema and (high is None or schema["exclusiveMaximum"] <= high):
        high, high_exclusive = schema["exclusiveMaximum"], True
    return low, low_exclusive, high, high_exclusive


def _integer_bounds(schema: dict[str, Any]) -> tuple[int | None, int | None]:
    low, low_exclusive, high, high_exclusive = _bounds(schema)
    first = None if low is None else (math.floor(low) + 1 if low_exclusive else math.ceil(low))
    last = None if high is None else (math.ceil(high) - 1 if high_exclusive else math.floor(high))
    limits = INTEGER_FORMAT_BOUNDS.get(str(schema.get("format")))
    if limits is not None:
        first = limits[0] if first is None else max(first, limits[0])
        last = limits[1] if last is None else min(last, limits[1])
    if first is not None and last is not None and first > last:
        raise UnsatisfiableSchemaError(f"no integer lies between {low} and {high}")
    return first, last


def integer_strategy(schema: dict[str, Any]) -> st.SearchStrategy[int]:
    """Integers within the bounds (and OpenAPI ``int32``/``int64``), multiples when asked.

    Raises:
        UnsatisfiableSchemaError: No integer fits the bounds and ``multipleOf``.
    """
    first, last = _integer_bounds(schema)
    factor = schema.get("multipleOf")
    if factor is None:
        return st.integers(min_value=first, max_value=last)
    if isinstance(factor, int) or (isinstance(factor, float) and factor.is_integer()):
        step = int(factor)
        low_k = None if first is None else -(-first // step)
        high_k = None if last is None else last // step
        if low_k is not None and high_k is not None and low_k > high_k:
            raise UnsatisfiableSchemaError(f"no multiple of {factor} lies within the bounds")
        return st.integers(min_value=low_k, max_value=high_k).map(lambda k: k * step)
    return st.integers(min_value=first, max_value=last).filter(
        lambda value: is_multiple_of(value, factor)
    )


def number_strategy(schema: dict[str, Any]) -> st.SearchStrategy[float | int]:
    """Integers and finite floats within the bounds (and multiples of ``multipleOf``).

    Raises:
        UnsatisfiableSchemaError: The bounds leave no number.
    """
    low, low_exclusive, high, high_exclusive = _bounds(schema)
    if (
        low is not None
        and high is not None
        and (low > high or (low == high and (low_exclusive or high_exclusive)))
    ):
        raise UnsatisfiableSchemaError(f"no number lies between {low} and {high}")
    factor = schema.get("multipleOf")
    if factor is not None:
        try:
            low_k = None if low is None else math.ceil(low / factor)
            high_k = None if high is None else math.floor(high / factor)
        except OverflowError:  # bounds over a tiny factor: more multiples than a float counts
            raise SchemaGenerationError(
                f"the multiples of {factor} between {low} and {high} are too many to count"
            ) from None
        if low_k is not None and high_k is not None and low_k > high_k:
            raise UnsatisfiableSchemaError(f"no multiple of {factor} lies within the bounds")
        return (
            st.integers(min_value=low_k, max_value=high_k)
            .map(lambda k: k * factor)
            .filter(
                lambda value: (
                    _within(value, low, low_exclusive, high, high_exclusive)
                    and is_multiple_of(value, factor)
                )
            )
        )
    floats = st.floats(
        min_value=low,
        max_value=high,
        exclude_min=low_exclusive and low is not None,
        exclude_max=high_exclusive and high is not None,
        allow_nan=False,
        allow_infinity=False,
    )
    try:
        integers: st.SearchStrategy[float | int] = integer_strategy(schema)
    except UnsatisfiableSchemaError:
        return floats
    return st.one_of(integers, floats)


def _within(
    value: float, low: float | None, low_ex: bool, high: float | None, high_ex: bool
) -> bool:
    if low is not None and (value < low or (low_ex and value == low)):
        return False
    return not (high is not None and (value > high or (high_ex and value == high)))
