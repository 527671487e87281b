"""Rule declarations: each rule is declared once, beside the code that finds it.

A rule is a :class:`RuleInfo` (stable kebab-case id, level, direction, area, kind, action,
message template and a docstring with fixed parts). Families register their rules with
:func:`rule` (decorating the function that detects them) or :func:`declare` (for rules one
function reports among several). Ids are public API: users override levels and ignore
findings by id, so an id is never reused for another meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, TypeAlias, TypeVar

import msgspec

from versioning.findings import Direction, Level

__all__ = ["DOC_PARTS", "RULE_ID", "RuleInfo", "all_rules", "declare", "get_rule", "rule"]

RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
DOC_PARTS = ("What changed:", "Why it breaks:", "Example:")
"""The three parts of every rule docstring, in order (``Why it breaks:`` may say why not)."""

Action: TypeAlias = Literal[
    "add", "remove", "change", "increase", "decrease", "set", "generalize", "specialize"
]

F = TypeVar("F", bound=Callable[..., object])


class RuleInfo(msgspec.Struct, frozen=True, kw_only=True):
    """One rule of the catalog.

    Attributes:
        id: Stable kebab-case id; where the concept matches an oasdiff rule, the same id.
        level: Default level (users may override it by id).
        direction: ``request`` / ``response`` / ``none``.
        area: ``paths``, ``parameters``, ``requestBody``, ``responses``, ``schema``,
            ``headers``, ``security``, ``components`` …
        kind: ``existence``, ``type``, ``constraints``, ``values``, ``requiredness``,
            ``structure``, ``lifecycle``, ``mutability`` …
        action: What happened: added, removed, changed, increased …
        message: ``str.format`` template for the finding message.
        doc: What changed / Why it breaks / Example, rendered by ``versiongate rules``.
        mirror: The id of the opposite-direction rule, if any.
        oasdiff_level: oasdiff's level for this id, when ours differs (the doc says why).
        family: The module that declares and detects the rule (``parameters``, ``schema`` …).
        no_mirror: For request rules without a mirror: why there is none.
        alias_of: For another tool's id of a concept we already name: the id our findings
            carry. An alias is listed (so configurations that use it are understood) but
            never reported itself.
    """

    id: str
    level: Level
    direction: Direction
    area: str
    kind: str
    action: Action
    message: str
    doc: str
    mirror: str | None = None
    oasdiff_level: Level | None = None
    family: str = ""
    no_mirror: str | None = None
    alias_of: str | None = None


_RULES: dict[str, RuleInfo] = {}


def declare(info: RuleInfo) -> RuleInfo:
    """Register ``info``; a second rule with the same id is a programming error.

    Raises:
        ValueError: The id is malformed or already taken.
    """
    if not RULE_ID.fullmatch(info.id):
        msg = f"rule id {info.id!r} is not kebab-case"
        raise ValueError(msg)
    if info.id in _RULES:
        msg = f"rule id {info.id!r} is declared twice"
        raise ValueError(msg)
    _RULES[info.id] = info
    return info


def rule(
    id: str,  # noqa: A002 - the public name of the concept
    *,
    level: Level,
    direction: Direction,
    area: str,
    kind: str,
    action: Action,
    message: str,
    mirror: str | None = None,
    oasdiff_level: Level | None = None,
) -> Callable[[F], F]:
    """Declare a rule on the function that detects it; the function's docstring is the doc."""

    def register(function: F) -> F:
        declare(
            RuleInfo(
                id=id,
                level=level,
                direction=direction,
                area=area,
                kind=kind,
                action=action,
                message=message,
                doc=(function.__doc__ or "").strip(),
                mirror=mirror,
                oasdiff_level=oasdiff_level,
            )
        )
        return function

    return register


def get_rule(rule_id: str) -> RuleInfo:
    """The rule with this id.

    Raises:
        KeyError: No such rule.
    """
    return _RULES[rule_id]


def all_rules() -> list[RuleInfo]:
    """Every registered rule, sorted by id."""
    return sorted(_RULES.values(), key=lambda info: info.id)
