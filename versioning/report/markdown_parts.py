"""Pieces both Markdown layouts share: escaping, code spans, places, drafts and the budget.

GitHub refuses comments over 65,536 characters, so details are written against a budget
that counts what no longer fits; the report then says how much was left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from versioning.findings import Finding
    from versioning.report.model import Comparison

__all__ = ["MARKDOWN_BUDGET", "Budget", "code", "escape_cell", "suggestion_block", "where"]

MARKDOWN_BUDGET = 60_000
"""Characters at most, leaving room under GitHub's 65,536-character comment cap."""


def escape_cell(text: str) -> str:
    """Make ``text`` safe inside a table cell: no pipes, HTML or line breaks leak through."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def code(text: str) -> str:
    """``text`` as an inline code span that survives backticks inside it."""
    fence = "``" if "`" in text else "`"
    padding = " " if "`" in text else ""
    return f"{fence}{padding}{escape_cell(text)}{padding}{fence}"


def where(finding: Finding) -> str:
    """Both sides' ``file:line:column`` for a table cell."""
    places = []
    for label, side in (("base", finding.base), ("revision", finding.revision)):
        if side is not None and side.location is not None:
            places.append(f"{label} {code(str(side.location))}")
    return "<br>".join(places)


def suggestion_block(findings: list[Finding], suggestion: str, comparison: Comparison) -> list[str]:
    """A folded block after the tables: one suggested step and the findings it is for."""
    fence = "~~~~" if "```" in suggestion else "```"
    first = findings[0]
    more = f" (and {len(findings) - 1} more like it)" if len(findings) > 1 else ""
    summary = (
        f"Suggested step for <code>{escape_cell(comparison.revision)}/changes.yaml</code>:"
        f" {escape_cell(first.message)}{more}"
    )
    return [
        "",
        "<details>",
        f"<summary>{summary}</summary>",
        "",
        f"{fence}yaml",
        *suggestion.splitlines(),
        fence,
        "",
        "</details>",
    ]


class Budget:
    """Characters left for details; counts the findings (and changes) that no longer fit."""

    __slots__ = ("changes_left_out", "left", "left_out")

    def __init__(self, characters: int) -> None:
        self.left = characters
        self.left_out = 0
        self.changes_left_out = 0

    def take(
        self, lines: list[str], out: list[str], *, findings: int = 0, changes: int = 0
    ) -> bool:
        """Append ``lines`` to ``out`` if they fit; otherwise count what they stood for.

        Once something did not fit, nothing more is taken, so what is shown stays in order.
        """
        size = sum(len(line) + 1 for line in lines)
        if self.left_out or self.changes_left_out or size > self.left:
            self.left_out += findings
            self.changes_left_out += changes
            return False
        self.left -= size
        out.extend(lines)
        return True
