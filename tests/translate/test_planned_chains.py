"""Planned chains (the server's fast path) translate exactly as hop-by-hop translation does.

``Translator.upgrade_request`` and ``downgrade_response`` without a request plan the whole
chain once and skip the hops that leave an operation's messages alone; the reference here
walks every hop itself through ``Hop.upgrade_request`` / ``Hop.downgrade_response``. Every
bundled example goes through both, from and to every version (the sunset one included), so
a skipped hop that mattered, or a status or media type not carried from one hop to the next
(``status_mapped``, ``error_body_converted``), shows up as a difference.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest

from tests.translate.builder import json_body, ref, spec
from tests.translate.chain import example_request
from tests.translate.conftest import BUNDLED
from versioning.catalog import load_catalog
from versioning.errors import UsageError
from versioning.translate import ApiRequest, ApiResponse, Translator

if TYPE_CHECKING:
    from pathlib import Path

_CATALOG = load_catalog(BUNDLED)
_HEAD = _CATALOG.head.id


def _translator() -> Translator:
    return Translator.from_catalog(
        _CATALOG,
        generators={"uuid4": lambda: "a-generated-key"},  # both sides generate the same
        lookups={"transaction_currency": lambda _: "EUR"},
    )


_REFERENCE = _translator()


def _hop_by_hop_upgrade(request: ApiRequest, start: int) -> ApiRequest:
    for hop in _REFERENCE.hops[start:]:
        request = hop.upgrade_request(request, _REFERENCE._lookups)
    return request


def _hop_by_hop_downgrade(response: ApiResponse, operation: str, end: int) -> ApiResponse:
    keys = [operation]
    for hop in reversed(_REFERENCE.hops[end:]):
        older = hop.operations.backward(keys[-1])
        assert older is not None
        keys.append(older)
    for offset, hop in enumerate(reversed(_REFERENCE.hops[end:])):
        response = hop.downgrade_response(
            response,
            newer_operation=keys[offset],
            older_operation=keys[offset + 1],
            request=None,
            lookups=_REFERENCE._lookups,
        )
    return response


def _request_cases() -> list[Any]:
    cases = []
    for start, version in enumerate(_CATALOG.ids[:-1]):
        for operation in _CATALOG.specs[version].operations:
            bodies: list[tuple[str, Any]] = [("no body", None)]
            if operation.request_body is not None:
                bodies = list(operation.request_body.content["application/json"].examples.items())
            for name, body in bodies:
                request = example_request(operation, body)
                cases.append(pytest.param(start, request, id=f"{version} {operation.key} {name}"))
    return cases


def _head_examples() -> list[tuple[str, str, ApiResponse]]:
    examples = []
    for operation in _CATALOG.specs[_HEAD].operations:
        for status, response in operation.responses.items():
            for media_type, media in response.content.items():
                for name, body in media.examples.items():
                    headers = {"content-type": media_type}
                    message = ApiResponse(status=int(status), headers=headers, body=body)
                    examples.append((operation.key, f"{status} {name}", message))
    return examples


def _response_cases() -> list[Any]:
    return [
        pytest.param(key, message, end, id=f"{key} {label} to {version}")
        for key, label, message in _head_examples()
        for end, version in enumerate(_CATALOG.ids[:-1])
        if _REFERENCE.operation_in(key, from_version=_HEAD, to_version=version)
    ]


@pytest.mark.parametrize(("start", "request_"), _request_cases())
def test_upgrade_request__planned_chain__same_as_every_hop(
    start: int, request_: ApiRequest
) -> None:
    planned = _translator()
    expected = _hop_by_hop_upgrade(copy.deepcopy(request_), start)

    first = planned.upgrade_request(copy.deepcopy(request_), from_version=_CATALOG.ids[start])
    again = planned.upgrade_request(copy.deepcopy(request_), from_version=_CATALOG.ids[start])

    assert first == expected
    assert again == expected


@pytest.mark.parametrize(("operation", "response", "end"), _response_cases())
def test_downgrade_response__planned_chain__same_as_every_hop(
    operation: str, response: ApiResponse, end: int
) -> None:
    planned = _translator()
    expected = _hop_by_hop_downgrade(copy.deepcopy(response), operation, end)
    version = _CATALOG.ids[end]

    first = planned.downgrade_response(
        copy.deepcopy(response), operation=operation, to_version=version
    )
    again = planned.downgrade_response(
        copy.deepcopy(response), operation=operation, to_version=version
    )

    assert first == expected
    assert again == expected


def test_upgrade_request__operation_missing_in_version__refused_every_time() -> None:
    planned = _translator()
    request = ApiRequest(operation="GET /nowhere", path_params={}, query={}, headers={})

    for _ in range(2):  # a failed plan is not cached as an empty chain
        with pytest.raises(UsageError, match="no operation 'GET /nowhere'"):
            planned.upgrade_request(request, from_version=_CATALOG.ids[1])


def test_downgrade_response__operation_missing_in_head__refused_every_time() -> None:
    planned = _translator()
    response = ApiResponse(status=200, headers={"content-type": "application/json"}, body={})

    for _ in range(2):
        with pytest.raises(UsageError, match="no operation 'GET /nowhere'"):
            planned.downgrade_response(
                response, operation="GET /nowhere", to_version=_CATALOG.ids[1]
            )


def _write_three_versions(folder: Path) -> Path:
    """v1 → v2: ``amount`` renamed ``total`` (200 responses); v2 → v3: 200 became 201."""
    ids = ("2024-01-01", "2024-06-01", "2025-01-01")
    shapes = [
        {"type": "object", "properties": {"id": {"type": "string"}, field: {"type": "integer"}}}
        for field in ("amount", "total", "total")
    ]
    statuses = ["200", "200", "201"]
    entries = "".join(
        f'  - id: "{v}"\n    released: "{v}"\n    spec: {v}/openapi.json\n' for v in ids
    )
    (folder / "versions.yaml").write_text(f"versions:\n{entries}", encoding="utf-8")
    for version, shape, status in zip(ids, shapes, statuses, strict=True):
        created = {"description": "ok", **json_body(ref("Order"))}
        paths = {"/orders": {"post": {"responses": {status: created}}}}
        (folder / version).mkdir()
        document = spec(version, {"Order": shape}, paths)
        (folder / version / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
    (folder / ids[1] / "changes.yaml").write_text(
        "changes:\n  - description: amount is total now.\n    steps:\n"
        "      - {step: field_renamed, schema: Order, from: amount, to: total}\n",
        encoding="utf-8",
    )
    (folder / ids[2] / "changes.yaml").write_text(
        "changes:\n  - description: creating answers 201.\n    steps:\n"
        '      - {step: status_mapped, operations: [POST /orders], downgrade: {"201": 200}}\n',
        encoding="utf-8",
    )
    return folder


def test_downgrade_response__status_mapped_in_a_newer_hop__older_hop_sees_the_mapped_status(
    tmp_path: Path,
) -> None:
    translator = Translator.from_catalog(load_catalog(_write_three_versions(tmp_path)))
    response = ApiResponse(
        status=201, headers={"content-type": "application/json"}, body={"id": "o1", "total": 5}
    )

    downgraded = translator.downgrade_response(
        response, operation="POST /orders", to_version="2024-01-01"
    )

    assert downgraded.status == 200
    assert downgraded.body == {"id": "o1", "amount": 5}
