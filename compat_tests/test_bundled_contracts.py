"""The contract properties over the bundled catalog: every pair, every operation, every status.

Requests of each version upgrade to valid requests of the next (and of head), head and newer
responses (errors included) downgrade to valid older ones, and fields a client sends come back
unchanged. One test per case, through the same helpers users get (``contract_params``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from compat_tests.pytest_plugin import check_contract, contract_params

if TYPE_CHECKING:
    from compat_tests.kit import ContractCase

BUNDLED = Path(__file__).resolve().parents[1] / "api_specs"


@pytest.mark.parametrize("case", contract_params(BUNDLED))
def test_bundled_contract__generated_examples__hold_the_property(case: ContractCase) -> None:
    """Each case holds on its examples (the converters keep old payloads valid)."""
    check_contract(BUNDLED, case)
