"""The pull-request comment: summary tables, then details that cannot break the tables."""

from __future__ import annotations

import msgspec

from tests.report.samples import (
    ADDED,
    ALL,
    BREAKING,
    COVERED,
    SHARED,
    SUGGESTION,
    TRICKY_WARNING,
    UNCOVERED,
    catalog_report,
    elsewhere,
    report,
)
from versioning.findings import Finding
from versioning.report.markdown_format import render_markdown


def _table_rows(markdown: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split(" | ")]
        for line in markdown.splitlines()
        if line.startswith("| ") and not line.startswith("| ---")
    ]


def test_render_markdown__breaking__headline_and_summary_table_count_it() -> None:
    out = render_markdown(report(*ALL))
    assert out.startswith("## versiongate: 1 breaking change\n")
    header, first = _table_rows(out)[:2]
    assert header[:3] == ["comparison", "errors", "warnings"]
    assert first[1:] == ["3", "2", "1", "1", "**1**"]


def test_render_markdown__by_operation__details_grouped_by_operation_with_positions() -> None:
    out = render_markdown(report(BREAKING), group_by="operation")
    assert "#### `POST /transactions`" in out
    assert "`api/2024-09-01/openapi.yaml:131:11`" in out
    assert "**error**" in out


def test_render_markdown__by_operation_pipes_and_html__escaped_in_the_cell() -> None:
    hostile = Finding(
        rule="response-property-type-changed", level="error",
        message="type a|b became <script>", operation="GET /x",
    )  # fmt: skip
    out = render_markdown(report(hostile, TRICKY_WARNING), group_by="operation")
    row = next(line for line in out.splitlines() if "response-property-type-changed" in line)
    assert "a\\|b" in row
    assert "<script>" not in out
    assert row.count(" | ") == 3


def test_render_markdown__by_operation_over_budget__cuts_details_and_says_how_many() -> None:
    many = tuple(
        Finding(
            rule="endpoint-removed",
            level="error",
            message=f"endpoint {n} removed",
            operation=f"GET /things/{n}",
        )
        for n in range(400)
    )
    out = render_markdown(report(*many), budget=5_000, group_by="operation")
    assert len(out) < 6_000
    shown = out.count("endpoint-removed`")
    assert 0 < shown < 400
    assert f"_{400 - shown} more findings are left out" in out


def test_render_markdown__by_operation_over_budget__blocking_findings_kept_first() -> None:
    additions = tuple(
        Finding(
            rule="endpoint-added",
            level="info",
            message=f"endpoint {n} added",
            operation=f"GET /a/{n}",
        )
        for n in range(300)
    )
    out = render_markdown(report(*additions, BREAKING), budget=3_000, group_by="operation")
    assert "request-parameter-became-required" in out
    assert out.index("POST /transactions") < out.index("GET /a/")


def test_render_markdown__by_operation_uncovered__suggested_step_folded_under_the_table() -> None:
    out = render_markdown(catalog_report(UNCOVERED, COVERED), group_by="operation")
    table_end = out.index("\n\n<details>")
    assert "#### `POST /checkouts`" in out[:table_end]
    assert "_(uncovered: the declared changes do not translate it)_" in out[:table_end]
    block = out[table_end:]
    assert "<summary>Suggested step for <code>2024-09-01/changes.yaml</code>:" in block
    assert f"```yaml\n{SUGGESTION}\n```" in block
    assert block.count("<details>") == 1  # the covered finding needs none


def _row_of(markdown: str, text: str) -> list[str]:
    return next(row for row in _table_rows(markdown) if any(text in cell for cell in row))


def test_render_markdown__shared_schema_change__one_row_naming_its_operations() -> None:
    out = render_markdown(report(*SHARED))
    assert out.startswith("## versiongate: 1 breaking change (3 findings)\n")
    rows = [row for row in _table_rows(out) if "became nullable" in " ".join(row)]
    assert len(rows) == 1
    rule, change, operations, where = rows[0]
    assert rule == "**`response-property-became-nullable`**"
    assert change == "200 response property 'email' became nullable"
    assert operations == "`POST /customers`, `GET /customers/{id}`, `GET /invoices/{id}`"
    assert "`api/2024-09-01/openapi.yaml:702:9`" in where


