"""Full OpenAPI schema validation through openapi-spec-validator, errors mapped to locations.

This is slower than loading (seconds on multi-megabyte documents), so it is opt-in:
``load_spec(..., validate=True)`` and ``versiongate validate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.errors import SpecValidationError
from versioning.spec.location import Location, join_pointer

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["validation_errors"]

MAX_REPORTED = 50


def validation_errors(
    document: Any, *, base_uri: str, locate: Callable[[list[str]], Location]
) -> list[SpecValidationError]:
    """Every schema violation in ``document`` (at most 50), each with its source location.

    ``document`` must be the document as written (before normalisation) and its remote
    references must already have been refused: the validator follows relative ones itself.
    """
    # Imported here: the validator stack costs ~0.3 s to import and most loads skip it.
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.shortcuts import get_validator_cls
    from openapi_spec_validator.validation.exceptions import ValidatorDetectError

    try:
        validator_cls = get_validator_cls(document)
    except ValidatorDetectError:
        return [SpecValidationError("cannot tell the OpenAPI version of this document",
                                    location=locate([]), pointer="")]  # fmt: skip

    schema_path = SchemaPath.from_dict(document, base_uri=base_uri)
    errors: list[SpecValidationError] = []
    for error in validator_cls(schema_path).iter_errors():
        tokens = [str(token) for token in getattr(error, "absolute_path", ())]
        message = str(getattr(error, "message", error)).splitlines()[0]
        errors.append(
            SpecValidationError(message, location=locate(tokens), pointer=join_pointer(tokens))
        )
        if len(errors) >= MAX_REPORTED:
            break
    return errors
