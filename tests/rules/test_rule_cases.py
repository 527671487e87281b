"""Every fixture case under ``cases/`` gives exactly the findings it expects.

Schema cases run in each context they list (a request body, a property inside it, a query
parameter, a response header …); mirror rules also run reversed in the mirror context
(a request narrowing reversed in a response is a widening) and must give the mirror rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.rules.builder import Expected, Run, load, runs
from versioning.checker import CheckOptions, compare
from versioning.rules.registry import all_rules, get_rule

if TYPE_CHECKING:
    from versioning.findings import Finding

RUNS = runs()
MIRROR_RUNS = runs(mirrors={rule.id: rule.mirror for rule in all_rules()})


def _found(run: Run) -> set[Expected]:
    findings: list[Finding] = compare(
        load(run.base, "base.json"),
        load(run.revision, "revision.json"),
        options=CheckOptions(today=run.today),
    )
    return {
        Expected(
            rule=finding.rule,
            level=finding.level,
            operation=finding.operation,
            base=finding.base.pointer if finding.base else None,
            revision=finding.revision.pointer if finding.revision else None,
        )
        for finding in findings
    }


@pytest.mark.parametrize("run", RUNS, ids=lambda run: run.id)
def test_rule_case__compared__gives_exactly_the_expected_findings(run: Run) -> None:
    assert sorted(_found(run)) == sorted(run.expected)


@pytest.mark.parametrize("run", MIRROR_RUNS, ids=lambda run: run.id)
def test_mirror_case__reversed_in_the_mirror_context__gives_the_mirror_rule(run: Run) -> None:
    found = _found(run)
    for expected in run.expected:
        wanted = Expected(
            rule=expected.rule,
            level=get_rule(expected.rule).level,
            operation=expected.operation,
            base=expected.base,
            revision=expected.revision,
        )
        assert wanted in found, sorted(found)
