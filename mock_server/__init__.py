"""The versioned mock server: every API version served from the head implementation.

``create_app`` is imported on first use, so registering the ``serve`` command (which every
``versiongate`` invocation does) does not import Litestar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mock_server.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """Import ``create_app`` lazily (PEP 562)."""
    if name == "create_app":
        from mock_server.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
