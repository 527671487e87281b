"""Every example of the bundled specs, translated across the whole chain, stays valid.

Requests go up from each version to head; head responses come down to each version. The
results must validate (:mod:`versioning.messages`) against the target version's own schemas, and
carry what the target operation requires (path parameters, required headers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from tests.translate.conftest import BUNDLED
from tests.translate.validation import schema_errors
from versioning.catalog import load_catalog
from versioning.translate import ApiRequest, ApiResponse, Translator
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from versioning.catalog import Catalog
    from versioning.spec.model import Operation

_CATALOG = load_catalog(BUNDLED)
_HEAD = _CATALOG.specs[_CATALOG.head.id]
_TRANSLATOR = Translator.from_catalog(_CATALOG)


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
    declared_query = {p.name for p in head_operation.parameters if p.location == "query"}
    assert set(upgraded.query) <= declared_query
    if upgraded.body is not None:
        assert head_operation.request_body is not None
        schema = head_operation.request_body.content["application/json"].schema
        assert schema is not None
        assert schema_errors(_HEAD, schema, upgraded.body, "request") == []


class _ResponseCase(NamedTuple):
    head_key: str
    status: int
    media_type: str
    body: Any
    version: str
    older_key: str


def _response_cases() -> list[Any]:
    """Every head response example, for every older operation that the head one serves."""
    cases = []
    for version in _CATALOG.ids[:-1]:
        for older in _CATALOG.specs[version].operations:
            head_key = _head_key(older.key, version)
            operation = _HEAD.operation(*head_key.split(" ", 1))
            assert operation is not None
            for status, response in operation.responses.items():
                for media_type, media in response.content.items():
                    for name, example in media.examples.items():
                        case = _ResponseCase(
                            head_key, int(status), media_type, example, version, older.key
                        )
                        cases.append(
                            pytest.param(case, id=f"{older.key} {status} {name} to {version}")
                        )
    return cases


def _head_key(key: str, version: str) -> str:
    head_key = _TRANSLATOR.operation_in(key, from_version=version, to_version=_CATALOG.head.id)
    assert head_key is not None
    return head_key


def _transactions(body: Any) -> list[Any]:
    """The transaction objects in a transaction or list body."""
    if not isinstance(body, dict):
        return []
    if body.get("object") == "list":
        return list(body.get("data") or [])
    return [body] if "checkout_id" in body and "status" in body else []


@pytest.mark.parametrize("case", _response_cases())
def test_downgrade_response__head_example__valid_for_every_older_operation(
    translator: Translator, catalog: Catalog, case: _ResponseCase
) -> None:
    older_operation = catalog.specs[case.version].operation(*case.older_key.split(" ", 1))
    assert older_operation is not None
    client = _example_request(older_operation, None)
    response = ApiResponse(
        status=case.status, headers={"content-type": case.media_type}, body=case.body
    )

    downgraded = translator.downgrade_response(
        response, operation=case.head_key, to_version=case.version, request=client
    )

    older_response = response_for_status(older_operation, downgraded.status)
    assert older_response is not None, f"{case.older_key} declares no {downgraded.status}"
    older_media = older_response.content.get(downgraded.headers["content-type"])
    assert older_media is not None
    assert older_media.schema is not None
    spec = catalog.specs[case.version]
    assert schema_errors(spec, older_media.schema, downgraded.body, "response") == []
    if case.older_key.split(" ", 1)[1].startswith("/charges"):
        assert all(item["object"] == "charge" for item in _transactions(downgraded.body))
