"""The safety limits of spec loading: one frozen value, defaults, and environment overrides.

Every limit turns a hostile or broken input into a located :class:`SpecLimitError` instead
of a crash, a hang or memory exhaustion (issue 12). The defaults sit far above what real
specs need (Stripe's 4 MB document nests 24 levels deep and has no integer over 19 digits)
and far below what breaks Python (its recursion limit of 1,000 frames, its 4,300-digit
integer conversion limit). Override one for every command through the environment, for
example ``VERSIONGATE_MAX_DEPTH=200``, or pass ``limits=Limits(...)`` to ``load_spec``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import msgspec

from versioning.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ENVIRONMENT_PREFIX", "Limits", "limits_from_environment"]

ENVIRONMENT_PREFIX = "VERSIONGATE_"


class Limits(msgspec.Struct, frozen=True, kw_only=True):
    """How much of each resource one spec (with its ``$ref`` files) may ask for.

    Attributes:
        max_bytes: Largest file accepted, checked before reading (the biggest public
            specs are around 10 MB).
        max_depth: Deepest nesting of mappings and lists anywhere in a document, checked
            while parsing. Later stages recurse up to ~8 frames a level (the OpenAPI
            validator's schema checks), so 64 keeps all of them below Python's recursion
            limit of 1,000; real specs nest at most 24 deep (Stripe).
        max_integer_digits: Longest integer literal; Python refuses to convert more than
            4,300 digits, and parsing long ones costs quadratic time.
        max_alias_nodes: Nodes that YAML aliases may add by repetition (alias bombs).
        max_ref_length: Longest ``$ref`` string, in characters.
        max_ref_segment_bytes: Longest file or folder name in a ``$ref`` path, in UTF-8
            bytes (the ``NAME_MAX`` of common file systems).
        validate_seconds: Time budget of the OpenAPI validator's semantic checks
            (``validate``); the structure is always checked in full. 0 means no budget.
    """

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_integer_digits: int = 1000
    max_alias_nodes: int = 100_000
    max_ref_length: int = 2048
    max_ref_segment_bytes: int = 255
    validate_seconds: float = 10.0


_DEFAULTS = Limits()
_VARIABLES = {
    "max_bytes": "MAX_SPEC_BYTES",
    "max_depth": "MAX_DEPTH",
    "max_integer_digits": "MAX_INTEGER_DIGITS",
    "max_alias_nodes": "MAX_ALIAS_NODES",
    "max_ref_length": "MAX_REF_LENGTH",
    "max_ref_segment_bytes": "MAX_REF_SEGMENT_BYTES",
    "validate_seconds": "VALIDATE_SECONDS",
}
"""Limit field → environment variable name (after ``VERSIONGATE_``)."""


def _parse(name: str, text: str, default: float) -> int | float:
    variable = ENVIRONMENT_PREFIX + name
    try:
        value: int | float = float(text) if isinstance(default, float) else int(text)
    except ValueError:
        kind = "a number of seconds" if isinstance(default, float) else "a whole number"
        raise UsageError(f"{variable}={text!r} must be {kind}") from None
    if value < 0 or (value == 0 and not isinstance(default, float)):
        raise UsageError(f"{variable}={text!r} must be positive")
    return value


def limits_from_environment(environment: Mapping[str, str] | None = None) -> Limits:
    """The default limits with every ``VERSIONGATE_*`` override of ``environment`` applied.

    Raises:
        UsageError: A variable is set to something that is not a positive number.
    """
    environment = os.environ if environment is None else environment
    changes: dict[str, int | float] = {}
    for field, name in _VARIABLES.items():
        text = environment.get(ENVIRONMENT_PREFIX + name)
        if text is not None and text.strip():
            changes[field] = _parse(name, text.strip(), getattr(_DEFAULTS, field))
    return msgspec.structs.replace(_DEFAULTS, **changes) if changes else _DEFAULTS
