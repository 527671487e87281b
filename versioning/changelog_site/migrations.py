"""Migration examples: the spec's own examples, run through the declared translation.

For each operation with breaking changes in a version step, the older version's request
examples are upgraded (what the newer version receives from an old integration) and the newer
version's response examples are downgraded (what the old integration gets back). Only the
examples the step changes are kept, so every example shown is a real before/after pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from versioning.changelog_site.model import Migration, MigrationExample
from versioning.errors import VersioningError
from versioning.translate import ApiRequest, ApiResponse, Translator

if TYPE_CHECKING:
    from versioning.catalog import Catalog
    from versioning.findings import Finding
    from versioning.spec.model import MediaType, Operation, Spec

__all__ = [
    "EXAMPLES_PER_OPERATION",
    "MOST_DIFFERENCES",
    "differences",
    "migrations_between",
    "site_translator",
]

EXAMPLES_PER_OPERATION = 3
"""At most this many examples per operation: a migration note, not a test report."""

_FIXED_KEY = "5f0c2f9e-7d1a-4b8e-9c3d-2a6b8e4f1c07"
"""What ``uuid4`` generates on the site, so that the published pages are reproducible."""

# A converter may need data only a running server has (a lookup) or reject an example the
# older version itself would refuse: such an example is left out, never shown wrong.
_UNTRANSLATABLE = (VersioningError, LookupError, TypeError, ValueError, AttributeError)


def site_translator(catalog: Catalog) -> Translator:
    """The catalog's translator, with generated values fixed so the pages do not churn."""
    return Translator.from_catalog(catalog, generators={"uuid4": lambda: _FIXED_KEY})


def _operation(spec: Spec, key: str | None) -> Operation | None:
    if key is None:
        return None
    method, _, path = key.partition(" ")
    return spec.operation(method, path)


def _first_json(content: dict[str, MediaType]) -> tuple[str, MediaType] | None:
    for name, media in content.items():
        if "json" in name and media.examples:
            return name, media
    return None


def _path_params(operation: Operation) -> dict[str, str]:
    """A value for each path parameter: its example, else its name in angle brackets."""
    values: dict[str, str] = {}
    for parameter in operation.parameters:
        if parameter.location == "path":
            example = next(iter(parameter.examples.values()), None)
            values[parameter.name] = str(example) if example is not None else parameter.name
    return values


MOST_DIFFERENCES = 8
"""Differences listed per example; the before/after pair shows the rest."""


