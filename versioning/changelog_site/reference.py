"""A version's API reference as one self-contained HTML page: nothing loaded from a CDN.

Per operation: its parameters, request and response schemas (``$ref`` followed, cycles and
depth cut off with the schema's name), its examples, and its deprecation and sunset markers;
at the top, the version's own dates and the changes declared since the previous version.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from versioning.changelog_site.html_parts import json_block, page, prose, text
from versioning.changelog_site.pages import page_name
from versioning.changelog_site.try_it import TRY_IT_NAME, try_it_form

if TYPE_CHECKING:
    from versioning.catalog import Catalog
    from versioning.report.changelog_format import VersionChanges
    from versioning.spec.model import MediaType, Operation, Parameter, Spec

__all__ = ["operation_anchor", "reference_page", "schema_anchor"]

_DEEPEST = 5
"""Schemas nested deeper are shown by name only: a reference, not a dump."""

_FACETS = (
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "default",
)


def operation_anchor(key: str) -> str:
    """The fragment id of an operation's section: ``op-post-checkouts``."""
    return "op-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _type_words(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    words = " | ".join(str(k) for k in kind) if isinstance(kind, list) else str(kind or "")
    if schema.get("nullable") is True:
        words += " | null"
    facets = [f"{name} {schema[name]!r}" for name in _FACETS if name in schema]
    if "enum" in schema and isinstance(schema["enum"], list):
        facets.append("one of " + ", ".join(repr(value) for value in schema["enum"]))
    if "const" in schema:
        facets.append(f"always {schema['const']!r}")
    out = f"<em>{text(words)}</em>" if words else ""
    if facets:
        out += f" <small>({text('; '.join(facets))})</small>"
    if schema.get("deprecated") is True:
        out += ' <span class="badge deprecated">deprecated</span>'
    return out


def schema_anchor(name: str) -> str:
    """The fragment id of a named schema's section: ``schema-Checkout``."""
    return "schema-" + re.sub(r"[^A-Za-z0-9_-]+", "-", name)


def _schema(spec: Spec, schema: Any, depth: int = 0) -> str:
    """A schema as nested lists: type and facets, then properties, items or alternatives.

    A named component schema is a link to its own section, so each is written once.
    """
    if not isinstance(schema, dict):
        return "<em>any</em>" if schema is True else ""
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        if ref.startswith("#/components/schemas/") and name in spec.schemas:
            return f'<a href="#{schema_anchor(name)}"><code>{text(name)}</code></a>'
        if depth >= _DEEPEST:
            return f"<code>{text(name)}</code>"
        try:
            resolved = spec.resolve_schema(schema)
        except (LookupError, ValueError):
            return f"<code>{text(name)}</code>"
        return _schema(spec, resolved, depth + 1) if resolved is not schema else text(name)
    parts = [_type_words(schema)]
    if isinstance(schema.get("description"), str):
        parts.append(f" — {prose(schema['description'])}")
    listed = schema.get("required")
    required: list[Any] = listed if isinstance(listed, list) else []
    properties = schema.get("properties")
    if isinstance(properties, dict) and properties and depth < _DEEPEST:
        rows = [
            f"<li><code>{text(prop)}</code>"
            + (" <strong>required</strong>" if prop in required else "")
            + f" {_schema(spec, sub, depth + 1)}</li>"
            for prop, sub in properties.items()
        ]
        parts.append(f'<ul class="schema">{"".join(rows)}</ul>')
    if isinstance(schema.get("items"), dict) and depth < _DEEPEST:
        parts.append(f" of: {_schema(spec, schema['items'], depth + 1)}")
    for word, key in (("all of", "allOf"), ("one of", "oneOf"), ("any of", "anyOf")):
        options = schema.get(key)
        if isinstance(options, list) and options and depth < _DEEPEST:
            rows = [f"<li>{_schema(spec, option, depth + 1)}</li>" for option in options]
            parts.append(f'<div>{word}:<ul class="schema">{"".join(rows)}</ul></div>')
    return "".join(parts)


def _schemas(spec: Spec) -> str:
    """Every named component schema, once, for the operations' links."""
    if not spec.schemas:
        return ""
    sections = "".join(
        f'<section class="operation" id="{schema_anchor(name)}"><h3><code>{text(name)}'
        f"</code></h3>{_schema(spec, schema)}</section>"
        for name, schema in sorted(spec.schemas.items())
    )
    return f'<h2 id="schemas">Schemas</h2>{sections}'


