"""The typed diff between two specs: what changed, with pointers into both documents.

Schemas are compared pairwise. Each compared pair of schemas is one :class:`SchemaNodeDiff`
holding the changes found *at* that pair (a bound moved, an enum value went away, a property
was added) and :class:`SchemaEdge` links to the child pairs that differ (properties, items,
branches …). Pairs are keyed by :data:`SchemaKey` on each side, so a component shared by
300 operations is compared once and recursive schemas form a finite graph. Changes are
direction-neutral facts ("max length decreased"); the rules decide what they mean for a
request or a response.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import msgspec

from versioning.spec.model import (
    MediaType,
    Operation,
    Parameter,
    RequestBody,
    Response,
    ResponseHeader,
    SecurityScheme,
    Spec,
)

__all__ = [
    "EdgeKind",
    "HeaderDiff",
    "MediaTypeDiff",
    "OperationDiff",
    "PairKey",
    "ParameterDiff",
    "PropertyFacts",
    "RequestBodyDiff",
    "ResponseDiff",
    "SchemaChange",
    "SchemaEdge",
    "SchemaKey",
    "SchemaNodeDiff",
    "SecuritySchemeDiff",
    "SpecDiff",
    "WebhookDiff",
]

SchemaKey: TypeAlias = tuple[str, ...]
"""The JSON pointers of the schema nodes that together (as an ``allOf``) make one schema.

Usually one pointer; several when ``allOf`` members define the same property. ``()`` is the
unconstrained schema (an absent ``items`` or ``additionalProperties``).
"""

PairKey: TypeAlias = tuple[SchemaKey, SchemaKey]
"""A compared pair: (base schema, revision schema)."""

EdgeKind: TypeAlias = Literal[
    "property",
    "items",
    "prefix-item",
    "additional-properties",
    "pattern-property",
    "property-names",
    "contains",
    "unevaluated-items",
    "unevaluated-properties",
    "content-schema",
    "dependent-schema",
    "any-of",
    "one-of",
    "wrapped",
    "not",
    "if",
    "then",
    "else",
]


class PropertyFacts(msgspec.Struct, frozen=True, kw_only=True):
    """What a parent object says about one of its properties, on one side."""

    required: bool
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    has_default: bool = False
    sunset: str | None = None
    stability: str | None = None


class SchemaChange(msgspec.Struct, frozen=True, kw_only=True):
    """One direction-neutral change found at a pair of schemas.

    Attributes:
        change: What happened, in rule-id form: ``max-length-decreased``, ``property-added`` …
        base_pointer: The changed node in the base (the keyword, value or property), if any.
        revision_pointer: The changed node in the revision, if any.
        before: The old value (bound, enum value, type list …) for the message.
        after: The new value.
        name: The property, enum value, branch or pattern concerned, when there is one.
        base_property: For property changes: what the base parent said about the property.
        revision_property: The same, in the revision.
        conditional: Reported only when the pair also differs in some other way (an
            ``allOf`` member added that changes nothing is a refactoring, not a change).
        closed: For a removed property: the revision's object refuses properties it does
            not list (``additionalProperties: false`` or ``unevaluatedProperties: false``),
            so a payload still holding the property is invalid.
    """

    change: str
    base_pointer: str | None = None
    revision_pointer: str | None = None
    before: Any = None
    after: Any = None
    name: str | None = None
    base_property: PropertyFacts | None = None
    revision_property: PropertyFacts | None = None
    conditional: bool = False
    closed: bool = False


class SchemaEdge(msgspec.Struct, frozen=True, kw_only=True):
    """A link from a pair of schemas to a pair of their subschemas that differ."""

    kind: EdgeKind
    label: str
    """The property name, pattern, branch label or index this edge follows."""
    child: PairKey
    base_pointer: str
    revision_pointer: str
    base_property: PropertyFacts | None = None
    revision_property: PropertyFacts | None = None


class SchemaNodeDiff(msgspec.Struct, frozen=True, kw_only=True):
    """The comparison of one pair of schemas."""

    key: PairKey
    base_pointer: str
    revision_pointer: str
    changes: tuple[SchemaChange, ...]
    edges: tuple[SchemaEdge, ...]


class MediaTypeDiff(msgspec.Struct, frozen=True, kw_only=True):
    """One media type of a body, matched by name across the two documents."""

    media_type: str
    base: MediaType | None
    revision: MediaType | None
    schema: PairKey | None
    """The schema pair to compare, when both sides declare a schema."""


class RequestBodyDiff(msgspec.Struct, frozen=True, kw_only=True):
    """An operation's request body on both sides (either may be absent)."""

    base: RequestBody | None
    revision: RequestBody | None
    media_types: tuple[MediaTypeDiff, ...]


