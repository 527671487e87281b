"""The data a published changelog is rendered from: migration examples per breaking change."""

from __future__ import annotations

from typing import Any, Literal

import msgspec

__all__ = ["Migration", "MigrationExample"]


class MigrationExample(msgspec.Struct, frozen=True, kw_only=True):
    """One example message of the spec, as the older and the newer version see it.

    Attributes:
        message: ``request`` (what the integration sends) or ``response`` (what it receives).
        label: Which example: ``"201 response, example bike_and_helmet"``.
        before: The message in the older version (headers by name, then the body).
        after: The same message in the newer version, produced by the declared translation.
        differences: What differs, by JSON pointer (``/amount: changed``), at most a few.
    """

    message: Literal["request", "response"]
    label: str
    before: Any
    after: Any
    differences: tuple[str, ...] = ()


class Migration(msgspec.Struct, frozen=True, kw_only=True):
    """What an integration moving across one version step changes for one operation.

    Attributes:
        operation: The operation in the newer version (``POST /transactions``).
        older_operation: The same operation in the older version (``POST /charges``).
        breaking: The breaking changes of the operation, in words, most severe first.
        examples: The operation's own examples translated across the step; only those that
            the step changes.
    """

    operation: str
    older_operation: str
    breaking: tuple[str, ...]
    examples: tuple[MigrationExample, ...] = ()
