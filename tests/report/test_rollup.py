"""The roll-up: one entry per changed place in the spec, its operations under it."""

from __future__ import annotations

import msgspec

from tests.report.samples import (
    ADDED,
    ALL,
    BREAKING,
    COVERED,
    DOCUMENT_WIDE,
    IGNORED,
    SHARED,
    TRICKY_WARNING,
    UNCOVERED,
    comparison,
    elsewhere,
    shared,
)
from versioning.findings import Finding, SourceRef, Subject
from versioning.report.model import DOCUMENT_GROUP
from versioning.report.rollup import change_key, list_operations, reading_order, roll_up
from versioning.spec.location import Location


def test_roll_up__one_shared_schema_change_on_three_operations__one_change() -> None:
    (change,) = roll_up(SHARED)
    assert change.findings == SHARED
    assert change.operations == ("POST /customers", "GET /customers/{id}", "GET /invoices/{id}")


def test_roll_up__different_findings__one_change_each_in_first_appearance_order() -> None:
    changes = roll_up(ALL)
    assert [change.lead for change in changes] == list(ALL)


def test_roll_up__one_operation_reaching_the_change_twice__operation_listed_once() -> None:
    twice = (shared("GET /a"), shared("GET /a", path="spouse.email"))
    (change,) = roll_up(twice)
    assert change.operations == ("GET /a",)
    assert len(change.findings) == 2


def test_change_key__same_rule_other_place__different_changes() -> None:
    moved = msgspec.structs.replace(
        SHARED[0], revision=SourceRef(pointer="/components/schemas/Customer/properties/phone")
    )
    assert change_key(moved) != change_key(SHARED[0])
    assert len(roll_up([SHARED[0], moved])) == 2


def test_change_key__same_place_other_rule__different_changes() -> None:
    other = msgspec.structs.replace(SHARED[0], rule="response-property-became-optional")
    assert len(roll_up([SHARED[0], other])) == 2


def test_change_key__message_differs_only_by_path_and_status__same_change() -> None:
    direct, nested = shared("GET /a"), shared("GET /b", path="customer.email", status="201")
    assert direct.message != nested.message
    assert change_key(direct) == change_key(nested)


def test_change_key__no_pointer_on_either_side__never_merged_with_another() -> None:
    one = Finding(rule="catalog-versions-reordered", level="error", message="a, b reordered")
    two = msgspec.structs.replace(one, message="c, d reordered")
    assert len(roll_up([one, two, one])) == 2


def test_change_key__same_pointer_in_another_file__different_changes() -> None:
    located = [
        msgspec.structs.replace(
            BREAKING,
            base=SourceRef(pointer="/Item/type", location=Location(file=file, line=4, column=5)),
        )
        for file in ("schemas.yaml", "other.yaml")
    ]
    assert len(roll_up(located)) == 2


def test_roll_up__part_of_a_change_ignored__split_by_verdict() -> None:
    ignored = msgspec.structs.replace(SHARED[2], ignored="invoices are frozen")
    blocking, settled = roll_up([*SHARED[:2], ignored])
    assert change_key(blocking.lead) == change_key(settled.lead)
    assert blocking.operations == ("POST /customers", "GET /customers/{id}")
    assert settled.operations == ("GET /invoices/{id}",)


def test_roll_up__not_by_verdict__one_change_whatever_its_verdicts() -> None:
    ignored = msgspec.structs.replace(SHARED[2], ignored="invoices are frozen")
    (change,) = roll_up([*SHARED[:2], ignored], by_verdict=False)
    assert len(change.findings) == 3


def test_change_lead__nested_and_direct__the_most_direct_leads() -> None:
    nested, direct = shared("GET /invoices/{id}", path="customer.email"), shared("GET /z")
    (change,) = roll_up([nested, direct])
    assert change.lead is direct


def test_change_operations__document_wide__named_as_the_document_group() -> None:
    (change,) = roll_up([DOCUMENT_WIDE])
    assert change.operations == (DOCUMENT_GROUP,)


def test_change_id__equal_keys__equal_ids_and_other_keys_other_ids() -> None:
    first, again = roll_up(SHARED[:1])[0], roll_up(SHARED[1:])[0]
    assert first.id == again.id
    assert roll_up([BREAKING])[0].id != first.id


def test_reading_order__mixed__unsettled_by_severity_then_ignored_then_covered() -> None:
    ordered = reading_order(comparison(ADDED, COVERED, IGNORED, TRICKY_WARNING, BREAKING))
    assert [change.lead for change in ordered] == [
        BREAKING, TRICKY_WARNING, ADDED, IGNORED, COVERED,
    ]  # fmt: skip


def test_reading_order__one_severity__operations_then_requests_then_responses() -> None:
    removed = Finding(
        rule="api-removed-without-deprecation", level="error", message="GET /old removed",
        operation="GET /old", base=SourceRef(pointer="/paths/~1old/get"),
    )  # fmt: skip
    request = msgspec.structs.replace(
        BREAKING, subject=Subject(direction="request", place="parameter", name="Idempotency-Key")
    )
    response = msgspec.structs.replace(
        UNCOVERED, coverage=None, subject=Subject(direction="response", place="body", status="201")
    )
    ordered = reading_order(comparison(response, request, removed))
    assert [change.lead for change in ordered] == [removed, request, response]


def test_reading_order__same_scope__changes_of_one_rule_together() -> None:
    first = shared("GET /a")
    other_rule = msgspec.structs.replace(
        BREAKING, rule="response-property-type-changed", subject=first.subject
    )
    second = msgspec.structs.replace(
        first, base=SourceRef(pointer="/components/schemas/Customer/properties/phone")
    )
    ordered = reading_order(comparison(first, other_rule, second))
    assert [change.rule for change in ordered] == [
        "response-property-became-nullable",
        "response-property-became-nullable",
        "response-property-type-changed",
    ]


def test_reading_order__warning_blocking_at_fail_on_warning__before_the_ignored_error() -> None:
    ordered = reading_order(comparison(IGNORED, TRICKY_WARNING, fail_on="warning"))
    assert [change.lead for change in ordered] == [TRICKY_WARNING, IGNORED]


def test_list_operations__past_the_limit__first_names_then_a_count() -> None:
    names = tuple(f"GET /{n}" for n in range(9))
    assert list_operations(names, limit=3) == "GET /0, GET /1, GET /2 and 6 more"


def test_list_operations__one_past_the_limit__all_named_never_and_1_more() -> None:
    names = tuple(f"GET /{n}" for n in range(4))
    assert list_operations(names, limit=3) == "GET /0, GET /1, GET /2, GET /3"


def test_list_operations__no_limit__all_named() -> None:
    names = tuple(f"GET /{n}" for n in range(40))
    assert list_operations(names, limit=None).count("GET /") == 40


def test_elsewhere__same_change_other_operation__rolls_up_with_it() -> None:
    assert len(roll_up([BREAKING, elsewhere(BREAKING, "POST /refunds")])) == 1
