"""Build small specs in memory for diff tests: one POST operation using given schemas."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from versioning.spec.loader import load_spec_text

if TYPE_CHECKING:
    from versioning.spec.model import Spec


def spec_with(
    body: dict[str, Any],
    *,
    components: dict[str, Any] | None = None,
    response: dict[str, Any] | None = None,
    openapi: str = "3.1.0",
) -> Spec:
    """A spec whose ``POST /things`` takes ``body`` and returns ``response`` (default: body)."""
    document = {
        "openapi": openapi,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": body}}},
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": response or body}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": components or {}},
    }
    return load_spec_text(json.dumps(document), file=f"spec-{openapi}.json")
