"""Run the contract properties of any catalog inside pytest.

Either let the plugin add one test per case::

    pytest -p compat_tests.pytest_plugin --versiongate api_specs

(or ``pytest_plugins = ["compat_tests.pytest_plugin"]`` in a ``conftest.py``), or parametrize
a test of your own with the helpers::

    from compat_tests.pytest_plugin import check_contract, contract_params

    @pytest.mark.parametrize("case", contract_params("api_specs"))
    def test_contract(case):
        check_contract("api_specs", case)

Examples per case follow the active Hypothesis profile (a sixth of its ``max_examples``)
unless ``--versiongate-examples`` says otherwise; examples are derandomized, so a failure
replays the same way. A case that checks nothing (its messages cannot be generated, or a
round trip compares no value) fails, unless ``--versiongate-allow-unchecked GLOB`` (or
``check_contract(..., allow_unchecked=[GLOB])``) matches its label: then it is skipped with
the reason, so the report still shows it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.errors import FailedHealthCheck, Unsatisfiable

from compat_tests.errors import SchemaGenerationError
from compat_tests.kit import (
    DEFAULT_SHRINK_SECONDS,
    ContractCase,
    UncheckedCaseError,
    allowed_by,
    contract_cases,
    property_test,
    shrink_budget,
)
from compat_tests.properties import ContractContext, ContractViolationError
from versioning.catalog import load_catalog
from versioning.translate import Translator

if TYPE_CHECKING:
    from collections.abc import Sequence

    from _pytest.mark.structures import ParameterSet

__all__ = [
    "ContractItem",
    "check_contract",
    "contract_params",
    "pytest_addoption",
    "pytest_collection_modifyitems",
]


@functools.lru_cache(maxsize=8)
def _context(folder: Path) -> ContractContext:
    catalog = load_catalog(folder)
    return ContractContext(catalog, Translator.from_catalog(catalog))


def contract_params(spec_dir: str | Path, *, chain: bool = True) -> list[ParameterSet]:
    """One ``pytest.param`` per contract case of the catalog, with the case label as id."""
    context = _context(Path(spec_dir).resolve())
    cases = contract_cases(context.catalog, context.translator, chain=chain)
    return [pytest.param(case, id=case.label) for case in cases]


def _examples(requested: int | None) -> int:
    if requested is not None:
        return requested
    profile = settings.default
    return max(2, (profile.max_examples if profile is not None else 20) // 6)


def check_contract(
    spec_dir: str | Path,
    case: ContractCase,
    *,
    examples: int | None = None,
    allow_unchecked: Sequence[str] = (),
) -> None:
    """Run one case; a counterexample raises :class:`ContractViolationError` (shrunk).

    A case that checks nothing raises :class:`~compat_tests.kit.UncheckedCaseError`, or
    skips when a glob of ``allow_unchecked`` matches its label.
    """
    try:
        _run_contract(spec_dir, case, examples)
    except (UncheckedCaseError, SchemaGenerationError, Unsatisfiable, FailedHealthCheck) as error:
        reason = str(error) if isinstance(error, UncheckedCaseError) else _cannot_generate(error)
        allowed = allowed_by(case, allow_unchecked)
        if allowed is None:
            raise UncheckedCaseError(reason) from error
        pytest.skip(f"unchecked (allowed by {allowed!r}): {reason}")


def _cannot_generate(error: Exception) -> str:
    if isinstance(error, SchemaGenerationError):
        return f"cannot generate: {error}"
    return f"cannot generate: {str(error).split('.', 1)[0]}"


def _run_contract(spec_dir: str | Path, case: ContractCase, examples: int | None) -> None:
    context = _context(Path(spec_dir).resolve())
    config = settings(
        max_examples=_examples(examples),
        derandomize=True,
        database=None,
        deadline=None,
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
    )
    test = property_test(context, case, config=config)
    with shrink_budget(DEFAULT_SHRINK_SECONDS):
        test()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--versiongate SPEC_DIR`` and ``--versiongate-examples N``."""
    group = parser.getgroup("versiongate", "contract properties of a version catalog")
    group.addoption(
        "--versiongate",
        metavar="SPEC_DIR",
        default=None,
        help="add one test per contract case of this catalog",
    )
    group.addoption(
        "--versiongate-allow-unchecked",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip, instead of failing, unchecked cases whose label matches this glob",
    )
    group.addoption(
        "--versiongate-examples",
        type=int,
        default=None,
        metavar="N",
        help="examples per case (default: a sixth of the Hypothesis profile's max_examples)",
    )


class ContractItem(pytest.Item):
    """One contract case as a pytest test."""

    def __init__(
        self,
        *,
        spec_dir: Path,
        case: ContractCase,
        examples: int | None,
        allow_unchecked: Sequence[str] = (),
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.spec_dir = spec_dir
        self.case = case
        self.examples = examples
        self.allow_unchecked = tuple(allow_unchecked)

    def runtest(self) -> None:
        """Run the case."""
        check_contract(
            self.spec_dir, self.case, examples=self.examples, allow_unchecked=self.allow_unchecked
        )

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | Any:
        """A counterexample prints as itself, without a traceback into the kit."""
        if isinstance(excinfo.value, ContractViolationError | UncheckedCaseError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the case comes from: the catalog's ``versions.yaml``."""
        return self.spec_dir / "versions.yaml", None, f"versiongate: {self.case.label}"


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """With ``--versiongate SPEC_DIR``, append one :class:`ContractItem` per case."""
    spec_dir = config.getoption("versiongate")
    if not spec_dir:
        return
    folder = Path(spec_dir).resolve()
    examples = config.getoption("versiongate_examples")
    allow_unchecked = config.getoption("versiongate_allow_unchecked")
    for param in contract_params(folder):
        case = param.values[0]
        assert isinstance(case, ContractCase)
        items.append(
            ContractItem.from_parent(
                session,
                name=f"versiongate[{case.label}]",
                spec_dir=folder,
                case=case,
                examples=examples,
                allow_unchecked=allow_unchecked,
            )
        )
