"""Rule declarations: each rule is declared once, beside the code that finds it.

A rule is a :class:`RuleInfo` (stable kebab-case id, level, direction, area, kind, action,
message template and a docstring with fixed parts). Each family module declares its rules
with :func:`declare` (directly, or through :func:`versioning.rules.define.define` and the
schema kind tables) when it is imported; :data:`RULE_FAMILIES` lists every such module, and
:func:`all_rules` imports them all, so the catalog is complete in a fresh interpreter whatever
the caller imported before. Ids are public API: users override levels and ignore findings by
id, so an id is never reused for another meaning.
"""

from __future__ import annotations

import importlib
import re
from typing import Literal, TypeAlias

import msgspec

from versioning.findings import Direction, Level

__all__ = ["DOC_PARTS", "RULE_FAMILIES", "RULE_ID", "RuleInfo", "all_rules", "declare", "get_rule"]

RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
DOC_PARTS = ("What changed:", "Why it breaks:", "Example:")
"""The three parts of every rule docstring, in order (``Why it breaks:`` may say why not)."""

Action: TypeAlias = Literal[
    "add", "remove", "change", "increase", "decrease", "set", "generalize", "specialize"
]

RULE_FAMILIES = (
    "document",
    "endpoints",
    "exempt",
    "global_security",
    "headers",
    "hooks",
    "lifecycle",
    "operation_metadata",
    "parameters",
    "properties",
    "request_bodies",
    "responses",
    "schema_constraints",
    "security",
    "timeline",
    "webhooks",
)
"""The modules of :mod:`versioning.rules` that declare rules: the catalog is exactly theirs."""


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


def _declare_every_family() -> None:
    """Import every family in :data:`RULE_FAMILIES` (each declares its rules once, on import)."""
    for family in RULE_FAMILIES:
        importlib.import_module(f"versioning.rules.{family}")


def get_rule(rule_id: str) -> RuleInfo:
    """The rule with this id.

    Raises:
        KeyError: No such rule.
    """
    found = _RULES.get(rule_id)
    if found is None:
        # Only an id not declared yet loads the families: a family that looks up the rules it
        # builds on while it is being imported (the aliases) must not import the others.
        _declare_every_family()
        found = _RULES[rule_id]
    return found


def all_rules() -> list[RuleInfo]:
    """Every rule of every family (timeline rules included), sorted by id."""
    _declare_every_family()
    return sorted(_RULES.values(), key=lambda info: info.id)
