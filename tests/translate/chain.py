"""A quick probe of a translator over the bundled examples: the first thing that goes wrong.

Used by the "every step is needed" test: a step whose deletion no breaking finding notices
must be noticed here (a translated example that no longer validates or carries a field its
version does not declare, an operation that no longer maps, a ``/charges`` client that no
longer sees ``object: charge``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.translate.validation import schema_errors
from versioning.errors import VersioningError
from versioning.messages import undeclared_members
from versioning.translate import ApiRequest, ApiResponse
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from collections.abc import Iterator

    from versioning.catalog import Catalog
    from versioning.spec.model import Operation, Spec
    from versioning.translate import Translator


def example_request(operation: Operation, body: Any) -> ApiRequest:
    """A request of ``operation`` with the first example of each path and query parameter."""
    path = {
        p.name: str(next(iter(p.examples.values())))
        for p in operation.parameters
        if p.location == "path" and p.examples
    }
    query = {
        p.name: [str(next(iter(p.examples.values())))]
        for p in operation.parameters
        if p.location == "query" and p.examples
    }
    headers = {"content-type": "application/json"} if body is not None else {}
    return ApiRequest(
        operation=operation.key, path_params=path, query=query, headers=headers, body=body
    )


def _problem(pointer: str) -> dict[str, Any]:
    return {
        "type": "https://developers.payovertime.example/problems/validation-failed",
        "title": "Validation failed", "status": 422, "code": "validation_failed",
        "errors": [{"pointer": pointer, "message": "Not valid."}],
    }  # fmt: skip


EXTRA_HEAD_EXAMPLES: dict[str, list[tuple[str, Any]]] = {
    "POST /checkouts": [("422", _problem("/billing_address/postal_code"))],
    "POST /transactions": [
        ("422", _problem("/merchant_reference")),
        ("422", _problem("/amount/value")),
    ],
}
"""Head error bodies the spec's shared examples do not show: a field renamed along the chain."""


def _head_examples(operation: Operation) -> Iterator[tuple[str, str, Any]]:
    for status, response in operation.responses.items():
        for media_type, media in response.content.items():
            for example in media.examples.values():
                yield status, media_type, example
    for status, body in EXTRA_HEAD_EXAMPLES.get(operation.key, []):
        yield status, "application/problem+json", body


def _body_fields(spec: Spec, operation: Operation | None) -> set[str]:
    if operation is None or operation.request_body is None:
        return set()
    schema = spec.resolve_schema(operation.request_body.content["application/json"].schema or {})
    return set(schema.get("properties") or ())


def _error_field_problem(
    catalog: Catalog, version: str, operation: Operation, head: Operation | None, body: Any
) -> str | None:
    """An error's ``field`` about the request body must name a field of the older body.

    Shared error examples also mention fields of other operations' bodies; only a field whose
    top level this operation's body has (in head or in the older version) is checked.
    """
    error = body.get("error") if isinstance(body, dict) else None
    field = error.get("field") if isinstance(error, dict) else None
    if not isinstance(field, str) or operation.request_body is None:
        return None
    segments = field.split(".")
    head_fields = _body_fields(catalog.specs[catalog.head.id], head)
    if segments[0] not in head_fields | _body_fields(catalog.specs[version], operation):
        return None
    spec = catalog.specs[version]
    schema: Any = operation.request_body.content["application/json"].schema
    for segment in segments:
        schema = spec.resolve_schema(schema) if isinstance(schema, dict) else None
        properties = schema.get("properties") if isinstance(schema, dict) else None
        if not isinstance(properties, dict):
            return None  # a scalar: the rest of the path is inside the value
        if segment not in properties:
            return f"error field {field!r} is not a field of the {version} request"
        schema = properties[segment]
    return None


def _request_problems(translator: Translator, catalog: Catalog) -> Iterator[str]:
    head = catalog.specs[catalog.head.id]
    for version in catalog.ids[:-1]:
        for operation in catalog.specs[version].operations:
            bodies: list[Any] = [None]
            if operation.request_body is not None:
                bodies = list(operation.request_body.content["application/json"].examples.values())
            for body in bodies:
                upgraded = translator.upgrade_request(
                    example_request(operation, body), from_version=version
                )
                target = head.operation(*upgraded.operation.split(" ", 1))
                where = f"{version} {operation.key} request"
                if target is None:
                    yield f"{where}: became {upgraded.operation}, which head does not have"
                    continue
                declared = {p.name for p in target.parameters if p.location == "query"}
                if not set(upgraded.query) <= declared:
                    yield f"{where}: undeclared query {sorted(set(upgraded.query) - declared)}"
                if upgraded.body is not None and target.request_body is not None:
                    schema = target.request_body.content["application/json"].schema or {}
                    for error in schema_errors(head, schema, upgraded.body, "request"):
                        yield f"{where}: {error}"


def _downgrade_problems(
    translator: Translator,
    catalog: Catalog,
    version: str,
    older: Operation,
    client: ApiRequest | None,
) -> Iterator[str]:
    head = catalog.specs[catalog.head.id]
    head_key = translator.operation_in(older.key, from_version=version, to_version=catalog.head.id)
    if head_key is None:
        yield f"{version} {older.key}: no head operation"
        return
    if (
        client is None
        and translator.operation_in(head_key, from_version=catalog.head.id, to_version=version)
        is None
    ):
        yield f"{version} {older.key}: head {head_key} maps back to nothing"
        return
    head_operation = head.operation(*head_key.split(" ", 1))
    assert head_operation is not None
    for status, media_type, example in _head_examples(head_operation):
        message = ApiResponse(
            status=int(status), headers={"content-type": media_type}, body=example
        )
        down = translator.downgrade_response(
            message, operation=head_key, to_version=version, request=client
        )
        where = f"{version} {older.key} {status} response"
        declared = response_for_status(older, down.status)
        schema = None
        if declared is not None and down.headers.get("content-type") in declared.content:
            schema = declared.content[down.headers["content-type"]].schema
        if schema is None:
            yield f"{where}: {down.status} {down.headers.get('content-type')} not declared"
            continue
        yield from (
            f"{where}: {error}"
            for error in schema_errors(catalog.specs[version], schema, down.body, "response")
        )
        yield from (
            f"{where}: {pointer} is not a field of {version}"
            for pointer in undeclared_members(catalog.specs[version], schema, down.body)
        )
        field_problem = _error_field_problem(catalog, version, older, head_operation, down.body)
        if field_problem is not None:
            yield f"{where}: {field_problem}"
        items = down.body.get("data", [down.body]) if isinstance(down.body, dict) else []
        charges_client = client is not None and older.path.startswith("/charges")
        if charges_client and any(
            isinstance(item, dict) and item.get("object") == "transaction" for item in items
        ):
            yield f"{where}: a /charges client sees object: transaction"


def chain_problems(translator: Translator, catalog: Catalog) -> Iterator[str]:
    """Problems of the bundled examples translated across the chain, lazily (first first)."""
    try:
        yield from _request_problems(translator, catalog)
        for version in catalog.ids[:-1]:
            for older in catalog.specs[version].operations:
                yield from _downgrade_problems(translator, catalog, version, older, None)
                yield from _downgrade_problems(
                    translator, catalog, version, older, example_request(older, None)
                )
    except VersioningError as error:
        yield f"translation failed: {error}"
