"""The diff engine: a typed, semantic, direction-neutral diff of two loaded specs."""

from versioning.diff.model import (
    HeaderDiff,
    MediaTypeDiff,
    OperationDiff,
    PairKey,
    ParameterDiff,
    PropertyFacts,
    RequestBodyDiff,
    ResponseDiff,
    SchemaChange,
    SchemaEdge,
    SchemaKey,
    SchemaNodeDiff,
    SecuritySchemeDiff,
    SpecDiff,
    WebhookDiff,
)
from versioning.diff.specs import diff_specs

__all__ = [
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
    "diff_specs",
]
