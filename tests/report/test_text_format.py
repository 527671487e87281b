"""The human report: grouped by operation, both sides' positions, colour only when asked."""

from __future__ import annotations

import io

import msgspec

from tests.report.samples import (
    ALL,
    BREAKING,
    COVERED,
    IGNORED,
    SUGGESTION,
    TRICKY_WARNING,
    UNCOVERED,
    catalog_report,
    report,
)
from versioning.report.color import use_color
from versioning.report.text_format import render_text


def test_render_text__breaking_finding__shows_rule_message_and_both_positions() -> None:
    out = render_text(report(BREAKING))
    assert "POST /transactions" in out
    assert "request-parameter-became-required" in out
    assert "base: api/2024-01-15/openapi.yaml:120:11" in out
    assert "revision: api/2024-09-01/openapi.yaml:131:11" in out
    assert "1 breaking change found" in out


def test_render_text__findings_of_one_operation__listed_under_one_heading() -> None:
    out = render_text(report(*ALL))
    lines = out.splitlines()
    heading = lines.index("  POST /transactions")
    assert "request-parameter-became-required" in lines[heading + 1]
    assert out.count("POST /transactions") == 1


def test_render_text__ignored_and_covered__say_why_they_do_not_count() -> None:
    out = render_text(report(IGNORED, COVERED))
    assert "[ignored: charges are frozen until their sunset]" in out
    assert "[covered by rename zipcode → postal_code]" in out
    assert "no breaking changes" in out


def test_render_text__color_off__has_no_escape_codes() -> None:
    assert "\x1b[" not in render_text(report(*ALL), color=False)


def test_render_text__color_on__paints_levels() -> None:
    assert "\x1b[31;1merror" in render_text(report(BREAKING), color=True)


def test_render_text__notes__printed_after_findings() -> None:
    out = render_text(report(BREAKING, notes=("ignore expired",)))
    assert "note: ignore expired" in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_color__auto_on_terminal__colours() -> None:
    assert use_color("auto", _Terminal(), environ={})


def test_use_color__auto_with_no_color_set__does_not_colour() -> None:
    assert not use_color("auto", _Terminal(), environ={"NO_COLOR": "1"})


def test_use_color__auto_with_empty_no_color__colours() -> None:
    assert use_color("auto", _Terminal(), environ={"NO_COLOR": ""})


def test_use_color__auto_on_pipe__does_not_colour() -> None:
    assert not use_color("auto", io.StringIO(), environ={})


def test_use_color__always_and_never__override_detection() -> None:
    assert use_color("always", io.StringIO(), environ={"NO_COLOR": "1"})
    assert not use_color("never", _Terminal(), environ={})


def test_render_text__multi_line_message__kept_on_one_line() -> None:
    out = render_text(report(TRICKY_WARNING))
    assert "value '50%' added, to: status, of response" in out


def test_render_text__uncovered_finding__marked_and_pointing_at_its_suggested_step() -> None:
    lines = render_text(catalog_report(UNCOVERED, COVERED)).splitlines()
    finding = next(i for i, line in enumerate(lines) if "'amount' type changed" in line)
    assert lines[finding + 1].strip() == "[uncovered: the declared changes do not translate it]"
    assert "suggested step: [1] below" in lines[finding + 3]
    heading = next(i for i, line in enumerate(lines) if line.startswith("    [1] for 1 finding"))
    assert heading > finding
    shown = [line.removeprefix(" " * 6) for line in lines[heading + 1 : heading + 6]]
    assert shown == SUGGESTION.splitlines()
    assert "1 breaking change found" in lines[-1]


def test_render_text__one_step_for_several_findings__printed_once() -> None:
    twin = msgspec.structs.replace(UNCOVERED, operation="GET /charges/{charge_id}")
    report = catalog_report(UNCOVERED, twin)
    out = render_text(report)
    assert out.count(SUGGESTION.splitlines()[0]) == 1
    assert "[1] for 2 findings" in out


def test_render_text__covered_finding__no_suggested_step() -> None:
    assert "suggested step" not in render_text(catalog_report(COVERED))


def test_render_text__color_on__uncovered_mark_red_covered_mark_green() -> None:
    out = render_text(catalog_report(UNCOVERED, COVERED), color=True)
    assert "\x1b[31;1m[uncovered: the declared changes do not translate it]\x1b[0m" in out
    assert "\x1b[32m[covered by rename zipcode → postal_code]\x1b[0m" in out
