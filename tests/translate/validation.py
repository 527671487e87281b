"""Payloads checked against one version's spec by the project's one validator (for tests).

:class:`versioning.messages.MessageValidator` judges them, as the server, the property kit
and ``translate`` do: JSON Schema 2020-12 with formats, and OpenAPI's ``readOnly`` /
``writeOnly`` rule for the direction the payload travels in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.messages import MessageValidator

if TYPE_CHECKING:
    from versioning.messages import Direction
    from versioning.spec.model import Spec

_VALIDATORS: dict[int, tuple[Spec, MessageValidator]] = {}


def validator_for(spec: Spec) -> MessageValidator:
    """The (cached) message validator of ``spec``."""
    cached = _VALIDATORS.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = _VALIDATORS[id(spec)] = (spec, MessageValidator(spec))
    return cached[1]


def schema_errors(spec: Spec, schema: Any, value: Any, direction: Direction) -> list[str]:
    """Every problem of ``value`` against ``schema`` (a schema of ``spec``), as text."""
    return [
        str(problem) for problem in validator_for(spec).value_problems(schema, value, direction)
    ]
