"""GitHub annotations: one workflow command per change (or finding), escaped as Actions does."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from tests.report.samples import ALL, BREAKING, IGNORED, SHARED, TRICKY_WARNING, elsewhere, report
from versioning.findings import Finding, SourceRef
from versioning.report.github_format import escape_data, escape_property, render_github
from versioning.spec.location import Location

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _commands(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("::")]


def test_escape_property__special_characters__percent_encoded() -> None:
    assert escape_property("a%b:c,d\r\ne") == "a%25b%3Ac%2Cd%0D%0Ae"


def test_escape_data__colons_and_commas__kept() -> None:
    assert escape_data("50%: a, b\n") == "50%25: a, b%0A"


def test_render_github__blocking_error__error_command_with_position_and_title() -> None:
    (line,) = _commands(render_github(report(BREAKING)))
    assert line.startswith(
        "::error file=api/2024-09-01/openapi.yaml,line=131,col=11,"
        "title=request-parameter-became-required (POST /transactions)::"
    )
    assert "request parameter 'Idempotency-Key' (header) became required" in line


def test_render_github__by_operation_levels__map_to_error_warning_notice() -> None:
    commands = _commands(render_github(report(*ALL), group_by="operation"))
    kinds = sorted(line.split(" ", 1)[0] for line in commands)
    # 1 blocking error; 2 warnings; info + ignored + covered are notices.
    assert kinds == ["::error", "::notice", "::notice", "::notice", "::warning", "::warning"]
    assert commands[0].startswith("::error")


def test_render_github__newlines_commas_colons__escaped_so_one_line_per_command() -> None:
    out = render_github(report(TRICKY_WARNING))
    (line,) = _commands(out)
    properties, message = line.removeprefix("::warning ").split("::", 1)
    assert "title=response-property-enum-value-added (GET /transactions/{id})" in properties
    assert message.startswith("value '50%25' added,%0Ato: status, of response")
    assert "\n" not in line


def test_render_github__absolute_path_in_workspace__made_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    inside = Location(file=str(tmp_path / "api" / "openapi.yaml"), line=3, column=5)
    finding = Finding(
        rule="endpoint-removed", level="error", message="endpoint removed", operation="GET /a",
        base=SourceRef(pointer="/paths/~1a/get", location=inside),
    )  # fmt: skip
    (line,) = _commands(render_github(report(finding)))
    assert line.startswith("::error file=api/openapi.yaml,line=3,col=5,")


def test_render_github__file_at_a_git_revision__no_file_property_but_named_in_message() -> None:
    at_ref = Location(file="git:main:api/openapi.yaml", line=3, column=5)
    finding = Finding(
        rule="endpoint-removed", level="error", message="endpoint removed", operation="GET /a",
        base=SourceRef(pointer="/paths/~1a/get", location=at_ref),
    )  # fmt: skip
    (line,) = _commands(render_github(report(finding)))
    assert line.startswith("::error title=endpoint-removed (GET /a)::")
    assert line.endswith("%0Aat git:main:api/openapi.yaml:3:5")


def test_render_github__shared_schema_change__one_annotation_naming_its_operations() -> None:
    (line,) = _commands(render_github(report(*SHARED)))
    properties, message = line.removeprefix("::error ").split("::", 1)
    assert "line=702,col=9,title=response-property-became-nullable (3 operations)" in properties
    assert message.startswith("200 response property 'email' became nullable%0A")
    assert "%0Aon POST /customers, GET /customers/{id}, GET /invoices/{id}%0A" in message


def test_render_github__by_operation__one_annotation_per_finding() -> None:
    assert len(_commands(render_github(report(*SHARED), group_by="operation"))) == 3


def test_render_github__change_on_many_operations__first_ten_then_a_count() -> None:
    many = [elsewhere(BREAKING, f"POST /things/{n:02}") for n in range(25)]
    (line,) = _commands(render_github(report(*many)))
    assert "POST /things/09 and 15 more" in line
    assert "POST /things/10" not in line


def test_render_github__change_partly_ignored__blocking_part_error_ignored_part_notice() -> None:
    ignored = msgspec.structs.replace(SHARED[2], ignored="invoices are frozen")
    first, second = _commands(render_github(report(SHARED[0], ignored, SHARED[1])))
    assert first.startswith("::error ")
    assert "title=response-property-became-nullable (2 operations)" in first
    assert second.startswith("::notice ")
    assert "title=response-property-became-nullable (GET /invoices/{id})" in second
    assert "[ignored: invoices are frozen]" in second


def test_render_github__by_change__blocking_annotations_before_others() -> None:
    kinds = [line.split(" ", 1)[0] for line in _commands(render_github(report(IGNORED, *ALL)))]
    assert kinds[0] == "::error"
    assert kinds.count("::error") == 1
