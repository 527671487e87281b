"""The mock server's public names, pinned."""

from __future__ import annotations

import mock_server
from mock_server.app import create_app


def test_package__exports_create_app_lazily() -> None:
    assert mock_server.__all__ == ["create_app"]
    assert mock_server.create_app is create_app
