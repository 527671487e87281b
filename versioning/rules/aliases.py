"""oasdiff ids for concepts the catalog already names another way: listed, never reported.

oasdiff calls an enum value removed at the root of a response body
``response-mediatype-enum-value-removed``; the schema family generates
``response-body-enum-value-removed`` for it, as for every other change at the root of a
response body. Ids are public API, so neither is renamed: the oasdiff id is declared as an
alias, at the same level, so that ``versiongate rules`` lists it and a configuration carried
over from oasdiff names a known rule. Findings carry the schema family's id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.rules.docs import compose_doc
from versioning.rules.registry import RuleInfo

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ALIASES", "alias_rules"]

ALIASES: dict[str, str] = {
    "response-mediatype-enum-value-removed": "response-body-enum-value-removed",
}
"""Alias id → the id findings carry."""


def alias_rules(targets: Mapping[str, RuleInfo]) -> list[RuleInfo]:
    """Every alias, each copied from the rule it names (``targets``: rules by id)."""
    aliases: list[RuleInfo] = []
    for alias, target in ALIASES.items():
        rule = targets[target]
        aliases.append(
            RuleInfo(
                id=alias,
                level=rule.level,
                direction=rule.direction,
                area=rule.area,
                kind=rule.kind,
                action=rule.action,
                message=rule.message,
                family="aliases",
                alias_of=target,
                no_mirror="an alias names no change of its own",
                doc=compose_doc(
                    rule_id=alias,
                    level=rule.level,
                    what=f"oasdiff's id for what versiongate reports as `{target}`: a value"
                    " removed from the `enum` at the root of a response body.",
                    why="It does not: responses hold fewer values than before. Findings carry"
                    f" `{target}`; this id is listed so that oasdiff configurations carry over.",
                    before="enum: [card, bank]",
                    after="enum: [card]",
                ),
            )
        )
    return aliases
