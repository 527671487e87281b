"""Roll findings up by change: one entry per changed place in the spec, with its operations.

The checker reports a change to a shared schema once per operation that reaches it (Stripe's
``customer.subscriptions`` became nullable: once per customer endpoint). A reviewer wants
the change once, with the operations it affects listed under it.

**The grouping key** is the rule and the changed node on each side: the rule id, and the
JSON pointer (and file) of the base's and the revision's node. Two findings with the same
key report the same edit of the same place in the spec, reached from different operations,
statuses or properties (``age`` and ``spouse_age`` both ``$ref: Age``). The message is not
part of the key: it names the path the operation reached the place by, which differs per
operation, and its wording is free to change. Findings without a pointer on either side
(a reordered timeline) fall back to their operation and message, so they never merge with
another. On the Stripe pair 2021-10-07 → 2022-04-12 the key turns 3,948 findings into 495
changes, and no two findings with one key differ in anything but that path.

**Verdicts split a change.** The part of a change an ignore entry matches, or a declared
change covers, is an entry of its own beside the part that still blocks, so each entry
has one level, one verdict and one ``blocking`` answer.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Literal, TypeAlias

import msgspec

from versioning.findings import Finding, level_rank
from versioning.report.model import DOCUMENT_GROUP, is_settled, operation_order

if TYPE_CHECKING:
    from collections.abc import Iterable

    from versioning.findings import SourceRef
    from versioning.report.model import Comparison

__all__ = [
    "GROUP_BY",
    "Change",
    "ChangeKey",
    "GroupBy",
    "change_key",
    "list_operations",
    "reading_order",
    "roll_up",
]

GroupBy: TypeAlias = Literal["change", "operation"]
GROUP_BY: tuple[GroupBy, ...] = ("change", "operation")

ChangeKey: TypeAlias = tuple[str | None, ...]
"""``(rule, base pointer, base file, revision pointer, revision file[, operation, message])``."""

_Verdict: TypeAlias = tuple[str, str | None, str | None, str | None]


def _side(side: SourceRef | None) -> tuple[str | None, str | None]:
    if side is None:
        return None, None
    return side.pointer, side.location.file if side.location is not None else None


def change_key(finding: Finding) -> ChangeKey:
    """What identifies the change ``finding`` reports (see the module docstring)."""
    if finding.base is None and finding.revision is None:
        return (finding.rule, None, None, None, None, finding.operation, finding.message)
    return (finding.rule, *_side(finding.base), *_side(finding.revision))


def _verdict(finding: Finding) -> _Verdict:
    return (finding.level, finding.ignored, finding.coverage, finding.covered_by)


def _directness(finding: Finding) -> int:
    """How deep inside its body the finding's operation reached the change (0: directly)."""
    subject = finding.subject
    return len(subject.path) if subject is not None and subject.path else 0


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One change in the spec and every finding that reports it.

    Attributes:
        key: The grouping key (:func:`change_key`).
        findings: The findings, in the checker's order.
        lead: The finding that reaches the change most directly (the shortest path into
            its body; the first on a tie): its message and places stand for the change.
        operations: The operations it affects, each once, ordered as reports order
            operations (document-wide first, then by path and method).
    """

    key: ChangeKey
    findings: tuple[Finding, ...]
    lead: Finding
    operations: tuple[str, ...]

    @classmethod
    def of(cls, key: ChangeKey, findings: Iterable[Finding]) -> Change:
        """The change ``key`` made of ``findings`` (at least one)."""
        members = tuple(findings)
        lead = min(members, key=_directness)
        named = {finding.operation for finding in members}
        ordered = sorted(named, key=operation_order)
        operations = tuple(DOCUMENT_GROUP if name is None else name for name in ordered)
        return cls(key=key, findings=members, lead=lead, operations=operations)

    @property
    def rule(self) -> str:
        """The rule id every finding of the change shares."""
        return self.lead.rule

    @property
    def id(self) -> str:
        """A short stable id of the change: equal keys give equal ids across runs."""
        text = "\x1f".join("" if part is None else part for part in self.key)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def worst(self, comparison: Comparison) -> Finding:
        """The finding that decides how to show the change: blocking first, then severity."""
        return max(
            self.findings,
            key=lambda finding: (comparison.blocking(finding), level_rank(finding.level)),
        )


def roll_up(findings: Iterable[Finding], *, by_verdict: bool = True) -> list[Change]:
    """One :class:`Change` per key, in order of first appearance.

    With ``by_verdict`` (the default), findings of one change with different levels,
    ignores or coverage go to separate entries, so each entry has one verdict.
    """
    groups: dict[tuple[ChangeKey, _Verdict | None], list[Finding]] = {}
    for finding in findings:
        verdict = _verdict(finding) if by_verdict else None
        groups.setdefault((change_key(finding), verdict), []).append(finding)
    return [Change.of(key, members) for (key, _), members in groups.items()]


def _scope(finding: Finding) -> int:
    """Whole operations and documents first, then requests, then responses.

    A removed endpoint breaks every caller; a narrowed request is refused at once; a widened
    response breaks only the clients that read that part strictly.
    """
    subject = finding.subject
    if subject is None or subject.direction == "none":
        return 0
    return 1 if subject.direction == "request" else 2


def _settled_rank(finding: Finding) -> int:
    if finding.ignored is not None:
        return 1
    return 2 if is_settled(finding) else 0


def reading_order(comparison: Comparison, *, by_verdict: bool = True) -> list[Change]:
    """The changes of ``comparison`` in the order a reviewer should read them.

    What fails the build leads: unsettled changes by severity (blocking first), then
    ignored ones, then covered and acknowledged ones. Inside one severity: whole operations,
    then requests, then responses; then by rule id, so changes of one rule sit together;
    then in the checker's order.
    """
    changes = roll_up(comparison.findings, by_verdict=by_verdict)

    def order(indexed: tuple[int, Change]) -> tuple[int, int, bool, int, str, int]:
        position, change = indexed
        # One verdict per entry: its lead stands for all of its findings.
        worst = change.lead if by_verdict else change.worst(comparison)
        return (
            _settled_rank(worst),
            -level_rank(worst.level),
            not comparison.blocking(worst),
            _scope(change.lead),
            change.rule,
            position,
        )

    return [change for _, change in sorted(enumerate(changes), key=order)]


def list_operations(operations: tuple[str, ...], *, limit: int | None = 5) -> str:
    """``GET /a, POST /a, GET /b and 3 more``: the first ``limit`` names, then a count."""
    if limit is None or len(operations) <= limit + 1:  # never "and 1 more"
        return ", ".join(operations)
    return f"{', '.join(operations[:limit])} and {len(operations) - limit} more"