class ParameterDiff(msgspec.Struct, frozen=True, kw_only=True):
    """One parameter, matched by location and name (header names case-blind)."""

    name: str
    location: str
    base: Parameter | None
    revision: Parameter | None
    schema: PairKey | None
    added_at_path_level: bool = False
    """Added to a path item that already existed: every operation of the path gets it."""


class HeaderDiff(msgspec.Struct, frozen=True, kw_only=True):
    """One response header, matched case-blind."""

    name: str
    base: ResponseHeader | None
    revision: ResponseHeader | None
    schema: PairKey | None


class ResponseDiff(msgspec.Struct, frozen=True, kw_only=True):
    """One response, matched by status code (an exact code may match a range or default)."""

    status: str
    base: Response | None
    revision: Response | None
    media_types: tuple[MediaTypeDiff, ...]
    headers: tuple[HeaderDiff, ...]


class OperationDiff(msgspec.Struct, frozen=True, kw_only=True):
    """One operation on both sides, matched by method and path template.

    ``key`` is the revision's ``"POST /transactions"`` (the base's for removals).
    ``path_renames`` maps base path-parameter names to revision names when a template's
    parameters were renamed (``/t/{id}`` → ``/t/{txn_id}``).
    """

    key: str
    base: Operation | None
    revision: Operation | None
    path_renames: dict[str, str]
    parameters: tuple[ParameterDiff, ...] = ()
    request_body: RequestBodyDiff | None = None
    responses: tuple[ResponseDiff, ...] = ()
    path_removed: bool = False
    """For removals: no operation is left on the path template (the whole path went)."""
    path_existed: bool = True
    """For the revision: the path template already existed in the base."""
    callbacks: tuple[WebhookDiff, ...] = ()
    """The operation's callbacks (requests the API sends back), matched by name and URL."""


class WebhookDiff(msgspec.Struct, frozen=True, kw_only=True):
    """A webhook (OpenAPI 3.1 ``webhooks``) or a callback on both sides, operations compared.

    The operations' keys read ``POST webhook:paid`` (for a callback
    ``POST /subscriptions callback:onEvent POST``); their request bodies are what the API
    sends to the client, their responses what the client answers. ``name`` is the webhook's
    name, or the callback's (with its URL expression when the name has several).
    """

    name: str
    base_pointer: str | None
    revision_pointer: str | None
    operations: tuple[OperationDiff, ...] = ()
    """Every method of either side; an added or removed one has the other side ``None``."""


class SecuritySchemeDiff(msgspec.Struct, frozen=True, kw_only=True):
    """A component security scheme on both sides."""

    name: str
    base: SecurityScheme | None
    revision: SecurityScheme | None


class SpecDiff(msgspec.Struct, frozen=True, kw_only=True):
    """Everything that may have changed between two specs.

    Attributes:
        base: The older document.
        revision: The newer document.
        operations: Every operation of either side, matched.
        webhooks: Every webhook of either side.
        security_schemes: Every component security scheme of either side.
        schemas: The schema comparison graph, by pair key.
        dirty: Pairs that differ somewhere at or below them (unconditional changes).
        noted: Pairs with any change at or below them, conditional ones included (a
            superset of ``dirty``).
    """

    base: Spec
    revision: Spec
    operations: tuple[OperationDiff, ...]
    webhooks: tuple[WebhookDiff, ...]
    security_schemes: tuple[SecuritySchemeDiff, ...]
    schemas: dict[PairKey, SchemaNodeDiff]
    dirty: frozenset[PairKey]
    noted: frozenset[PairKey] = frozenset()
