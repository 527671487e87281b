"""Values checked against a document's schemas: JSON Schema 2020-12 with OpenAPI's read/write rules.

``jsonschema``'s Draft 2020-12 validator does the work, with format checking on and a
``referencing`` registry over the whole document so local ``#/…`` references resolve. The one
OpenAPI twist: a ``readOnly`` property that is ``required`` is only required in responses, and
a ``writeOnly`` one only in requests.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.validators import extend
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from compat_tests.schema_keywords import Direction, Schema, is_excluded

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jsonschema.protocols import Validator

__all__ = ["SchemaValidator", "describe_error"]

_SUBJECT_KEY = "x-versiongate-subject"
_counter = itertools.count()


def describe_error(error: ValidationError) -> str:
    """``/items/0/quantity: 0 is less than the minimum of 1`` — where, then what."""
    pointer = "".join(
        "/" + str(part).replace("~", "~0").replace("/", "~1") for part in error.absolute_path
    )
    return f"{pointer or '/'}: {error.message}"


class SchemaValidator:
    """Validates values against any schema of one document, for one message direction.

    Args:
        document: The root document local ``#/…`` references resolve against.
        direction: ``request`` excuses missing ``readOnly`` properties, ``response`` missing
            ``writeOnly`` ones; ``None`` applies JSON Schema as written.
    """

    def __init__(self, document: Any, *, direction: Direction | None = None) -> None:
        self._document = document
        self._direction = direction
        self._registry: Registry[Any] = Registry()
        self._validators: dict[int, tuple[Schema, Validator]] = {}
        self._prefix = f"urn:versiongate:subject:{next(_counter)}:"
        self._class = (
            extend(Draft202012Validator, {"required": self._required})  # type: ignore[no-untyped-call]
            if direction is not None
            else Draft202012Validator
        )

    def _required(
        self, validator: Validator, required: Any, instance: Any, schema: dict[str, Any]
    ) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object") or self._direction is None:
            return
        properties = schema.get("properties", {})
        for name in required:
            if name in instance:
                continue
            if is_excluded(self._document, properties.get(name, True), self._direction):
                continue
            yield ValidationError(f"{name!r} is a required property")

    def _validator(self, schema: Schema) -> Validator:
        cached = self._validators.get(id(schema))
        if cached is not None and cached[0] is schema:
            return cached[1]
        # The schema is placed inside a shallow copy of the document, so its `#/…` references
        # resolve against the document while it is validated on its own.
        uri = f"{self._prefix}{len(self._validators)}"
        wrapper = (
            {**self._document, _SUBJECT_KEY: schema}
            if isinstance(self._document, dict)
            else {_SUBJECT_KEY: schema}
        )
        self._registry = self._registry.with_resource(uri, DRAFT202012.create_resource(wrapper))
        validator: Validator = self._class(
            {"$ref": f"{uri}#/{_SUBJECT_KEY}"},
            registry=self._registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        self._validators[id(schema)] = (schema, validator)
        return validator

    def errors(self, schema: Schema, value: Any) -> list[ValidationError]:
        """Every way ``value`` breaks ``schema``, shallowest first."""
        found = list(self._validator(schema).iter_errors(value))
        return sorted(found, key=lambda error: (len(error.absolute_path), error.message))

    def is_valid(self, schema: Schema, value: Any) -> bool:
        """Whether ``value`` satisfies ``schema``."""
        return bool(self._validator(schema).is_valid(value))
