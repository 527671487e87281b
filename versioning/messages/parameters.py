"""Parameter values to and from the text HTTP carries, by OpenAPI's ``style``/``explode`` rules.

Supported styles (OpenAPI 3.1, "Style Values"): ``simple`` (path, header), ``label`` and
``matrix`` (path), ``form`` (query, cookie; exploded or not), ``spaceDelimited`` and
``pipeDelimited`` (query arrays), ``deepObject`` (query objects). A parameter with
``content`` carries JSON. Object-valued query parameters whose members are other query names
(exploded ``form``, ``deepObject``) are gathered by :func:`query_members`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from versioning.messages.forms import unflatten_form
from versioning.messages.scalars import read_text, read_values, schema_types, sub_schema

if TYPE_CHECKING:
    from versioning.spec.model import Parameter, Spec

__all__ = [
    "ParameterDecoder",
    "ParameterError",
    "decode_parameter",
    "encode_parameter",
    "parameter_schema",
    "parameter_style",
    "query_members",
    "scalar_text",
]


class ParameterError(ValueError):
    """A parameter's text cannot be read in its declared style."""


def parameter_schema(parameter: Parameter) -> Any:
    """The schema of a parameter: its ``schema``, else its first ``content`` entry's, else any."""
    if parameter.schema is not None:
        return parameter.schema
    for media in parameter.content.values():
        if media.schema is not None:
            return media.schema
    return True


def parameter_style(parameter: Parameter) -> tuple[str, bool]:
    """The parameter's ``style`` and ``explode``, with OpenAPI's defaults filled in."""
    default_style = "form" if parameter.location in ("query", "cookie") else "simple"
    style = parameter.style or default_style
    explode = parameter.explode if parameter.explode is not None else style == "form"
    return style, explode


def scalar_text(value: Any) -> str:
    """A scalar as it travels in a URL or header: ``true``, ``42``, ``1.5``, text as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


_DELIMITERS = {"spaceDelimited": " ", "pipeDelimited": "|"}


def encode_parameter(parameter: Parameter, value: Any) -> list[tuple[str, str]]:
    """``(name, text)`` pairs carrying ``value``; a query array may repeat its name."""
    name = parameter.name
    if parameter.content:
        return [(name, json.dumps(value, separators=(",", ":"), ensure_ascii=False))]
    style, explode = parameter_style(parameter)
    if isinstance(value, list):
        texts = [scalar_text(item) for item in value]
        if parameter.location == "query" and style == "form" and explode:
            return [(name, text) for text in texts]
        return [(name, _join_items(style, explode, name, texts))]
    if isinstance(value, dict):
        if style == "deepObject":
            return [(f"{name}[{key}]", scalar_text(item)) for key, item in value.items()]
        if parameter.location == "query" and style == "form" and explode:
            return [(key, scalar_text(item)) for key, item in value.items()]
        pairs = [(str(key), scalar_text(item)) for key, item in value.items()]
        return [(name, _join_members(style, explode, name, pairs))]
    return [(name, _prefix(style, name, scalar_text(value)))]


def _join_items(style: str, explode: bool, name: str, texts: list[str]) -> str:
    """An array as OpenAPI's style table writes it (``.1.2``, ``;id=1;id=2``, ``1|2`` …)."""
    if style == "label":
        return "." + ("." if explode else ",").join(texts)
    if style == "matrix":
        if explode:
            return "".join(f";{name}={text}" for text in texts) or f";{name}"
        return f";{name}=" + ",".join(texts) if texts else f";{name}"
    return _DELIMITERS.get(style, ",").join(texts)


def _join_members(style: str, explode: bool, name: str, pairs: list[tuple[str, str]]) -> str:
    """An object as the style table writes it (``.R=1.G=2``, ``;R=1;G=2``, ``R,1,G,2`` …)."""
    exploded = [f"{key}={text}" for key, text in pairs]
    flat = ",".join(f"{key},{text}" for key, text in pairs)
    if style == "label":
        return "." + (".".join(exploded) if explode else flat)
    if style == "matrix":
        return "".join(f";{member}" for member in exploded) if explode else f";{name}={flat}"
    return ",".join(exploded) if explode else flat


def _prefix(style: str, name: str, text: str) -> str:
    if style == "label":
        return "." + text
    if style == "matrix":
        return f";{name}={text}"
    return text


def _strip_prefix(style: str, name: str, text: str) -> str:
    if style == "label":
        return text.removeprefix(".")
    if style == "matrix":
        return text.removeprefix(f";{name}=")
    return text


def _split_items(style: str, explode: bool, name: str, text: str) -> list[str]:
    """The item texts of an array written in ``style`` (the inverse of :func:`_join_items`)."""
    if style == "label":
        body = text.removeprefix(".")
        return body.split("." if explode else ",") if body else []
    if style == "matrix":
        if explode:
            return [part.partition("=")[2] for part in text.split(";") if part]
        body = text.removeprefix(f";{name}=")
        return body.split(",") if body and body != f";{name}" else []
    return text.split(_DELIMITERS.get(style, ",")) if text else []


