"""The coverage gate: each breaking finding of a version step, judged by running its witnesses.

A finding is ``covered`` when its witnesses show the break and the hop's declared steps
translate every one of them into a message the other version accepts; ``acknowledged`` when
it is not, but an ``acknowledged`` step owns it (its reason is reported); else ``uncovered``,
with the failing witness (or why no witness could show the break) as evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from versioning.changes.steps import Acknowledged
from versioning.coverage.execution import Proof, prove
from versioning.coverage.matching import StepMatcher, is_breaking
from versioning.coverage.witnesses import witnesses_for
from versioning.messages.validator import MessageValidator

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from versioning.changes.model import LocatedStep
    from versioning.findings import Finding
    from versioning.translate.hop import Hop

__all__ = ["CoverageGate", "classify"]


class CoverageGate:
    """Judges the breaking findings of one hop (two adjacent versions and their changes).

    Args:
        hop: The compiled steps between the two versions.
        older: The older version's validator (built when not given; share one per version
            when judging a whole catalog, it caches compiled schemas).
        newer: The newer version's validator.
    """

    def __init__(
        self,
        hop: Hop,
        *,
        older: MessageValidator | None = None,
        newer: MessageValidator | None = None,
    ) -> None:
        self.hop = hop
        self.older = older or MessageValidator(hop.older)
        self.newer = newer or MessageValidator(hop.newer)
        self._matcher = StepMatcher(hop.changes, hop.older, hop.newer)
        steps = list(hop.changes.steps())
        self._translating = [s for s in steps if not isinstance(s.step, Acknowledged)]
        self._acknowledging = [s for s in steps if isinstance(s.step, Acknowledged)]
        self._proofs: dict[int, tuple[Finding, Proof]] = {}

    def prove(self, finding: Finding) -> Proof:
        """Build the finding's witnesses and run them through the hop."""
        witnesses = witnesses_for(finding, hop=self.hop, older=self.older, newer=self.newer)
        return prove(finding, witnesses, hop=self.hop, older=self.older, newer=self.newer)

    def _label(self, finding: Finding) -> str:
        step = self._first(self._translating, finding)
        if step is not None:
            return step.label()
        source = self.hop.changes.file or f"{self.hop.newer_id} (no changes file)"
        return f"the declared changes of {self.hop.newer_id} ({source})"

    def _first(self, steps: list[LocatedStep], finding: Finding) -> LocatedStep | None:
        return next((s for s in steps if self._matcher.covers(s, finding)), None)

    def proof_of(self, judged: Finding) -> Proof | None:
        """The proof behind a finding this gate judged (``None`` for any other finding)."""
        kept = self._proofs.get(id(judged))
        return kept[1] if kept is not None and kept[0] is judged else None

    def judge(self, finding: Finding) -> Finding:
        """``finding`` with its coverage, what covers it and the evidence set."""
        proof = self.prove(finding)
        judged = self._verdict(finding, proof)
        self._proofs[id(judged)] = (judged, proof)
        return judged

    def _verdict(self, finding: Finding, proof: Proof) -> Finding:
        if proof.covered:
            return msgspec.structs.replace(
                finding,
                coverage="covered",
                covered_by=self._label(finding),
                evidence=proof.summary(),
            )
        evidence = proof.explain(older=self.hop.older_id, newer=self.hop.newer_id)
        acknowledged = self._first(self._acknowledging, finding)
        if acknowledged is not None:
            assert isinstance(acknowledged.step, Acknowledged)
            return msgspec.structs.replace(
                finding,
                coverage="acknowledged",
                covered_by=acknowledged.step.reason.strip(),
                evidence=evidence,
            )
        return msgspec.structs.replace(
            finding, coverage="uncovered", covered_by=None, evidence=evidence
        )


def classify(
    findings: Iterable[Finding],
    *,
    hop: Hop,
    older: MessageValidator | None = None,
    newer: MessageValidator | None = None,
    breaking: Callable[[Finding], bool] = is_breaking,
) -> list[Finding]:
    """Judge every breaking finding of ``hop``'s two versions; others are returned unchanged."""
    gate = CoverageGate(hop, older=older, newer=newer)
    return [gate.judge(finding) if breaking(finding) else finding for finding in findings]
