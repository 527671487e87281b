"""The human report: by change (default) or by operation, positions, colour only when asked."""

from __future__ import annotations

import io

import msgspec

from tests.report.samples import (
    ALL,
    BREAKING,
    COVERED,
    IGNORED,
    SHARED,
    SUGGESTION,
    TRICKY_WARNING,
    UNCOVERED,
    catalog_report,
    elsewhere,
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


def test_render_text__by_operation__findings_of_one_operation_under_one_heading() -> None:
    out = render_text(report(*ALL), group_by="operation")
    lines = out.splitlines()
    heading = lines.index("  POST /transactions")
    assert "request-parameter-became-required" in lines[heading + 1]
    assert out.count("POST /transactions") == 1


def test_render_text__by_operation_ignored_and_covered__say_why_they_do_not_count() -> None:
    out = render_text(report(IGNORED, COVERED), group_by="operation")
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


def test_render_text__by_operation_uncovered__marked_and_pointing_at_its_suggested_step() -> None:
    lines = render_text(catalog_report(UNCOVERED, COVERED), group_by="operation").splitlines()
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
    out = render_text(catalog_report(UNCOVERED, COVERED), color=True, verbose=True)
    assert "\x1b[31;1m[uncovered: the declared changes do not translate it]\x1b[0m" in out
    assert "\x1b[32m[covered by rename zipcode → postal_code]\x1b[0m" in out


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_render_text__shared_schema_change_on_three_operations__printed_once_with_them() -> None:
    out = render_text(report(*SHARED))
    assert out.count("became nullable") == 1
    assert "on 3 operations: POST /customers, GET /customers/{id}, GET /invoices/{id}" in out
    assert "versiongate: 1 breaking change found (3 findings)" in out


def test_render_text__by_change__errors_section_before_warnings() -> None:
    lines = _lines(render_text(report(TRICKY_WARNING, BREAKING)))
    errors = lines.index("  errors: 1 change (1 finding), failing the build")
    warnings = lines.index("  warnings: 1 change (1 finding)")
    assert errors < warnings
    assert lines[errors + 1].startswith("    request-parameter-became-required: ")


def test_render_text__by_change__the_lead_is_the_most_direct_message() -> None:
    out = render_text(report(*reversed(SHARED)))
    assert "response-property-became-nullable: 201 response property 'email' became" in out
    assert "'customer.email'" not in out  # the invoice reaches it through its customer


def test_render_text__change_on_many_operations__first_few_then_a_count() -> None:
    many = [elsewhere(BREAKING, f"POST /things/{n}") for n in range(12)]
    out = render_text(report(*many))
    assert "on 12 operations: POST /things/0, POST /things/1," in out
    assert " and 7 more" in out


def test_render_text__verbose__names_every_operation() -> None:
    many = [elsewhere(BREAKING, f"POST /things/{n}") for n in range(12)]
    out = render_text(report(*many), verbose=True)
    assert "and 7 more" not in out
    assert all(f"POST /things/{n}" in out for n in range(12))


def test_render_text__next_change_on_the_same_operations__says_so_instead_of_listing() -> None:
    moved = [
        msgspec.structs.replace(finding, rule="response-property-became-optional")
        for finding in SHARED
    ]
    out = render_text(report(*SHARED, *moved))
    assert out.count("GET /invoices/{id}") == 1
    assert "on the same 3 operations as the change above" in out


def test_render_text__covered_and_acknowledged__one_summary_line_not_listed() -> None:
    acknowledged = msgspec.structs.replace(
        BREAKING, coverage="acknowledged", covered_by="nobody sends it"
    )
    out = render_text(catalog_report(COVERED, acknowledged))
    assert "[covered by" not in out
    assert "nobody sends it" not in out
    assert (
        "  settled by declared changes: 1 change covered (1 finding),"
        " 1 change acknowledged (1 finding); --verbose lists them"
    ) in _lines(out)


def test_render_text__verbose__covered_and_acknowledged_listed_in_full() -> None:
    acknowledged = msgspec.structs.replace(
        BREAKING, coverage="acknowledged", covered_by="nobody sends it"
    )
    out = render_text(catalog_report(COVERED, acknowledged), verbose=True)
    assert "  covered or acknowledged: 2 changes (2 findings)" in _lines(out)
    assert "[covered by rename zipcode → postal_code]" in out
    assert "[acknowledged break: nobody sends it]" in out
    assert "settled by declared changes" not in out


def test_render_text__uncovered_change__leads_the_settled_ones_and_points_at_its_step() -> None:
    witness = "witness: a valid 201 response\n  2024-01-15 refuses it: body /amount: not an integer"
    uncovered = msgspec.structs.replace(UNCOVERED, evidence=witness)
    twin = elsewhere(uncovered, "GET /checkouts/{id}")
    lines = _lines(render_text(catalog_report(COVERED, uncovered, twin)))
    heading = lines.index("  errors: 1 change (2 findings), failing the build")
    assert lines[heading + 1].startswith("    response-property-type-changed: 201 response")
    assert lines[heading + 2] == "      on 2 operations: POST /checkouts, GET /checkouts/{id}"
    assert lines[heading + 3] == "      [uncovered: the declared changes do not translate it]"
    assert lines[heading + 4].startswith("      base: api/2024-01-15/openapi.yaml:1196:7")
    assert lines[heading + 5 : heading + 7] == [f"      {line}" for line in witness.splitlines()]
    assert lines[heading + 7] == "      suggested step: [1] below"
    listed = lines.index(
        "    [1] for 2 findings: response-property-type-changed on GET /checkouts/{id},"
        " POST /checkouts"
    )
    assert heading < lines.index("  settled by declared changes: 1 change covered (1 finding);"
                                 " --verbose lists them") < listed  # fmt: skip
    assert [line.removeprefix(" " * 6) for line in lines[listed + 1 : listed + 6]] == (
        SUGGESTION.splitlines()
    )


def test_render_text__by_change_ignored__listed_with_its_reason_after_what_blocks() -> None:
    lines = _lines(render_text(report(IGNORED, BREAKING)))
    ignored = lines.index("  ignored: 1 change (1 finding)")
    assert lines.index("  errors: 1 change (1 finding), failing the build") < ignored
    assert lines[ignored + 1].startswith("    error response-property-removed: ")
    assert "[ignored: charges are frozen until their sunset]" in lines[ignored + 3]


def test_render_text__by_operation__verdict_counts_findings_as_before() -> None:
    out = render_text(report(*SHARED), group_by="operation")
    assert out.count("became nullable") == 3
    assert "versiongate: 3 breaking changes found\n" in out
