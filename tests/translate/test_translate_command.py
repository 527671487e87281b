"""``versiongate translate``: what a developer debugging a migration by hand sees."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from tests.translate.conftest import BUNDLED
from versioning.cli.main import main

if TYPE_CHECKING:
    import pytest


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, Any, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["translate", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if code == 0 else None, captured.err


def test_translate__old_charge_request__prints_head_transaction_request(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = json.dumps(
        {"body": {"checkout_id": "chk_Hn4Q8vXk2Lp9Ws6Tz3Rb7Ycd", "amount": 4500,
                  "currency": "GBP", "order_id": "ORD-1"}}
    )  # fmt: skip
    code, out, _ = _run(
        monkeypatch, capsys, stdin,
        "--operation", "POST /charges", "--from", "2023-03-01", "--to", "2026-02-01",
        "request", str(BUNDLED),
    )  # fmt: skip
    assert code == 0
    assert out["operation"] == "POST /transactions"
    assert out["body"]["amount"] == {"value": 4500, "currency": "GBP"}
    assert out["body"]["merchant_reference"] == "ORD-1"
    assert out["headers"]["idempotency-key"]


def test_translate__head_problem_response__prints_old_error_envelope(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    problem = {"type": "about:blank", "title": "Not found", "status": 404,
               "code": "not_found", "detail": "No transaction with id txn_1."}  # fmt: skip
    stdin = json.dumps(
        {"status": 404, "headers": {"Content-Type": "application/problem+json"}, "body": problem}
    )
    code, out, _ = _run(
        monkeypatch, capsys, stdin,
        "response", str(BUNDLED), "--operation", "GET /transactions/{transaction_id}",
        "--to", "2024-01-15",
    )  # fmt: skip
    assert code == 0
    assert out["headers"]["content-type"] == "application/json"
    assert out["body"] == {
        "error": {"code": "not_found", "message": "No transaction with id txn_1.", "field": None}
    }


def test_translate__bare_body_flag__reads_and_prints_only_the_body(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = json.dumps({"line1": "1 Main St", "city": "Leeds", "zipcode": "LS1", "country": "GB"})
    body = {"amount": 100, "currency": "USD", "shopper": {"email": "a@example.com"},
            "billing_address": json.loads(stdin), "items": [{"name": "Pen", "quantity": 1, "unit_price": 100}],
            "redirect_url": "https://x.example"}  # fmt: skip
    code, out, _ = _run(
        monkeypatch, capsys, json.dumps(body),
        "--operation", "POST /checkouts", "--from", "2023-03-01", "--to", "2024-01-15",
        "--body", str(BUNDLED),
    )  # fmt: skip
    assert code == 0
    assert out["billing_address"]["postal_code"] == "LS1"
    assert "zipcode" not in out["billing_address"]


def test_translate__malformed_json__exits_2_with_stdin_position(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        monkeypatch, capsys, '{"body": ', "--operation", "POST /charges", str(BUNDLED)
    )
    assert code == 2
    assert err.startswith("error: stdin:1:")
    assert "not valid JSON" in err


def test_translate__unknown_version__exits_2_listing_versions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        monkeypatch, capsys, "{}", "--operation", "POST /charges", "--from", "2022-01-01",
        str(BUNDLED),
    )  # fmt: skip
    assert code == 2
    assert "unknown version '2022-01-01'" in err
    assert "2023-03-01" in err


def test_translate__operation_missing_in_version__exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        monkeypatch, capsys, "{}", "--operation", "GET /refunds", "--from", "2023-03-01",
        str(BUNDLED),
    )  # fmt: skip
    assert code == 2
    assert "version 2023-03-01 has no operation 'GET /refunds'" in err


def test_translate__unknown_envelope_key__exits_2_suggesting_body_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        monkeypatch, capsys, '{"amount": 1}', "--operation", "POST /charges", str(BUNDLED)
    )
    assert code == 2
    assert "--body" in err


def test_translate__query_or_headers_not_an_object__exits_2_naming_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind, envelope, key in (
        ("request", {"query": 5}, "query"),
        ("request", {"headers": ["a"]}, "headers"),
        ("request", {"path_params": "x"}, "path_params"),
        ("response", {"status": 200, "headers": 7}, "headers"),
    ):
        code, _, err = _run(
            monkeypatch, capsys, json.dumps(envelope),
            kind, str(BUNDLED), "--operation", "POST /transactions",
        )  # fmt: skip
        assert code == 2, err
        assert f"'{key}'" in err
        assert "must be a JSON object" in err


def test_translate__lower_case_method__reads_as_the_operation_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = json.dumps(
        {"body": {"checkout_id": "chk_Hn4Q8vXk2Lp9Ws6Tz3Rb7Ycd", "amount": 4500, "currency": "GBP"}}
    )
    code, out, err = _run(
        monkeypatch, capsys, stdin,
        "--operation", "post  /charges", "--from", "2023-03-01", "request", str(BUNDLED),
    )  # fmt: skip
    assert code == 0, err
    assert out["operation"] == "POST /transactions"


def test_translate__path_parameter_the_operation_lacks__exits_2_naming_the_right_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = json.dumps({"path_params": {"id": "txn_Bq7Wn2Kx9Zr4Lm8Tv3Hp6Jsa"}})
    code, _, err = _run(
        monkeypatch, capsys, stdin,
        "--operation", "POST /charges/{charge_id}/capture", "--from", "2023-03-01",
        "request", str(BUNDLED),
    )  # fmt: skip
    assert code == 2
    assert "path parameter(s) id are not in POST /charges/{charge_id}/capture" in err
    assert "charge_id" in err


def test_translate__body_of_another_version__exits_2_listing_every_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    head_shaped = {"checkout_id": "chk_1", "amount": {"value": 4500, "currency": "GBP"}}
    code, _, err = _run(
        monkeypatch, capsys, json.dumps({"body": head_shaped}),
        "--operation", "POST /transactions", "--from", "2024-01-15", "request", str(BUNDLED),
    )  # fmt: skip
    assert code == 2
    assert "not a request 2024-01-15 declares for POST /transactions" in err
    assert 'body /amount: {"currency":"GBP","value":4500} is not of type "integer"' in err
    assert "--lenient" in err


def test_translate__lenient__translates_anyway_and_warns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        monkeypatch, capsys, json.dumps({"amount": 4500}),
        "--operation", "POST /transactions", "--from", "2024-01-15", "--body", "--lenient",
        str(BUNDLED),
    )  # fmt: skip
    assert code == 0
    assert out["amount"] == {"value": 4500, "currency": "USD"}
    assert "warning: stdin: not a request 2024-01-15 declares" in err
    assert "body /checkout_id: Missing required property." in err


def test_translate__bare_response_body__takes_the_operations_success_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _head_example("POST /transactions", "201")
    code, out, err = _run(
        monkeypatch, capsys, json.dumps(head),
        "response", str(BUNDLED), "--operation", "POST /transactions", "--to", "2024-01-15",
        "--body",
    )  # fmt: skip
    assert code == 0, err
    assert out["amount"] == head["amount"]["value"]  # the 201 body was translated
    assert out["currency"] == head["amount"]["currency"]


def _head_example(key: str, status: str) -> Any:
    from versioning.catalog import load_catalog

    catalog = load_catalog(BUNDLED)
    operation = catalog.specs[catalog.head.id].operation(*key.split(" ", 1))
    assert operation is not None
    media = operation.responses[status].content["application/json"]
    return next(iter(media.examples.values()))
