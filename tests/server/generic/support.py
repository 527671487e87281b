"""Build a generic-mode test client for a small spec written in the test itself."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.generic_credentials import parse_credentials

if TYPE_CHECKING:
    from pathlib import Path

    from litestar import Litestar

__all__ = ["generic_client", "spec_document"]


def spec_document(paths: dict[str, Any], **components: Any) -> dict[str, Any]:
    """An OpenAPI 3.1 document with these paths and components."""
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Test API", "version": "1"},
        "paths": paths,
    }
    if components:
        document["components"] = components
    return document


def generic_client(
    tmp_path: Path, document: dict[str, Any], *credentials: str
) -> TestClient[Litestar]:
    """A client of ``document`` served in generic mode (``credentials`` as ``--credential``)."""
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    app = create_app(path, mode="generic", credentials=parse_credentials(credentials))
    return TestClient(app)
