"""The document family: ``info.version``, component schemas and servers.

None of these change a request or a response by itself, so all are information: a
semantic version that did not get a new major number although the comparison found
breaking changes (judged after every other rule), a component schema dropped (operations
that used it report their own changes), a server added or removed (deployment, not
contract: a document that stops naming a URL does not switch it off). Servers are compared
for the document and, where a path or operation declares its own, for that operation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from versioning.rules.define import define
from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from versioning.diff.model import OperationDiff, SpecDiff
    from versioning.findings import Level
    from versioning.rules.emit import Emitter
    from versioning.rules.registry import RuleInfo
    from versioning.spec.model import Operation, Spec

__all__ = ["RULES", "check_document", "check_versioning"]

_DECLARED: list[RuleInfo] = []
"""Filled while this module loads, by the declarations below; frozen into :data:`RULES`."""


_SEMVER_WHY = (
    "It does not change requests or responses, but a semantic version promises that breaking"
    " changes come with a new major version. Information only, as in oasdiff: raise its"
    " level to enforce the policy. Versions that are not semantic versions (dates, `v1`) are"
    " not judged."
)


def _rule(rule_id: str, level: Level, **parts: Any) -> None:
    _DECLARED.append(
        define(
            rule_id,
            level,
            direction="none",
            area=parts.pop("area", "info"),
            family="document",
            kind=parts.pop("kind", "lifecycle"),
            **parts,
        )
    )


_rule(
    "api-version-not-bumped",
    "info",
    action="change",
    message="the document has breaking changes but its version stayed {before}",
    what="The comparison found errors and the semantic `info.version` did not change.",
    why=_SEMVER_WHY,
    example=("info: {version: 2.1.0}", "info: {version: 2.1.0} (with a breaking change)"),
)
_rule(
    "api-version-decreased",
    "info",
    action="decrease",
    message="the document has breaking changes and its version went down from {before} to {after}",
    what="The comparison found errors and the semantic `info.version` went down.",
    why=_SEMVER_WHY,
    example=("info: {version: 2.1.0}", "info: {version: 2.0.0} (with a breaking change)"),
)
_rule(
    "api-major-version-not-bumped",
    "info",
    action="increase",
    message="the document has breaking changes but its major version stayed at {before}",
    what="The comparison found errors and only the minor or patch part of the semantic"
    " `info.version` went up.",
    why=_SEMVER_WHY,
    example=("info: {version: 2.1.0}", "info: {version: 2.2.0} (with a breaking change)"),
)
_rule(
    "api-schema-removed",
    "info",
    action="remove",
    area="components",
    kind="existence",
    message="component schema {name} was removed",
    what="A schema of `components.schemas` was removed.",
    why="It does not by itself: every operation that used it reports its own changes; code"
    " generated from the old document loses a type.",
    example=("components: {schemas: {Card, Bank}}", "components: {schemas: {Card}}"),
)
_rule(
    "api-server-added",
    "info",
    action="add",
    area="servers",
    kind="existence",
    message="server {name} was added",
    what="A server URL was added (to the document, a path or an operation).",
    why="It does not: clients keep using the server they are configured with.",
    example=(
        "servers: [{url: https://api.example.com}]",
        "servers: [{url: https://api.example.com}, {url: https://eu.api.example.com}]",
    ),
)
_rule(
    "api-server-removed",
    "info",
    action="remove",
    area="servers",
    kind="existence",
    message="server {name} was removed",
    what="A server URL was removed (from the document, a path or an operation).",
    why="It does not by itself: a server is where the API is deployed, not what it accepts or"
    " returns, and removing it from the document does not switch it off; clients configured"
    " with the URL should review where they connect.",
    example=(
        "servers: [{url: https://api.example.com}, {url: https://old.example.com}]",
        "servers: [{url: https://api.example.com}]",
    ),
)

_SEMVER = re.compile(
    r"v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?"
)


def _semver(version: str) -> tuple[int, int, int] | None:
    """``2.10.1`` → ``(2, 10, 1)``; ``None`` for anything that is not a semantic version."""
    found = _SEMVER.fullmatch(version.strip())
    if found is None:
        return None
    return int(found[1]), int(found[2]), int(found[3])


def check_versioning(diff: SpecDiff, emitter: Emitter) -> None:
    """After every other rule: breaking changes without a new major (semantic) version."""
    if not any(finding.level == "error" for finding in emitter.findings()):
        return
    before, after = diff.base.version, diff.revision.version
    old, new = _semver(before), _semver(after)
    if old is None or new is None:
        return
    place = {"operation": None, "base": "/info/version", "revision": "/info/version"}
    if new == old:
        emitter.emit("api-version-not-bumped", before=before, **place)
    elif new < old:
        emitter.emit("api-version-decreased", before=before, after=after, **place)
    elif new[0] == old[0]:
        emitter.emit("api-major-version-not-bumped", before=before, **place)


def _check_schemas(diff: SpecDiff, emitter: Emitter) -> None:
    for name in diff.base.schemas:
        if name not in diff.revision.schemas:
            emitter.emit(
                "api-schema-removed",
                operation=None,
                name=name,
                base="/components/schemas" + join_pointer([name]),
            )


def _servers(node: Any) -> list[str]:
    servers = node.get("servers") if isinstance(node, dict) else None
    if not isinstance(servers, list):
        return []
    return [s["url"] for s in servers if isinstance(s, dict) and isinstance(s.get("url"), str)]


def _compare_servers(
    before: list[str], after: list[str], place: tuple[str | None, str, str], emitter: Emitter
) -> None:
    operation, base_at, revision_at = place
    for url in before:
        if url not in after:
            emitter.emit(
                "api-server-removed",
                operation=operation,
                name=url,
                base=base_at,
                revision=revision_at,
            )
    for url in after:
        if url not in before:
            emitter.emit(
                "api-server-added",
                operation=operation,
                name=url,
                base=base_at,
                revision=revision_at,
            )


def _own_servers(spec: Spec, operation: Operation) -> tuple[list[str], str] | None:
    """The servers an operation (or its path item) declares, and where; ``None``: none."""
    item_pointer = operation.pointer.rsplit("/", 1)[0]
    for node, pointer in ((operation.pointer, operation.pointer), (item_pointer, item_pointer)):
        servers = _servers(_node(spec, node))
        if servers:
            return servers, f"{pointer}/servers"
    return None


def _node(spec: Spec, pointer: str) -> Any:
    try:
        return spec.resolve("#" + pointer)
    except LookupError:
        return None


def _check_operation_servers(operation: OperationDiff, diff: SpecDiff, emitter: Emitter) -> None:
    if operation.base is None or operation.revision is None:
        return
    old = _own_servers(diff.base, operation.base)
    new = _own_servers(diff.revision, operation.revision)
    if old is None and new is None:
        return
    document_before, document_after = _servers(diff.base.document), _servers(diff.revision.document)
    before, base_at = old or (document_before, "/servers")
    after, revision_at = new or (document_after, "/servers")
    _compare_servers(before, after, (operation.key, base_at, revision_at), emitter)


def check_document(diff: SpecDiff, emitter: Emitter) -> None:
    """Removed component schemas, and servers of the document and operations."""
    _check_schemas(diff, emitter)
    _compare_servers(
        _servers(diff.base.document),
        _servers(diff.revision.document),
        (None, "/servers", "/servers"),
        emitter,
    )
    for operation in diff.operations:
        _check_operation_servers(operation, diff, emitter)


RULES: tuple[RuleInfo, ...] = tuple(_DECLARED)
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
