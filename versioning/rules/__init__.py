"""The breaking-change rule catalog: one module per family, all registered in ``registry``."""

from versioning.rules.registry import RuleInfo, all_rules, get_rule, rule

__all__ = ["RuleInfo", "all_rules", "get_rule", "rule"]
