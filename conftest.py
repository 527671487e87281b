"""Hypothesis settings profiles for the whole suite, chosen by ``VERSIONGATE_HYPOTHESIS_PROFILE``.

``dev`` (the default) keeps the suite fast; ``ci`` runs more examples, derandomized, so a
CI failure replays the same way on a laptop.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILE_VARIABLE = "VERSIONGATE_HYPOTHESIS_PROFILE"

settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile(
    "ci", max_examples=100, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "dev"))
