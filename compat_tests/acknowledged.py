"""Which validation problems an ``acknowledged`` step explains (a declared, untranslatable break).

An acknowledged step names a schema (and maybe a field) or a parameter. A problem is
explained when the schema node that reported it lies inside that schema (or field), in either
version of the hop, or when it is about that parameter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.changes.steps import Acknowledged

if TYPE_CHECKING:
    from compat_tests.message_checks import Problem
    from versioning.catalog import Catalog
    from versioning.spec.model import Spec
    from versioning.translate import Translator

__all__ = ["Acknowledgements"]


def _nodes(schema: Any, into: set[int]) -> None:
    """Ids of every dict and list inside ``schema`` (not following ``$ref``)."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            into.add(id(node))
            stack.extend(node.values())
        elif isinstance(node, list):
            into.add(id(node))
            stack.extend(node)


def _schema_nodes(spec: Spec, step: Acknowledged, into: set[int]) -> None:
    schema = spec.schemas.get(step.schema or "")
    if schema is None:
        return
    if step.field is None:
        _nodes(schema, into)
        return
    target: Any = schema
    for token in step.field.split("."):
        properties = (
            spec.resolve_schema(target).get("properties", {}) if isinstance(target, dict) else {}
        )
        target = properties.get(token)
    if target is not None:
        _nodes(target, into)


class Acknowledgements:
    """The acknowledged breaks of each hop, ready to explain validation problems."""

    def __init__(self, catalog: Catalog, translator: Translator) -> None:
        self._nodes: dict[str, set[int]] = {}
        self._parameters: dict[str, set[str]] = {}
        self.reasons: dict[str, list[str]] = {}
        for hop in translator.hops:
            nodes: set[int] = set()
            parameters: set[str] = set()
            reasons: list[str] = []
            for located in hop.changes.steps():
                step = located.step
                if not isinstance(step, Acknowledged):
                    continue
                reasons.append(f"{located.label()}: {step.reason.strip()}")
                if step.parameter is not None:
                    parameters.add(step.parameter)
                if step.schema is not None:
                    for spec in (catalog.specs[hop.older_id], catalog.specs[hop.newer_id]):
                        _schema_nodes(spec, step, nodes)
            self._nodes[hop.newer_id] = nodes
            self._parameters[hop.newer_id] = parameters
            self.reasons[hop.newer_id] = reasons

    def unexplained(self, problems: list[Problem], older: str, newer: str) -> list[Problem]:
        """The problems no acknowledged step of the hop ``older`` → ``newer`` explains."""
        del older  # a hop is named by its newer version
        nodes = self._nodes.get(newer, set())
        parameters = self._parameters.get(newer, set())
        return [
            problem
            for problem in problems
            if not (problem.parameter is not None and problem.parameter in parameters)
            and not (problem.error is not None and id(problem.error.schema) in nodes)
        ]
