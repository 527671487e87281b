"""``versiongate rules``: the rule catalog as text, JSON or Markdown, from the rules' own docs."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Literal, TypeAlias

import msgspec

from versioning.report.markdown_format import escape_cell

if TYPE_CHECKING:
    from collections.abc import Sequence

    from versioning.rules.registry import RuleInfo

__all__ = ["RULES_FORMATS", "RulesFormat", "render_rules"]

RulesFormat: TypeAlias = Literal["text", "json", "markdown"]
RULES_FORMATS: tuple[RulesFormat, ...] = ("text", "json", "markdown")


def _facts(info: RuleInfo) -> str:
    facts = f"{info.level}, {info.direction}, {info.area}/{info.kind}"
    if info.oasdiff_level is not None:
        facts += f"; oasdiff: {info.oasdiff_level}"
    if info.mirror is not None:
        facts += f"; mirror: {info.mirror}"
    return facts


def _text(rules: Sequence[RuleInfo]) -> str:
    blocks = []
    for info in rules:
        doc = textwrap.indent(info.doc or info.message, "    ")
        blocks.append(f"{info.id} ({_facts(info)})\n    message: {info.message}\n{doc}")
    blocks.append(f"{len(rules)} rules")
    return "\n\n".join(blocks) + "\n"


def _markdown(rules: Sequence[RuleInfo]) -> str:
    lines = [
        "# versiongate rules",
        "",
        f"{len(rules)} rules. Override a level or ignore findings by id in `[tool.versiongate]`.",
        "",
        "| id | level | direction | area | kind |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| [`{info.id}`](#{info.id}) | {info.level} | {info.direction}"
        f" | {escape_cell(info.area)} | {escape_cell(info.kind)} |"
        for info in rules
    ]
    for info in rules:
        lines += ["", f"## {info.id}", "", f"_{escape_cell(_facts(info))}_", ""]
        lines += [f"Message: `{info.message}`", "", info.doc or info.message]
    return "\n".join(lines) + "\n"


def render_rules(rules: Sequence[RuleInfo], rules_format: RulesFormat) -> str:
    """The catalog in ``rules_format``; JSON is a list of the rules' fields."""
    if rules_format == "json":
        encoded = msgspec.json.encode(list(rules))
        return msgspec.json.format(encoded, indent=2).decode() + "\n"
    if rules_format == "markdown":
        return _markdown(rules)
    return _text(rules)
