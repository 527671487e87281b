"""Every draft offered as working, pasted as printed, makes check pass for its finding.

Run over every rule fixture case (tests/rules/cases) whose change is a breaking one: the
two documents become a two-version catalog with no declared changes, each uncovered
finding gets its draft, and a draft marked as working is pasted into ``changes.yaml`` and
the catalog judged again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.coverage.two_versions import changes_with, judged, write_two
from tests.rules.builder import runs
from versioning.coverage import Drafter
from versioning.errors import VersioningError

if TYPE_CHECKING:
    from pathlib import Path

    from tests.rules.builder import Run

BREAKING_RUNS = [run for run in runs() if any(e.level == "error" for e in run.expected)]


def test_breaking_runs__exist() -> None:
    assert len(BREAKING_RUNS) > 300


@pytest.mark.parametrize("chunk", range(8), ids=lambda chunk: f"rule cases {chunk + 1} of 8")
def test_drafts__marked_working__pasted_as_printed_cover_their_finding(
    tmp_path: Path, chunk: int
) -> None:
    proved = 0
    for run in BREAKING_RUNS[chunk::8]:
        proved += _check_run(tmp_path / "catalog", run)
    assert proved


def _check_run(folder: Path, run: Run) -> int:
    try:
        gate, findings = judged(write_two(folder, run.base, run.revision), run.today)
    except VersioningError:
        return 0  # a fixture that is not a valid catalog (tested by the rule cases themselves)
    drafter = Drafter(gate)
    proved = 0
    for finding in findings:
        if finding.coverage != "uncovered":
            continue
        draft = drafter.draft(finding)
        if not draft.works:
            continue
        write_two(folder, run.base, run.revision, changes_with([draft.text()]))
        _, again = judged(folder, run.today)
        same = [
            other
            for other in again
            if (other.rule, other.operation, other.message)
            == (finding.rule, finding.operation, finding.message)
        ]
        assert same, f"{run.id}: {finding.rule} disappeared"
        assert same[0].coverage in ("covered", "acknowledged"), (
            f"{run.id}: {finding.rule} is {same[0].coverage} with\n{draft.text()}\n"
            f"{same[0].evidence}"
        )
        proved += 1
    return proved
