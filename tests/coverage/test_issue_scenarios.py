"""The three scenarios an API designer tried: a break counts as covered only when it is translated.

Each starts from a copy of the bundled catalog with one edit to the head spec. The declared
step that *looks* right but translates nothing must leave the finding uncovered, with the
failing witness shown; the step that works must cover it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.coverage.catalogs import HEAD, append_change, check_json, copy_catalog, edit, findings_of

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

HEAD_SPEC = f"{HEAD}/openapi.yaml"


def _without_fraudulent(tmp_path: Path) -> Path:
    folder = copy_catalog(tmp_path)
    edit(
        folder / HEAD_SPEC,
        "        - duplicate\n        - fraudulent\n        - other\n",
        "        - duplicate\n        - other\n",
    )
    return folder


def test_check__request_enum_value_removed_with_a_downgrade_mapping__uncovered_with_the_witness(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _without_fraudulent(tmp_path)
    append_change(
        folder,
        HEAD,
        "      - step: enum_mapped\n        schema: RefundReason\n"
        "        downgrade: {other: fraudulent}\n",
    )
    code, report = check_json(folder, capsys)
    [finding] = findings_of(report, "request-property-enum-value-removed")
    assert code == 1
    assert finding["coverage"] == "uncovered"
    assert "'fraudulent'" in finding["evidence"]
    assert "/reason" in finding["evidence"]


def test_check__request_enum_value_removed_with_an_upgrade_mapping__covered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _without_fraudulent(tmp_path)
    append_change(
        folder,
        HEAD,
        "      - step: enum_mapped\n        schema: RefundReason\n"
        "        upgrade: {fraudulent: other}\n",
    )
    code, report = check_json(folder, capsys)
    [finding] = findings_of(report, "request-property-enum-value-removed")
    assert finding["coverage"] == "covered"
    assert code == 0


def _merchant_reference_required(tmp_path: Path) -> Path:
    """Head requires ``merchant_reference`` on checkouts (and its minimal example sends one)."""
    folder = copy_catalog(tmp_path)
    edit(
        folder / HEAD_SPEC,
        "                summary: Only the required fields, in euros\n                value:\n",
        "                summary: Only the required fields, in euros\n                value:\n"
        "                  merchant_reference: ORD-2026-000001\n",
    )
    edit(
        folder / HEAD_SPEC,
        "pay over time.\n      additionalProperties: false\n      required:\n",
        "pay over time.\n      additionalProperties: false\n      required:\n"
        "        - merchant_reference\n",
    )
    return folder


def test_check__request_field_made_required_with_a_value_converter__uncovered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _merchant_reference_required(tmp_path)
    (folder / "fill.py").write_text(
        "def same(value):\n    return value\n",
    )
    append_change(
        folder,
        HEAD,
        "      - step: value_converted\n        schema: CheckoutCreate\n"
        "        field: merchant_reference\n        upgrade: fill:same\n",
    )
    code, report = check_json(folder, capsys)
    [finding] = findings_of(report, "request-property-became-required", "POST /checkouts")
    assert code == 1
    assert finding["coverage"] == "uncovered"
    assert "merchant_reference" in finding["evidence"]


def test_check__request_field_made_required_filled_by_a_request_converter__covered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _merchant_reference_required(tmp_path)
    (folder / "fill.py").write_text(
        "import msgspec\n\n\n"
        "def merchant_reference(request):\n"
        "    body = dict(request.body or {})\n"
        "    body.setdefault('merchant_reference', 'unknown')\n"
        "    return msgspec.structs.replace(request, body=body)\n",
    )
    append_change(
        folder,
        HEAD,
        "      - step: request_converted\n        operations: [POST /checkouts]\n"
        "        upgrade: fill:merchant_reference\n",
    )
    code, report = check_json(folder, capsys)
    [finding] = findings_of(report, "request-property-became-required", "POST /checkouts")
    assert finding["coverage"] == "covered"
    assert code == 0


def test_check__request_field_made_required_with_field_defaulted__covered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _merchant_reference_required(tmp_path)
    append_change(
        folder,
        HEAD,
        "      - step: field_defaulted\n        schema: CheckoutCreate\n"
        "        field: merchant_reference\n        default: unknown\n",
    )
    code, report = check_json(folder, capsys)
    [finding] = findings_of(report, "request-property-became-required", "POST /checkouts")
    assert finding["coverage"] == "covered"
    assert code == 0


def _captured_renamed(tmp_path: Path) -> Path:
    folder = copy_catalog(tmp_path)
    spec = folder / HEAD_SPEC
    text = spec.read_text()
    spec.write_text(text.replace("captured_amount", "amount_captured"))
    return folder


def test_check__response_field_renamed_without_a_step__uncovered_with_a_rename_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _captured_renamed(tmp_path)
    code, report = check_json(folder, capsys)
    removed = findings_of(report, "response-required-property-removed")
    assert code == 1
    assert removed
    assert all(finding["coverage"] == "uncovered" for finding in removed)
    assert all("captured_amount" in finding["evidence"] for finding in removed)


def test_check__response_field_renamed_with_field_renamed__covered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _captured_renamed(tmp_path)
    append_change(
        folder,
        HEAD,
        "      - step: field_renamed\n        schema: Transaction\n"
        "        from: captured_amount\n        to: amount_captured\n",
    )
    code, report = check_json(folder, capsys)
    removed = findings_of(report, "response-required-property-removed")
    assert removed
    assert all(finding["coverage"] == "covered" for finding in removed)
    assert code == 0


def _rename_back_converter(folder: Path, *, works: bool) -> None:
    body = (
        "    body = response.body\n"
        "    if isinstance(body, dict) and 'amount_captured' in body:\n"
        "        body = {('captured_amount' if k == 'amount_captured' else k): v"
        " for k, v in body.items()}\n"
        "    return msgspec.structs.replace(response, body=body)\n"
        if works
        else "    return response\n"
    )
    (folder / "responses.py").write_text(
        f"import msgspec\n\n\ndef captured_back(response):\n{body}"
    )
    append_change(
        folder,
        HEAD,
        "      - step: response_converted\n"
        "        operations: ['GET /transactions/{transaction_id}']\n"
        "        downgrade: responses:captured_back\n",
    )


def test_check__response_converted_that_translates__covers_its_operation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _captured_renamed(tmp_path)
    _rename_back_converter(folder, works=True)
    _, report = check_json(folder, capsys)
    [finding] = findings_of(
        report, "response-required-property-removed", "GET /transactions/{transaction_id}"
    )
    assert finding["coverage"] == "covered"
    assert "response_converted" in finding["covered_by"]


def test_check__response_converted_that_translates_nothing__uncovered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _captured_renamed(tmp_path)
    _rename_back_converter(folder, works=False)
    code, report = check_json(folder, capsys)
    [finding] = findings_of(
        report, "response-required-property-removed", "GET /transactions/{transaction_id}"
    )
    assert code == 1
    assert finding["coverage"] == "uncovered"
