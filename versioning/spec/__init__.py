"""Loading OpenAPI documents safely into a typed, normalised model with source positions."""

from versioning.spec.limits import Limits, limits_from_environment
from versioning.spec.loader import load_spec, load_spec_text
from versioning.spec.location import Location
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
    "Limits",
    "Location",
    "MediaType",
    "Operation",
    "Parameter",
    "RequestBody",
    "Response",
    "ResponseHeader",
    "SecurityScheme",
    "Spec",
    "limits_from_environment",
    "load_spec",
    "load_spec_text",
]
