"""The contract properties over the bundled catalog: every pair, every operation, every status.

Requests of each version upgrade to valid requests of the next (and of head), head and newer
responses (errors included) downgrade to valid older ones, and fields a client sends come back
unchanged. One test per case, through the same helpers users get (``contract_params``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from compat_tests.properties import ContractViolationError
from compat_tests.pytest_plugin import check_contract, contract_params

if TYPE_CHECKING:
    from compat_tests.kit import ContractCase

BUNDLED = Path(__file__).resolve().parents[1] / "api_specs"

# A head transaction may list refunds summing past the 100000000 maximum that 2024-01-15's
# `refunded_amount` (their sum) allows: the schemas do not forbid it, and the downgrade
# converter does not cap it. Reported to the lead; until it is settled, such a case whose only
# counterexample is this overflow is an expected failure.
KNOWN_REFUND_OVERFLOW = "refunds summing over 100000000 overflow 2024-01-15's refunded_amount"


def _known_to_fail(case: ContractCase) -> bool:
    crosses_refunds = case.older <= "2024-01-15" < case.newer
    returns_transactions = case.status in ("200", "201") and (
        "transactions" in case.newer_operation or "charges" in case.newer_operation
    )
    return case.check != "upgrade" and crosses_refunds and returns_transactions


@pytest.mark.parametrize("case", contract_params(BUNDLED))
def test_bundled_contract__generated_examples__hold_the_property(case: ContractCase) -> None:
    """Each case holds on its examples; only the known refund overflow may fail, as xfail."""
    try:
        check_contract(BUNDLED, case)
    except ContractViolationError as violation:
        text = str(violation)
        if _known_to_fail(case) and "/refunded_amount" in text and "maximum of 100000000" in text:
            pytest.xfail(KNOWN_REFUND_OVERFLOW)
        raise
