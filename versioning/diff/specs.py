"""``diff_specs``: match the operations, webhooks and security schemes of two specs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import msgspec

from versioning.diff.hooks import callback_diffs, webhook_diffs
from versioning.diff.model import OperationDiff, SecuritySchemeDiff, SpecDiff
from versioning.diff.operations import diff_operation
from versioning.diff.schema_compare import SchemaComparer
from versioning.diff.view_builder import SchemaViews

if TYPE_CHECKING:
    from versioning.spec.model import Operation, Spec

__all__ = ["diff_specs", "template_shape"]

_PARAMETER = re.compile(r"\{([^}/]*)\}")


def template_shape(path: str) -> str:
    """A path template with parameter names erased: ``/t/{id}`` and ``/t/{txn_id}`` agree."""
    return _PARAMETER.sub("{}", path)


def _by_shape(spec: Spec) -> dict[tuple[str, str], Operation]:
    found: dict[tuple[str, str], Operation] = {}
    for operation in spec.operations:
        key = (operation.method, template_shape(operation.path))
        if key in found:  # two templates differing only in names: fall back to the exact one
            key = (operation.method, operation.path)
        found[key] = operation
    return found


def _renames(base: str, revision: str) -> dict[str, str]:
    old, new = _PARAMETER.findall(base), _PARAMETER.findall(revision)
    return {a: b for a, b in zip(old, new, strict=False) if a != b}


def _path_level_parameters(spec: Spec, template: str) -> set[tuple[str, str]]:
    """(location, name) of the parameters a path item declares for all its operations."""
    paths = spec.document.get("paths")
    item = paths.get(template) if isinstance(paths, dict) else None
    declared = item.get("parameters") if isinstance(item, dict) else None
    found: set[tuple[str, str]] = set()
    for entry in declared if isinstance(declared, list) else ():
        parameter: Any = entry
        if isinstance(entry, dict) and isinstance(entry.get("$ref"), str):
            try:
                parameter = spec.resolve(entry["$ref"])
            except LookupError:
                continue
        if isinstance(parameter, dict) and isinstance(parameter.get("name"), str):
            location = str(parameter.get("in"))
            name = parameter["name"]
            found.add((location, name.lower() if location == "header" else name))
    return found


def _operations(comparer: SchemaComparer, base: Spec, revision: Spec) -> tuple[OperationDiff, ...]:
    before, after = _by_shape(base), _by_shape(revision)
    base_shapes = {template_shape(op.path) for op in base.operations}
    revision_shapes = {template_shape(op.path) for op in revision.operations}
    result: list[OperationDiff] = []
    for key, new in after.items():
        old = before.get(key)
        if old is None:
            result.append(
                OperationDiff(
                    key=new.key,
                    base=None,
                    revision=new,
                    path_renames={},
                    path_existed=template_shape(new.path) in base_shapes,
                )
            )
            continue
        path_level = _path_level_parameters(revision, new.path)
        path_level -= _path_level_parameters(base, old.path)
        diff = diff_operation(
            comparer,
            old,
            new,
            renames=_renames(old.path, new.path),
            path_level_added=path_level if template_shape(old.path) in base_shapes else set(),
        )
        callbacks = callback_diffs(comparer, old, new)
        result.append(msgspec.structs.replace(diff, callbacks=callbacks) if callbacks else diff)
    for key, old in before.items():
        if key not in after:
            result.append(
                OperationDiff(
                    key=old.key,
                    base=old,
                    revision=None,
                    path_renames={},
                    path_removed=template_shape(old.path) not in revision_shapes,
                )
            )
    return tuple(result)


def _security_schemes(base: Spec, revision: Spec) -> tuple[SecuritySchemeDiff, ...]:
    before, after = base.security_schemes, revision.security_schemes
    return tuple(
        SecuritySchemeDiff(name=name, base=before.get(name), revision=after.get(name))
        for name in [*after, *(n for n in before if n not in after)]
    )


def diff_specs(base: Spec, revision: Spec) -> SpecDiff:
    """The typed diff of two loaded specs; schemas are compared once per distinct pair."""
    comparer = SchemaComparer(SchemaViews(base), SchemaViews(revision))
    operations = _operations(comparer, base, revision)
    webhooks = webhook_diffs(comparer, base, revision)
    dirty, noted = comparer.dirty()
    return SpecDiff(
        base=base,
        revision=revision,
        operations=operations,
        webhooks=webhooks,
        security_schemes=_security_schemes(base, revision),
        schemas=comparer.nodes,
        dirty=dirty,
        noted=noted,
    )
