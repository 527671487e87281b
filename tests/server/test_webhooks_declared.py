"""Declared webhooks: the checker diffs their payloads, ``changes.yaml`` steps translate them.

This builds a copy of the bundled catalog (which declares ``checkout`` and ``transaction``
webhooks in every version) whose head renames the checkout's ``redirect_url`` to
``return_url`` (two ``field_renamed`` steps, as in docs/releasing.md): an older endpoint
receives ``redirect_url``. The rename is on ``Checkout``, the schema the payload wraps.
"""

from __future__ import annotations

import datetime as dt
import shutil
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from mock_server.served import load_served_catalog
from mock_server.translation import load_translator
from mock_server.webhooks.render import WebhookRenderer
from tests.server.conftest import API_SPECS
from versioning.checker import CheckOptions, compare

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.catalog import Catalog

OLDER, HEAD = "2025-06-30", "2026-02-01"


def _event_schema() -> dict[str, Any]:
    time_field = "created_at"
    return {
        "type": "object",
        "required": ["id", "object", "type", "api_version", time_field, "data"],
        "properties": {
            "id": {"type": "string"},
            "object": {"type": "string", "enum": ["event"]},
            "type": {"type": "string"},
            "api_version": {"type": "string"},
            time_field: {"type": "string", "format": "date-time"},
            "data": {
                "type": "object",
                "required": ["object"],
                "properties": {"object": {"$ref": "#/components/schemas/Checkout"}},
            },
        },
    }


def _declare(folder: Path, version: str) -> None:
    path = folder / version / "openapi.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["components"]["schemas"]["CheckoutEvent"] = _event_schema()
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckoutEvent"}}}}  # fmt: skip
    document["webhooks"] = {
        "checkout": {
            "post": {"requestBody": body, "responses": {"200": {"description": "Received."}}}
        }
    }
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = tmp_path_factory.mktemp("declared") / "api"
    shutil.copytree(API_SPECS, folder)
    _declare(folder, OLDER)
    _declare(folder, HEAD)
    head = folder / HEAD / "openapi.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("redirect_url", "return_url"))
    changes = folder / HEAD / "changes.yaml"
    steps = "".join(
        f"      - step: field_renamed\n        schema: {schema}\n"
        "        from: redirect_url\n        to: return_url\n"
        for schema in ("Checkout", "CheckoutCreate")
    )
    changes.write_text(
        changes.read_text(encoding="utf-8")
        + "\n  - description: The checkout's `redirect_url` is renamed `return_url`.\n"
        + "    steps:\n"
        + steps,
        encoding="utf-8",
    )
    return load_served_catalog(folder)


def _event() -> dict[str, Any]:
    document = yaml.safe_load((API_SPECS / HEAD / "openapi.yaml").read_text(encoding="utf-8"))
    example = document["paths"]["/checkouts/{checkout_id}"]["get"]["responses"]["200"]
    value = next(iter(example["content"]["application/json"]["examples"].values()))["value"]
    value["return_url"] = value.pop("redirect_url")  # as the renamed head has it
    return {
        "id": "evt_" + "a" * 24, "type": "checkout.expired",
        "created_at": "2026-03-01T13:00:00Z", "data": {"object": value},
    }  # fmt: skip


def test_declared_webhook__renamed_field__arrives_renamed_for_older_versions(
    catalog: Catalog,
) -> None:
    renderer = WebhookRenderer(catalog, load_translator(catalog))
    head = renderer.render(_event(), HEAD)["data"]["object"]
    assert head["return_url"].startswith("https://")
    assert "redirect_url" not in head
    for version in (OLDER, "2024-01-15"):
        older = renderer.render(_event(), version)["data"]["object"]
        assert older["redirect_url"] == head["return_url"], version
        assert "return_url" not in older


def test_declared_webhook__rename__the_checker_diffs_the_payload(catalog: Catalog) -> None:
    findings = compare(
        catalog.specs[OLDER], catalog.specs[HEAD], options=CheckOptions(today=dt.date(2026, 3, 1))
    )
    about_webhook = [
        finding.message for finding in findings
        if finding.subject is not None and finding.subject.webhook == "checkout"
    ]  # fmt: skip
    assert any("redirect_url" in message for message in about_webhook), about_webhook
