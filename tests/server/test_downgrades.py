"""The server's planned downgrade chains answer exactly what the translator answers hop by hop.

For every operation of every older version and every example response of the head operation
serving it, :class:`mock_server.downgrades.DowngradePlanner` (planned once per client
operation, run without the request) must give what ``Translator.downgrade_response`` gives
when handed the client's request (re-upgraded and downgraded hop by hop).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from mock_server.downgrades import DowngradePlanner
from tests.server.conftest import API_SPECS
from versioning.catalog import load_catalog
from versioning.translate import Translator
from versioning.translate.messages import ApiRequest, ApiResponse

_CATALOG = load_catalog(API_SPECS)
_LOOKUPS: dict[str, Any] = {}
_TRANSLATOR = Translator.from_catalog(_CATALOG, lookups=_LOOKUPS)
_HEAD = _CATALOG.head.id


class _Case(NamedTuple):
    version: str
    request: ApiRequest
    head_operation: str
    response: ApiResponse


def _cases() -> list[Any]:
    found = []
    for version in _CATALOG.ids[:-1]:
        for operation in _CATALOG.specs[version].operations:
            head_key = _TRANSLATOR.operation_in(
                operation.key, from_version=version, to_version=_HEAD
            )
            assert head_key is not None
            head = _CATALOG.specs[_HEAD].operation(*head_key.split(" ", 1))
            assert head is not None
            params = {
                parameter.name: str(next(iter(parameter.examples.values()), "example"))
                for parameter in operation.parameters
                if parameter.location == "path"
            }
            request = ApiRequest(
                operation=operation.key, path_params=params, query={}, headers={}, body=None
            )
            for status, response in head.responses.items():
                for media_type, media in response.content.items():
                    for name, example in media.examples.items():
                        answer = ApiResponse(
                            status=int(status), headers={"content-type": media_type}, body=example
                        )
                        found.append(pytest.param(
                            _Case(version, request, head_key, answer),
                            id=f"{version} {operation.key} {status} {name}",
                        ))  # fmt: skip
    return found


@pytest.mark.parametrize("case", _cases())
def test_planned_downgrade__head_example__same_as_the_translator_with_the_request(
    case: _Case,
) -> None:
    planner = DowngradePlanner.of(_TRANSLATOR, _LOOKUPS)
    assert planner is not None
    planned = planner.downgrade(
        case.response, head_operation=case.head_operation, request=case.request,
        version=case.version,
    )  # fmt: skip
    expected = _TRANSLATOR.downgrade_response(
        case.response, operation=case.head_operation, to_version=case.version,
        request=case.request,
    )  # fmt: skip
    assert planned == expected


def test_planner__operation_that_does_not_lead_to_the_head_one__none() -> None:
    planner = DowngradePlanner.of(_TRANSLATOR, _LOOKUPS)
    assert planner is not None
    request = ApiRequest(
        operation="GET /charges/{charge_id}", path_params={"charge_id": "txn_x"}, query={},
        headers={}, body=None,
    )  # fmt: skip
    response = ApiResponse(status=200, headers={}, body={})
    assert (
        planner.downgrade(
            response, head_operation="GET /transactions", request=request, version="2024-01-15"
        )
        is None
    )


def test_planner__not_a_versioning_translator__none() -> None:
    assert DowngradePlanner.of(object(), _LOOKUPS) is None
