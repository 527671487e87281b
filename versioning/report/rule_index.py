"""Every rule a report can name: the registry's rules and the bundled-example rules.

The registry holds the timeline rules too (:mod:`versioning.rules.timeline`); the example
rules are what ``versiongate check`` reports about a catalog's bundled examples.
"""

from __future__ import annotations

from versioning.rules.registry import RuleInfo, all_rules, get_rule
from versioning.rules.timeline import TIMELINE_RULES

__all__ = ["TIMELINE_RULES", "find_rule", "known_rules"]


def known_rules() -> list[RuleInfo]:
    """The registry's rules and the example rules, sorted by id."""
    from versioning.examples.rules import EXAMPLE_RULES

    return sorted([*all_rules(), *EXAMPLE_RULES], key=lambda info: info.id)


def find_rule(rule_id: str) -> RuleInfo | None:
    """The rule with this id, from the registry or the example rules; ``None`` if unknown."""
    try:
        return get_rule(rule_id)
    except KeyError:
        from versioning.examples.rules import EXAMPLE_RULES

        return next((info for info in EXAMPLE_RULES if info.id == rule_id), None)
