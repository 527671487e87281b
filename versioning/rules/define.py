"""``define``: one hand-written rule from its parts (doc composed in the fixed form)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.rules.docs import compose_doc
from versioning.rules.oasdiff import oasdiff_level
from versioning.rules.registry import Action, RuleInfo

if TYPE_CHECKING:
    from versioning.findings import Direction, Level

__all__ = ["define"]


def define(
    rule_id: str,
    level: Level,
    *,
    direction: Direction,
    area: str,
    action: Action,
    message: str,
    what: str,
    why: str,
    example: tuple[str, str],
    family: str,
    kind: str = "existence",
    mirror: str | None = None,
    no_mirror: str | None = None,
) -> RuleInfo:
    """A rule's :class:`RuleInfo`; ``no_mirror`` only for request rules without a mirror."""
    return RuleInfo(
        id=rule_id,
        level=level,
        direction=direction,
        area=area,
        kind=kind,
        action=action,
        message=message,
        doc=compose_doc(
            rule_id=rule_id,
            level=level,
            what=what,
            why=why,
            before=example[0],
            after=example[1],
        ),
        mirror=mirror,
        oasdiff_level=oasdiff_level(rule_id, level),
        family=family,
        no_mirror=no_mirror if direction == "request" and mirror is None else None,
    )
