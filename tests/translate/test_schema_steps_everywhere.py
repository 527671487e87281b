"""A step addressed to a schema applies wherever that schema occurs in a payload.

Nested objects, arrays, maps (``additionalProperties``), recursive schemas and the matching
``oneOf`` branch — the places where code-first tools silently miss data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.translate.builder import OLDER, frozen_copy, translator, write_catalog
from tests.translate.shapes import RENAME_ZIPCODE, address_specs
from versioning.translate import ApiRequest, ApiResponse, Translator

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def renaming(tmp_path: Path) -> Translator:
    older, newer = address_specs()
    return translator(write_catalog(tmp_path / "api", older, newer, RENAME_ZIPCODE))


def test_upgrade_request__address_nested_in_array_and_map__renamed_everywhere(
    renaming: Translator,
) -> None:
    body = {
        "name": "Maya",
        "address": {"line1": "1 Main St", "zipcode": "94110"},
        "previous": [
            {"line1": "2 Oak Ave", "zipcode": "10001"},
            {"line1": "3 Elm", "zipcode": "1"},
        ],
        "by_label": {"work": {"line1": "4 Pine", "zipcode": "60601"}},
    }
    upgraded = renaming.upgrade_request(
        ApiRequest(operation="POST /people", body=body), from_version=OLDER
    )
    assert upgraded.body == {
        "name": "Maya",
        "address": {"line1": "1 Main St", "postal_code": "94110"},
        "previous": [
            {"line1": "2 Oak Ave", "postal_code": "10001"},
            {"line1": "3 Elm", "postal_code": "1"},
        ],
        "by_label": {"work": {"line1": "4 Pine", "postal_code": "60601"}},
    }


def test_downgrade_response__address_nested_in_array_and_map__renamed_back_everywhere(
    renaming: Translator,
) -> None:
    body = {
        "address": {"line1": "1 Main St", "postal_code": "94110"},
        "previous": [{"line1": "2 Oak Ave", "postal_code": "10001"}],
        "by_label": {"home": {"line1": "5 Birch", "postal_code": "02139"}},
    }
    downgraded = renaming.downgrade_response(
        ApiResponse(status=201, body=body), operation="POST /people", to_version=OLDER
    )
    assert downgraded.body["address"] == {"line1": "1 Main St", "zipcode": "94110"}
    assert downgraded.body["previous"] == [{"line1": "2 Oak Ave", "zipcode": "10001"}]
    assert downgraded.body["by_label"] == {"home": {"line1": "5 Birch", "zipcode": "02139"}}


def test_downgrade_response__recursive_tree__renamed_at_every_depth(renaming: Translator) -> None:
    leaf = {"label": "leaf", "address": {"line1": "deep", "postal_code": "3"}}
    tree = {
        "label": "root",
        "address": {"line1": "top", "postal_code": "1"},
        "children": [{"label": "mid", "children": [leaf, {"label": "bare"}]}],
    }
    downgraded = renaming.downgrade_response(
        ApiResponse(status=200, body=tree), operation="GET /tree", to_version=OLDER
    )
    assert downgraded.body["address"] == {"line1": "top", "zipcode": "1"}
    deep = downgraded.body["children"][0]["children"]
    assert deep[0]["address"] == {"line1": "deep", "zipcode": "3"}
    assert deep[1] == {"label": "bare"}


def test_downgrade_response__one_of_branches__only_the_matching_branch_translated(
    renaming: Translator,
) -> None:
    body = [
        {"kind": "shop", "address": {"line1": "6 Market St", "postal_code": "94103"}},
        {"kind": "online", "address": "https://shop.example"},
    ]
    downgraded = renaming.downgrade_response(
        ApiResponse(status=200, body=body), operation="GET /locations", to_version=OLDER
    )
    assert downgraded.body == [
        {"kind": "shop", "address": {"line1": "6 Market St", "zipcode": "94103"}},
        {"kind": "online", "address": "https://shop.example"},
    ]


def test_translation__any_payload__input_never_mutated(renaming: Translator) -> None:
    tree = {
        "label": "root",
        "address": {"line1": "top", "postal_code": "1"},
        "children": [{"label": "kid", "address": {"line1": "low", "postal_code": "2"}}],
    }
    person = {
        "address": {"line1": "1", "zipcode": "9"},
        "by_label": {"a": {"line1": "2", "zipcode": "8"}},
    }
    tree_before, person_before = frozen_copy(tree), frozen_copy(person)
    request = ApiRequest(operation="POST /people", headers={"x-trace": "1"}, body=person)

    renaming.downgrade_response(
        ApiResponse(status=200, body=tree), operation="GET /tree", to_version=OLDER
    )
    renaming.upgrade_request(request, from_version=OLDER)

    assert tree == tree_before
    assert person == person_before
    assert request.headers == {"x-trace": "1"}


def test_downgrade_response__untouched_subtrees__shared_not_copied(renaming: Translator) -> None:
    body = {"name": "Maya", "address": {"line1": "1", "postal_code": "2"}, "tags": {"big": [1, 2]}}
    downgraded = renaming.downgrade_response(
        ApiResponse(status=201, body=body), operation="POST /people", to_version=OLDER
    )
    assert downgraded.body["address"] == {"line1": "1", "zipcode": "2"}
    assert downgraded.body["tags"] is body["tags"]
    unchanged = ApiResponse(status=200, body={"label": "no address here"})
    assert (
        renaming.downgrade_response(unchanged, operation="GET /tree", to_version=OLDER) is unchanged
    )


def test_downgrade_response__all_of_and_pattern_properties__translated(tmp_path: Path) -> None:
    older, newer = address_specs()
    for document in (older, newer):
        document["components"]["schemas"]["Branch"] = {
            "allOf": [
                {"$ref": "#/components/schemas/Node"},
                {
                    "type": "object",
                    "patternProperties": {"^addr_": {"$ref": "#/components/schemas/Address"}},
                },
            ]
        }
        document["paths"]["/branch"] = {
            "get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Branch"}}}}}}
        }  # fmt: skip
    translated = translator(write_catalog(tmp_path / "api", older, newer, RENAME_ZIPCODE))
    body = {
        "label": "b",
        "address": {"line1": "1", "postal_code": "9"},
        "addr_home": {"line1": "2", "postal_code": "8"},
        "other": {"postal_code": "untouched"},
    }
    down = translated.downgrade_response(
        ApiResponse(status=200, body=body), operation="GET /branch", to_version=OLDER
    )
    assert down.body == {
        "label": "b",
        "address": {"line1": "1", "zipcode": "9"},
        "addr_home": {"line1": "2", "zipcode": "8"},
        "other": {"postal_code": "untouched"},
    }
