"""Webhook payload findings are proved by execution, like response findings.

A payload of the newer version's ``POST webhook:<name>`` is downgraded by the hop's steps
(the function the mock server renders events with) and must come out strictly valid as the
older version's payload of the same webhook.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from tests.coverage.two_versions import changes_with, judged, write_two
from versioning.coverage import Drafter
from versioning.errors import ChangesError

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.findings import Finding

TODAY = dt.date(2026, 3, 1)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _document(
    order: str, *, envelope_time: str = "created_at", with_response: bool = True
) -> dict[str, Any]:
    """A checkout (``order`` names the merchant's reference) and its ``checkout`` webhook."""
    checkout = {
        "type": "object",
        "required": ["id", order],
        "properties": {"id": {"type": "string"}, order: {"type": "string", "maxLength": 64}},
    }
    event = {
        "type": "object",
        "required": ["id", envelope_time, "data"],
        "properties": {
            "id": {"type": "string"},
            envelope_time: {"type": "string", "format": "date-time"},
            "data": {
                "type": "object",
                "required": ["object"],
                "properties": {"object": _ref("Checkout")},
            },
        },
    }
    example: dict[str, Any] = {"id": "evt_1", envelope_time: "2026-03-01T12:00:00Z"}
    example["data"] = {"object": {"id": "chk_1", order: "ORD-1"}}
    payload = {"schema": _ref("CheckoutEvent"), "examples": {"one": {"value": example}}}
    paths: dict[str, Any] = {}
    if with_response:
        response = {"description": "The checkout.", "content": {"application/json": {"schema": _ref("Checkout")}}}  # fmt: skip
        path_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        paths["/checkouts/{id}"] = {
            "get": {"parameters": [path_id], "responses": {"200": response}}
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shop"},
        "paths": paths,
        "webhooks": {
            "checkout": {
                "post": {
                    "requestBody": {"required": True, "content": {"application/json": payload}},
                    "responses": {"200": {"description": "Received."}},
                }
            }
        },
        "components": {"schemas": {"Checkout": checkout, "CheckoutEvent": event}},
    }


_RENAME = "- step: field_renamed\n  schema: Checkout\n  from: order_id\n  to: merchant_reference"


def _webhook_findings(folder: Path) -> list[Finding]:
    _, findings = judged(folder, TODAY)
    return [f for f in findings if f.subject is not None and f.subject.webhook == "checkout"]


def _removed(findings: list[Finding], field: str) -> Finding:
    return next(
        f
        for f in findings
        if f.rule == "response-required-property-removed" and f"'data.object.{field}'" in f.message
    )


def test_webhook_finding__renaming_step_declared__covered(tmp_path: Path) -> None:
    folder = write_two(
        tmp_path / "api",
        _document("order_id"),
        _document("merchant_reference"),
        changes_with([_RENAME]),
    )
    finding = _removed(_webhook_findings(folder), "order_id")
    assert finding.operation == "POST webhook:checkout"
    assert finding.coverage == "covered", finding.evidence
    assert finding.covered_by is not None
    assert "field_renamed Checkout.order_id" in finding.covered_by


def test_webhook_finding__witnesses__downgraded_payloads_of_the_newer_version(
    tmp_path: Path,
) -> None:
    folder = write_two(
        tmp_path / "api",
        _document("order_id"),
        _document("merchant_reference"),
        changes_with([_RENAME]),
    )
    gate, _ = judged(folder, TODAY)
    finding = _removed(_webhook_findings(folder), "order_id")
    proof = gate.prove(finding)
    assert proof.covered
    assert {run.witness.direction for run in proof.runs} == {"webhook"}
    assert any(run.exercised for run in proof.runs)
    run = proof.runs[0]
    assert run.witness.message.body["data"]["object"]["merchant_reference"] == "ORD-1"
    assert run.output is not None
    assert run.output.body["data"]["object"] == {"id": "chk_1", "order_id": "ORD-1"}


def test_webhook_finding__no_step__uncovered_with_its_failing_witness(tmp_path: Path) -> None:
    folder = write_two(tmp_path / "api", _document("order_id"), _document("merchant_reference"))
    finding = _removed(_webhook_findings(folder), "order_id")
    assert finding.coverage == "uncovered"
    evidence = finding.evidence or ""
    assert "witness: a valid payload of webhook checkout (2025-01-01)" in evidence
    assert '"operation": "POST webhook:checkout"' in evidence
    assert "2024-01-01 refuses it: body /data/object/order_id" in evidence


def test_webhook_finding__step_only_for_named_operations__not_applied_to_payloads(
    tmp_path: Path,
) -> None:
    """``operations:`` names what older clients call; the webhook is none of them."""
    limited = _RENAME + "\n  operations: ['GET /checkouts/{id}']"
    folder = write_two(
        tmp_path / "api",
        _document("order_id"),
        _document("merchant_reference"),
        changes_with([limited]),
    )
    assert _removed(_webhook_findings(folder), "order_id").coverage == "uncovered"


def test_step_on_a_schema_only_a_webhook_uses__accepted_and_covers_the_envelope(
    tmp_path: Path,
) -> None:
    older = _document("order_id", envelope_time="created", with_response=False)
    newer = _document("order_id", envelope_time="created_at", with_response=False)
    rename = "- step: field_renamed\n  schema: CheckoutEvent\n  from: created\n  to: created_at"
    folder = write_two(tmp_path / "api", older, newer, changes_with([rename]))
    finding = next(
        f
        for f in _webhook_findings(folder)
        if f.rule == "response-required-property-removed" and "'created'" in f.message
    )
    assert finding.coverage == "covered", finding.evidence


def test_step_on_a_schema_nothing_uses__still_refused(tmp_path: Path) -> None:
    older = _document("order_id", with_response=False)
    newer = _document("order_id", with_response=False)
    for document in (older, newer):
        document["components"]["schemas"]["Unused"] = {
            "type": "object",
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        }
    rename = "- step: field_renamed\n  schema: Unused\n  from: a\n  to: b"
    folder = write_two(tmp_path / "api", older, newer, changes_with([rename]))
    with pytest.raises(ChangesError, match="applies to nothing: no operation uses schema"):
        judged(folder, TODAY)


def test_drafter__uncovered_webhook_rename__drafts_the_rename_and_proves_it(
    tmp_path: Path,
) -> None:
    folder = write_two(tmp_path / "api", _document("order_id"), _document("merchant_reference"))
    gate, findings = judged(folder, TODAY)
    finding = _removed(
        [f for f in findings if f.subject is not None and f.subject.webhook], "order_id"
    )
    draft = Drafter(gate).draft(finding)
    rename = {"from": "order_id", "to": "merchant_reference"}
    assert yaml.safe_load(draft.text()) == [
        {"step": "field_renamed", "schema": "Checkout", **rename}
    ]
    assert draft.works


def test_webhook_reply_finding__no_witness__says_replies_are_not_translated(
    tmp_path: Path,
) -> None:
    older, newer = _document("order_id"), _document("order_id")
    newer["webhooks"]["checkout"]["post"]["responses"] = {"204": {"description": "Received."}}
    folder = write_two(tmp_path / "api", older, newer)
    gate, findings = judged(folder, TODAY)
    [removed] = [f for f in findings if f.rule == "webhook-reply-status-removed"]
    witnesses = gate.prove(removed)
    assert not witnesses.runs
    assert witnesses.problem == "replies to webhooks are not translated between versions"
