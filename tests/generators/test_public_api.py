"""The public names of the generator kit are pinned; every module declares ``__all__``."""

from __future__ import annotations

import importlib
import pkgutil

import compat_tests
import compat_tests.strategies


def test_strategies__public_names__are_pinned() -> None:
    assert compat_tests.strategies.__all__ == [
        "SchemaGenerationError",
        "SchemaStrategies",
        "TooDeepError",
        "UnsatisfiableSchemaError",
        "from_schema",
        "requests_for",
        "responses_for",
        "schema_strategies",
        "status_codes",
    ]
    for name in compat_tests.strategies.__all__:
        assert getattr(compat_tests.strategies, name) is not None


def test_compat_tests_modules__each__declare_all() -> None:
    """Every module says what it exports (ruff's RUF022 keeps each list sorted)."""
    modules = [
        info.name
        for info in pkgutil.walk_packages(compat_tests.__path__, prefix="compat_tests.")
        if not info.name.rsplit(".", 1)[-1].startswith("test_")
    ]
    assert "compat_tests.kit" in modules
    missing = [
        name for name in modules if getattr(importlib.import_module(name), "__all__", None) is None
    ]
    assert missing == []
