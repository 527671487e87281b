"""Where rule families put what they find: pending findings, deduplicated, located later.

A family calls :meth:`Emitter.emit` with a rule id, the operation and the two pointers; the
rule's template is filled in here, so every message of a rule reads the same. A family that
knows what part of the request or response it reports passes it as a
:class:`~versioning.findings.Subject`: the finding keeps it as data, and the message's
``{subject}`` is written from it (:func:`subject_text`), so the two always agree. Locations
are not computed here: locating costs time, so the checker locates each distinct pointer
once, after every family has run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from versioning.diff.compare_values import describe
from versioning.findings import Level, Subject
from versioning.rules.registry import get_rule

__all__ = ["Emitter", "PendingFinding", "Policy", "subject_text"]


class Policy(msgspec.Struct, frozen=True, kw_only=True):
    """The deprecation policy the lifecycle rules apply."""

    today: dt.date
    min_sunset_days: dict[str, int]
    """Minimum days between deprecation and sunset per ``x-stability-level``."""


class PendingFinding(msgspec.Struct, frozen=True, kw_only=True):
    """A finding before its pointers are located in the two documents."""

    rule: str
    level: Level
    message: str
    operation: str | None
    base: str | None
    revision: str | None
    subject: Subject | None = None


def _lead(subject: Subject) -> str:
    """``request``, ``201 response``, ``webhook paid payload``: how messages open.

    A callback's subject holds ``callback:<name>`` where a webhook's holds its name, so a
    callback's messages open ``webhook callback:onEvent payload``.
    """
    if subject.webhook is not None:
        hook = f"webhook {subject.webhook}"
        if subject.place == "parameter":
            return f"{hook} request"
        if subject.direction == "response":
            return f"{hook} payload"
        return f"{hook} {subject.status} reply"
    if subject.direction == "response":
        return f"{subject.status} response"
    return subject.direction


def _root_text(subject: Subject) -> str:
    lead = _lead(subject)
    if subject.place == "parameter":
        return f"{lead} {subject.location} parameter '{subject.name}'"
    if subject.place == "header":
        return f"{lead} header '{subject.name}'"
    if subject.place == "media-type":
        return f"{lead} media type {subject.name}"
    if subject.place == "status" or subject.webhook is not None:
        return lead
    return f"{lead} body"


def subject_text(subject: Subject) -> str:
    """How messages name a subject: ``201 response property 'amount'``, ``request body``.

    A property inside a header parameter reads ``request header 'X' property 'p'``; inside
    a body, ``request property 'p'`` (the body is implied); anywhere else the property
    follows its parameter or header.
    """
    if not subject.nested:
        root = _root_text(subject)
        return f"{root} at '{subject.path}'" if subject.path else root
    if subject.place == "body" and subject.webhook is None:
        return f"{_lead(subject)} property '{subject.path}'"
    if subject.place == "parameter" and subject.location == "header":
        return f"{_lead(subject)} header '{subject.name}' property '{subject.path}'"
    return f"{_root_text(subject)} property '{subject.path}'"


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, Subject):
        return subject_text(value)
    return describe(value)


class Emitter:
    """Collects pending findings; the same rule at the same place is reported once."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._found: dict[tuple[object, ...], PendingFinding] = {}

    def emit(
        self,
        rule_id: str,
        *,
        operation: str | None,
        base: str | None = None,
        revision: str | None = None,
        **fields: Any,
    ) -> None:
        """Report rule ``rule_id``; ``fields`` fill the rule's message template.

        A :class:`~versioning.findings.Subject` given as ``subject`` is kept on the finding
        (and written as text where the template says ``{subject}``). A finding that repeats
        another exactly (same rule, places and message, as when one schema serves two media
        types of a response) is reported once.
        """
        info = get_rule(rule_id)
        about = fields.get("subject")
        values = {name: _text(value) for name, value in fields.items()}
        message = info.message.format(**values)
        key = (rule_id, operation, base, revision, message)
        if key in self._found:
            return
        self._found[key] = PendingFinding(
            rule=rule_id,
            level=info.level,
            message=message,
            operation=operation,
            base=base,
            revision=revision,
            subject=about if isinstance(about, Subject) else None,
        )

    def findings(self) -> list[PendingFinding]:
        """Everything emitted so far, in emission order."""
        return list(self._found.values())
