"""The tool's name, version and home, as reports (SARIF, JSON, JUnit) identify it."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version

__all__ = ["TOOL_NAME", "TOOL_URI", "tool_version"]

TOOL_NAME = "versiongate"
TOOL_URI = "https://github.com/versiongate/versiongate"


@cache
def tool_version() -> str:
    """The installed package's version (``0.0.0`` when running from an uninstalled tree)."""
    try:
        return version(TOOL_NAME)
    except PackageNotFoundError:  # pragma: no cover - the project is always installed here
        return "0.0.0"
