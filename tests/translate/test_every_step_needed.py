"""Every step of the bundled changes is needed: deleting any one of them is noticed.

Each deletion must make ``versiongate check`` fail: the changes no longer load (a step
depends on it), or a breaking finding it covered becomes uncovered. A few steps translate
something no finding is about (an operation's default mapping back to 2023-03-01, a status
an older operation never declared, offset paging, ``object: charge`` for ``/charges``
clients); their deletion must break the translated bundled examples instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
from typing import TYPE_CHECKING, Any

import pytest

from tests.translate.chain import chain_problems
from tests.translate.conftest import BUNDLED
from versioning.catalog import load_catalog
from versioning.changes.load import load_changes
from versioning.checker import CheckOptions, compare
from versioning.coverage import classify
from versioning.errors import ChangesError
from versioning.translate import Translator
from versioning.translate.hop import Hop

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.catalog import Catalog
    from versioning.findings import Finding

_CATALOG = load_catalog(BUNDLED)
_TODAY = dt.date(2026, 3, 1)
_STEP = re.compile(r"^      - step: ", re.MULTILINE)


def _steps() -> list[Any]:
    cases = []
    for version in _CATALOG.ids[1:]:
        text = (BUNDLED / version / "changes.yaml").read_text(encoding="utf-8")
        for number, match in enumerate(_STEP.finditer(text)):
            line = text.count("\n", 0, match.start()) + 1
            cases.append(pytest.param(version, number, id=f"{version}:{line}"))
    return cases


def _without_step(text: str, number: int) -> str:
    starts = [match.start() for match in _STEP.finditer(text)]
    end = starts[number + 1] if number + 1 < len(starts) else len(text)
    following = re.search(r"^  - description:", text[starts[number] :], re.MULTILINE)
    if following is not None:
        end = min(end, starts[number] + following.start())
    removed = text[: starts[number]] + text[end:]
    # a change left without steps is dropped with its description
    return re.sub(
        r"  - description:[^\n]*(?:\n {6}[^\n]*)*\n    steps:\n(?=  - |\Z|\n)", "", removed
    )


@functools.cache
def _findings(version: str) -> list[Finding]:
    older = _CATALOG.ids[_CATALOG.ids.index(version) - 1]
    return compare(
        _CATALOG.specs[older], _CATALOG.specs[version], options=CheckOptions(today=_TODAY)
    )


def _uncovered(hop: Hop) -> list[Finding]:
    classified = classify(_findings(hop.newer_id), hop=hop)
    return [finding for finding in classified if finding.coverage == "uncovered"]


def test_bundled_changes__intact__every_breaking_finding_covered_and_chain_clean(
    translator: Translator, catalog: Catalog
) -> None:
    for hop in translator.hops:
        assert _uncovered(hop) == []
    assert list(chain_problems(Translator.from_catalog(catalog), catalog)) == []


@pytest.mark.parametrize(("version", "number"), _steps())
def test_bundled_changes__one_step_deleted__noticed_with_the_right_finding(
    tmp_path: Path, translator: Translator, catalog: Catalog, version: str, number: int
) -> None:
    index = catalog.ids.index(version)
    original = translator.change_sets()[index - 1]
    deleted = list(original.steps())[number]
    folder = tmp_path / "api"
    shutil.copytree(BUNDLED, folder)
    path = folder / version / "changes.yaml"
    path.write_text(_without_step(path.read_text(encoding="utf-8"), number), encoding="utf-8")
    older = catalog.ids[index - 1]

    load_error: ChangesError | None = None
    try:
        changes = load_changes(path, version=version, older=older)
        hop = Hop(
            older=catalog.specs[older], newer=catalog.specs[version], changes=changes, folder=folder
        )
    except ChangesError as error:  # another step needs the deleted one
        load_error = error
    if load_error is not None:
        assert str(getattr(deleted.step, "to", "")) in load_error.message
        return

    assert len(list(changes.steps())) == len(list(original.steps())) - 1
    uncovered = _uncovered(hop)
    if uncovered:
        covered_before = {
            (f.rule, f.message) for f in classify(_findings(version), hop=translator.hops[index - 1])
            if f.covered_by is not None and (
                f.covered_by.endswith(deleted.step.summary())
                or f.covered_by == getattr(deleted.step, "reason", "").strip()
            )
        }  # fmt: skip
        assert {(f.rule, f.message) for f in uncovered} & covered_before
        return
    hops = list(translator.hops)
    hops[index - 1] = hop
    patched = Translator(versions=catalog.ids, hops=tuple(hops))
    assert next(chain_problems(patched, catalog), None) is not None, (
        f"deleting {deleted.label()} goes unnoticed"
    )
