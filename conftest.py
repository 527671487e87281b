"""Hypothesis settings profiles for the whole suite, chosen by ``VERSIONGATE_HYPOTHESIS_PROFILE``.

``dev`` (the default) keeps the suite fast; ``ci`` runs more examples, derandomized, so a
CI failure replays the same way on a laptop. CI selects ``ci``: ``.ci/run`` exports it before
running the README's ``python3 dev.py test``. The header of every pytest run names the
profile in force, so a CI log shows which one ran.
"""

from __future__ import annotations

import os

from hypothesis import settings

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
