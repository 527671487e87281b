"""JSON Schema 2020-12 validation of payloads against one version's spec (for tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

if TYPE_CHECKING:
    from versioning.spec.model import Spec

_ROOT_URI = "urn:versiongate:spec"
_REGISTRIES: dict[int, Registry[Any]] = {}


def _registry(spec: Spec) -> Registry[Any]:
    key = id(spec.document)
    if key not in _REGISTRIES:
        resource = Resource.from_contents(spec.document, default_specification=DRAFT202012)
        _REGISTRIES[key] = Registry().with_resource(_ROOT_URI, resource)
    return _REGISTRIES[key]


def _rebase(schema: Any) -> Any:
    """Point local ``#/…`` references at the spec document in the registry."""
    if isinstance(schema, dict):
        return {
            key: (
                _ROOT_URI + value
                if key == "$ref" and isinstance(value, str) and value.startswith("#")
                else _rebase(value)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_rebase(item) for item in schema]
    return schema


def schema_errors(spec: Spec, schema: dict[str, Any], value: Any) -> list[str]:
    """Every validation error of ``value`` against ``schema`` (a schema of ``spec``)."""
    validator = Draft202012Validator(_rebase(schema), registry=_registry(spec))
    return [
        f"/{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(value)
    ]
