"""Which declared step a finding is about (labels and acknowledgements), on the bundled changes.

Coverage itself is decided by running witnesses (tests/coverage); the step matcher only names
the step a covered finding is translated by and finds the acknowledgement that owns a break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
import pytest

from versioning.changes.steps import Acknowledged
from versioning.coverage import CoverageGate, Drafter, StepMatcher
from versioning.findings import Finding, SourceRef, Subject

if TYPE_CHECKING:
    from versioning.catalog import Catalog
    from versioning.translate import Translator


def _finding(rule: str, *, base: str | None = None, revision: str | None = None,
             operation: str | None = None, message: str = "", level: str = "error",
             subject: Subject | None = None) -> Finding:  # fmt: skip
    return Finding(
        rule=rule, level=level, message=message or rule, operation=operation, subject=subject,  # type: ignore[arg-type]
        base=SourceRef(pointer=base) if base else None,
        revision=SourceRef(pointer=revision) if revision else None,
    )  # fmt: skip


def _classify(
    translator: Translator, catalog: Catalog, version: str, findings: list[Finding]
) -> list[Finding]:
    """Each finding marked as the matcher places it: the first step about it, if any."""
    index = catalog.ids.index(version)
    changes = translator.change_sets()[index - 1]
    matcher = StepMatcher(changes, catalog.specs[catalog.ids[index - 1]], catalog.specs[version])
    marked = []
    for finding in findings:
        if finding.level != "error":
            marked.append(finding)
            continue
        located = next((s for s in changes.steps() if matcher.covers(s, finding)), None)
        if located is None:
            marked.append(msgspec.structs.replace(finding, coverage="uncovered"))
        elif isinstance(located.step, Acknowledged):
            marked.append(
                msgspec.structs.replace(
                    finding, coverage="acknowledged", covered_by=located.step.reason
                )
            )
        else:
            marked.append(
                msgspec.structs.replace(finding, coverage="covered", covered_by=located.label())
            )
    return marked


@pytest.mark.parametrize(
    ("version", "finding", "expected_kind"),
    [
        ("2024-09-01", _finding("response-required-property-removed",
                                base="/components/schemas/Transaction/properties/refunded_amount"),
         "field_removed Transaction.refunded_amount"),
        ("2024-01-15", _finding("request-property-removed",
                                base="/components/schemas/Address/properties/zipcode"),
         "field_renamed Address.zipcode"),
        ("2024-01-15", _finding("response-property-removed",
                                base="/components/schemas/Charge/properties/order_id"),
         "field_renamed Transaction.order_id"),
        ("2024-09-01", _finding("response-property-enum-value-added",
                                revision="/components/schemas/TransactionStatus"),
         "enum_mapped TransactionStatus"),
        ("2025-06-30", _finding("api-path-removed-without-deprecation", operation="POST /charges",
                                base="/paths/~1charges/post"),
         "operation_moved POST /charges"),
        ("2025-06-30", _finding("response-media-type-removed", operation="GET /transactions/{transaction_id}",
                                base="/paths/~1transactions~1{transaction_id}/get/responses/404/content/application~1json"),
         "error_body_converted Problem"),
        ("2026-02-01", _finding("request-parameter-became-required", operation="POST /checkouts",
                                message="header parameter 'Idempotency-Key' became required",
                                subject=Subject(direction="request", place="parameter",
                                                location="header", name="Idempotency-Key")),
         "parameter_defaulted header Idempotency-Key"),
    ],
    ids=["field removed", "field renamed", "older schema name", "enum value added", "operation removed",
         "error media type", "header required"],
)  # fmt: skip
def test_step_matcher__bundled_break__names_its_step(
    translator: Translator, catalog: Catalog, version: str, finding: Finding, expected_kind: str
) -> None:
    [result] = _classify(translator, catalog, version, [finding])
    assert result.coverage == "covered"
    assert result.covered_by is not None
    assert f"{version}/changes.yaml:" in result.covered_by
    assert expected_kind in result.covered_by


def test_step_matcher__metadata_tightened__acknowledged_with_reason(
    translator: Translator, catalog: Catalog
) -> None:
    finding = _finding(
        "request-body-max-properties-decreased", revision="/components/schemas/Metadata"
    )
    [result] = _classify(translator, catalog, "2026-02-01", [finding])
    assert result.coverage == "acknowledged"
    assert result.covered_by is not None
    assert "cannot be translated" in result.covered_by


def test_step_matcher__undeclared_break__no_step_and_a_suggestion(
    translator: Translator, catalog: Catalog
) -> None:
    finding = _finding(
        "response-property-removed", base="/components/schemas/Checkout/properties/items"
    )
    [result] = _classify(translator, catalog, "2026-02-01", [finding])
    assert result.coverage == "uncovered"
    suggestion = Drafter(CoverageGate(translator.hops[-1])).suggestion(result)
    assert "step: field_removed" in suggestion
    assert "schema: Checkout" in suggestion
    assert "field: items" in suggestion


def test_step_matcher__not_breaking__left_unchanged(
    translator: Translator, catalog: Catalog
) -> None:
    finding = _finding("response-optional-property-added", level="info",
                       revision="/components/schemas/Transaction/properties/metadata")  # fmt: skip
    assert _classify(translator, catalog, "2024-09-01", [finding]) == [finding]


def _idempotency(name: str, location: str) -> Finding:
    return _finding(
        "request-parameter-became-required",
        operation="POST /checkouts",
        subject=Subject(direction="request", place="parameter", location=location, name=name),
    )


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (_idempotency("idempotency-key", "header"), "covered"),
        (_idempotency("Idempotency-Key", "query"), "uncovered"),
        (_idempotency("Idempotency-Token", "header"), "uncovered"),
    ],
    ids=["header name case-blind", "same name in the query", "another header"],
)
def test_step_matcher__parameter_step__covers_only_its_name_and_location(
    translator: Translator, catalog: Catalog, finding: Finding, expected: str
) -> None:
    [result] = _classify(translator, catalog, "2026-02-01", [finding])
    assert result.coverage == expected
