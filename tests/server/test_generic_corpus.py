"""Generic ``serve`` over the whole hostile corpus: a located refusal or answers, never a 5xx.

Issue 12 asks every command, ``serve --mode generic`` included, to end each hostile input in
a located error or a clean result. Each case of ``tests/hostile`` (the checked-in corpus, the
generated classes and the large inputs at a small size) is served in-process: building the
app either raises a :class:`~versioning.errors.VersioningError` that names the file, or the
app answers its docs, its served document and a call to each of its first operations with
less than 500 (a schema the validator cannot compile answers ``500 spec_schema_invalid``
naming it, by design: see docs/decisions.md). Each case has a time bound.
"""

from __future__ import annotations

import re
import signal
from typing import TYPE_CHECKING, Any

import pytest
from litestar.testing import TestClient

from mock_server.app import create_app
from tests.hostile.corpus import all_cases, write_case
from versioning.errors import VersioningError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.hostile.cases import Case

CASES = all_cases(large_size=300_000)
SECONDS_PER_CASE = 20
OPERATIONS_CALLED = 10
"""The first operations of each served spec that get a call (a few cases have thousands)."""
_METHODS = ("get", "post", "put", "patch", "delete")


class _TooSlowError(Exception):
    pass


def _too_slow(signum: int, frame: object) -> None:
    del signum, frame
    raise _TooSlowError


@pytest.fixture
def time_bound() -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(SECONDS_PER_CASE)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _calls(document: dict[str, Any]) -> list[tuple[str, str]]:
    calls = []
    paths = document.get("paths")
    for template, item in (paths if isinstance(paths, dict) else {}).items():
        if isinstance(item, dict):
            path = re.sub(r"\{[^}]*\}", "x", template)
            calls += [(method, path) for method in _METHODS if method in item]
    return calls[:OPERATIONS_CALLED]


def _server_error(status: int, text: str) -> bool:
    return status >= 500 and "spec_schema_invalid" not in text


def _assert_located(refused: VersioningError, case: Case) -> None:
    """The refusal names the input (or, for a missing input, says so with its path)."""
    shown = refused.location.file if refused.location is not None else str(refused)
    assert case.entry in shown or case.name in shown, str(refused)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_generic_serve__hostile_input__located_refusal_or_no_5xx(
    case: Case, tmp_path: Path, time_bound: None
) -> None:
    entry = write_case(case, tmp_path) / case.entry
    try:
        app = create_app(entry, mode="generic")
    except VersioningError as refused:
        _assert_located(refused, case)
        return
    with TestClient(app, raise_server_exceptions=False) as client:
        index = client.get("/docs")
        assert index.status_code < 500, index.text[:300]
        found = re.search(r"/docs/([^/']+)/openapi\.json", index.text)
        assert found is not None, index.text[:300]
        served = client.get(found.group(0))
        assert served.status_code == 200, served.text[:300]
        for method, path in _calls(served.json()):
            answer = client.request(
                method.upper(), path, json={}, headers={"authorization": "Basic dTpw"}
            )
            assert not _server_error(answer.status_code, answer.text), (
                f"{method.upper()} {path}: {answer.status_code} {answer.text[:300]}"
            )
