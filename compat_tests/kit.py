"""The reusable kit: every contract case of a catalog, and a Hypothesis run of each one.

A case is one property for one operation between two versions: every adjacent pair, plus
each older version against head (the whole chain, property 4). ``versiongate verify``, the
pytest plugin and the bundled contract tests all run these same cases.

A case that checked nothing did not pass: one whose messages cannot be generated, or a round
trip none of whose examples compared a single value, ends ``unchecked`` with the reason. A
user allows known unchecked cases by glob over their labels (``--allow-unchecked``).
"""

from __future__ import annotations

import collections
import contextlib
import fnmatch
import warnings
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import msgspec
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.errors import FailedHealthCheck, HypothesisWarning, Unsatisfiable

from compat_tests.errors import SchemaGenerationError
from compat_tests.properties import ContractContext, ContractViolationError, response_schema
from compat_tests.round_trip import declared_member, declared_names
from compat_tests.strategies.messages import json_media_type, requests_for, responses_for

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from compat_tests.round_trip import RoundTrip
    from versioning.catalog import Catalog
    from versioning.spec.model import Operation
    from versioning.translate import Translator
    from versioning.translate.messages import ApiRequest

__all__ = [
    "DEFAULT_SHRINK_SECONDS",
    "CaseResult",
    "ContractCase",
    "PropertyName",
    "UncheckedCaseError",
    "allowed_by",
    "contract_cases",
    "property_test",
    "run_case",
    "shrink_budget",
]

DEFAULT_SHRINK_SECONDS = 10.0
"""How long a failing case may shrink: contract payloads are costly to draw, and Hypothesis's
own limit (five minutes per failure) would make ``verify`` crawl on a broken catalog."""

PropertyName: TypeAlias = Literal["upgrade", "downgrade", "round-trip"]
Outcome: TypeAlias = Literal["passed", "failed", "unchecked"]


class ContractCase(msgspec.Struct, frozen=True, kw_only=True):
    """One property of one operation between an older and a newer version."""

    check: PropertyName
    """Which property: ``upgrade``, ``downgrade`` or ``round-trip``."""
    older: str
    newer: str
    operation: str
    """The operation key in the older version."""
    newer_operation: str
    status: str | None = None
    """The newer operation's response key (downgrade and round trip)."""

    @property
    def label(self) -> str:
        """``downgrade 2024-01-15 → 2024-09-01 GET /charges 200``, the case's test id."""
        status = f" {self.status}" if self.status is not None else ""
        return f"{self.check} {self.older} → {self.newer} {self.operation}{status}"


class CaseResult(msgspec.Struct, frozen=True, kw_only=True):
    """How a case ran: passed, failed (with the shrunk counterexample), or unchecked (why)."""

    case: ContractCase
    outcome: Outcome
    detail: str = ""


class UncheckedCaseError(AssertionError):
    """A case ran but checked nothing (a round trip that compared no value in any example)."""


def allowed_by(case: ContractCase, patterns: Iterable[str]) -> str | None:
    """The first glob of ``patterns`` that matches the case's label, if any.

    Labels read ``round-trip 2024-01-15 → 2024-09-01 POST /charges/{charge_id}/capture 200``;
    ``'round-trip * POST /charges/*'`` allows every round trip of those operations.
    """
    return next((p for p in patterns if fnmatch.fnmatchcase(case.label, p)), None)


class _Comparisons:
    """What the round-trip examples of one case compared, and why the others compared nothing."""

    def __init__(self) -> None:
        self.compared = 0
        self.reasons: collections.Counter[str] = collections.Counter()

    def record(self, result: RoundTrip) -> None:
        if result.compared:
            self.compared += 1
        else:
            self.reasons[result.reason] += 1

    def verdict(self) -> None:
        """Raise :class:`UncheckedCaseError` when no example compared anything."""
        if self.compared:
            return
        reasons = "; ".join(
            f"{reason} ({count} examples)" if count > 1 else reason
            for reason, count in self.reasons.most_common()
        )
        raise UncheckedCaseError(f"no example compared a value: {reasons or 'no example ran'}")


def _echo_status(operation: Operation) -> str | None:
    """The success status whose JSON body is an object a server would echo fields into."""
    for status, response in operation.responses.items():
        media = json_media_type(response.content)
        if status.startswith("2") and media is not None and media.schema is not None:
            return status
    return None


def contract_cases(
    catalog: Catalog, translator: Translator, *, chain: bool = True
) -> list[ContractCase]:
    """Every case of ``catalog``: adjacent pairs, then (``chain``) each version against head."""
    pairs = [(older.id, newer.id) for older, newer in catalog.pairs()]
    if chain:
        pairs += [(version, catalog.head.id) for version in catalog.ids[:-2]]
    cases: list[ContractCase] = []
    for older, newer in pairs:
        for operation in catalog.specs[older].operations:
            key = translator.operation_in(operation.key, from_version=older, to_version=newer)
            if key is None:
                continue
            newer_operation = catalog.specs[newer].operation(*key.split(" ", 1))
            if newer_operation is None:
                continue
            base = {
                "older": older,
                "newer": newer,
                "operation": operation.key,
                "newer_operation": key,
            }
            cases.append(ContractCase(check="upgrade", **base))
            cases.extend(
                ContractCase(check="downgrade", status=status, **base)
                for status in newer_operation.responses
            )
            echo = _echo_status(newer_operation)
            if operation.request_body is not None and echo is not None:
                cases.append(ContractCase(check="round-trip", status=echo, **base))
    return cases


