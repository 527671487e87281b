"""Hypothesis settings profiles for the whole suite, chosen by ``VERSIONGATE_HYPOTHESIS_PROFILE``.

``dev`` (the default) keeps the suite fast; ``ci`` runs more examples, derandomized, so a
CI failure replays the same way on a laptop. CI selects ``ci``: ``.ci/run`` exports it before
running the README's ``python3 dev.py test``. The header of every pytest run names the
profile in force, so a CI log shows which one ran.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import settings

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pytest

PROFILE_VARIABLE = "VERSIONGATE_HYPOTHESIS_PROFILE"
PROFILE = os.environ.get(PROFILE_VARIABLE, "dev")

settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.load_profile(PROFILE)


def pytest_report_header() -> str:
    """The Hypothesis profile in force, for the head of the test log."""
    current = settings.default
    assert current is not None
    return (
        f"hypothesis profile: {PROFILE} (max_examples={current.max_examples},"
        f" derandomize={current.derandomize}; set {PROFILE_VARIABLE} to change)"
    )


SHARED = Path(__file__).resolve().parent.parent / "shared"
"""The real-world corpus beside the checkout: third-party specs, oasdiff's rule list."""
_MENTIONS_SHARED = re.compile(r"\bshared\b")


def shared_skips(reports: Iterable[Any]) -> int:
    """How many of these skipped tests skipped because the shared corpus is missing.

    Their skip reasons say ``shared`` or name a path inside it.
    """
    count = 0
    for report in reports:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        if str(SHARED) in reason or _MENTIONS_SHARED.search(reason):
            count += 1
    return count


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once how many tests the missing ``../shared`` corpus skipped, and how to get it."""
    count = shared_skips(terminalreporter.stats.get("skipped", []))
    if count:
        terminalreporter.write_line(
            f"{count} test(s) skipped: the real-world corpus is not at {SHARED} (third-party"
            " specs, Stripe's spec, oasdiff's rule list); put it beside this checkout as"
            " ../shared to run them.",
            yellow=True,
        )
