"""Webhook payloads across a hop: the one downgrade the mock server and ``check`` both run.

A webhook's payload (OpenAPI 3.1 ``webhooks:``) is a message the API sends, so it crosses a
hop as a response does: newer → older, by the schema-addressed steps of the hop's
``changes.yaml`` compiled over the payload schema the newer version declares. It is
translated as the older key ``POST webhook:<name>``, so steps limited to named operations
(``operations: [GET /charges]``) do not apply to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.messages.media import pick_media_type
from versioning.translate.context import TranslationContext

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from versioning.spec.model import Operation, Spec
    from versioning.translate.hop import Hop
    from versioning.translate.walk import Transform

__all__ = [
    "downgrade_webhook_payload",
    "webhook_context",
    "webhook_key",
    "webhook_operation",
    "webhook_operations",
    "webhook_payload_schema",
    "webhook_transform",
]

_PREFIX = "webhook:"


def webhook_operations(spec: Spec) -> list[Operation]:
    """The operations of ``spec``'s ``webhooks:``, keyed ``POST webhook:<name>``."""
    # Imported here: versioning.examples needs versioning.messages, which needs this package.
    from versioning.examples.holders import webhook_operations as operations_of

    return operations_of(spec)


def webhook_key(name: str) -> str:
    """The operation key of webhook ``name``'s payload: ``POST webhook:<name>``."""
    return f"POST {_PREFIX}{name}"


def webhook_operation(spec: Spec, name: str) -> Operation | None:
    """The ``POST`` operation of webhook ``name`` in ``spec``, when it declares one."""
    key = webhook_key(name)
    return next((op for op in webhook_operations(spec) if op.key == key), None)


def webhook_payload_schema(spec: Spec, name: str) -> Any:
    """The JSON payload schema ``spec`` declares for webhook ``name`` (``None``: none)."""
    operation = webhook_operation(spec, name)
    body = operation.request_body if operation is not None else None
    if body is None:
        return None
    media = pick_media_type(body.content, "application/json")
    return body.content[media].schema if media is not None else None


def webhook_transform(hop: Hop, name: str, *, fallback: Any = None) -> Transform | None:
    """How a payload of webhook ``name`` crosses ``hop`` going down (``None``: unchanged).

    Args:
        hop: The hop; the payload is of its newer version.
        name: The webhook (``checkout``).
        fallback: The payload schema to compile over when the newer version declares no
            such webhook (the mock server's envelope); nothing is translated without one.
    """
    schema = webhook_payload_schema(hop.newer, name)
    if schema is None:
        schema = fallback
    if schema is None:
        return None
    return hop.body_transform("downgrade", webhook_key(name), schema, _PREFIX + name)


def webhook_context(
    hop: Hop, name: str, lookups: Mapping[str, Callable[..., Any]]
) -> TranslationContext:
    """What converters of ``hop`` are told while they translate a payload of ``name``."""
    return TranslationContext(
        older_version=hop.older_id,
        newer_version=hop.newer_id,
        operation=webhook_key(name),
        lookups=lookups,
    )


def downgrade_webhook_payload(
    payload: Any,
    *,
    hop: Hop,
    name: str,
    lookups: Mapping[str, Callable[..., Any]],
    fallback: Any = None,
) -> Any:
    """``payload`` (of ``hop``'s newer version) as the older version's endpoints receive it."""
    transform = webhook_transform(hop, name, fallback=fallback)
    if transform is None or payload is None:
        return payload
    return transform(payload, webhook_context(hop, name, lookups))
