"""Every CLI command that reads a spec, over the whole hostile corpus: the one rule of issue 12.

Every input ends in a located error (exit 2, ``file:line:column`` or a JSON pointer, no
traceback) or a clean report (exit 0 or 1), within a CPU limit (``RLIMIT_CPU``), a wall-clock
limit and an address-space limit (``RLIMIT_AS``), each command in its own forked process
(``forkserver.py``); and, for the large inputs, a bound on peak memory per input byte for
every command. About 140 inputs, 12 commands each (``corpus.COMMANDS``): the checked-in
corpus, one generated case per crash class of issues 12 and 13, and the large inputs at 1 MB
(the benchmarks, ``benchmarks/hostile.py`` and ``benchmarks/memory.py``, run them at 10 MB).

Cost: every job runs, two at a time (the machine has 2 cores), ~1,700 jobs in about two
minutes and a half. The fork server imports once, so a job costs its own work, not Python's start-up;
``VERSIONGATE_VALIDATE_SECONDS=2`` bounds the semantic checks of the large inputs (the
budget itself is what they test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.hostile.corpus import (
    COMMANDS,
    KNOWN_ISSUES,
    SPEC_BLIND,
    all_cases,
    jobs_for,
    write_case,
)
from tests.hostile.harness import Budget, Outcome, Verdict, run_jobs

if TYPE_CHECKING:
    from tests.hostile.cases import Case

LARGE_SIZE = 1_000_000
VALIDATE_SECONDS = "2"
CPU_SECONDS = 20
WALL_SECONDS = 45.0
MEMORY_BYTES = 1536 * 1024 * 1024

CASES = all_cases(large_size=LARGE_SIZE)
ALLOWED: dict[str, frozenset[Verdict]] = {
    "error": frozenset({"error"}),
    "clean": frozenset({"clean"}),
    "any": frozenset({"error", "clean"}),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run every command over every case once; outcomes by job id (``case:command``)."""
    root = tmp_path_factory.mktemp("hostile")
    budget = Budget(
        cpu_seconds=CPU_SECONDS, wall_seconds=WALL_SECONDS, memory_bytes=MEMORY_BYTES,
        env={"VERSIONGATE_VALIDATE_SECONDS": VALIDATE_SECONDS},
    )  # fmt: skip
    jobs = []
    for case in CASES:
        jobs.extend(jobs_for(case, write_case(case, root), budget=budget))
    # The slowest first, so the two workers finish together.
    jobs.sort(key=lambda job: -job.input_bytes)
    return {outcome.job.id: outcome for outcome in run_jobs(jobs, parallel=2)}


def _explain(outcome: Outcome) -> str:
    tail = (outcome.stderr.strip().splitlines() or ["(no stderr)"])[-3:]
    return (
        f"{outcome.job.id}: {outcome.verdict} (exit {outcome.code}, signal {outcome.signal},"
        f" {outcome.seconds:.1f} s) argv={list(outcome.job.argv)}\n  " + "\n  ".join(tail)
    )


