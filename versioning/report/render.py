"""Pick the renderer for a ``--format`` name, with the report's layout options."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

from versioning.report.github_format import render_github
from versioning.report.json_format import render_json
from versioning.report.junit_format import render_junit
from versioning.report.markdown_format import render_markdown
from versioning.report.sarif_format import render_sarif
from versioning.report.text_format import render_text

if TYPE_CHECKING:
    from versioning.report.model import Report
    from versioning.report.rollup import GroupBy

__all__ = ["FORMATS", "ReportFormat", "render"]

ReportFormat: TypeAlias = Literal["text", "json", "markdown", "junit", "github", "sarif"]
FORMATS: tuple[str, ...] = get_args(ReportFormat)


def render(
    report: Report,
    report_format: ReportFormat,
    *,
    color: bool = False,
    group_by: GroupBy = "change",
    verbose: bool = False,
) -> str:
    """``report`` in ``report_format``.

    Only ``text`` uses colour; ``verbose`` matters to ``text`` and ``markdown``; JSON
    always carries both the roll-up by change and the per-operation findings.
    """
    if report_format == "text":
        return render_text(report, color=color, group_by=group_by, verbose=verbose)
    if report_format == "markdown":
        return render_markdown(report, group_by=group_by, verbose=verbose)
    if report_format == "json":
        return render_json(report)
    renderers = {"junit": render_junit, "github": render_github, "sarif": render_sarif}
    return renderers[report_format](report, group_by=group_by)