def test_render_markdown__by_change__table_per_severity_and_rule_with_totals() -> None:
    out = render_markdown(report(*SHARED, BREAKING, TRICKY_WARNING))
    assert "| level | rule | changes | findings | operations | breaking changes |" in out
    assert _row_of(out, "_2 rules_") == ["**error**", "_2 rules_", "2", "4", "4", "**2**"]
    assert _row_of(out, "`response-property-became-nullable`")[2:] == ["1", "3", "3", "**1**"]
    assert _row_of(out, "_1 rule_") == ["**warning**", "_1 rule_", "1", "1", "1", "0"]


def test_render_markdown__many_rules__table_names_the_first_and_counts_the_rest() -> None:
    findings = [
        msgspec.structs.replace(BREAKING, rule=f"rule-{n:02}", operation=f"GET /{n}")
        for n in range(40)
    ]
    out = render_markdown(report(*findings))
    assert sum(1 for row in _table_rows(out) if row[0] == "error") == 16  # 15 rules + the rest
    assert _row_of(out, "_25 more rules_")[2:] == ["25", "25", "25", "**25**"]


def test_render_markdown__by_change_over_budget__cuts_changes_and_counts_them() -> None:
    many = [
        msgspec.structs.replace(BREAKING, rule=f"rule-{n % 50}", base=None,
                                revision=None, message=f"thing {n} changed", operation=f"GET /{n}")
        for n in range(3_000)
    ]  # fmt: skip
    out = render_markdown(report(*many))
    assert len(out) < 65_536
    shown = sum(1 for row in _table_rows(out) if row[1].startswith("thing "))
    assert 0 < shown < 3_000
    assert f"_{3_000 - shown} more changes ({3_000 - shown} findings) are left out" in out


def test_render_markdown__by_change_over_budget__what_blocks_kept_first() -> None:
    additions = [
        msgspec.structs.replace(ADDED, operation=f"GET /a/{n}", revision=None, message=f"a {n}")
        for n in range(300)
    ]
    out = render_markdown(report(*additions, BREAKING), budget=3_000)
    assert "request-parameter-became-required" in out
    assert out.index("Errors: 1 change") < out.index("Info: ")


def test_render_markdown__by_change_covered__a_summary_line_and_verbose_lists_it() -> None:
    short = render_markdown(catalog_report(UNCOVERED, COVERED))
    assert "Settled by declared changes: 1 change covered (1 finding)" in short
    assert "rename zipcode" not in short
    full = render_markdown(catalog_report(UNCOVERED, COVERED), verbose=True)
    assert "#### Covered or acknowledged: 1 change (1 finding)" in full
    assert "_(covered by rename zipcode → postal_code)_" in full


def test_render_markdown__by_change_uncovered__row_then_its_draft_folded_once() -> None:
    out = render_markdown(catalog_report(UNCOVERED, elsewhere(UNCOVERED, "GET /checkouts/{id}")))
    table_end = out.index("\n\n<details>")
    assert "#### Errors: 1 change (2 findings), failing the build" in out[:table_end]
    assert "_(uncovered: the declared changes do not translate it)_" in out[:table_end]
    assert out.count("<details>") == 1
    assert f"```yaml\n{SUGGESTION}\n```" in out[table_end:]


def test_render_markdown__by_change_pipes_and_html__escaped_in_the_cell() -> None:
    hostile = Finding(
        rule="response-property-type-changed", level="error",
        message="type a|b became <script>", operation="GET /x|y",
    )  # fmt: skip
    out = render_markdown(report(hostile))
    row = next(line for line in out.splitlines() if "became" in line)
    assert "a\\|b" in row
    assert "`GET /x\\|y`" in row
    assert "<script>" not in out
    assert row.count(" | ") == 3
