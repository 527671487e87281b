"""An event as one API version sees it: the head payload walked down the translator's hops.

The event envelope (``id``, ``type``, ``api_version``, ``created_at``, ``data.object``)
wraps a checkout or a transaction, and each hop downgrades it with
:func:`versioning.translate.webhooks.webhook_transform`, the same compiled steps ``check``
runs on its webhook witnesses: the schema-addressed steps of responses (renames,
converters, enum maps) over the payload's schema, so ``data.object`` arrives exactly as
that version's responses show the object. Steps limited to named operations
(``object: charge`` for ``/charges`` clients) do not apply.

A version's document declares the payload under ``webhooks:`` (OpenAPI 3.1, one webhook
per object kind: ``checkout``, ``transaction``). For a version that declares none, the
payload schema is the envelope around the version's own component for the object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.translate.context import TranslationContext
from versioning.translate.webhooks import webhook_key, webhook_transform

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from versioning.catalog import Catalog
    from versioning.spec.model import Spec

__all__ = ["WebhookRenderer", "event_payload", "webhook_name"]

_Step = tuple[str, str, str, Any]
"""(older version, newer version, older webhook key, compiled transform) of one hop."""


def webhook_name(event_type: str) -> str:
    """The webhook that declares ``event_type``'s payload (``checkout.expired`` → ``checkout``)."""
    return event_type.split(".", 1)[0]


def event_payload(event: dict[str, Any], version: str) -> dict[str, Any]:
    """The head-shaped payload of a stored event, labelled with the version it is sent in."""
    return {
        "id": event["id"],
        "object": "event",
        "type": event["type"],
        "api_version": version,
        "created_at": event["created_at"],
        "data": {"object": event["data"]["object"]},
    }


_OBJECT_SCHEMAS = {"checkout": "Checkout", "transaction": "Transaction"}
"""The component each webhook's ``data.object`` is, for versions that declare no webhooks."""


def _envelope(spec: Spec, name: str) -> Any:
    """The payload schema of a version that declares no webhook ``name``: its object's envelope."""
    component = _OBJECT_SCHEMAS.get(name)
    if component is None or component not in spec.schemas:
        return None
    reference = {"$ref": f"#/components/schemas/{component}"}
    return {
        "type": "object",
        "properties": {"data": {"type": "object", "properties": {"object": reference}}},
    }


class WebhookRenderer:
    """Renders events for any version of the catalog (through ``translator``'s hops)."""

    def __init__(
        self,
        catalog: Catalog,
        translator: object,
        lookups: Mapping[str, Callable[..., Any]] | None = None,
    ) -> None:
        """Render over ``translator``'s hops (a head-only translator renders head only)."""
        self.head = catalog.head.id
        self.versions: tuple[str, ...] = getattr(translator, "versions", (self.head,))
        self.hops: tuple[Any, ...] = tuple(getattr(translator, "hops", ()))
        self.lookups = dict(lookups or {})
        self._plans: dict[tuple[str, str], tuple[_Step, ...]] = {}

    def can_render(self, version: str) -> bool:
        """Whether ``version`` is one this renderer can translate to."""
        return version == self.head or (version in self.versions and bool(self.hops))

    def render(self, event: dict[str, Any], version: str) -> dict[str, Any]:
        """The event's payload in ``version`` (head when it cannot be translated)."""
        if not self.can_render(version):
            version = self.head
        body = event_payload(event, version)
        name = webhook_name(event["type"])
        for older, newer, key, transform in self._plan(name, version):
            context = TranslationContext(
                older_version=older, newer_version=newer, operation=key, lookups=self.lookups
            )
            body = transform(body, context)
        return body

    def _plan(self, name: str, version: str) -> tuple[_Step, ...]:
        cached = self._plans.get((name, version))
        if cached is not None:
            return cached
        steps: list[_Step] = []
        key = webhook_key(name)
        end = self.versions.index(version)
        for index in range(len(self.versions) - 1, end, -1):
            hop = self.hops[index - 1]
            transform = webhook_transform(hop, name, fallback=_envelope(hop.newer, name))
            if transform is not None:
                steps.append((hop.older_id, hop.newer_id, key, transform))
        plan = tuple(steps)
        self._plans[name, version] = plan
        return plan
