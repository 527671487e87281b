"""Checks on the bundled example API under ``api_specs/``.

The bundled pay-over-time merchant API is what the README runs and what the mock server serves
by default, so every dated version listed in ``api_specs/versions.yaml`` must ship a valid
OpenAPI 3.1 document whose examples really match their schemas. A broken example would make
the generated docs lie and the mock server answer with payloads its own spec rejects.

The tests are parametrised over the versions listed in ``versions.yaml``:

* the timeline file itself is well formed and every listed version has its document;
* each document passes ``openapi_spec_validator``;
* every example validates against its own schema, through ``versioning.examples`` (the check
  ``versiongate check`` runs: readOnly/writeOnly by direction, no undeclared member);
* every operation is documented well enough to drive docs and mock responses, and deprecated
  operations announce their sunset date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest
import yaml
from openapi_spec_validator import validate

from versioning.examples import example_findings, example_sites
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

SPECS_DIR: Final = Path(__file__).resolve().parent.parent / "api_specs"
VERSIONS_FILE: Final = SPECS_DIR / "versions.yaml"
HTTP_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
DATE_RE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
VERSIONS_KEYS: Final = frozenset({"version_header", "default_version", "versions"})
VERSION_ENTRY_KEYS: Final = frozenset({"id", "released", "deprecated", "sunset"})


def _load_yaml(path: Path) -> Any:
    """Load one YAML file with the C safe loader."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _listed_versions() -> list[str]:
    """Return the version ids in ``versions.yaml``, in file order."""
    timeline = _load_yaml(VERSIONS_FILE)
    return [str(entry["id"]) for entry in timeline["versions"]]


VERSIONS: Final = _listed_versions()


def _spec_path(version: str) -> Path:
    return SPECS_DIR / version / "openapi.yaml"


@functools.cache
def _load_spec(version: str) -> dict[str, Any]:
    """Load (once) the OpenAPI document of a version."""
    spec = _load_yaml(_spec_path(version))
    assert isinstance(spec, dict), f"{version}: the document is not a mapping"
    return spec


def _escape(token: str) -> str:
    """Escape one JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _at(spec: Mapping[str, Any], pointer: str) -> Any:
    """Return the node of ``spec`` at a JSON pointer."""
    node: Any = spec
    for token in pointer.split("/")[1:]:
        key = _unescape(token)
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def _resolve(spec: Mapping[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    """Follow local ``$ref`` objects, returning the target node and its JSON pointer."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert isinstance(ref, str), f"{pointer}: $ref is not a string"
        assert ref.startswith("#/"), f"{pointer}: only local refs are allowed, got {ref!r}"
        assert ref not in seen, f"{pointer}: $ref cycle through {ref!r}"
        seen.add(ref)
        pointer = ref[1:]
        node = _at(spec, pointer)
    return node, pointer


@dataclass(frozen=True)
class Operation:
    """One operation of a document, with where it lives."""

    path: str
    method: str
    node: dict[str, Any]
    pointer: str
    path_item: dict[str, Any]
    path_item_pointer: str

    @property
    def label(self) -> str:
        """Return ``METHOD /path`` for messages."""
        return f"{self.method.upper()} {self.path}"


def _operations(spec: Mapping[str, Any]) -> Iterator[Operation]:
    for path, item in spec.get("paths", {}).items():
        item_pointer = f"/paths/{_escape(path)}"
        for method in HTTP_METHODS:
            if method in item:
                yield Operation(
                    path=path,
                    method=method,
                    node=item[method],
                    pointer=f"{item_pointer}/{method}",
                    path_item=item,
                    path_item_pointer=item_pointer,
                )


def _request_body(
    spec: Mapping[str, Any], operation: Operation
) -> tuple[dict[str, Any], str] | None:
    if "requestBody" not in operation.node:
        return None
    return _resolve(spec, operation.node["requestBody"], f"{operation.pointer}/requestBody")


