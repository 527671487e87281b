"""``docs/releasing.md`` runs as written: its commands, on a copy of the bundled catalog.

This is issue 15's "done when": on a copy of ``api_specs``, ``new-version`` then ``check``
passes; a breaking edit plus ``check --write-suggestions`` passes once the description is
written; an old version is deprecated. The page's printed output is compared line by line,
so the tutorial cannot drift from the tool.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.catalog.transcript import Command, commands, matches, run_session

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "releasing.md"


@pytest.fixture(scope="module")
def steps() -> list[Command]:
    return commands(PAGE.read_text(encoding="utf-8"))


def test_tutorial__lists_the_release_commands__in_release_order(steps: list[Command]) -> None:
    texts = [step.text for step in steps]
    wanted = [
        "versiongate new-version api_specs",
        "versiongate check api_specs",
        "versiongate check api_specs --write-suggestions",
        "versiongate deprecate api_specs",
    ]
    positions = [
        next(index for index, text in enumerate(texts) if text.startswith(command))
        for command in wanted
    ]
    assert positions == sorted(positions)
    assert texts[-1] == "versiongate check api_specs"


def test_tutorial__run_on_a_copy_of_api_specs__prints_what_the_page_shows(
    steps: list[Command], tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "api_specs", tmp_path / "api_specs",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    results = run_session(steps, cwd=tmp_path, timeout=900)
    assert len(results) == len(steps), "the session stopped early"
    for index, (step, (output, status)) in enumerate(zip(steps, results, strict=True)):
        shown = index + 1 < len(steps) and steps[index + 1].text == "echo $?"
        where = f"docs/releasing.md:{step.line}: $ {step.text}"
        assert shown or status == 0, f"{where}\nexited {status}:\n{output}"
        assert matches(step.expected, output), (
            f"{where}\n--- the page shows ---\n{step.expected}\n--- it printed ---\n{output}"
        )


@pytest.mark.parametrize(
    ("expected", "actual", "result"),
    [
        ("a\nb", "a\nb\n", True),
        ("a\n...\nd", "a\nb\nc\nd\n", True),
        ("a\n...\nd", "a\nd\n", True),
        ("...\nd", "a\nb\nd\n", True),
        ("a\nb", "a\nc\n", False),
        ("a", "a\nb\n", False),
        ("a  ", "a\n", True),
    ],
)
def test_transcript_matches__ellipsis_lines__stand_for_any_lines(
    expected: str, actual: str, *, result: bool
) -> None:
    assert matches(expected, actual) is result
