"""Rule declarations: each rule is declared once, beside the code that finds it.

A rule is a :class:`RuleInfo` (stable kebab-case id, level, direction, area, kind, action,
message template and a docstring with fixed parts), a frozen value. Each family module in
:data:`RULE_FAMILIES` builds its rules (by hand with :func:`versioning.rules.define.define`,
or from the schema kind tables) into a ``RULES`` tuple, beside the code that reports them.
:func:`all_rules` collects those tuples into one catalog, checked once (ids well-formed and
unique), so it is complete in a fresh interpreter whatever the caller imported before; no
module registers anything by being imported. Ids are public API: users override levels and
ignore findings by id, so an id is never reused for another meaning.
"""

from __future__ import annotations

import functools
import importlib
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeAlias

import msgspec

from versioning.findings import Direction, Level

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DOC_PARTS", "RULE_FAMILIES", "RULE_ID", "RuleInfo", "all_rules", "get_rule"]

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


@functools.cache
def _catalog() -> Mapping[str, RuleInfo]:
    """Every family's ``RULES``, by id, sorted; built once.

    Raises:
        ValueError: An id is malformed or declared twice (a programming error).
    """
    rules: dict[str, RuleInfo] = {}
    for family in RULE_FAMILIES:
        module = importlib.import_module(f"versioning.rules.{family}")
        declared: tuple[RuleInfo, ...] = module.RULES
        for info in declared:
            if not RULE_ID.fullmatch(info.id):
                msg = f"rule id {info.id!r} is not kebab-case"
                raise ValueError(msg)
            if info.id in rules:
                msg = f"rule id {info.id!r} is declared twice"
                raise ValueError(msg)
            rules[info.id] = info
    return MappingProxyType(dict(sorted(rules.items())))


def get_rule(rule_id: str) -> RuleInfo:
    """The rule with this id.

    Raises:
        KeyError: No such rule.
    """
    return _catalog()[rule_id]


def all_rules() -> list[RuleInfo]:
    """Every rule of every family (timeline rules included), sorted by id."""
    return list(_catalog().values())
