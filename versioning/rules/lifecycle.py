"""The deprecation policy: deprecate first, announce a sunset, keep it, then remove.

Operations, parameters and body properties carry ``deprecated`` and ``x-sunset`` (an ISO
date); operations and properties may carry ``x-stability-level`` (draft < alpha < beta <
stable). The rules check the policy against an injected "today": a sunset must be readable,
not moved earlier or deleted, and at least the configured number of days away for the
stability level. Removals are judged in the families that see them (endpoints, parameters,
properties) with :func:`removal_verdict`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from versioning.rules.define import define
from versioning.sunset import sunset_date

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

    from versioning.diff.model import SchemaChange
    from versioning.findings import Direction, Level, Subject
    from versioning.rules.emit import Emitter, Policy
    from versioning.rules.registry import RuleInfo

__all__ = [
    "RULES",
    "STABILITY_ORDER",
    "check_deprecation",
    "check_stability",
    "removal_verdict",
    "report_property_lifecycle",
    "stability_rank",
]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""

STABILITY_ORDER = ("draft", "alpha", "beta", "stable")


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: an operation, a request parameter."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def stability_rank(level: str | None) -> int | None:
    """Rank of an ``x-stability-level`` (absent means stable); ``None`` if unknown."""
    value = level or "stable"
    return STABILITY_ORDER.index(value) if value in STABILITY_ORDER else None


def _declare(rule_id: str, level: Level, **parts: Any) -> None:
    _DECLARED.append(define(rule_id, level, family="lifecycle", kind="lifecycle", **parts))


_POLICY_ONLY = "a deprecation policy concerns what is deprecated, not a direction of data"
_MISSING_WHY = (
    "Only a warning: deprecating is good news for clients, but without a date they cannot"
    " plan their migration. Give it an `x-sunset`. Reported where min-sunset-days asks for a"
    " window at the stability level (stable and beta by default); elsewhere the deprecation"
    " is information."
)
_THINGS = {
    "api": ("operation", "none", "paths", "GET /charges: {deprecated: true}"),
    "request-parameter": (
        "request parameter",
        "request",
        "parameters",
        "limit: {deprecated: true}",
    ),
    "request-property": ("request body property", "request", "schema", "b: {deprecated: true}"),
    "response-property": ("response body property", "response", "schema", "b: {deprecated: true}"),
}


_INVALID = {
    "api": "api-deprecated-sunset-parse",
    "request-parameter": "request-parameter-sunset-parse",
}


def _deprecation_rules() -> None:
    """Sunset missing, unreadable, too soon, shortened, deleted — for each deprecatable thing."""
    for prefix, (noun, direction, area, example) in _THINGS.items():
        d: Direction = direction  # type: ignore[assignment]
        missing = f"{prefix}-deprecated-sunset-missing"
        invalid = _INVALID.get(prefix, f"{prefix}-deprecated-sunset-invalid")
        too_small = f"{prefix}-sunset-date-too-small"

        _declare(
            missing,
            "warning",
            direction=d,
            area=area,
            action="change",
            message="{subject} was deprecated without an x-sunset date",
            what=f"{_a(noun).capitalize()} was deprecated without an `x-sunset` date.",
            why=_MISSING_WHY,
            example=("deprecated: false", "deprecated: true"),
            no_mirror=_POLICY_ONLY,
        )
        _declare(
            invalid,
            "error",
            direction=d,
            area=area,
            action="change",
            message="{subject} has an x-sunset that is not a date: {sunset}",
            what=f"A deprecated {noun} has an `x-sunset` that is not an ISO 8601 date.",
            why="Clients and tools cannot tell when it goes away.",
            example=("deprecated: false", "deprecated: true, x-sunset: next spring"),
            no_mirror=_POLICY_ONLY,
        )
        _declare(
            too_small,
            "error",
            direction=d,
            area=area,
            action="change",
            message="{subject} sunset {sunset} is {days}; the policy for {stability} asks for"
            " at least {minimum} days",
            what=f"{_a(noun).capitalize()} was deprecated (or its sunset changed) with an"
            " `x-sunset` closer than the minimum deprecation window for its"
            " `x-stability-level`.",
            why="Clients need time to migrate; the window per stability level is the"
            " promise the API makes (configure it with min-sunset-days).",
            example=("deprecated: false", f"{example}, x-sunset: <in 10 days>"),
            no_mirror=_POLICY_ONLY,
        )
        if prefix in {"api", "request-parameter"}:
            shortened = (
                "api-sunset-date-changed-too-small"
                if prefix == "api"
                else "request-parameter-sunset-date-changed-too-small"
            )
            _declare(
                shortened,
                "error",
                direction=d,
                area=area,
                action="change",
                message="{subject} sunset moved earlier, from {before} to {after}",
                what=f"The `x-sunset` of a deprecated {noun} moved to an earlier date.",
                why="Clients planned their migration for the announced date.",
                example=("x-sunset: '2027-06-30'", "x-sunset: '2026-12-31'"),
                no_mirror=_POLICY_ONLY,
            )
            deleted = "sunset-deleted" if prefix == "api" else "request-parameter-sunset-deleted"
            _declare(
                deleted,
                "error",
                direction=d,
                area=area,
                action="remove",
                message="{subject} is still deprecated but its x-sunset {before} was deleted",
                what=f"The `x-sunset` of {_a(noun)} that stays deprecated was removed.",
                why="Clients lose the date they planned by, and the removal may now come"
                " at any time.",
                example=("deprecated: true, x-sunset: '2027-06-30'", "deprecated: true"),
                no_mirror=_POLICY_ONLY,
            )
        announced = {
            "api": "endpoint-deprecated-with-sunset",
            "request-parameter": "request-parameter-deprecated",
        }.get(prefix, f"{prefix}-deprecated-with-sunset")
        _declare(
            announced,
            "info",
            direction=d,
            area=area,
            action="change",
            message="{subject} was deprecated, with sunset {sunset}",
            what=f"{_a(noun).capitalize()} was deprecated with a valid `x-sunset` far enough away.",
            why="It does not: it announces a future removal, as the policy asks.",
            example=("deprecated: false", "deprecated: true, x-sunset: '2027-06-30'"),
            no_mirror=_POLICY_ONLY,
        )
        plain = "endpoint-deprecated" if prefix == "api" else f"{prefix}-deprecated"
        if plain != announced:
            _declare(
                plain,
                "info",
                direction=d,
                area=area,
                action="change",
                message="{subject} was deprecated",
                what=f"{_a(noun).capitalize()} was deprecated without an `x-sunset` where its"
                " `x-stability-level` asks for no minimum window (min-sunset-days 0).",
                why="It does not: it announces a future removal, and the policy asks for no"
                " date at this stability level.",
                example=("x-stability-level: alpha", "x-stability-level: alpha, deprecated: true"),
                no_mirror=_POLICY_ONLY,
            )
        reactivated = "endpoint-reactivated" if prefix == "api" else f"{prefix}-reactivated"
        _declare(
            reactivated,
            "info",
            direction=d,
            area=area,
            action="change",
            message="{subject} is no longer deprecated",
            what=f"A deprecated {noun} is no longer deprecated.",
            why="It does not: clients may keep using it.",
            example=("deprecated: true", "deprecated: false"),
            no_mirror=_POLICY_ONLY,
        )


def _stability_rules() -> None:
    for prefix, noun, direction, area in (
        ("api", "operation", "none", "paths"),
        ("request-property", "request body property", "request", "schema"),
        ("response-property", "response body property", "response", "schema"),
    ):
        d: Direction = direction  # type: ignore[assignment]
        _declare(
            f"{prefix}-stability-decreased",
            "error",
            direction=d,
            area=area,
            action="decrease",
            message="{subject} stability decreased from {before} to {after}",
            what=f"The `x-stability-level` of {_a(noun)} went down (for example stable to beta).",
            why="Clients built on a stability promise; a lower level allows breaking"
            " changes with less notice.",
            example=("x-stability-level: stable", "x-stability-level: beta"),
            no_mirror=_POLICY_ONLY,
        )
        _declare(
            f"{prefix}-stability-increased",
            "info",
            direction=d,
            area=area,
            action="increase",
            message="{subject} stability increased from {before} to {after}",
            what=f"The `x-stability-level` of {_a(noun)} went up.",
            why="It does not: it promises more stability.",
            example=("x-stability-level: beta", "x-stability-level: stable"),
            no_mirror=_POLICY_ONLY,
        )
    _declare(
        "api-invalid-stability-level",
        "error",
        direction="none",
        area="paths",
        action="change",
        message="{subject} has an unknown x-stability-level {after}",
        what="An operation's `x-stability-level` is not one of draft, alpha, beta, stable.",
        why="The deprecation window depends on the level; an unknown level cannot be checked.",
        example=("x-stability-level: beta", "x-stability-level: preview"),
    )


_deprecation_rules()
_stability_rules()


def removal_verdict(
    *, deprecated: bool, sunset: str | None, today: dt.date
) -> Literal["without-deprecation", "before-sunset", "with-deprecation", "sunset-parse"]:
    """How a removal of something deprecated (or not) stands against the policy."""
    if not deprecated:
        return "without-deprecation"
    if sunset is None:
        return "with-deprecation"
    date = sunset_date(sunset)
    if date is None:
        return "sunset-parse"
    return "before-sunset" if today < date else "with-deprecation"


def check_deprecation(
    *,
    prefix: str,
    subject: str | Subject,
    before: tuple[bool, str | None, str | None],
    after: tuple[bool, str | None, str | None],
    place: Mapping[str, str | None],
    emitter: Emitter,
) -> None:
    """Deprecation and sunset changes of one thing.

    ``before`` and ``after`` are (deprecated, sunset, stability) on each side.
    """
    was, old_sunset, _ = before
    now, new_sunset, stability = after
    policy = emitter.policy
    names = _names(prefix)
    if was and not now:
        emitter.emit(_known(names["reactivated"]), subject=subject, **place)
        return
    if not now or (was and old_sunset == new_sunset):
        return
    if new_sunset is None:
        rule = names["deleted"] if was and old_sunset is not None else names["missing"]
        if rule == names["missing"] and not policy.min_sunset_days.get(stability or "stable", 0):
            rule = names["plain"]  # no window to announce: deprecating is just news
        if rule is not None:
            emitter.emit(rule, subject=subject, before=old_sunset, **place)
        return
    date = sunset_date(new_sunset)
    if date is None:
        emitter.emit(_known(names["invalid"]), subject=subject, sunset=new_sunset, **place)
        return
    old_date = sunset_date(old_sunset) if was else None
    if old_date is not None and date < old_date and names["shortened"] is not None:
        emitter.emit(
            names["shortened"], subject=subject, before=old_sunset, after=new_sunset, **place
        )
        return
    if _too_soon(date, stability, policy):
        level = stability or "stable"
        emitter.emit(
            _known(names["too-small"]),
            subject=subject,
            sunset=new_sunset,
            stability=level,
            days=_window((date - policy.today).days),
            minimum=policy.min_sunset_days.get(level, 0),
            **place,
        )
        return
    if not was:
        emitter.emit(_known(names["announced"]), subject=subject, sunset=new_sunset, **place)


def _window(days: int) -> str:
    """How far away a sunset is, in words that also read right once it has passed."""
    if days > 0:
        return f"only {days} day{'s' if days != 1 else ''} away"
    if days == 0:
        return "today"
    return f"already past ({-days} day{'s' if days != -1 else ''} ago)"


def _known(rule_id: str | None) -> str:
    assert rule_id is not None, "every deprecatable thing has this rule"
    return rule_id


def _too_soon(date: dt.date, stability: str | None, policy: Policy) -> bool:
    minimum = policy.min_sunset_days.get(stability or "stable", 0)
    return (date - policy.today).days < minimum


def _names(prefix: str) -> dict[str, str | None]:
    api = prefix == "api"
    parameter = prefix == "request-parameter"
    return {
        "reactivated": "endpoint-reactivated" if api else f"{prefix}-reactivated",
        "missing": f"{prefix}-deprecated-sunset-missing",
        "invalid": "api-deprecated-sunset-parse"
        if api
        else "request-parameter-sunset-parse"
        if parameter
        else f"{prefix}-deprecated-sunset-invalid",
        "too-small": f"{prefix}-sunset-date-too-small",
        "shortened": "api-sunset-date-changed-too-small"
        if api
        else "request-parameter-sunset-date-changed-too-small"
        if parameter
        else None,
        "deleted": "sunset-deleted"
        if api
        else "request-parameter-sunset-deleted"
        if parameter
        else None,
        "announced": "endpoint-deprecated-with-sunset"
        if api
        else "request-parameter-deprecated"
        if parameter
        else f"{prefix}-deprecated-with-sunset",
        "plain": "endpoint-deprecated" if api else f"{prefix}-deprecated",
    }


def check_stability(
    *,
    prefix: str,
    subject: str | Subject,
    before: str | None,
    after: str | None,
    place: Mapping[str, str | None],
    emitter: Emitter,
) -> None:
    """``x-stability-level`` moved up or down (or is unknown, for operations)."""
    if before == after:
        return
    new_rank, old_rank = stability_rank(after), stability_rank(before)
    if new_rank is None:
        if prefix == "api":
            emitter.emit("api-invalid-stability-level", subject=subject, after=after, **place)
        return
    if old_rank is None or new_rank == old_rank:
        return
    change = "decreased" if new_rank < old_rank else "increased"
    emitter.emit(
        f"{prefix}-stability-{change}",
        subject=subject,
        before=before or "stable",
        after=after or "stable",
        **place,
    )


def report_property_lifecycle(
    change: SchemaChange, *, context: str, subject: Subject, operation: str | None, emitter: Emitter
) -> None:
    """Deprecation, sunset and stability changes of a body property."""
    if context not in {"request-property", "response-property"}:
        return
    before, after = change.base_property, change.revision_property
    if before is None or after is None:
        return
    place = {
        "operation": operation,
        "base": change.base_pointer,
        "revision": change.revision_pointer,
    }
    if change.change == "property-stability-changed":
        check_stability(
            prefix=context,
            subject=subject,
            before=before.stability,
            after=after.stability,
            place=place,
            emitter=emitter,
        )
        return
    check_deprecation(
        prefix=context,
        subject=subject,
        before=(before.deprecated, before.sunset, before.stability),
        after=(after.deprecated, after.sunset, after.stability),
        place=place,
        emitter=emitter,
    )


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
