"""The pull-request comment: a summary table, then details that cannot break the table."""

from __future__ import annotations

from tests.report.samples import (
    ALL,
    BREAKING,
    COVERED,
    SUGGESTION,
    TRICKY_WARNING,
    UNCOVERED,
    catalog_report,
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


def test_render_markdown__details__grouped_by_operation_with_positions() -> None:
    out = render_markdown(report(BREAKING))
    assert "#### `POST /transactions`" in out
    assert "`api/2024-09-01/openapi.yaml:131:11`" in out
    assert "**error**" in out


def test_render_markdown__pipes_and_html_in_message__escaped_in_the_cell() -> None:
    hostile = Finding(
        rule="response-property-type-changed", level="error",
        message="type a|b became <script>", operation="GET /x",
    )  # fmt: skip
    out = render_markdown(report(hostile, TRICKY_WARNING))
    row = next(line for line in out.splitlines() if "response-property-type-changed" in line)
    assert "a\\|b" in row
    assert "<script>" not in out
    assert row.count(" | ") == 3


def test_render_markdown__over_budget__cuts_details_and_says_how_many() -> None:
    many = tuple(
        Finding(
            rule="endpoint-removed",
            level="error",
            message=f"endpoint {n} removed",
            operation=f"GET /things/{n}",
        )
        for n in range(400)
    )
    out = render_markdown(report(*many), budget=5_000)
    assert len(out) < 6_000
    shown = out.count("endpoint-removed`")
    assert 0 < shown < 400
    assert f"_{400 - shown} more findings are left out" in out


def test_render_markdown__over_budget__blocking_findings_kept_first() -> None:
    additions = tuple(
        Finding(
            rule="endpoint-added",
            level="info",
            message=f"endpoint {n} added",
            operation=f"GET /a/{n}",
        )
        for n in range(300)
    )
    out = render_markdown(report(*additions, BREAKING), budget=3_000)
    assert "request-parameter-became-required" in out
    assert out.index("POST /transactions") < out.index("GET /a/")


def test_render_markdown__uncovered_finding__suggested_step_folded_under_the_table() -> None:
    out = render_markdown(catalog_report(UNCOVERED, COVERED))
    table_end = out.index("\n\n<details>")
    assert "#### `POST /checkouts`" in out[:table_end]
    assert "_(uncovered: the declared changes do not translate it)_" in out[:table_end]
    block = out[table_end:]
    assert "<summary>Suggested step for <code>2024-09-01/changes.yaml</code>:" in block
    assert f"```yaml\n{SUGGESTION}\n```" in block
    assert block.count("<details>") == 1  # the covered finding needs none
