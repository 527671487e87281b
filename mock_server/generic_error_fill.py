"""Fill an error body the spec declares with what went wrong: message, code, status, errors.

Specs name their error fields differently (``message``, ``detail``, ``errorCode``, ``code``,
``status``, ``errors: [{field, message}]`` …), so the fields are recognised by name and
filled only where the schema takes the kind of value (a string for a message, a code only
where an ``enum`` allows it). Each fill is a separate step, so a caller can keep the ones
that leave the body valid.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, NamedTuple

from versioning.samples import sample_value

if TYPE_CHECKING:
    from collections.abc import Callable

    from mock_server.problems import ApiError
    from versioning.spec.model import Spec

__all__ = ["Fill", "apply_fills", "error_fills"]

_MESSAGE = frozenset(
    {
        "message",
        "detail",
        "details",
        "description",
        "errormessage",
        "errordescription",
        "msg",
        "reason",
        "errordetail",
        "title",
        "error",
    }
)
_CODE = frozenset({"code", "errorcode", "type", "errortype", "category", "kind", "error"})
_STATUS = frozenset({"status", "statuscode", "httpstatus", "httpstatuscode", "httpcode"})
_LIST = frozenset({"errors", "details", "violations", "problems", "issues", "fielderrors"})
_POINTER = frozenset({"pointer", "field", "param", "parameter", "path", "location", "source"})
_PARAM = frozenset({"param", "parameter", "field", "pointer"})
"""Top-level names that take the first problem's pointer when no list carries them (Stripe)."""
_SHOWN = 5
"""Problems spelled out in a message when the schema has no list for them."""
_DEPTH = 4
"""How deep error envelopes are searched (``{"error": {"details": [{"field"}]}}`` is 3)."""


class Fill(NamedTuple):
    """One field to set: where (keys and indexes from the top) and the value."""

    path: tuple[str | int, ...]
    value: Any


