"""Findings built by hand, covering every shape a report must render."""

from __future__ import annotations

import msgspec

from versioning.findings import Finding, SourceRef, Subject
from versioning.report.model import Comparison, Report
from versioning.spec.location import Location

BASE_FILE = "api/2024-01-15/openapi.yaml"
REVISION_FILE = "api/2024-09-01/openapi.yaml"


def place(file: str, line: int, column: int, pointer: str) -> SourceRef:
    return SourceRef(pointer=pointer, location=Location(file=file, line=line, column=column))


BREAKING = Finding(
    rule="request-parameter-became-required",
    level="error",
    message="request parameter 'Idempotency-Key' (header) became required",
    operation="POST /transactions",
    base=place(BASE_FILE, 120, 11, "/paths/~1transactions/post/parameters/0"),
    revision=place(REVISION_FILE, 131, 11, "/paths/~1transactions/post/parameters/0"),
)
TRICKY_WARNING = Finding(
    rule="response-property-enum-value-added",
    level="warning",
    message="value '50%' added,\nto: status, of response",
    operation="GET /transactions/{id}",
    base=place(BASE_FILE, 300, 15, "/components/schemas/Transaction/properties/status"),
    revision=place(REVISION_FILE, 320, 15, "/components/schemas/Transaction/properties/status"),
)
ADDED = Finding(
    rule="endpoint-added",
    level="info",
    message="endpoint added",
    operation="GET /refunds",
    revision=place(REVISION_FILE, 400, 3, "/paths/~1refunds/get"),
)
IGNORED = Finding(
    rule="response-property-removed",
    level="error",
    message="response property 'order_id' removed",
    operation="GET /charges/{id}",
    base=place(BASE_FILE, 500, 9, "/components/schemas/Charge/properties/order_id"),
    ignored="charges are frozen until their sunset",
)
COVERED = Finding(
    rule="request-property-removed",
    level="error",
    message="request property 'zipcode' removed",
    operation="POST /checkouts",
    base=place(BASE_FILE, 77, 13, "/components/schemas/Address/properties/zipcode"),
    revision=place(REVISION_FILE, 80, 13, "/components/schemas/Address/properties"),
    coverage="covered",
    covered_by="rename zipcode → postal_code",
)
DOCUMENT_WIDE = Finding(
    rule="api-security-removed",
    level="warning",
    message="security scheme 'apiKey' removed",
    base=place(BASE_FILE, 10, 3, "/security/1"),
)

UNCOVERED = Finding(
    rule="response-property-type-changed",
    level="error",
    message="201 response property 'amount' type changed from integer to object",
    operation="POST /checkouts",
    base=place(BASE_FILE, 1196, 7, "/components/schemas/Amount/type"),
    revision=place(REVISION_FILE, 1347, 7, "/components/schemas/Money/type"),
    coverage="uncovered",
)
SUGGESTION = (
    "- step: value_converted\n  schema: Checkout\n  field: amount\n"
    "  upgrade: <module:function>\n  downgrade: <module:function>"
)

ALL = (BREAKING, TRICKY_WARNING, ADDED, IGNORED, COVERED, DOCUMENT_WIDE)

# One change to a shared schema (Customer.email became nullable), reached from three
# operations, one of them through a nested property: the roll-up shows it once.
_EMAIL_BASE = place(BASE_FILE, 640, 9, "/components/schemas/Customer/properties/email")
_EMAIL_REVISION = place(REVISION_FILE, 702, 9, "/components/schemas/Customer/properties/email")


def shared(operation: str, path: str = "email", status: str = "200") -> Finding:
    """The Customer.email change as reported on ``operation``, reached through ``path``."""
    return Finding(
        rule="response-property-became-nullable", level="error",
        message=f"{status} response property '{path}' became nullable", operation=operation,
        base=_EMAIL_BASE, revision=_EMAIL_REVISION,
        subject=Subject(direction="response", place="body", status=status, path=path, nested=True),
    )  # fmt: skip


SHARED = (
    shared("GET /customers/{id}"),
    shared("POST /customers", status="201"),
    shared("GET /invoices/{id}", path="customer.email"),
)


def elsewhere(finding: Finding, operation: str) -> Finding:
    """``finding`` as another operation reports it (same change, same places)."""
    return msgspec.structs.replace(finding, operation=operation)


def comparison(*findings: Finding, fail_on: str = "error") -> Comparison:
    return Comparison(
        kind="diff",
        base=BASE_FILE,
        revision=REVISION_FILE,
        findings=findings,
        fail_on="warning" if fail_on == "warning" else "error",
    )


def catalog_report(*findings: Finding) -> Report:
    """One adjacent-version comparison whose uncovered findings carry :data:`SUGGESTION`."""
    suggestions = {finding: SUGGESTION for finding in findings if finding.coverage == "uncovered"}
    adjacent = Comparison(
        kind="adjacent", base="2024-01-15", revision="2024-09-01", findings=findings,
        suggestions=suggestions,
    )  # fmt: skip
    return Report(comparisons=(adjacent,))


def report(*findings: Finding, fail_on: str = "error", notes: tuple[str, ...] = ()) -> Report:
    return Report(comparisons=(comparison(*findings, fail_on=fail_on),), notes=notes)
