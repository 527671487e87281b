"""Every kind of ``changes.yaml`` mistake is a ChangesError naming the file and line.

Each case is a ``changes.yaml`` for the "orders" catalog with one mistake; the line the
error must point at carries the comment ``# <-``.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

from tests.translate.builder import NEWER, OLDER, translator, write_catalog
from tests.translate.orders import CONVERTERS, order_specs
from versioning.cli.main import main
from versioning.errors import ChangesError

if TYPE_CHECKING:
    from pathlib import Path

_HEAD = "changes:\n  - description: Something changed.\n    steps:\n"

CASES = {
    "unknown step": (
        "      - step: field_renamd  # <-\n        schema: Purchase\n",
        "unknown step; expected one of",
    ),
    "unknown key": (
        "      - step: field_added\n        schema: Purchase\n        field: refunds\n"
        "        defualt: []  # <-\n",
        "unknown key 'defualt'",
    ),
    "missing key": (
        "      - step: field_renamed  # <-\n        schema: Purchase\n        from: id\n",
        "missing required key 'to'",
    ),
    "unknown schema": (
        "      - step: field_added\n        schema: Purchse  # <-\n        field: refunds\n",
        "no schema 'Purchse' in 2024-06-01; did you mean 'Purchase'?",
    ),
    "unknown field in the newer version": (
        "      - step: field_added\n        schema: Purchase\n        field: nope  # <-\n",
        "no field 'nope'",
    ),
    "schema renamed but not declared": (
        "      - step: field_removed\n        schema: Purchase  # <-\n        field: total_refunded\n",
        "no schema 'Purchase' in 2024-01-01 (declare a schema_renamed step",
    ),
    "unknown field in the older version": (
        "      - {step: schema_renamed, from: Order, to: Purchase}\n"
        "      - step: field_renamed\n        schema: Purchase\n        from: amout  # <-\n"
        "        to: price\n",
        "no field 'amout'",
    ),
    "operation moved from nowhere": (
        "      - step: operation_moved\n        from: POST /order  # <-\n        to: POST /purchases\n",
        "no operation 'POST /order' in 2024-01-01; did you mean 'POST /orders'?",
    ),
    "path parameter not mapped": (
        "      - step: operation_moved\n        from: GET /orders/{order_id}\n"
        "        to: GET /purchases/{purchase_id}  # <-\n",
        "needs path parameter(s) purchase_id",
    ),
    "operations filter names an unknown operation": (
        "      - step: status_mapped\n        downgrade: {'201': 200}\n"
        "        operations: [POST /purchases]  # <-\n",
        "no operation 'POST /purchases' in 2024-01-01",
    ),
    "parameter step applies to nothing": (
        "      - step: parameter_removed  # <-\n        name: page\n        in: query\n",
        "applies to nothing: no operation has query parameter 'page'",
    ),
    "converter module missing": (
        "      - step: error_body_converted\n        schema: Problem\n"
        "        downgrade: nowhere_module:convert  # <-\n",
        "cannot import 'nowhere_module'",
    ),
    "converter function missing": (
        "      - step: error_body_converted\n        schema: Problem\n"
        "        downgrade: conv:no_such_function  # <-\n",
        "module 'conv' has no 'no_such_function'",
    ),
    "converter name malformed": (
        "      - step: error_body_converted\n        schema: Problem\n"
        "        downgrade: conv.problem_to_error  # <-\n",
        "is not of the form module:function",
    ),
    "enum value that is not one": (
        "      - step: enum_mapped\n        schema: OrderStatus\n"
        "        downgrade: {half_closed: closed}  # <-\n",
        "'half_closed' is not a value of OrderStatus",
    ),
    "enum mapped to a value the older version lacks": (
        "      - step: enum_mapped\n        schema: OrderStatus\n"
        "        downgrade: {partially_closed: halfway}  # <-\n",
        "'halfway' is not a value the older version 2024-01-01 allows",
    ),
    "schema no operation uses": (
        "      - step: field_added\n        schema: Unused  # <-\n        field: note\n",
        "applies to nothing: no operation uses schema 'Unused'",
    ),
    "field added that the older version had": (
        "      - {step: schema_renamed, from: Order, to: Purchase}\n"
        "      - step: field_added\n        schema: Purchase\n        field: id  # <-\n",
        "field 'id' is not new: Order in 2024-01-01 has it already",
    ),
    "acknowledged without a reason": (
        "      - step: acknowledged  # <-\n        schema: Purchase\n",
        "missing required key 'reason'",
    ),
}


def _changes(steps: str) -> tuple[str, int]:
    text = _HEAD + steps
    line = next(number for number, content in enumerate(text.splitlines(), 1) if "# <-" in content)
    return text, line


@pytest.mark.parametrize(("steps", "message"), CASES.values(), ids=CASES.keys())
def test_changes_yaml__one_mistake__changes_error_at_its_line(
    tmp_path: Path, steps: str, message: str
) -> None:
    older, newer = order_specs()
    newer["components"]["schemas"]["Unused"] = {"type": "object", "properties": {"note": {}}}
    text, line = _changes(steps)
    folder = write_catalog(tmp_path / "api", older, newer, text, CONVERTERS)

    with pytest.raises(ChangesError) as raised:
        translator(folder)

    error = raised.value
    assert error.location is not None
    assert error.location.file.endswith(f"{NEWER}/changes.yaml")
    assert error.location.line == line
    assert message in error.message
    assert str(error).startswith(f"{error.location.file}:{line}:")


def test_changes_yaml__malformed_yaml__changes_error_with_position(tmp_path: Path) -> None:
    older, newer = order_specs()
    folder = write_catalog(tmp_path / "api", older, newer, _HEAD + "      - step: [unclosed\n")
    with pytest.raises(ChangesError, match="invalid YAML") as raised:
        translator(folder)
    assert raised.value.location is not None
    assert raised.value.location.file.endswith("changes.yaml")


def test_changes_yaml__in_oldest_version__refused(tmp_path: Path) -> None:
    older, newer = order_specs()
    folder = write_catalog(tmp_path / "api", older, newer, "changes: []\n")
    (folder / OLDER / "changes.yaml").write_text("changes: []\n", encoding="utf-8")
    with pytest.raises(ChangesError, match="oldest version"):
        translator(folder)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "changes:\n  - description: '  '\n    steps: [{step: acknowledged, reason: r}]\n",
            "needs a description",
        ),
        ("changes:\n  - description: Fine.\n    steps: []\n", "at least one step"),
    ],
    ids=["blank description", "no steps"],
)
def test_changes_yaml__empty_change__refused_with_line(
    tmp_path: Path, text: str, message: str
) -> None:
    older, newer = order_specs()
    folder = write_catalog(tmp_path / "api", older, newer, textwrap.dedent(text))
    with pytest.raises(ChangesError, match=message) as raised:
        translator(folder)
    assert raised.value.location is not None
    assert raised.value.location.line in {2, 3}


def test_changes_yaml__absent__versions_translate_unchanged(tmp_path: Path) -> None:
    older, newer = order_specs()
    folder = write_catalog(
        tmp_path / "api", older, older | {"info": newer["info"]}, "changes: []\n"
    )
    (folder / NEWER / "changes.yaml").unlink()
    assert translator(folder).change_sets()[0].changes == ()


@pytest.mark.parametrize(("steps", "message"), CASES.values(), ids=CASES.keys())
def test_check_command__one_mistake_in_changes_yaml__exits_2_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], steps: str, message: str
) -> None:
    older, newer = order_specs()
    newer["components"]["schemas"]["Unused"] = {"type": "object", "properties": {"note": {}}}
    text, line = _changes(steps)
    folder = write_catalog(tmp_path / "api", older, newer, text, CONVERTERS)

    code = main(["check", str(folder), "--format", "json"])

    err = capsys.readouterr().err
    assert code == 2
    assert f"{NEWER}/changes.yaml:{line}:" in err
    assert message in err