def _key(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


class _Walker:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def resolve(self, schema: Any) -> dict[str, Any]:
        """``schema`` with ``$ref``s followed and ``allOf`` properties merged (one level)."""
        for _ in range(16):
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                break
            try:
                schema = self.spec.resolve(schema["$ref"])
            except (LookupError, ValueError):
                return {}
        if not isinstance(schema, dict):
            return {}
        branches = schema.get("allOf")
        if not isinstance(branches, list):
            return schema
        merged = dict(schema)
        properties = dict(schema.get("properties") or {})
        for branch in branches:
            resolved = self.resolve(branch) if branch is not schema else {}
            own = resolved.get("properties")
            if isinstance(own, dict):
                properties = {**own, **properties}
            if "type" in resolved and "type" not in merged:
                merged["type"] = resolved["type"]
        merged["properties"] = properties
        return merged

    def kind(self, schema: dict[str, Any]) -> str | None:
        declared = schema.get("type")
        if isinstance(declared, list):
            declared = next((item for item in declared if item != "null"), None)
        if isinstance(declared, str):
            return declared
        if "properties" in schema:
            return "object"
        return "array" if "items" in schema else None


def _text(text: str, schema: dict[str, Any]) -> str:
    limit = schema.get("maxLength")
    if isinstance(limit, int) and limit >= 0:
        return text[:limit]
    return text


def _scalar_fill(
    role: str, schema: dict[str, Any], kind: str | None, error: ApiError, message: str
) -> Any:
    """The value for a recognised field, or ``None`` when the schema does not take one."""
    enum = schema.get("enum")
    if role == "status":
        if kind in {"integer", "number"}:
            return error.status
        if kind == "string" and (not isinstance(enum, list) or str(error.status) in enum):
            return str(error.status)
        return None
    if kind != "string" or "format" in schema:
        return None
    value = message if role == "message" else error.code
    if isinstance(enum, list):
        return value if value in enum else None
    return _text(value, schema)


def _free_text(schema: dict[str, Any], kind: str | None) -> bool:
    return kind == "string" and "enum" not in schema and "format" not in schema


def _role(name: str) -> str | None:
    key = _key(name)
    if key in _STATUS:
        return "status"
    if key in _MESSAGE:
        return "message"
    if key in _CODE:
        return "code"
    return None


class _Filler:
    def __init__(self, spec: Spec, error: ApiError) -> None:
        self.walker = _Walker(spec)
        self.error = error
        self.fills: list[Fill] = []
        self.listed = False  # a list field carries the problems
        self.messages: list[tuple[int, dict[str, Any]]] = []  # message fills, their schemas
        self.params: list[Fill] = []  # pointer fields, used only when nothing is listed

    def object(self, schema: Any, value: Any, path: tuple[str | int, ...], depth: int) -> None:
        resolved = self.walker.resolve(schema)
        properties = resolved.get("properties")
        if not isinstance(value, dict) or not isinstance(properties, dict) or depth > _DEPTH:
            return
        for name, sub in properties.items():
            child = self.walker.resolve(sub)
            kind = self.walker.kind(child)
            where = (*path, name)
            if kind == "object" and (name in value or _key(name) in {"error", "errors"}):
                self.fills.append(Fill(where, value.get(name, {})))
                self.object(child, value.get(name, {}), where, depth + 1)
                continue
            if kind == "array" and _key(name) in _LIST and self.error.errors:
                self.list(child, where, depth)
                continue
            role = _role(name)
            if role is None:
                if self.error.errors and _key(name) in _PARAM and _free_text(child, kind):
                    self.params.append(Fill(where, _text(self.error.errors[0].pointer, child)))
                continue
            filled = _scalar_fill(role, child, kind, self.error, self.error.detail)
            if filled is not None:
                if role == "message" and filled == _text(self.error.detail, child):
                    self.messages.append((len(self.fills), child))
                self.fills.append(Fill(where, filled))

    def list(self, schema: dict[str, Any], path: tuple[str | int, ...], depth: int) -> None:
        items = self.walker.resolve(schema.get("items"))
        properties = items.get("properties")
        if self.walker.kind(items) != "object" or not isinstance(properties, dict):
            return
        self.fills.append(Fill(path, []))
        self.listed = True
        sampled = sample_value(items, self.walker.spec, direction="response", optional_depth=0)
        for index, violation in enumerate(self.error.errors[:20]):
            item: dict[str, Any] = copy.deepcopy(sampled) if isinstance(sampled, dict) else {}
            for name, sub in properties.items():
                child = self.walker.resolve(sub)
                kind = self.walker.kind(child)
                if _key(name) in _POINTER and kind == "string" and "enum" not in child:
                    item[name] = _text(violation.pointer, child)
                    continue
                role = _role(name)
                message = violation.message
                filled = _scalar_fill(role, child, kind, self.error, message) if role else None
                if filled is not None:
                    item[name] = filled
            self.fills.append(Fill((*path, index), item))
        del depth


def error_fills(schema: Any, base: Any, spec: Spec, error: ApiError) -> list[Fill]:
    """The fields of ``base`` (a value of ``schema``) that can carry ``error``, outermost first."""
    filler = _Filler(spec, error)
    filler.object(schema, base, (), 0)
    if not error.errors or filler.listed:
        return filler.fills
    # No list to point at: the message spells the problems out ("see errors" would point
    # at nothing), and a `param`-like field names the first one.
    summary = _summary(error)
    fills = list(filler.fills)
    for index, child in filler.messages:
        fills[index] = Fill(fills[index].path, _text(summary, child))
    return [*fills, *filler.params]


def _summary(error: ApiError) -> str:
    """``error``'s detail with its first problems spelled out, for a schema without a list."""
    shown = "; ".join(
        f"{violation.pointer or '/'}: {violation.message.rstrip('.')}"
        for violation in error.errors[:_SHOWN]
    )
    more = len(error.errors) - _SHOWN
    head = error.detail.removesuffix("; see errors.").removesuffix(".")
    return f"{head}: {shown}{f'; and {more} more' if more > 0 else ''}."


def _child(parent: Any, step: str | int) -> Any:
    if isinstance(parent, dict) and isinstance(step, str):
        return parent.get(step)
    if isinstance(parent, list) and isinstance(step, int) and step < len(parent):
        return parent[step]
    return None


def apply_fills(base: Any, fills: list[Fill], keep: Callable[[Fill], bool] | None = None) -> Any:
    """A copy of ``base`` with ``fills`` set (those ``keep`` accepts, when given).

    A fill whose parent is missing (left out earlier) is skipped.
    """
    value = copy.deepcopy(base)
    for fill in fills:
        if keep is not None and not keep(fill):
            continue
        parent: Any = value
        for step in fill.path[:-1]:
            parent = _child(parent, step)
        last = fill.path[-1]
        if isinstance(parent, dict) and isinstance(last, str):
            if fill.value == {} and isinstance(parent.get(last), dict):
                continue  # keep the generated object: fills of its fields follow
            parent[last] = copy.deepcopy(fill.value)
        elif isinstance(parent, list) and isinstance(last, int) and last == len(parent):
            parent.append(copy.deepcopy(fill.value))
    return value
