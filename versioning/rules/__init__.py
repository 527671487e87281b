"""The breaking-change rule catalog: one module per family, all listed in ``registry``."""

from versioning.rules.registry import RULE_FAMILIES, RuleInfo, all_rules, get_rule

__all__ = ["RULE_FAMILIES", "RuleInfo", "all_rules", "get_rule"]
