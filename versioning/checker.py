"""``compare``: every finding between two loaded specs, located in both documents.

The pipeline is diff (:func:`versioning.diff.diff_specs`, a typed, direction-neutral diff)
→ rules (one family per area reads the diff and emits findings at the rule's default level)
→ locations (each distinct pointer located once, since locating costs time). Level
overrides and ignores from configuration are applied later, by the reports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from typing import TYPE_CHECKING

import msgspec

from versioning.diff import diff_specs
from versioning.findings import Finding, SourceRef
from versioning.rules.emit import Emitter, PendingFinding, Policy
from versioning.rules.endpoints import check_endpoints
from versioning.rules.parameters import check_parameters
from versioning.rules.request_bodies import check_request_bodies
from versioning.rules.responses import check_responses
from versioning.rules.schema_walk import SchemaWalker
from versioning.rules.security import check_security
from versioning.rules.webhooks import check_webhooks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.spec.model import Spec

__all__ = ["DEFAULT_MIN_SUNSET_DAYS", "CheckOptions", "compare"]

DEFAULT_MIN_SUNSET_DAYS: dict[str, int] = {"draft": 0, "alpha": 0, "beta": 31, "stable": 180}
"""Minimum days between deprecating something and its ``x-sunset``, per stability level."""

_FAMILIES = (
    check_endpoints,
    check_parameters,
    check_request_bodies,
    check_responses,
    check_security,
    check_webhooks,
)


class CheckOptions(msgspec.Struct, frozen=True, kw_only=True):
    """How :func:`compare` judges the deprecation policy.

    Attributes:
        today: The date the sunset rules compare against; ``None`` means today (UTC).
        min_sunset_days: Minimum deprecation window in days per ``x-stability-level``
            (absent level = ``stable``).
        nesting_horizon: See :mod:`versioning.rules.schema_walk`.
    """

    today: dt.date | None = None
    min_sunset_days: dict[str, int] = msgspec.field(
        default_factory=lambda: dict(DEFAULT_MIN_SUNSET_DAYS)
    )
    nesting_horizon: int | None = 1
    """Report a change of a nested schema on every operation reaching it through at most
    this many named schemas (and always on those reaching it most directly); ``None``
    reports it on every operation however deep."""


class _Locator:
    """Locates pointers in one document, each pointer once (findings share the frozen refs)."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.cache: dict[str, SourceRef] = {}

    def __call__(self, pointer: str | None) -> SourceRef | None:
        if pointer is None:
            return None
        found = self.cache.get(pointer)
        if found is None:
            found = SourceRef(pointer=pointer, location=self.spec.locate(pointer))
            self.cache[pointer] = found
        return found


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while the comparison allocates.

    A comparison builds a few hundred thousand short-lived, mostly acyclic objects (views,
    diff nodes, findings) beside two large loaded documents. The collector's thresholds count
    allocations, so it kept walking the documents' objects again and again: on Stripe's
    six-month pair about a third of the comparison went to collections that found nothing.
    Paused, the new objects are examined once, when it resumes. The previous state is kept,
    so a caller that disabled the collector finds it disabled.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _sort_key(finding: PendingFinding) -> tuple[str, str, str, str]:
    return (finding.operation or "", finding.rule, finding.revision or "", finding.base or "")


def compare(base: Spec, revision: Spec, *, options: CheckOptions | None = None) -> list[Finding]:
    """Every finding (info, warning, error) between two loaded specs.

    Findings are sorted by operation (document-level ones first), then rule id.
    """
    with _collector_paused():
        return _compare(base, revision, options or CheckOptions())


def _compare(base: Spec, revision: Spec, options: CheckOptions) -> list[Finding]:
    today = options.today or dt.datetime.now(dt.UTC).date()
    emitter = Emitter(Policy(today=today, min_sunset_days=dict(options.min_sunset_days)))
    diff = diff_specs(base, revision)
    walker = SchemaWalker(diff, horizon=options.nesting_horizon)
    for family in _FAMILIES:
        family(diff, emitter, walker)
    walker.report(emitter)
    locate_base, locate_revision = _Locator(base), _Locator(revision)
    return [
        Finding(
            rule=pending.rule,
            level=pending.level,
            message=pending.message,
            operation=pending.operation,
            base=locate_base(pending.base),
            revision=locate_revision(pending.revision),
            subject=pending.subject,
        )
        for pending in sorted(emitter.findings(), key=_sort_key)
    ]
