"""The package root is the curated public API, documented in docs/library.md (issue 14)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import compat_tests
import versioning
import versioning.errors
from versioning.errors import VersioningError

ROOT = Path(__file__).resolve().parents[2]
LIBRARY_DOC = ROOT / "docs" / "library.md"

PUBLIC = {
    "ApiRequest",
    "ApiResponse",
    "Catalog",
    "CatalogError",
    "ChangeSet",
    "ChangesError",
    "CheckOptions",
    "Config",
    "ConfigError",
    "Direction",
    "Finding",
    "Level",
    "Location",
    "Operation",
    "RefError",
    "RuleInfo",
    "SignatureError",
    "SourceRef",
    "Spec",
    "SpecError",
    "SpecLimitError",
    "SpecSyntaxError",
    "SpecValidationError",
    "Translator",
    "UsageError",
    "VersionInfo",
    "VersioningError",
    "all_rules",
    "compare",
    "get_rule",
    "level_rank",
    "load_catalog",
    "load_catalog_changes",
    "load_changes",
    "load_config",
    "load_spec",
    "load_spec_text",
    "resolve_config",
    "sign_payload",
    "verify_signature",
}


def _error_classes() -> set[str]:
    """Every public ``VersioningError`` class of ``versioning`` and ``compat_tests``."""
    for package in (versioning, compat_tests):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not module.name.rpartition(".")[2].startswith("test_"):
                importlib.import_module(module.name)
    found: set[str] = set()
    pending = [VersioningError]
    while pending:
        current = pending.pop()
        found.add(current.__name__)
        pending.extend(current.__subclasses__())
    return {name for name in found if not name.startswith("_")}


def test_package_root__all__is_sorted_and_pinned() -> None:
    assert versioning.__all__ == sorted(versioning.__all__)
    assert set(versioning.__all__) == PUBLIC
    assert all(hasattr(versioning, name) for name in versioning.__all__)


def test_package_root__lazy_table__covers_exactly_all() -> None:
    assert set(versioning._MODULE_OF) == set(versioning.__all__)
    assert set(dir(versioning)) >= set(versioning.__all__)


def test_package_root__unknown_name__is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'frobnicate'"):
        _ = versioning.frobnicate


def test_error_tree__errors_docstring__names_every_error_class() -> None:
    drawn = set(re.findall(r"[├└]── (\w+)", versioning.errors.__doc__ or ""))
    drawn.add("VersioningError")
    assert _error_classes() <= drawn


def test_error_tree__library_doc__names_every_error_class() -> None:
    drawn = set(re.findall(r"[├└]── (\w+)", LIBRARY_DOC.read_text(encoding="utf-8")))
    drawn.add("VersioningError")
    assert _error_classes() <= drawn


def test_library_doc__example__runs_from_the_repository_root() -> None:
    text = LIBRARY_DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- library-example -->\n```python\n(.*?)```", text, re.DOTALL)
    assert block is not None
    completed = subprocess.run(
        [sys.executable, "-c", block.group(1)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert re.fullmatch(r"\d+ findings, \d+ errors", lines[0])
    assert lines[2].startswith("POST /transactions/{transaction_id}/capture ")
    assert lines[3] == "SpecSyntaxError broken.yaml:3:1"


def test_package_root__type_checking_imports__match_the_lazy_table() -> None:
    tree = ast.parse(Path(versioning.__file__).read_text(encoding="utf-8"))
    guarded = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == versioning._MODULE_OF


@pytest.mark.parametrize("package", ["mock_server", "compat_tests"])
def test_other_package_roots__all_sorted_lazy_and_matching_their_imports(package: str) -> None:
    """``mock_server`` and ``compat_tests`` curate their roots the way ``versioning`` does."""
    root = importlib.import_module(package)
    assert root.__all__ == sorted(root.__all__)
    assert set(root._MODULE_OF) == set(root.__all__)
    assert all(getattr(root, name) is not None for name in root.__all__)
    tree = ast.parse(Path(root.__file__ or "").read_text(encoding="utf-8"))
    guarded = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == root._MODULE_OF
    with pytest.raises(AttributeError, match="no attribute 'frobnicate'"):
        _ = root.frobnicate


@pytest.mark.parametrize(
    ("package", "heavy"),
    [("mock_server", "litestar"), ("compat_tests", "hypothesis")],
)
def test_other_package_roots__importing_them__loads_no_framework(package: str, heavy: str) -> None:
    probe = f"import sys, {package}; print({heavy!r} in sys.modules)"
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert completed.stdout.strip() == "False"
