"""Text edits of versions.yaml and specs: only the value changes; comments and layout stay."""

from __future__ import annotations

import datetime as dt

import pytest

from versioning.catalog_edit.spec_copy import set_info_version
from versioning.catalog_edit.text import EditableText
from versioning.catalog_edit.timeline import append_version, set_lifecycle
from versioning.errors import UsageError

TIMELINE = """\
# The timeline.
versions:   # oldest first
  - id: "2024-01-01"   # first
    released: "2024-01-01"
  - id: "2024-06-01"
    released: "2024-06-01"
    # notes about 2024-06-01
# a comment for what follows
default_version: "2024-06-01"
"""
JAN = dt.date(2025, 1, 1)


def _yaml(text: str) -> EditableText:
    return EditableText(text, file="versions.yaml")


def test_append_version__block_list__adds_two_lines_after_the_last_entry() -> None:
    result = append_version(_yaml(TIMELINE), version="2025-01-01", released=JAN)
    assert result.render() == TIMELINE.replace(
        "    # notes about 2024-06-01\n",
        '    # notes about 2024-06-01\n  - id: "2025-01-01"\n    released: "2025-01-01"\n',
    )


def test_append_version__unindented_single_quoted_list__follows_its_style() -> None:
    text = "versions:\n- id: '2024-01-01'\n  released: '2024-01-01'\n"
    result = append_version(_yaml(text), version="2025-01-01", released=JAN)
    assert result.render() == text + "- id: '2025-01-01'\n  released: '2025-01-01'\n"


def test_append_version__crlf_and_no_final_newline__keeps_crlf() -> None:
    text = 'versions:\r\n  - id: "2024-01-01"\r\n    released: "2024-01-01"'
    result = append_version(_yaml(text), version="2025-01-01", released=JAN)
    assert result.render() == text + '\r\n  - id: "2025-01-01"\r\n    released: "2025-01-01"\r\n'


def test_append_version__byte_order_mark__is_kept() -> None:
    text = '\ufeffversions:\n  - id: "2024-01-01"\n    released: "2024-01-01"\n'
    result = append_version(_yaml(text), version="2025-01-01", released=JAN)
    assert result.render().startswith("\ufeffversions:")
    assert result.source.value["versions"][-1] == {"id": "2025-01-01", "released": "2025-01-01"}


def test_append_version__flow_style_list__is_refused_with_its_line() -> None:
    text = 'default_version: "2024-01-01"\nversions: [{id: "2024-01-01", released: "2024-01-01"}]\n'
    with pytest.raises(UsageError, match=r"versions.yaml:2:\d+: .*block list.*by hand"):
        append_version(_yaml(text), version="2025-01-01", released=JAN)


def test_set_lifecycle__no_dates_yet__adds_them_after_released() -> None:
    result = set_lifecycle(
        _yaml(TIMELINE), version="2024-01-01", deprecated=JAN, sunset=dt.date(2025, 7, 1)
    )
    assert result.render() == TIMELINE.replace(
        '    released: "2024-01-01"\n',
        '    released: "2024-01-01"\n    deprecated: "2025-01-01"\n    sunset: "2025-07-01"\n',
    )


def test_set_lifecycle__dates_recorded__replaces_only_the_values() -> None:
    text = TIMELINE.replace(
        '    released: "2024-01-01"\n',
        "    released: \"2024-01-01\"\n    deprecated: '2024-09-01'  # announced\n"
        "    sunset: 2025-03-01\n",
    )
    result = set_lifecycle(_yaml(text), version="2024-01-01", deprecated=JAN,
                           sunset=dt.date(2025, 7, 1))  # fmt: skip
    assert result.render() == text.replace("'2024-09-01'", "'2025-01-01'").replace(
        "sunset: 2025-03-01", 'sunset: "2025-07-01"'
    )


def test_set_lifecycle__flow_entry__is_refused() -> None:
    text = 'versions:\n  - {id: "2024-01-01", released: "2024-01-01"}\n  - id: "2024-06-01"\n'
    text += '    released: "2024-06-01"\n'
    with pytest.raises(UsageError, match="not one key a line"):
        set_lifecycle(_yaml(text), version="2024-01-01", deprecated=JAN, sunset=JAN)


SPEC = """\
openapi: 3.1.0
# keep me
info:
  title: Shop   # the name
  version: "2024-06-01"   # the catalog id
paths: {}
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '  version: "2024-06-01"   # the catalog id',
            '  version: "2025-01-01"   # the catalog id',
        ),
        ("  version: '2024-06-01'", "  version: '2025-01-01'"),
        ("  version: 2024-06-01 # plain", '  version: "2025-01-01" # plain'),
        ("  version: 1.0.0", '  version: "2025-01-01"'),
    ],
)
def test_set_info_version__yaml_scalar__only_the_value_changes(before: str, after: str) -> None:
    text = SPEC.replace('  version: "2024-06-01"   # the catalog id', before)
    result = set_info_version(EditableText(text, file="openapi.yaml"), "2025-01-01")
    assert result.render() == text.replace(before, after)


def test_set_info_version__no_version__adds_it_first_in_info() -> None:
    text = SPEC.replace('  version: "2024-06-01"   # the catalog id\n', "")
    result = set_info_version(EditableText(text, file="openapi.yaml"), "2025-01-01")
    assert result.render() == text.replace("info:\n", 'info:\n  version: "2025-01-01"\n')


def test_set_info_version__flow_info__edits_inside_the_braces() -> None:
    text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
    result = set_info_version(EditableText(text, file="openapi.yaml"), "2025-01-01")
    assert result.render() == text.replace("'1'", "'2025-01-01'")


def test_set_info_version__json__keeps_the_file_as_written() -> None:
    text = '{\n  "openapi": "3.1.0",\n  "info": {"title": "t",\n    "version" : "1"},\n  "paths": {}\n}\n'
    result = set_info_version(EditableText(text, file="a.json", json_syntax=True), "2025-01-01")
    assert result.render() == text.replace('"version" : "1"', '"version" : "2025-01-01"')


def test_set_info_version__json_without_version__adds_the_member() -> None:
    text = '{"openapi": "3.1.0", "info": {"title": "t"}, "paths": {}}'
    result = set_info_version(EditableText(text, file="a.json", json_syntax=True), "2025-01-01")
    assert result.render() == text.replace('{"title"', '{"version": "2025-01-01", "title"')


def test_set_info_version__block_scalar__is_refused_with_its_line() -> None:
    text = SPEC.replace('"2024-06-01"   # the catalog id', "|\n    2024-06-01")
    with pytest.raises(UsageError, match=r"openapi.yaml:5:3: .*not a one-line scalar"):
        set_info_version(EditableText(text, file="openapi.yaml"), "2025-01-01")


def test_edited_text__bom_kept__same_text_as_the_parsed_edit() -> None:
    text = EditableText("\ufeffinfo:\n  version: '1'\n", file="openapi.yaml")
    start, end = text.value_span(["info", "version"])
    assert text.edited_text(start, end, "'2'") == text.edited(start, end, "'2'").render()
    assert text.edited_text(start, end, "'2'") == "\ufeffinfo:\n  version: '2'\n"


def test_location__after_the_last_newline__counts_lines_from_one() -> None:
    text = EditableText("a: 1\nb: 2\nc: 3", file="x.yaml")
    location = text.location(text.key_offset(["c"]) or 0)
    assert (location.line, location.column) == (3, 1)
