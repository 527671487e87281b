"""The generator's self-check: draw values for every component schema and validate each one.

Values are judged by :class:`versioning.messages.MessageValidator`, the validator every
message of the kit and the server goes through.

Every schema ends in one outcome: ``ok`` (values drawn, all valid), ``unsatisfiable`` (it
provably admits no value), ``cannot-generate`` (we could not reach a value: an unreadable
pattern, a filter that never passes), or ``invalid`` (a drawn value failed validation: a
generator bug). Nothing is skipped silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import FailedHealthCheck, Unsatisfiable

from compat_tests.errors import SchemaGenerationError, UnsatisfiableSchemaError
from compat_tests.strategies.values import schema_strategies
from versioning.messages import MessageValidator

if TYPE_CHECKING:
    from compat_tests.schema_keywords import Direction
    from versioning.spec.model import Spec

__all__ = ["Outcome", "SchemaOutcome", "survey_schemas"]

Outcome: TypeAlias = Literal["ok", "unsatisfiable", "cannot-generate", "invalid"]


class SchemaOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """What happened when values were drawn for one schema."""

    pointer: str
    outcome: Outcome
    detail: str = ""


class _InvalidValueError(AssertionError):
    """A drawn value failed validation (carries the value and the errors)."""


def _draw_and_validate(
    strategy: Any,
    schema: dict[str, Any],
    validator: MessageValidator,
    direction: Direction,
    examples: int,
) -> None:
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
    )
    @given(strategy)
    def check(value: Any) -> None:
        problems = validator.value_problems(schema, value, direction)
        if problems:
            shown = "; ".join(str(problem) for problem in problems[:3])
            raise _InvalidValueError(f"{shown} in {value!r:.300}")

    check()


def survey_schemas(
    spec: Spec,
    *,
    direction: Direction = "response",
    examples: int = 3,
    names: list[str] | None = None,
) -> list[SchemaOutcome]:
    """Draw ``examples`` values for each component schema (or only ``names``), validate each."""
    builder = schema_strategies(spec.document, direction=direction)
    validator = MessageValidator(spec)
    outcomes: list[SchemaOutcome] = []
    for name in names if names is not None else list(spec.schemas):
        pointer = "#/components/schemas/" + name.replace("~", "~0").replace("/", "~1")
        schema = {"$ref": pointer}
        try:
            strategy = builder.for_schema(schema)
        except UnsatisfiableSchemaError as error:
            outcomes.append(
                SchemaOutcome(pointer=pointer, outcome="unsatisfiable", detail=error.message)
            )
            continue
        except SchemaGenerationError as error:
            outcomes.append(
                SchemaOutcome(pointer=pointer, outcome="cannot-generate", detail=error.message)
            )
            continue
        try:
            _draw_and_validate(strategy, schema, validator, direction, examples)
        except _InvalidValueError as error:
            outcomes.append(SchemaOutcome(pointer=pointer, outcome="invalid", detail=str(error)))
        except (Unsatisfiable, FailedHealthCheck) as error:
            reason = str(error).split(".", 1)[0]
            outcomes.append(
                SchemaOutcome(pointer=pointer, outcome="cannot-generate", detail=reason)
            )
        else:
            outcomes.append(SchemaOutcome(pointer=pointer, outcome="ok"))
    return outcomes
