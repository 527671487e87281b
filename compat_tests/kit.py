"""The reusable kit: every contract case of a catalog, and a Hypothesis run of each one.

A case is one property for one operation between two versions: every adjacent pair, plus
each older version against head (the whole chain, property 4). ``versiongate verify``, the
pytest plugin and the bundled contract tests all run these same cases.
"""

from __future__ import annotations

import contextlib
import warnings
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import msgspec
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.errors import FailedHealthCheck, HypothesisWarning, Unsatisfiable

from compat_tests.errors import SchemaGenerationError
from compat_tests.properties import ContractContext, ContractViolationError
from compat_tests.strategies.messages import json_media_type, requests_for, responses_for

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from versioning.catalog import Catalog
    from versioning.spec.model import Operation
    from versioning.translate import Translator

__all__ = [
    "DEFAULT_SHRINK_SECONDS",
    "CaseResult",
    "ContractCase",
    "PropertyName",
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


def _strategy_and_check(
    context: ContractContext, case: ContractCase
) -> tuple[st.SearchStrategy[Any], Callable[[Any], None]]:
    older_spec = context.catalog.specs[case.older]
    newer_spec = context.catalog.specs[case.newer]
    operation = context.operation(case.older, case.operation)
    requests = requests_for(operation, older_spec)
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
        context.round_trip(pair[0], pair[1], from_version=case.older, to_version=case.newer)

    return pairs, round_trip


def property_test(
    context: ContractContext, case: ContractCase, *, config: settings | None = None
) -> Callable[[], None]:
    """A Hypothesis test of ``case``: call it to run; it raises :class:`ContractViolationError`.

    Raises:
        SchemaGenerationError: No request or response can be generated for the case.
    """
    strategy, check = _strategy_and_check(context, case)
    test = given(strategy)(check)
    return config(test) if config is not None else test


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
    return CaseResult(case=case, outcome="passed")