def test_corpus__known_issues__name_real_cases_and_commands() -> None:
    names = {case.name for case in CASES}
    assert all(name in names and command in COMMANDS for name, command in KNOWN_ISSUES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_command__hostile_input__ends_in_a_located_error_or_a_clean_report(
    case: Case, outcomes: dict[str, Outcome]
) -> None:
    broken = []
    fixed = []
    for command in COMMANDS:
        outcome = outcomes[f"{case.name}:{command}"]
        blind = "lenient" in command or command in SPEC_BLIND
        expect = "any" if case.expect == "error" and blind else case.expect
        ok = outcome.verdict in ALLOWED[expect]
        known = KNOWN_ISSUES.get((case.name, command))
        if known is not None and ok:
            fixed.append(f"{outcome.job.id} passes now: remove it from KNOWN_ISSUES ({known})")
        elif known is None and not ok:
            broken.append(_explain(outcome))
    assert not broken, f"expected {case.expect}:\n" + "\n".join(broken)
    assert not fixed, "\n".join(fixed)


LOADING_COMMANDS = frozenset({"load", "validate", "validate-absolute-lenient", "translate"})
"""Commands whose memory is the loader's: each large case's own ``memory_ratio`` bounds them."""
MEMORY_GOAL = 10.0
MEMORY_ABOVE_GOAL: dict[str, float] = {
    "diff-self": 26, "diff-base": 100, "changelog": 100, "diff-lenient-reverse": 190,
    "check": 36, "verify": 72, "new-version": 19,
}  # fmt: skip
"""Commands above issue 12's goal of 10x on some large input (at 1 MB, one process each),
with the worst ratio measured plus a quarter as a bound against regressions: the diff of
one schema with 22,000 properties (77x; 148x when every operation is removed and reported
as JSON; ``check``'s too, in ``MEMORY_OF_CASE``), ``check`` on the other inputs (29x on
tiny operations, 11-17x on the rest since it loads each spec once; was 16-32x), ``verify``
(57x on the densest YAML) and ``new-version`` (15x on 3,800 tiny operations, about the
loader's own ratio; was 60x before it kept one document at a time). Owners and
reproductions: notes/cli-hostile.md, notes/verify-memory.md. A command that gets below the
goal leaves this table (the test says so)."""
MEMORY_OF_CASE: dict[tuple[str, str], float] = {("many_properties", "check"): 100}
"""Bounds of one command on one input, above its command's: ``check`` diffs the schema of
22,000 properties (78x, the diff's own figure), while 36 bounds it on every other input."""


def _memory_ratio(outcome: Outcome, baseline: Outcome) -> float | None:
    if outcome.peak_bytes is None or outcome.verdict != "clean":
        return None
    return (outcome.peak_bytes - (baseline.peak_bytes or 0)) / outcome.job.input_bytes


def test_every_command__large_inputs__stays_within_its_memory_ratio(
    outcomes: dict[str, Outcome],
) -> None:
    """Peak memory above the same command on a tiny spec, per input byte, for every command."""
    checked = 0
    too_big = []
    worst = dict.fromkeys(COMMANDS, 0.0)
    for case in CASES:
        if case.memory_ratio is None:
            continue
        for command in COMMANDS:
            ratio = _memory_ratio(outcomes[f"{case.name}:{command}"],
                                  outcomes[f"tiny_valid:{command}"])  # fmt: skip
            if ratio is None:
                continue
            checked += 1
            worst[command] = max(worst[command], ratio)
            bound = (case.memory_ratio if command in LOADING_COMMANDS
                     else MEMORY_OF_CASE.get((case.name, command))
                     or MEMORY_ABOVE_GOAL.get(command, MEMORY_GOAL))  # fmt: skip
            if ratio > bound:
                too_big.append(f"{case.name}:{command}: {ratio:.1f}x (at most {bound:g}x)")
    assert checked >= 5 * len(COMMANDS) - 5
    assert not too_big, "\n".join(too_big)
    below = [command for command in MEMORY_ABOVE_GOAL if worst[command] <= MEMORY_GOAL]
    assert not below, f"at most {MEMORY_GOAL:g}x now: remove from MEMORY_ABOVE_GOAL: {below}"


def test_validate__slow_semantic_checks__stop_at_the_budget_with_a_warning(
    outcomes: dict[str, Outcome],
) -> None:
    outcome = outcomes["many_paths:validate"]
    assert outcome.verdict == "clean", _explain(outcome)
    assert "semantic checks were stopped after 2 s" in outcome.stderr
    assert outcome.seconds < 2 * float(VALIDATE_SECONDS) + 10


def test_validate__relative_path__is_validated(outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes["corpus_missing_ref_yaml:validate"]
    assert outcome.job.argv == ("validate", "missing_ref.yaml")
    assert outcome.stderr.startswith("error: missing_ref.yaml:10:"), outcome.stderr


def test_validate_lenient__dangling_ref__warns_located_without_a_traceback(
    outcomes: dict[str, Outcome],
) -> None:
    outcome = outcomes["ref_dangling:validate-absolute-lenient"]
    assert outcome.code == 0, _explain(outcome)
    assert "warning: " in outcome.stderr
    assert "/$ref)" in outcome.stderr
    assert len(outcome.stderr) < 2000


def test_diff_lenient__dangling_ref__prints_the_warnings(outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes["ref_dangling:diff-lenient-reverse"]
    assert outcome.verdict == "clean", _explain(outcome)
    assert "warning: spec.json:" in outcome.stderr
    assert "$ref target does not exist" in outcome.stderr


def test_diff_lenient__null_responses__is_read_with_a_warning(outcomes: dict[str, Outcome]) -> None:
    strict = outcomes["responses_null:diff-base"]
    lenient = outcomes["responses_null:diff-lenient-reverse"]
    assert strict.verdict == "error", _explain(strict)
    assert lenient.verdict == "clean", _explain(lenient)
    assert "'responses' is null; read as if it were left out" in lenient.stderr


def test_fifo__as_the_spec__is_refused_at_once(outcomes: dict[str, Outcome]) -> None:
    for command in sorted(set(COMMANDS) - SPEC_BLIND):
        outcome = outcomes[f"entry_fifo:{command}"]
        assert outcome.verdict == "error", _explain(outcome)
        assert outcome.seconds < 5
