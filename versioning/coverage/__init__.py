"""The coverage gate: is each breaking change between two versions translated by its steps?

Coverage is judged by execution. For each breaking finding of a version step, witnesses
are built (:mod:`~versioning.coverage.witnesses`): valid messages of the affected
operations carrying the values the finding is about. They run through the hop's declared
steps (:mod:`~versioning.coverage.execution`); a finding is ``covered`` only when some witness
shows the break and every witness comes out valid in the other version, ``acknowledged``
when an ``acknowledged`` step owns it instead, else ``uncovered`` with the failing witness
as evidence. A :class:`Drafter` drafts the ``changes.yaml`` step an uncovered finding needs
and proves it by the same execution.
"""

from versioning.coverage.drafts import Draft, Drafter
from versioning.coverage.execution import Proof, WitnessRun
from versioning.coverage.gate import CoverageGate, classify
from versioning.coverage.matching import StepMatcher, is_breaking
from versioning.coverage.witnesses import Witness, WitnessSet

__all__ = [
    "CoverageGate",
    "Draft",
    "Drafter",
    "Proof",
    "StepMatcher",
    "Witness",
    "WitnessRun",
    "WitnessSet",
    "classify",
    "is_breaking",
]
