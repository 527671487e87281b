"""The verdict every format shares: what blocks, how findings are grouped and counted."""

from __future__ import annotations

from tests.report.samples import (
    ADDED,
    ALL,
    BREAKING,
    COVERED,
    IGNORED,
    TRICKY_WARNING,
    report,
)
from versioning.report.model import DOCUMENT_GROUP, group_by_operation, is_blocking


def test_is_blocking__error_at_fail_on_error__blocks() -> None:
    assert is_blocking(BREAKING, "error")


def test_is_blocking__warning_at_fail_on_error__does_not_block() -> None:
    assert not is_blocking(TRICKY_WARNING, "error")


def test_is_blocking__warning_at_fail_on_warning__blocks() -> None:
    assert is_blocking(TRICKY_WARNING, "warning")


def test_is_blocking__ignored_or_covered_error__does_not_block() -> None:
    assert not is_blocking(IGNORED, "warning")
    assert not is_blocking(COVERED, "warning")


def test_is_blocking__info_at_any_threshold__never_blocks() -> None:
    assert not is_blocking(ADDED, "warning")


def test_report_exit_code__only_settled_and_info__is_0() -> None:
    assert report(ADDED, IGNORED, COVERED).exit_code == 0


def test_report_exit_code__one_blocking_finding__is_1() -> None:
    assert report(ADDED, BREAKING).exit_code == 1


def test_summary__all_shapes__counts_levels_and_settled() -> None:
    summary = report(*ALL).summary
    assert (summary.error, summary.warning, summary.info) == (3, 2, 1)
    assert summary.ignored == 1
    assert summary.settled == 1
    assert summary.blocking == 1


def test_group_by_operation__mixed__document_first_then_by_path_and_severity() -> None:
    groups = group_by_operation(ALL)
    names = [name for name, _ in groups]
    assert names[0] == DOCUMENT_GROUP
    assert names[1:] == [
        "GET /charges/{id}",
        "POST /checkouts",
        "GET /refunds",
        "POST /transactions",
        "GET /transactions/{id}",
    ]
    assert sum(len(findings) for _, findings in groups) == len(ALL)