def _sending_shared_fields(
    context: ContractContext, case: ContractCase, requests: st.SearchStrategy[ApiRequest]
) -> st.SearchStrategy[ApiRequest]:
    """Round-trip requests that send at least one field the older response declares.

    A request that sends none has nothing to compare; drawing only those that do keeps few
    examples meaningful.

    Raises:
        UncheckedCaseError: The older request body and response share no field at all.
    """
    operation = context.operation(case.older, case.operation)
    spec = context.catalog.specs[case.older]
    status = int(case.status) if case.status is not None and case.status.isdigit() else 200
    body = operation.request_body
    media = json_media_type(body.content) if body is not None else None
    sent = declared_names(spec, media.schema) if media is not None else set()
    returned = response_schema(operation, status)
    shared = frozenset(name for name in sent if declared_member(spec, returned, name) is not None)
    if not shared:
        raise UncheckedCaseError(
            f"the {case.older} request body of {case.operation} and its {case.status} response"
            " share no field: nothing sent can come back"
        )
    return requests.filter(
        lambda request: isinstance(request.body, dict) and not shared.isdisjoint(request.body)
    )


def _strategy_and_check(
    context: ContractContext, case: ContractCase, comparisons: _Comparisons
) -> tuple[st.SearchStrategy[Any], Callable[[Any], None]]:
    older_spec = context.catalog.specs[case.older]
    newer_spec = context.catalog.specs[case.newer]
    operation = context.operation(case.older, case.operation)
    requests = requests_for(operation, older_spec, with_body=case.check == "round-trip")
    if case.check == "round-trip":
        requests = _sending_shared_fields(context, case, requests)
    if case.check == "upgrade":

        def upgrade(request: Any) -> None:
            context.upgrade_chain(request, from_version=case.older, to_version=case.newer)

        return requests, upgrade
    newer_operation = context.operation(case.newer, case.newer_operation)
    responses = responses_for(newer_operation, newer_spec, case.status)
    pairs = st.tuples(requests, responses)
    if case.check == "downgrade":

        def downgrade(pair: Any) -> None:
            context.downgrade_chain(
                pair[1], request=pair[0], from_version=case.newer, to_version=case.older
            )

        return pairs, downgrade

    def round_trip(pair: Any) -> None:
        comparisons.record(
            context.round_trip(pair[0], pair[1], from_version=case.older, to_version=case.newer)
        )

    return pairs, round_trip


def property_test(
    context: ContractContext, case: ContractCase, *, config: settings | None = None
) -> Callable[[], None]:
    """A Hypothesis test of ``case``: call it to run.

    Raises (when built):
        SchemaGenerationError: No request or response can be generated for the case.

    The test raises :class:`ContractViolationError` for a counterexample, and
    :class:`UncheckedCaseError` when it checked nothing (a round trip whose examples
    compared no value).
    """
    comparisons = _Comparisons()
    strategy, check = _strategy_and_check(context, case, comparisons)
    test = given(strategy)(check)
    configured = config(test) if config is not None else test

    def run() -> None:
        configured()
        if case.check == "round-trip":
            comparisons.verdict()

    return run


@contextlib.contextmanager
def shrink_budget(seconds: float) -> Iterator[None]:
    """Cap the time Hypothesis spends shrinking one failure (its engine's module setting)."""
    from hypothesis.internal.conjecture import engine

    previous = getattr(engine, "MAX_SHRINKING_SECONDS", None)
    if previous is None:  # pragma: no cover - a Hypothesis without the setting
        yield
        return
    engine.MAX_SHRINKING_SECONDS = seconds  # type: ignore[assignment]
    try:
        yield
    finally:
        engine.MAX_SHRINKING_SECONDS = previous


def run_case(
    context: ContractContext,
    case: ContractCase,
    *,
    examples: int,
    derandomize: bool = True,
    shrink_seconds: float = DEFAULT_SHRINK_SECONDS,
) -> CaseResult:
    """Run ``case`` with ``examples`` examples; a failure carries the shrunk counterexample."""
    config = settings(
        max_examples=examples,
        derandomize=derandomize,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
        print_blob=False,
        report_multiple_bugs=False,
        verbosity=Verbosity.quiet,
    )
    try:
        test = property_test(context, case, config=config)
        with shrink_budget(shrink_seconds), warnings.catch_warnings():
            warnings.simplefilter("ignore", HypothesisWarning)  # "shrinking stopped early"
            test()
    except SchemaGenerationError as error:
        return CaseResult(case=case, outcome="unchecked", detail=f"cannot generate: {error}")
    except (Unsatisfiable, FailedHealthCheck) as error:
        reason = str(error).split(".", 1)[0]
        return CaseResult(case=case, outcome="unchecked", detail=f"cannot generate: {reason}")
    except ContractViolationError as violation:
        return CaseResult(case=case, outcome="failed", detail=str(violation))
    except UncheckedCaseError as unchecked:
        return CaseResult(case=case, outcome="unchecked", detail=str(unchecked))
    return CaseResult(case=case, outcome="passed")