def _parameters(spec: Spec, parameters: tuple[Parameter, ...]) -> str:
    if not parameters:
        return ""
    rows = []
    for parameter in parameters:
        marks = " <strong>required</strong>" if parameter.required else ""
        if parameter.deprecated:
            marks += ' <span class="badge deprecated">deprecated</span>'
        described = prose(parameter.description) if parameter.description else ""
        rows.append(
            f"<tr><td><code>{text(parameter.name)}</code>{marks}</td>"
            f"<td>{text(parameter.location)}</td>"
            f"<td>{_schema(spec, parameter.schema)}</td><td>{described}</td></tr>"
        )
    return (
        '<h4>Parameters</h4><table><thead><tr><th scope="col">Name</th><th scope="col">In'
        '</th><th scope="col">Schema</th><th scope="col">Description</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _content(spec: Spec, content: dict[str, MediaType]) -> str:
    parts = []
    for name, media in content.items():
        parts.append(f"<p><code>{text(name)}</code></p>")
        if media.schema is not None:
            parts.append(f"<div>{_schema(spec, media.schema)}</div>")
        for example_name, value in list(media.examples.items())[:2]:
            parts.append(
                f"<details><summary>Example {text(example_name)}</summary>"
                f"{json_block(value)}</details>"
            )
    return "".join(parts)


def _operation(spec: Spec, operation: Operation, try_it: str = "") -> str:
    marks = ""
    if operation.deprecated:
        marks += ' <span class="badge deprecated">deprecated</span>'
    if operation.sunset:
        marks += f' <span class="badge sunset">sunset {text(operation.sunset)}</span>'
    parts = [
        f'<section class="operation" id="{operation_anchor(operation.key)}"><h3>'
        f'<span class="method">{text(operation.method)}</span> <code>{text(operation.path)}'
        f"</code>{marks}</h3>"
    ]
    if operation.summary:
        parts.append(f"<p><strong>{text(operation.summary)}</strong></p>")
    if operation.description:
        parts.append(f"<p>{prose(operation.description)}</p>")
    parts.append(_parameters(spec, operation.parameters))
    if operation.request_body is not None:
        required = " (required)" if operation.request_body.required else ""
        parts.append(f"<h4>Request body{required}</h4>")
        parts.append(_content(spec, operation.request_body.content))
    parts.append("<h4>Responses</h4>")
    for status, response in operation.responses.items():
        parts.append(
            f"<details><summary><strong>{text(status)}</strong> {prose(response.description)}"
            f"</summary>{_content(spec, response.content)}</details>"
        )
    parts.append(try_it)
    return "".join(parts) + "</section>"


def reference_page(
    catalog: Catalog, entry: VersionChanges, *, title: str, try_it: bool = False
) -> str:
    """The API reference of ``entry``'s version, with what changed since the previous one.

    With ``try_it`` (the mock server's copy), each operation has a form that sends it.
    """
    spec = catalog.specs[entry.version]
    version = catalog.version(entry.version)
    lifecycle = f"Released {version.released}."
    if version.deprecated is not None:
        lifecycle += f' <span class="deprecated">Deprecated {version.deprecated}.</span>'
    if version.sunset is not None:
        lifecycle += (
            f' <span class="sunset">Sunset {version.sunset}: after it, requests answer'
            " <code>410 Gone</code>.</span>"
        )
    body = [
        f"<p>{lifecycle} Send <code>{text(catalog.version_header)}: {text(entry.version)}"
        f'</code> to use this version. <a href="../versions/{page_name(entry.version)}">'
        f"What changed in {text(entry.version)}</a></p>"
    ]
    if entry.older is not None:
        declared = "".join(f"<li>{prose(d)}</li>" for d in entry.descriptions)
        body.append(
            f'<h2 id="changes">Changes since {text(entry.older)}</h2>'
            + (f"<ul>{declared}</ul>" if declared else "<p>No changes declared.</p>")
        )
    toc = "".join(
        f'<li><a href="#{operation_anchor(op.key)}"><span class="method">{text(op.method)}'
        f"</span> <code>{text(op.path)}</code></a>"
        f"{' <small>(deprecated)</small>' if op.deprecated else ''}</li>"
        for op in spec.operations
    )
    body.append(f'<h2 id="operations">Operations</h2><ul>{toc}</ul>')
    for operation in spec.operations:
        form = ""
        if try_it:
            form = try_it_form(
                operation, version=entry.version, version_header=catalog.version_header
            )
        body.append(_operation(spec, operation, form))
    body.append(_schemas(spec))
    return page(
        title=f"{title} {entry.version}: API reference",
        heading=f"{text(spec.title)} {text(entry.version)}: API reference",
        body="".join(body),
        root="../",
        site_title=title,
        script=TRY_IT_NAME if try_it else "",
    )
