"""The bundled catalog's webhooks: declared in every version, their breaks proved covered.

Each version declares a ``checkout`` and a ``transaction`` webhook (an event envelope around
that version's object). ``check`` proves each break of a payload by downgrading witnesses
with the hop's steps, and the mock server renders events with the same function, so what an
older endpoint receives is what its version declares.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from mock_server.translation import load_translator
from mock_server.webhooks.render import WebhookRenderer
from tests.coverage.catalogs import check_json, copy_catalog, edit, findings_of
from tests.translate.conftest import BUNDLED
from versioning.catalog import load_catalog
from versioning.checker import CheckOptions, compare
from versioning.coverage import CoverageGate
from versioning.coverage.webhooks import payload_problems
from versioning.messages import MessageValidator
from versioning.translate import Translator
from versioning.translate.webhooks import webhook_payload_schema

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.findings import Finding

_CATALOG = load_catalog(BUNDLED)
_TODAY = dt.date(2026, 3, 1)
_HOPS = Translator.from_catalog(_CATALOG).hops


def _webhook_findings(index: int) -> list[Finding]:
    """The judged breaks of the hop's webhook payloads, however deep (no nesting horizon).

    With the default horizon a change of ``Money`` is reported on the responses that reach
    it most directly, not on the payloads that wrap them in an envelope; every one is
    judged here.
    """
    hop = _HOPS[index]
    gate = CoverageGate(hop)
    options = CheckOptions(today=_TODAY, nesting_horizon=None)
    findings = compare(hop.older, hop.newer, options=options)
    return [
        gate.judge(finding)
        for finding in findings
        if finding.level == "error" and finding.subject is not None and finding.subject.webhook
    ]


@pytest.mark.parametrize("version", _CATALOG.ids)
def test_bundled_version__declares_both_webhooks(version: str) -> None:
    spec = _CATALOG.specs[version]
    for name in ("checkout", "transaction"):
        assert webhook_payload_schema(spec, name) is not None, name


@pytest.mark.parametrize("index", range(len(_HOPS)), ids=[hop.newer_id for hop in _HOPS])
def test_bundled_webhook_breaks__every_one__covered_by_running_the_steps(index: int) -> None:
    for finding in _webhook_findings(index):
        assert finding.coverage == "covered", (finding.message, finding.evidence)


def test_bundled_money_amounts__payload_breaks__found_and_covered() -> None:
    messages = {finding.message for finding in _webhook_findings(1)}
    assert (
        "webhook checkout payload property 'data.object.amount' type changed from integer to"
        " object" in messages
    )
    assert (
        "webhook transaction payload property 'data.object.refunded_amount' (required) was"
        " removed" in messages
    )


def test_bundled_rename__order_id__covered_in_both_webhooks() -> None:
    renamed = {
        finding.operation: finding
        for finding in _webhook_findings(0)
        if finding.rule == "response-required-property-removed"
        and "'data.object.order_id'" in finding.message
    }
    assert set(renamed) == {"POST webhook:checkout", "POST webhook:transaction"}
    assert "Checkout.order_id → merchant_reference" in (
        renamed["POST webhook:checkout"].covered_by or ""
    )
    assert "Transaction.order_id → merchant_reference" in (
        renamed["POST webhook:transaction"].covered_by or ""
    )


def _head_example(path: str) -> dict[str, Any]:
    head = _CATALOG.specs[_CATALOG.head.id]
    operation = head.operation("GET", path)
    assert operation is not None
    media = operation.responses["200"].content["application/json"]
    value = next(iter(media.examples.values()))
    return copy.deepcopy(value)


_EVENTS = {
    "checkout": ("checkout.expired", "/checkouts/{checkout_id}"),
    "transaction": ("transaction.captured", "/transactions/{transaction_id}"),
}


@pytest.mark.parametrize("version", _CATALOG.ids)
@pytest.mark.parametrize("name", sorted(_EVENTS))
def test_server_renderer__head_event__strictly_valid_as_the_versions_declared_payload(
    version: str, name: str
) -> None:
    event_type, path = _EVENTS[name]
    event = {
        "id": "evt_" + "a" * 24,
        "type": event_type,
        "created_at": "2026-03-01T13:00:00Z",
        "data": {"object": _head_example(path)},
    }
    renderer = WebhookRenderer(_CATALOG, load_translator(_CATALOG))
    payload = renderer.render(event, version)
    validator = MessageValidator(_CATALOG.specs[version])
    assert payload_problems(validator, name, payload, strict=True) == []


def test_bundled_rename_step_deleted__webhook_finding_uncovered_with_its_failing_witness(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_catalog(tmp_path)
    step = (
        "      - step: field_renamed\n        schema: Checkout\n"
        "        from: order_id\n        to: merchant_reference\n"
    )
    edit(folder / "2024-01-15" / "changes.yaml", step, "")
    code, report = check_json(folder, capsys)
    assert code == 1
    [finding] = [
        finding
        for finding in findings_of(
            report, "response-required-property-removed", "POST webhook:checkout",
            revision="2024-01-15",
        )
        if "'data.object.order_id'" in finding["message"]
    ]  # fmt: skip
    assert finding["coverage"] == "uncovered"
    assert "witness: a valid payload of webhook checkout (2024-01-15)" in finding["evidence"]
    assert "2023-03-01 refuses it: body /data/object/order_id" in finding["evidence"]
