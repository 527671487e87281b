"""The roll-up over the real engine: a change to a shared schema is one change in the report."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

_CUSTOMER = {"$ref": "#/components/schemas/Customer"}
_OK = {"description": "ok", "content": {"application/json": {"schema": _CUSTOMER}}}
BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1"},
    "paths": {
        "/customers": {"post": {"responses": {"201": _OK}}},
        "/customers/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {}}],
            "get": {"responses": {"200": _OK}},
            "delete": {"responses": {"200": _OK}},
        },
    },
    "components": {
        "schemas": {
            "Customer": {
                "type": "object",
                "required": ["id", "email"],
                "properties": {"id": {"type": "string"}, "email": {"type": "string"}},
            }
        }
    },
}


def _pair(tmp_path: Path) -> tuple[str, str]:
    revision = copy.deepcopy(BASE)
    revision["info"]["version"] = "2"
    revision["components"]["schemas"]["Customer"]["properties"]["email"]["nullable"] = True
    paths = []
    for name, document in (("base.json", BASE), ("revision.json", revision)):
        (tmp_path / name).write_text(json.dumps(document, indent=2), encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths[0], paths[1]


def test_diff__shared_schema_property_became_nullable__one_change_on_three_operations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no configuration file above
    base, revision = _pair(tmp_path)
    code = main(["diff", base, revision])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count("became nullable") == 1
    assert "on 3 operations: POST /customers, DELETE /customers/{id}, GET /customers/{id}" in out
    assert "versiongate: 1 breaking change found (3 findings)" in out


def test_diff__shared_schema_change_as_json__one_change_and_three_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    base, revision = _pair(tmp_path)
    main(["diff", base, revision, "--format", "json"])
    (comparison,) = json.loads(capsys.readouterr().out)["comparisons"]
    assert len(comparison["findings"]) == 3
    (change,) = comparison["changes"]
    assert change["rule"] == "response-property-became-nullable"
    assert change["revision"]["pointer"].startswith("/components/schemas/Customer/properties/email")
    assert change["findings"] == [0, 1, 2]
