"""What every report format renders: comparisons of two documents and the verdict on them.

A :class:`Report` holds one :class:`Comparison` per pair of documents (one for ``diff``, one
per adjacent version pair and per changed published version for ``check``). Whether a
finding fails the build is decided here, once, so every format agrees with the exit code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

import msgspec

from versioning.findings import Finding, Level, level_rank

if TYPE_CHECKING:
    from versioning.spec.location import Location

__all__ = [
    "DOCUMENT_GROUP",
    "Comparison",
    "ComparisonKind",
    "FailOn",
    "Report",
    "Summary",
    "group_by_operation",
    "is_blocking",
    "is_settled",
    "operation_order",
    "primary_location",
    "summarize",
]

FailOn: TypeAlias = Literal["error", "warning"]
ComparisonKind: TypeAlias = Literal["diff", "adjacent", "published", "catalog", "examples"]

DOCUMENT_GROUP = "(whole document)"
"""How reports name the group of findings that belong to no single operation."""

_SETTLED = frozenset({"covered", "acknowledged"})


def is_settled(finding: Finding) -> bool:
    """Whether a finding is dealt with on purpose: ignored, covered, or an acknowledged break."""
    return finding.ignored is not None or finding.coverage in _SETTLED


def is_blocking(finding: Finding, fail_on: FailOn) -> bool:
    """Whether ``finding`` fails the build: at or above ``fail_on``, not ignored, not covered.

    An acknowledged break (a declared change that says it cannot be translated) is settled on
    purpose by the API team, so it does not block either; reports still show it.
    """
    return not is_settled(finding) and level_rank(finding.level) >= level_rank(fail_on)


def primary_location(finding: Finding) -> Location | None:
    """Where to point a reader: the revision's node, or the base's for a removal."""
    for side in (finding.revision, finding.base):
        if side is not None and side.location is not None:
            return side.location
    return None


class Summary(msgspec.Struct, frozen=True, kw_only=True):
    """Counts of one comparison (or of a whole report)."""

    error: int = 0
    warning: int = 0
    info: int = 0
    ignored: int = 0
    settled: int = 0
    """Covered or acknowledged by a declared change."""
    blocking: int = 0
    hidden: int = 0
    """Findings below the report's minimum level, counted but not shown."""

    def __add__(self, other: Summary) -> Summary:
        fields = self.__struct_fields__
        return Summary(**{name: getattr(self, name) + getattr(other, name) for name in fields})


def summarize(findings: tuple[Finding, ...], fail_on: FailOn, *, hidden: int = 0) -> Summary:
    """Count findings by level and by what settles them."""
    by_level: dict[Level, int] = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        by_level[finding.level] += 1
    return Summary(
        error=by_level["error"],
        warning=by_level["warning"],
        info=by_level["info"],
        ignored=sum(1 for finding in findings if finding.ignored is not None),
        settled=sum(1 for finding in findings if finding.coverage in _SETTLED),
        blocking=sum(1 for finding in findings if is_blocking(finding, fail_on)),
        hidden=hidden,
    )


class Comparison(msgspec.Struct, frozen=True, kw_only=True):
    """The findings between two documents and the threshold that makes one fail.

    Attributes:
        kind: ``diff`` (two files), ``adjacent`` (neighbouring catalog versions),
            ``published`` (a published version against its earlier self: additive only),
            ``catalog`` (the timeline itself against an earlier one), ``examples`` (one
            version's examples against its own schemas).
        base: How to name the older side (a file, ``git:REF:path`` or a version id).
        revision: How to name the newer side.
        findings: The findings shown, in the checker's order.
        fail_on: The lowest level that fails the build for this comparison.
        hidden: Findings below the report's minimum level, not shown.
        suggestions: A draft ``changes.yaml`` step (YAML text) per uncovered finding, for
            catalog checks.
    """

    kind: ComparisonKind
    base: str
    revision: str
    findings: tuple[Finding, ...]
    fail_on: FailOn = "error"
    hidden: int = 0
    suggestions: dict[Finding, str] = msgspec.field(default_factory=dict)

    @property
    def summary(self) -> Summary:
        """Counts for this comparison."""
        return summarize(self.findings, self.fail_on, hidden=self.hidden)

    @property
    def title(self) -> str:
        """``base → revision``, with what kind of check it was when that is not obvious."""
        arrow = f"{self.base} → {self.revision}"
        if self.kind == "published":
            return f"published {self.base} → working tree (additive changes only)"
        if self.kind == "catalog":
            return f"version timeline {arrow}"
        if self.kind == "examples":
            return f"examples of {self.revision}"
        return arrow

    def blocking(self, finding: Finding) -> bool:
        """Whether ``finding`` fails the build under this comparison's threshold."""
        return is_blocking(finding, self.fail_on)

    def suggestion(self, finding: Finding) -> str | None:
        """The step to declare for ``finding`` when no declared change covers it."""
        return self.suggestions.get(finding) if finding.coverage == "uncovered" else None

    def suggested_steps(self) -> list[tuple[str, list[Finding]]]:
        """Each distinct suggested step once, with the shown findings it is for, in order.

        One change (a renamed field of a shared schema) breaks many operations; its step is
        the same for all of them and is printed once.
        """
        steps: dict[str, list[Finding]] = {}
        for finding in self.findings:
            text = self.suggestion(finding)
            if text is not None:
                steps.setdefault(text, []).append(finding)
        return list(steps.items())


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """Everything one command run found, ready to render in any format."""

    comparisons: tuple[Comparison, ...]
    notes: tuple[str, ...] = ()
    """Things the reader must know that are not findings (an expired ignore entry …)."""

    @property
    def summary(self) -> Summary:
        """Counts over every comparison."""
        total = Summary()
        for comparison in self.comparisons:
            total = total + comparison.summary
        return total

    @property
    def exit_code(self) -> int:
        """0 when nothing blocks, 1 when some finding fails the build."""
        return 1 if self.summary.blocking else 0


def operation_order(operation: str | None) -> tuple[int, str, str]:
    """How reports order operations: document-wide first, then by path, then by method."""
    if operation is None:
        return (0, "", "")
    method, _, path = operation.partition(" ")
    return (1, path, method)


def group_by_operation(findings: tuple[Finding, ...]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by operation (document-wide first, then by path and method).

    Inside a group the most severe come first; the checker's order breaks ties.
    """
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.operation, []).append(finding)
    ordered = sorted(groups, key=operation_order)
    return [
        (
            operation if operation is not None else DOCUMENT_GROUP,
            sorted(groups[operation], key=lambda finding: -level_rank(finding.level)),
        )
        for operation in ordered
    ]
