"""Match the calls the API makes to its clients: webhooks and callbacks.

A webhook (OpenAPI 3.1 ``webhooks``) and a callback (an operation's ``callbacks``: a name,
then a runtime expression, then a path item) both describe requests the API sends and the
replies it expects. Each is diffed like a path item: its operations matched by method
(those added or removed kept, with the missing side ``None``) and every matched operation
compared in full, schemas included. Callback operations are keyed
``POST /subscriptions callback:onEvent POST``: the operation that registers them first, so
reports group them with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_args

from versioning.diff.model import OperationDiff, WebhookDiff
from versioning.diff.operations import diff_operation
from versioning.errors import SpecError
from versioning.spec.build import ModelBuilder
from versioning.spec.location import join_pointer
from versioning.spec.model import HttpMethod

if TYPE_CHECKING:
    from versioning.diff.schema_compare import SchemaComparer
    from versioning.spec.model import Operation, Spec

__all__ = ["callback_diffs", "webhook_diffs"]

METHODS: tuple[HttpMethod, ...] = get_args(HttpMethod)


def _path_item_operations(
    spec: Spec, item: Any, pointer: str, template: str
) -> dict[str, Operation]:
    """The operations of one path item, built like path operations (``template`` names them)."""
    builder = ModelBuilder(spec.document, spec.locator)
    try:
        item, pointer = builder.deref(item, pointer)
        if not isinstance(item, dict):
            return {}
        shared = builder.parameters(item.get("parameters"), pointer + "/parameters")
        security = builder.security(spec.document.get("security"), "/security")
        return {
            method: builder.operation(
                template=template,
                method=method,
                node=item[method],
                pointer=f"{pointer}/{method}",
                shared=shared,
                default_security=security,
            )
            for method in METHODS
            if method in item
        }
    except SpecError:  # a malformed hook is the validator's business, not the diff's
        return {}


def _operations(
    comparer: SchemaComparer, old: dict[str, Operation], new: dict[str, Operation], key: str
) -> tuple[OperationDiff, ...]:
    """Every method of either side: compared when both have it, else added or removed."""
    result: list[OperationDiff] = []
    for method in [*new, *(m for m in old if m not in new)]:
        before, after = old.get(method), new.get(method)
        name = f"{key} {method.upper()}" if key else ""
        if before is not None and after is not None:
            diff = diff_operation(comparer, before, after, renames={}, path_level_added=set())
            result.append(diff if not key else _renamed(diff, name))
        else:
            present = after or before
            assert present is not None
            result.append(
                OperationDiff(key=name or present.key, base=before, revision=after, path_renames={})
            )
    return tuple(result)


def _renamed(diff: OperationDiff, key: str) -> OperationDiff:
    return OperationDiff(
        key=key,
        base=diff.base,
        revision=diff.revision,
        path_renames=diff.path_renames,
        parameters=diff.parameters,
        request_body=diff.request_body,
        responses=diff.responses,
    )


def webhook_diffs(comparer: SchemaComparer, base: Spec, revision: Spec) -> tuple[WebhookDiff, ...]:
    """Every webhook of either document, the operations of those in both compared."""

    def items(spec: Spec) -> dict[str, Any]:
        hooks = spec.document.get("webhooks")
        return hooks if isinstance(hooks, dict) else {}

    before, after = items(base), items(revision)
    result: list[WebhookDiff] = []
    for name in [*after, *(n for n in before if n not in after)]:
        pointer = "/webhooks" + join_pointer([name])
        operations: tuple[OperationDiff, ...] = ()
        if name in before and name in after:
            old = _path_item_operations(base, before[name], pointer, f"webhook:{name}")
            new = _path_item_operations(revision, after[name], pointer, f"webhook:{name}")
            operations = _operations(comparer, old, new, "")
        result.append(
            WebhookDiff(
                name=name,
                base_pointer=pointer if name in before else None,
                revision_pointer=pointer if name in after else None,
                operations=operations,
            )
        )
    return tuple(result)


def _callbacks(spec: Spec, operation: Operation) -> dict[tuple[str, str], tuple[Any, str]]:
    """``(name, expression)`` → (path item, pointer) of an operation's callbacks."""
    builder = ModelBuilder(spec.document, spec.locator)
    try:
        node, _ = builder.deref(spec.resolve("#" + operation.pointer), operation.pointer)
    except (LookupError, SpecError):
        return {}
    callbacks = node.get("callbacks") if isinstance(node, dict) else None
    found: dict[tuple[str, str], tuple[Any, str]] = {}
    for name, callback in (callbacks or {}).items() if isinstance(callbacks, dict) else ():
        pointer = f"{operation.pointer}/callbacks" + join_pointer([name])
        try:
            callback, pointer = builder.deref(callback, pointer)
        except SpecError:
            continue
        for expression, item in callback.items() if isinstance(callback, dict) else ():
            found[(str(name), str(expression))] = (item, pointer + join_pointer([expression]))
    return found


def callback_diffs(
    comparer: SchemaComparer, base: Operation, revision: Operation
) -> tuple[WebhookDiff, ...]:
    """The callbacks of one operation present in both documents, matched by name and URL."""
    old_spec, new_spec = comparer.base.spec, comparer.revision.spec
    before, after = _callbacks(old_spec, base), _callbacks(new_spec, revision)
    if not before and not after:
        return ()
    result: list[WebhookDiff] = []
    for key in [*after, *(k for k in before if k not in after)]:
        name, expression = key
        label = f"{name} {expression}" if _several(key, before, after) else name
        operations: tuple[OperationDiff, ...] = ()
        if key in before and key in after:
            template = f"callback:{label}"
            old = _path_item_operations(old_spec, *before[key], template)
            new = _path_item_operations(new_spec, *after[key], template)
            operations = _operations(comparer, old, new, f"{revision.key} callback:{label}")
        result.append(
            WebhookDiff(
                name=label,
                base_pointer=before[key][1] if key in before else None,
                revision_pointer=after[key][1] if key in after else None,
                operations=operations,
            )
        )
    return tuple(result)


def _several(key: tuple[str, str], *sides: dict[tuple[str, str], Any]) -> bool:
    """Whether the callback's name has more than one URL expression on either side."""
    return any(sum(1 for name, _ in side if name == key[0]) > 1 for side in sides)