def _responses(
    spec: Mapping[str, Any], operation: Operation
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield ``(status, resolved response, pointer)`` for every response of an operation."""
    for status, raw in operation.node.get("responses", {}).items():
        response, pointer = _resolve(
            spec, raw, f"{operation.pointer}/responses/{_escape(str(status))}"
        )
        yield str(status), response, pointer


def _yaml_dates(node: Any, pointer: str = "") -> Iterator[str]:
    """Yield the pointers of values a YAML 1.1 loader turned into dates (unquoted dates)."""
    if isinstance(node, dt.date):
        yield pointer
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, dt.date):
                yield f"{pointer}/{key}"
            yield from _yaml_dates(value, f"{pointer}/{_escape(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _yaml_dates(value, f"{pointer}/{index}")


def _has_examples(media_types: Mapping[str, Any]) -> bool:
    """Tell whether every media type has an example and there is at least one media type."""
    return bool(media_types) and all(
        "example" in media or bool(media.get("examples")) for media in media_types.values()
    )


def test_versions_file__loaded__has_only_the_timeline_keys_and_quoted_dates() -> None:
    timeline = _load_yaml(VERSIONS_FILE)

    assert set(timeline) == VERSIONS_KEYS
    assert timeline["version_header"] == "API-Version"
    assert list(_yaml_dates(timeline)) == [], "unquoted dates in versions.yaml"
    assert timeline["default_version"] in VERSIONS
    assert sorted(VERSIONS) == VERSIONS, "versions must be listed oldest first"
    assert len(set(VERSIONS)) == len(VERSIONS), "duplicate version ids"
    for entry in timeline["versions"]:
        assert set(entry) <= VERSION_ENTRY_KEYS, f"unexpected keys in {entry}"
        assert entry["released"] == entry["id"]
        for key in ("id", "released", "deprecated", "sunset"):
            if key in entry:
                assert isinstance(entry[key], str), f"{entry['id']}.{key} is not a string"
                assert DATE_RE.match(entry[key]), f"{entry['id']}.{key} is not YYYY-MM-DD"
        if "sunset" in entry:
            assert "deprecated" in entry, f"{entry['id']} has a sunset but no deprecation"
            assert entry["released"] <= entry["deprecated"] < entry["sunset"]


def test_spec_folders__every_folder_with_a_document__is_listed_in_versions_file() -> None:
    folders = sorted(path.parent.name for path in SPECS_DIR.glob("*/openapi.yaml"))

    assert folders == VERSIONS


@pytest.mark.parametrize("version", VERSIONS)
def test_spec__listed_version__exists_and_declares_that_version(version: str) -> None:
    assert _spec_path(version).is_file(), f"missing {_spec_path(version)}"
    spec = _load_spec(version)

    assert spec["openapi"] == "3.1.0"
    assert spec["info"]["version"] == version
    assert list(_yaml_dates(spec)) == [], "unquoted dates would load as date objects"


@pytest.mark.parametrize("version", VERSIONS)
def test_spec__validated_as_openapi__is_valid(version: str) -> None:
    validate(_load_spec(version))


@pytest.mark.parametrize("version", VERSIONS)
def test_examples__validated_against_their_schemas__all_match(version: str) -> None:
    """Through the product's own example check (strict: no undeclared member either)."""
    spec = load_spec(_spec_path(version))
    assert example_sites(spec), "the document has no examples at all"

    findings = example_findings(spec)

    assert findings == [], "examples that do not match their schema:\n" + "\n".join(
        f"{finding.revision.location if finding.revision else ''}: {finding.message}"
        for finding in findings
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_operations__documented__have_ids_summaries_and_examples(version: str) -> None:
    spec = _load_spec(version)
    problems: list[str] = []
    operation_ids: list[str] = []

    for operation in _operations(spec):
        node = operation.node
        for key in ("operationId", "summary", "description", "tags"):
            if not node.get(key):
                problems.append(f"{operation.label}: no {key}")
        operation_ids.append(node.get("operationId", ""))
        body = _request_body(spec, operation)
        if body is not None and not _has_examples(body[0].get("content", {})):
            problems.append(f"{operation.label}: request body without an example")
        successes = [
            response
            for status, response, _ in _responses(spec, operation)
            if status.startswith("2")
        ]
        if not any(_has_examples(response.get("content", {})) for response in successes):
            problems.append(f"{operation.label}: no success response with an example")
        if not any(status.startswith("4") for status, _, _ in _responses(spec, operation)):
            problems.append(f"{operation.label}: no documented error response")

    assert problems == [], "\n".join(problems)
    assert len(operation_ids) == len(set(operation_ids)), "duplicate operationIds"


@pytest.mark.parametrize("version", VERSIONS)
def test_operations__deprecated__carry_a_quoted_sunset_date(version: str) -> None:
    spec = _load_spec(version)

    for operation in _operations(spec):
        if operation.node.get("deprecated"):
            sunset = operation.node.get("x-sunset")
            assert isinstance(sunset, str), f"{operation.label}: deprecated without x-sunset"
            assert DATE_RE.match(sunset), (
                f"{operation.label}: x-sunset {sunset!r} is not YYYY-MM-DD"
            )
            assert sunset > version, f"{operation.label}: sunset before the version's release"
