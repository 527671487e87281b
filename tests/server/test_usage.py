"""``versiongate usage`` and ``impact`` over a database a real server recorded into."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import yaml

from tests.server import dialects
from tests.server.conftest import API_SPECS, TODAY, basic
from tests.server.live import LiveServer
from tests.server.test_request_log import HEAD, OLD, logged, new_merchant
from versioning.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A database with three merchants' calls, written by a server that has stopped since.

    ``old`` calls the deprecated version and its deprecated ``POST /charges``; ``head`` and
    ``bare`` create checkouts at head, ``head`` with ``merchant_reference``, ``bare`` without.
    """
    database = tmp_path_factory.mktemp("usage") / "sandbox.sqlite3"
    server = LiveServer(API_SPECS, db=database, extra=["--now", TODAY])
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            found = _calls(http)
    finally:
        server.stop()
    return {"database": database, **found}


def _calls(http: httpx.Client) -> dict[str, Any]:
    old, old_auth = new_merchant(http, OLD)
    created = http.post("/checkouts", json=dialects.checkout_body(OLD, 5000), headers=old_auth)
    checkout_id = created.json()["id"]
    http.post(f"/sandbox/checkouts/{checkout_id}/approve", headers=old_auth)
    charge = {"checkout_id": checkout_id, "amount": 5000}
    assert http.post("/charges", json=charge, headers=old_auth).status_code == 201
    assert http.get("/charges", headers=old_auth).status_code == 200
    head, head_auth = new_merchant(http, HEAD)
    bare, bare_auth = new_merchant(http, HEAD)
    body = dialects.checkout_body(HEAD, 5000)
    sent = http.post("/checkouts", json=body, headers={**head_auth, "Idempotency-Key": "u-1"})
    assert sent.status_code == 201, sent.text
    body.pop("merchant_reference")
    sent = http.post("/checkouts", json=body, headers={**bare_auth, "Idempotency-Key": "u-2"})
    assert sent.status_code == 201, sent.text
    for auth, count in ((old_auth, 3), (head_auth, 1), (bare_auth, 1)):
        assert len(logged(http, auth, count)) == count  # written before the server stops
    return {"old": old["id"], "head": head["id"], "bare": bare["id"]}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_usage__old_merchant__on_deprecated_version_and_operation(
    recorded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, "usage", "--db", str(recorded["database"]), "--catalog", str(API_SPECS),
        "--now", TODAY, "--format", "json",
    )  # fmt: skip

    assert code == 0
    report = json.loads(out)
    versions = {item["version"]: item for item in report["versions"]}
    assert versions[OLD]["status"] == "deprecated"
    assert versions[OLD]["sunset"] == "2027-06-30"
    assert [m["merchant_id"] for m in versions[OLD]["merchants"]] == [recorded["old"]]
    assert versions[OLD]["merchants"][0]["calls"] == 3
    assert versions[HEAD]["status"] == "current"
    assert {m["merchant_id"] for m in versions[HEAD]["merchants"]} == {
        recorded["head"],
        recorded["bare"],
    }
    operations = {item["operation"]: item for item in report["deprecated_operations"]}
    assert set(operations) == {"POST /charges", "GET /charges"}
    assert operations["POST /charges"]["sunset"] == "2027-06-30"
    assert [m["merchant_id"] for m in operations["GET /charges"]["merchants"]] == [recorded["old"]]


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_usage__text_and_markdown__name_the_merchant_and_operation(
    recorded: dict[str, Any], capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    code, out, _ = _run(
        capsys, "usage", "--db", str(recorded["database"]), "--catalog", str(API_SPECS),
        "--now", TODAY, "--format", output_format,
    )  # fmt: skip

    assert code == 0
    assert recorded["old"] in out
    assert "POST /charges" in out
    assert "2027-06-30" in out


def _without_merchant_reference(folder: Path) -> tuple[Path, Path]:
    """The head spec, and a copy whose ``CheckoutCreate`` no longer takes the field."""
    document = yaml.safe_load((API_SPECS / HEAD / "openapi.yaml").read_text())
    base = folder / "base.yaml"
    base.write_text(yaml.safe_dump(document))
    del document["components"]["schemas"]["CheckoutCreate"]["properties"]["merchant_reference"]
    revision = folder / "revision.yaml"
    revision.write_text(yaml.safe_dump(document))
    return base, revision


def test_impact__field_removed__names_the_merchant_that_sends_it(
    recorded: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base, revision = _without_merchant_reference(tmp_path)

    code, out, _ = _run(
        capsys, "impact", str(base), str(revision), "--db", str(recorded["database"]),
        "--version", HEAD, "--format", "json",
    )  # fmt: skip

    assert code == 1
    report = json.loads(out)
    assert report["merchants"] == [recorded["head"]]
    [impact] = report["impacts"]
    assert impact["operation"] == "POST /checkouts"
    assert impact["field"] == "merchant_reference"
    assert impact["rule"] == "request-property-removed-closed-schema"


def test_impact__every_version__old_callers_of_the_operation_too(
    recorded: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base, revision = _without_merchant_reference(tmp_path)

    code, out, _ = _run(
        capsys, "impact", str(base), str(revision), "--db", str(recorded["database"])
    )

    assert code == 1
    assert recorded["head"] in out
    assert recorded["old"] in out  # its 2024-01-15 checkout sent merchant_reference too
    assert recorded["bare"] not in out


def test_impact__no_change__exit_0(
    recorded: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    base, _ = _without_merchant_reference(tmp_path)

    code, out, _ = _run(
        capsys, "impact", str(base), str(base), "--db", str(recorded["database"]),
        "--format", "markdown",
    )  # fmt: skip

    assert code == 0
    assert "No recorded call would break" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["usage", "--db", "missing.sqlite3"], "--db missing.sqlite3: no such file"),
        (["usage", "--db", ":memory:"], "--db :memory: holds no request log"),
        (["impact", "nope.yaml", "nope.yaml", "--db", "missing.sqlite3"], "nope.yaml"),
        (["usage", "--db", "x", "--now", "soon"], "--now 'soon'"),
    ],
)
def test_usage_and_impact__bad_input__exit_2_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERSIONGATE_DB", raising=False)
    (tmp_path / "x").write_text("")

    code, out, err = _run(capsys, *argv)

    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_usage__not_a_database__exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("this is not SQLite, it is a long enough text file to be read as one" * 20)

    code, _, err = _run(capsys, "usage", "--db", str(junk), "--catalog", str(API_SPECS))

    assert code == 2
    assert "not a sandbox database" in err


def test_impact__catalog__follows_an_old_versions_call_to_the_head_operation(
    recorded: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = yaml.safe_load((API_SPECS / HEAD / "openapi.yaml").read_text())
    base = tmp_path / "base.yaml"
    base.write_text(yaml.safe_dump(document))
    del document["paths"]["/transactions"]["post"]  # the head operation POST /charges reaches
    revision = tmp_path / "revision.yaml"
    revision.write_text(yaml.safe_dump(document))
    database = str(recorded["database"])

    by_key = _run(capsys, "impact", str(base), str(revision), "--db", database)
    code, out, _ = _run(
        capsys, "impact", str(base), str(revision), "--db", database,
        "--catalog", str(API_SPECS), "--format", "json",
    )  # fmt: skip

    assert by_key[0] == 0  # nobody called POST /transactions by that name
    assert code == 1
    report = json.loads(out)
    assert report["merchants"] == [recorded["old"]]
    assert {(i["version"], i["operation"]) for i in report["impacts"]} == {(OLD, "POST /charges")}


def test_usage__since__sums_the_retained_records_from_then(
    recorded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(recorded["database"])
    common = ["--db", database, "--catalog", str(API_SPECS), "--now", TODAY, "--format", "json"]

    _, everything, _ = _run(capsys, "usage", *common)
    _, since_then, _ = _run(capsys, "usage", *common, "--since", "2000-01-01")
    _, future, _ = _run(capsys, "usage", *common, "--since", "2999-01-01T00:00:00+00:00")

    assert json.loads(since_then) == json.loads(everything)
    assert json.loads(future)["versions"] == []


def test_usage__server_stopped_at_once__buffered_calls_written_on_shutdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "sandbox.sqlite3"
    server = LiveServer(API_SPECS, db=database, extra=["--workers", "2", "--now", TODAY])
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for _ in range(4):
                assert http.get("/transactions", headers=basic()).status_code == 200
    finally:
        server.stop()  # at once: within the 0.5 s a record may wait in its worker's buffer

    code, out, _ = _run(
        capsys, "usage", "--db", str(database), "--catalog", str(API_SPECS), "--format", "json"
    )

    assert code == 0
    [version] = json.loads(out)["versions"]
    assert version["version"] == HEAD
    assert version["merchants"][0]["calls"] == 4
