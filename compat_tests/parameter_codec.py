"""Parameter values to and from the strings HTTP carries, by OpenAPI's ``style``/``explode`` rules.

Generators encode typed values into path, query and header strings; validators decode them
back to typed values before checking them against the parameter's schema. Supported: the
``simple`` style (path, header), ``form`` (query, exploded or not) and ``deepObject``; other
styles are read as ``simple``.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from compat_tests.schema_keywords import declared_types, resolve_ref

if TYPE_CHECKING:
    from versioning.spec.model import Parameter

__all__ = ["decode_parameter", "encode_parameter", "parameter_schema", "scalar_text"]

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def parameter_schema(parameter: Parameter) -> Any:
    """The schema of a parameter: its ``schema``, else its first ``content`` entry's, else any."""
    if parameter.schema is not None:
        return parameter.schema
    for media in parameter.content.values():
        if media.schema is not None:
            return media.schema
    return True


def scalar_text(value: Any) -> str:
    """A scalar as it travels in a URL or header: ``true``, ``42``, ``1.5``, text as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _style(parameter: Parameter) -> tuple[str, bool]:
    default_style = "form" if parameter.location in ("query", "cookie") else "simple"
    style = parameter.style or default_style
    explode = parameter.explode if parameter.explode is not None else style == "form"
    return style, explode


def encode_parameter(parameter: Parameter, value: Any) -> list[tuple[str, str]]:
    """``(name, text)`` pairs carrying ``value``; a query array may repeat its name."""
    name = parameter.name
    if parameter.content:
        return [(name, json.dumps(value, separators=(",", ":"), ensure_ascii=False))]
    style, explode = _style(parameter)
    if isinstance(value, list):
        if parameter.location == "query" and style == "form" and explode:
            return [(name, scalar_text(item)) for item in value]
        return [(name, ",".join(scalar_text(item) for item in value))]
    if isinstance(value, dict):
        if style == "deepObject":
            return [(f"{name}[{key}]", scalar_text(item)) for key, item in value.items()]
        if parameter.location == "query" and style == "form" and explode:
            return [(key, scalar_text(item)) for key, item in value.items()]
        joiner = "=" if explode else ","
        return [
            (name, ",".join(f"{key}{joiner}{scalar_text(item)}" for key, item in value.items()))
        ]
    return [(name, scalar_text(value))]


def _scalar(text: str, types: tuple[str, ...]) -> Any:
    """The first reading of ``text`` the types allow (numbers before strings)."""
    for json_type in types:
        if json_type == "integer" and _INTEGER.fullmatch(text):
            return int(text)
        if json_type == "number" and _NUMBER.fullmatch(text):
            return int(text) if _INTEGER.fullmatch(text) else float(text)
        if json_type == "boolean" and text in ("true", "false"):
            return text == "true"
        if json_type == "null" and text in ("", "null"):
            return None
    return text


def _types_of(schema: Any, root: Any) -> tuple[str, ...]:
    seen: set[str] = set()
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        if schema["$ref"] in seen:
            break
        seen.add(schema["$ref"])
        schema = resolve_ref(root, schema["$ref"])
    if not isinstance(schema, dict):
        return ("string",)
    for combinator in ("allOf", "anyOf", "oneOf"):
        if combinator in schema and "type" not in schema:
            return tuple(t for branch in schema[combinator] for t in _types_of(branch, root))
    order = ("integer", "number", "boolean", "array", "object", "null", "string")
    found = declared_types(schema)
    return tuple(sorted(found, key=order.index)) if found else ("string",)


def _item_schema(schema: Any, root: Any) -> Any:
    while isinstance(schema, dict) and set(schema) >= {"$ref"} and "items" not in schema:
        schema = resolve_ref(root, schema["$ref"])
    return schema.get("items", True) if isinstance(schema, dict) else True


def decode_parameter(parameter: Parameter, texts: list[str], root: Any) -> Any:
    """The typed value ``texts`` carry for ``parameter`` (the inverse of :func:`encode_parameter`).

    Object-valued query parameters (exploded ``form``, ``deepObject``) are not decoded here:
    their keys are other query names, so the caller collects them.
    """
    schema = parameter_schema(parameter)
    if parameter.content:
        try:
            return json.loads(texts[-1])
        except ValueError:
            return texts[-1]
    types = _types_of(schema, root)
    style, explode = _style(parameter)
    if "array" in types:
        if parameter.location == "query" and style == "form" and explode:
            parts = texts
        else:
            parts = texts[-1].split(",") if texts[-1] else []
        item_types = _types_of(_item_schema(schema, root), root)
        return [_scalar(part, item_types) for part in parts]
    if "object" in types and texts and texts[-1]:
        pairs = texts[-1].split(",")
        if explode:
            return dict(pair.partition("=")[::2] for pair in pairs)
        return dict(zip(pairs[::2], pairs[1::2], strict=False))
    return _scalar(texts[-1], types)
