"""Contract property tests over version pairs, and the kit users run on their own specs.

What users of the kit import is here and listed in ``__all__``: the generators of valid
values, requests and responses for any OpenAPI schema, the pytest helpers that run the
contract properties of a catalog, and their errors. Each name is imported on first use
(PEP 562), so registering the ``verify`` command imports no Hypothesis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from compat_tests.errors import (
        SchemaGenerationError,
        TooDeepError,
        UnsatisfiableSchemaError,
    )
    from compat_tests.kit import ContractCase, contract_cases, run_case
    from compat_tests.properties import ContractViolationError
    from compat_tests.pytest_plugin import check_contract, contract_params
    from compat_tests.strategies import from_schema, requests_for, responses_for

__all__ = [
    "ContractCase",
    "ContractViolationError",
    "SchemaGenerationError",
    "TooDeepError",
    "UnsatisfiableSchemaError",
    "check_contract",
    "contract_cases",
    "contract_params",
    "from_schema",
    "requests_for",
    "responses_for",
    "run_case",
]

_MODULE_OF = {
    "SchemaGenerationError": "compat_tests.errors",
    "TooDeepError": "compat_tests.errors",
    "UnsatisfiableSchemaError": "compat_tests.errors",
    "ContractCase": "compat_tests.kit",
    "contract_cases": "compat_tests.kit",
    "run_case": "compat_tests.kit",
    "ContractViolationError": "compat_tests.properties",
    "check_contract": "compat_tests.pytest_plugin",
    "contract_params": "compat_tests.pytest_plugin",
    "from_schema": "compat_tests.strategies",
    "requests_for": "compat_tests.strategies",
    "responses_for": "compat_tests.strategies",
}
"""Where each public name lives (the same table the ``TYPE_CHECKING`` imports spell out)."""


__getattr__, __dir__ = lazy_exports(globals(), _MODULE_OF)