def _member_texts(style: str, explode: bool, name: str, text: str) -> tuple[str, bool]:
    """The members' text of an object in ``style``, and whether they are ``k=v`` pairs."""
    if style == "label":
        body = text.removeprefix(".")
        return (body.replace(".", ",") if explode else body), explode
    if style == "matrix":
        if explode:
            return ",".join(part for part in text.split(";") if part), True
        return text.removeprefix(f";{name}="), False
    return text, explode


def _object_from_text(text: str, explode: bool) -> dict[str, str]:
    parts = text.split(",") if text else []
    if explode:
        return dict(part.partition("=")[::2] for part in parts)
    if len(parts) % 2:
        msg = f"{text!r} is not a list of name,value pairs"
        raise ParameterError(msg)
    return dict(zip(parts[::2], parts[1::2], strict=True))


def decode_parameter(parameter: Parameter, texts: list[str], spec: Spec) -> Any:
    """The typed value ``texts`` carry for ``parameter`` (the inverse of :func:`encode_parameter`).

    ``texts`` are the parameter's raw values (a repeated query name gives several).

    Raises:
        ParameterError: The text cannot be read in the parameter's style.
    """
    return ParameterDecoder(parameter, spec).decode(texts)


class ParameterDecoder:
    """:func:`decode_parameter` for one parameter, with its schema's types worked out once.

    The server decodes every parameter of every request: reading the schema again each time
    (``$ref`` chains, combinators) would cost more than the decoding itself.
    """

    __slots__ = (
        "_array",
        "_explode",
        "_item_types",
        "_object",
        "_parameter",
        "_prefixed",
        "_schema",
        "_spec",
        "_style",
        "_text",
        "_types",
    )

    def __init__(self, parameter: Parameter, spec: Spec) -> None:
        """Read ``parameter``'s schema types, style and ``explode`` once."""
        self._parameter = parameter
        self._spec = spec
        self._schema = parameter_schema(parameter)
        self._types = schema_types(self._schema, spec)
        self._style, self._explode = parameter_style(parameter)
        self._prefixed = self._style in {"label", "matrix"}
        self._text = self._types[:1] in {(), ("string",)}
        """Nothing but text to read: the value is the text itself."""
        self._array = "array" in self._types
        self._object = "object" in self._types and set(self._types) <= {"object", "null"}
        self._item_types = (
            schema_types(sub_schema(self._schema, "0", spec), spec) if self._array else ()
        )

    def decode(self, texts: list[str]) -> Any:
        """The typed value ``texts`` carry (see :func:`decode_parameter`).

        Raises:
            ParameterError: The text cannot be read in the parameter's style.
        """
        parameter = self._parameter
        if parameter.content:
            try:
                return json.loads(texts[0])
            except ValueError:
                return texts[0]
        style, explode = self._style, self._explode
        if self._array:
            if parameter.location == "query" and style == "form" and explode:
                parts = texts
            else:
                parts = _split_items(style, explode, parameter.name, ",".join(texts))
                if parameter.location == "header":
                    parts = [part.strip() for part in parts]
            return [read_text(part, self._item_types) for part in parts]
        if self._object and texts[0]:
            members_text, pairs = _member_texts(style, explode, parameter.name, texts[0])
            members = _object_from_text(members_text, pairs and style != "form")
            return read_values(members, self._schema, self._spec)
        text = _strip_prefix(style, parameter.name, texts[0]) if self._prefixed else texts[0]
        if self._text:
            return text
        return read_text(text, self._types)


def query_members(
    parameter: Parameter, query: dict[str, list[str]], spec: Spec, free: set[str]
) -> tuple[bool, Any]:
    """The object a ``deepObject`` or exploded ``form`` query parameter gathers.

    ``deepObject`` takes the ``name[…]`` keys; exploded ``form`` takes the query names no
    other parameter declares (``free``), which are removed from ``free``.

    Returns:
        Whether any member was sent, and the object.
    """
    schema = parameter_schema(parameter)
    style, _ = parameter_style(parameter)
    plain = query.get(parameter.name)
    if plain:  # sent as itself: Stripe's created=1650000000 beside created[gte]=…
        scalars = tuple(kind for kind in schema_types(schema, spec) if kind != "object")
        if scalars:
            return True, read_text(plain[0], scalars)
    if style == "deepObject":
        prefix = parameter.name + "["
        pairs = [
            ("root" + key[len(parameter.name) :], value)
            for key, values in query.items()
            if key.startswith(prefix)
            for value in values
        ]
        if not pairs:
            return False, None
        wrapper = {"type": "object", "properties": {"root": schema}}
        return True, read_values(unflatten_form(pairs, wrapper, spec)["root"], schema, spec)
    members = {name: query[name][0] for name in sorted(free) if query.get(name)}
    free.difference_update(members)
    if not members:
        return False, None
    return True, read_values(members, schema, spec)
