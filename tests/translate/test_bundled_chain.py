"""Every example of the bundled specs, translated across the whole chain, stays valid.

Requests go up from each version to head; head responses come down to each version. The
results must validate (JSON Schema 2020-12) against the target version's own schemas, and
carry what the target operation requires (path parameters, required headers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from tests.translate.conftest import BUNDLED
from tests.translate.validation import schema_errors
from versioning.catalog import load_catalog
from versioning.translate import ApiRequest, ApiResponse
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from versioning.catalog import Catalog
    from versioning.spec.model import Operation
    from versioning.translate import Translator

_CATALOG = load_catalog(BUNDLED)
_HEAD = _CATALOG.specs[_CATALOG.head.id]


def _first_example(examples: dict[str, Any]) -> Any:
    return next(iter(examples.values()))


def _request_cases() -> list[Any]:
    cases = []
    for version in _CATALOG.ids[:-1]:
        for operation in _CATALOG.specs[version].operations:
            bodies: list[tuple[str, Any]] = [("no body", None)]
            if operation.request_body is not None:
                media = operation.request_body.content["application/json"]
                bodies = list(media.examples.items())
            for name, body in bodies:
                cases.append(
                    pytest.param(
                        version, operation.key, body, id=f"{version} {operation.key} {name}"
                    )
                )
    return cases


def _example_request(operation: Operation, body: Any) -> ApiRequest:
    path = {
        p.name: str(_first_example(p.examples))
        for p in operation.parameters
        if p.location == "path"
    }
    query = {
        p.name: [str(_first_example(p.examples))]
        for p in operation.parameters
        if p.location == "query" and p.examples
    }
    headers = {"content-type": "application/json"} if body is not None else {}
    return ApiRequest(
        operation=operation.key, path_params=path, query=query, headers=headers, body=body
    )


@pytest.mark.parametrize(("version", "key", "body"), _request_cases())
def test_upgrade_request__bundled_example__is_a_valid_head_request(
    translator: Translator, catalog: Catalog, version: str, key: str, body: Any
) -> None:
    operation = catalog.specs[version].operation(*key.split(" ", 1))
    assert operation is not None
    upgraded = translator.upgrade_request(_example_request(operation, body), from_version=version)

    head_operation = _HEAD.operation(*upgraded.operation.split(" ", 1))
    assert head_operation is not None, upgraded.operation
    assert upgraded.operation == translator.operation_in(
        key, from_version=version, to_version=catalog.head.id
    )
    for parameter in head_operation.parameters:
        if parameter.location == "path":
            assert parameter.name in upgraded.path_params
        if parameter.required and parameter.location == "header":
            assert parameter.name.lower() in upgraded.headers
    if upgraded.body is not None:
        assert head_operation.request_body is not None
        schema = head_operation.request_body.content["application/json"].schema
        assert schema is not None
        assert schema_errors(_HEAD, schema, upgraded.body) == []


class _ResponseCase(NamedTuple):
    key: str
    status: int
    media_type: str
    body: Any
    version: str


def _response_cases() -> list[Any]:
    cases = []
    for operation in _HEAD.operations:
        for status, response in operation.responses.items():
            for media_type, media in response.content.items():
                for name, example in media.examples.items():
                    for version in _CATALOG.ids[:-1]:
                        case = _ResponseCase(
                            operation.key, int(status), media_type, example, version
                        )
                        cases.append(
                            pytest.param(case, id=f"{operation.key} {status} {name} to {version}")
                        )
    return cases


@pytest.mark.parametrize("case", _response_cases())
def test_downgrade_response__head_example__is_valid_in_every_older_version(
    translator: Translator, catalog: Catalog, case: _ResponseCase
) -> None:
    response = ApiResponse(
        status=case.status, headers={"content-type": case.media_type}, body=case.body
    )
    older_key = translator.operation_in(
        case.key, from_version=catalog.head.id, to_version=case.version
    )
    assert older_key is not None
    downgraded = translator.downgrade_response(
        response, operation=case.key, to_version=case.version
    )

    older_operation = catalog.specs[case.version].operation(*older_key.split(" ", 1))
    assert older_operation is not None
    older_response = response_for_status(older_operation, downgraded.status)
    assert older_response is not None, f"{older_key} declares no {downgraded.status}"
    older_media = older_response.content.get(downgraded.headers["content-type"])
    assert older_media is not None
    assert older_media.schema is not None
    assert schema_errors(catalog.specs[case.version], older_media.schema, downgraded.body) == []
