"""The schema family: every schema change kind in every context, generated from one table.

``request-property-max-length-decreased`` is ``<context>-<kind>``: the contexts live in
:mod:`versioning.rules.contexts`, the kinds (with their effect on accepted values, examples
and level overrides) in :mod:`versioning.rules.schema_kinds`. Each combination is a full
:class:`RuleInfo` with its own doc and mirror, so users configure each by id.
"""

from __future__ import annotations

from versioning.rules.aliases import alias_rules
from versioning.rules.contexts import CONTEXTS, Context
from versioning.rules.docs import WHY, compose_doc
from versioning.rules.oasdiff import oasdiff_level
from versioning.rules.registry import RuleInfo
from versioning.rules.schema_kinds import KINDS, Kind

__all__ = ["RULES", "schema_rule_id"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


def schema_rule_id(context: str, change: str) -> str:
    """The rule id of a schema change kind in a context."""
    return f"{context}-{change}"


def _rule(context: Context, kind: Kind) -> RuleInfo:
    rule_id = schema_rule_id(context.name, kind.change)
    level = kind.level(context.direction)
    mirror = schema_rule_id(context.mirror, kind.mirror) if context.mirror and kind.mirror else None
    return RuleInfo(
        id=rule_id,
        level=level,
        direction=context.direction,
        area=context.area,
        kind=kind.kind,
        action=kind.action,
        message=kind.message,
        doc=compose_doc(
            rule_id=rule_id,
            level=level,
            what=f"{kind.what[0].upper()}{kind.what[1:]}, in {context.place}.",
            why=kind.why.get(context.direction)
            or WHY[(kind.effect, context.direction)][0].upper()
            + WHY[(kind.effect, context.direction)][1:],
            note=kind.notes.get(context.direction, ""),
            before=kind.before,
            after=kind.after,
        ),
        mirror=mirror,
        oasdiff_level=oasdiff_level(rule_id, level),
        family="schema",
        no_mirror=(context.no_mirror or kind.no_mirror) if mirror is None else None,
    )


for _context in CONTEXTS.values():
    for _kind in KINDS.values():
        _DECLARED.append(_rule(_context, _kind))
_DECLARED.extend(alias_rules({info.id: info for info in _DECLARED}))

RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