def differences(before: Any, after: Any, pointer: str = "") -> list[str]:
    """Where ``after`` differs from ``before``, by JSON pointer: added, removed or changed."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in [*before, *(key for key in after if key not in before)]:
            here = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key not in after:
                found.append(f"{here}: removed")
            elif key not in before:
                found.append(f"{here}: added")
            else:
                found += differences(before[key], after[key], here)
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            line
            for index, (old, new) in enumerate(zip(before, after, strict=True))
            for line in differences(old, new, f"{pointer}/{index}")
        ]
    return [] if before == after else [f"{pointer or '/'}: changed"]


def _example(
    message: Literal["request", "response"], label: str, before: Any, after: Any
) -> MigrationExample:
    found = differences(before, after)
    shown = found[:MOST_DIFFERENCES]
    if len(found) > MOST_DIFFERENCES:
        shown.append(f"… and {len(found) - MOST_DIFFERENCES} more")
    return MigrationExample(
        message=message, label=label, before=before, after=after, differences=tuple(shown)
    )


def _shown(headers: dict[str, str], body: Any, shown_headers: set[str]) -> Any:
    """The body, or headers and body when the step changes a header."""
    if not shown_headers:
        return body
    kept = {name: headers[name] for name in sorted(shown_headers) if name in headers}
    return {"headers": kept, "body": body}


def _request_examples(
    translator: Translator, older: Operation, older_id: str, newer_id: str
) -> list[MigrationExample]:
    found = _first_json(older.request_body.content) if older.request_body else None
    if found is None:
        return []
    media_type, media = found
    examples: list[MigrationExample] = []
    for name, value in media.examples.items():
        request = ApiRequest(
            operation=older.key,
            path_params=_path_params(older),
            headers={"content-type": media_type},
            body=value,
        )
        try:
            upgraded = translator.upgrade_request(
                request, from_version=older_id, to_version=newer_id
            )
        except _UNTRANSLATABLE:
            continue
        changed = {
            header
            for header in set(request.headers) | set(upgraded.headers)
            if request.headers.get(header) != upgraded.headers.get(header)
        }
        if upgraded.body == request.body and not changed:
            continue
        examples.append(
            _example(
                "request",
                f"request, example {name}",
                _shown(request.headers, request.body, changed),
                _shown(upgraded.headers, upgraded.body, changed),
            )
        )
        break  # one request is enough to show what changes in every request
    return examples


def _status_order(status: str) -> tuple[int, str]:
    """Successes first, then errors: the usual message is the one merchants look for."""
    return (0 if status.startswith("2") else 1, status)


def _response_examples(
    translator: Translator, newer: Operation, older_id: str, newer_id: str
) -> list[MigrationExample]:
    """One changed example per response status, successes first."""
    examples = []
    for status in sorted(newer.responses, key=_status_order):
        found = _first_json(newer.responses[status].content)
        if found is None or not status.isdigit():
            continue
        media_type, media = found
        for name, value in media.examples.items():
            message = ApiResponse(
                status=int(status), headers={"content-type": media_type}, body=value
            )
            try:
                older = translator.downgrade_response(
                    message, operation=newer.key, from_version=newer_id, to_version=older_id
                )
            except _UNTRANSLATABLE:
                continue
            if older.body == message.body and older.status == message.status:
                continue
            label = f"{status} response, example {name}"
            if older.status != message.status:
                label += f" (status {older.status} in {older_id})"
            examples.append(_example("response", label, older.body, message.body))
            break
    return examples


def _keys(
    translator: Translator, operation: str, older: Spec, newer: Spec, ids: tuple[str, str]
) -> tuple[Operation | None, Operation | None]:
    """The operation in the older and the newer version, following declared moves."""
    older_id, newer_id = ids
    try:
        if _operation(newer, operation) is not None:
            older_key = translator.operation_in(
                operation, from_version=newer_id, to_version=older_id
            )
            return _operation(older, older_key), _operation(newer, operation)
        newer_key = translator.operation_in(operation, from_version=older_id, to_version=newer_id)
    except _UNTRANSLATABLE:
        return _operation(older, operation), None
    return _operation(older, operation), _operation(newer, newer_key)


def migrations_between(
    catalog: Catalog,
    translator: Translator,
    *,
    older_id: str,
    newer_id: str,
    findings: tuple[Finding, ...],
) -> tuple[Migration, ...]:
    """One migration note per operation with a breaking finding, in the findings' order."""
    breaking: dict[str, list[str]] = {}
    for finding in findings:
        if finding.level == "error" and finding.operation is not None:
            message = finding.message[:1].upper() + finding.message[1:]
            breaking.setdefault(finding.operation, []).append(message)
    older_spec, newer_spec = catalog.specs[older_id], catalog.specs[newer_id]
    notes = []
    for operation, messages in breaking.items():
        older, newer = _keys(translator, operation, older_spec, newer_spec, (older_id, newer_id))
        examples: list[MigrationExample] = []
        if older is not None and newer is not None:
            examples += _request_examples(translator, older, older_id, newer_id)
            examples += _response_examples(translator, newer, older_id, newer_id)
        notes.append(
            Migration(
                operation=newer.key if newer is not None else operation,
                older_operation=older.key if older is not None else operation,
                breaking=tuple(messages),
                examples=tuple(examples[:EXAMPLES_PER_OPERATION]),
            )
        )
    return tuple(notes)
