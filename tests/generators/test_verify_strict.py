"""``verify`` is strict: a member the client's version does not declare is a counterexample.

Older schemas usually allow extra members, so a field added later validates in an older
response; an old client must still never see it. Deleting the ``field_added`` step that
hides ``refunds`` from 2024-01-15 clients must fail verify, naming the leaked member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.generators.test_verify import _copy, _replace, _verify

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

HIDE_REFUNDS = "      - step: field_added\n        schema: Transaction\n        field: refunds\n"


def test_verify__field_added_step_deleted__leaked_member_is_a_counterexample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = _copy(tmp_path)
    _replace(catalog / "2024-09-01" / "changes.yaml", HIDE_REFUNDS, "")
    code, out = _verify(capsys, str(catalog), "--operation", "GET /charges/{charge_id}")
    assert code == 1
    assert "body /refunds: Not a member this version declares." in out


def test_verify__bundled_operation_intact__strict_checks_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _verify(capsys, str(_copy(tmp_path)), "--operation", "GET /charges/{charge_id}")
    assert code == 0, out
