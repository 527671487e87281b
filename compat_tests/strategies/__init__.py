"""Hypothesis strategies for values, requests and responses of any OpenAPI 3.0/3.1 document."""

from compat_tests.errors import (
    SchemaGenerationError,
    TooDeepError,
    UnsatisfiableSchemaError,
)
from compat_tests.strategies.builder import SchemaStrategies
from compat_tests.strategies.messages import requests_for, responses_for, status_codes
from compat_tests.strategies.values import from_schema, schema_strategies

__all__ = [
    "SchemaGenerationError",
    "SchemaStrategies",
    "TooDeepError",
    "UnsatisfiableSchemaError",
    "from_schema",
    "requests_for",
    "responses_for",
    "schema_strategies",
    "status_codes",
]
