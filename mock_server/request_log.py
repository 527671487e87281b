"""The request log: every API call of a merchant, recorded without secrets (issue 17).

A record holds when, which version and operation, the status, the latency, the
idempotency key, the *names* of the body's fields (as dotted paths the compatibility rules
print: ``amount.currency``, ``items[].name``; a key the schema does not declare is ``*``, so
no name a client made up is kept) and what deprecated it touched (the operation, fields whose
schema says ``deprecated: true``). Never a value, a header or a credential.

Recording must not slow the API: the server appends records to an in-process buffer, and
the buffer is written in one batch (one transaction) when it holds :data:`BATCH` records or
:data:`FLUSH_SECONDS` after its first record, whichever comes first. Each merchant keeps its
newest ``keep`` records (``VERSIONGATE_REQUEST_LOG_LIMIT``, default
:data:`DEFAULT_REQUEST_LOG_LIMIT`; ``0`` records nothing).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import TYPE_CHECKING, Any

import msgspec

from versioning.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mock_server.runtime import OperationRuntime, VersionRuntime
    from mock_server.store import Store
    from versioning.spec.model import Spec

__all__ = [
    "BATCH",
    "DEFAULT_REQUEST_LOG_LIMIT",
    "FLUSH_SECONDS",
    "LIMIT_VARIABLE",
    "CallCount",
    "RequestLog",
    "RequestRecord",
    "body_shape",
    "count_calls",
    "field_paths",
    "request_log_limit",
]

DEFAULT_REQUEST_LOG_LIMIT = 10_000
"""Records kept per merchant by default (the newest)."""
LIMIT_VARIABLE = "VERSIONGATE_REQUEST_LOG_LIMIT"
BATCH = 64
"""Records written in one transaction at most; a full buffer is written at once."""
FLUSH_SECONDS = 0.5
"""A record waits at most this long in its worker's buffer before it is written."""
_MOST_FIELDS = 200
"""Field paths kept per record (a huge body keeps its first ones)."""
_DEEPEST = 12
"""Schema levels followed when naming fields (recursive schemas stop here)."""
_LONGEST_KEY = 255
_LOG = logging.getLogger("versiongate.server")


class RequestRecord(msgspec.Struct, frozen=True, kw_only=True):
    """One API call of one merchant, as the request log keeps it."""

    merchant_id: str
    at: float
    """Unix seconds (wall time) when the call was answered."""
    version: str
    operation: str
    """The operation key in the call's version (``"POST /charges"``)."""
    status: int
    latency_ms: float
    idempotency_key: str | None = None
    fields: tuple[str, ...] = ()
    """The body's field paths, names only."""
    deprecated_operation: bool = False
    deprecated_fields: tuple[str, ...] = ()


class CallCount(msgspec.Struct, frozen=True, kw_only=True):
    """How often a merchant called an operation of a version, or sent a deprecated field in it.

    Kept apart from the records and never trimmed, so usage counts stay exact however few
    records a merchant keeps.
    """

    merchant_id: str
    version: str
    operation: str
    field: str = ""
    """A deprecated field sent in the calls; ``""``: the calls themselves."""
    deprecated: bool = False
    """The operation (``field`` empty) or the field is deprecated in that version."""
    calls: int
    last_at: float


def count_calls(records: Iterable[RequestRecord]) -> list[CallCount]:
    """``records`` summed per merchant, version, operation and deprecated field, sorted."""
    sums: dict[tuple[str, str, str, str], list[Any]] = {}  # [deprecated, calls, last_at]
    for record in records:
        at = record.at
        key = (record.merchant_id, record.version, record.operation, "")
        found = sums.get(key)
        if found is None:
            sums[key] = [record.deprecated_operation, 1, at]
        else:
            found[1] += 1
            found[2] = max(found[2], at)
        for field in record.deprecated_fields:  # rare: most calls send none
            key = (record.merchant_id, record.version, record.operation, field)
            found = sums.get(key)
            if found is None:
                sums[key] = [True, 1, at]
            else:
                found[1] += 1
                found[2] = max(found[2], at)
    return [
        CallCount(
            merchant_id=merchant_id,
            version=version,
            operation=operation,
            field=field,
            deprecated=bool(deprecated),
            calls=int(calls),
            last_at=float(last),
        )
        for (merchant_id, version, operation, field), (deprecated, calls, last) in sorted(
            sums.items()
        )
    ]


def request_log_limit(environment: Mapping[str, str] | None = None) -> int:
    """Records kept per merchant: ``$VERSIONGATE_REQUEST_LOG_LIMIT`` or the default.

    Raises:
        UsageError: The variable is not a whole number (0 or more).
    """
    raw = (os.environ if environment is None else environment).get(LIMIT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_REQUEST_LOG_LIMIT
    if not raw.isdigit():
        msg = f"{LIMIT_VARIABLE}={raw[:40]!r} is not a whole number of records (0 or more)"
        raise UsageError(msg)
    return int(raw)


class _Shape:
    """A request schema compiled lazily for naming fields: each node knows its own path.

    Children are compiled on first use and cached, declared properties only: a key the
    schema does not name (any client's ``metadata`` key) maps to one shared ``*`` child, so
    the cache never grows with what clients send.
    """

    __slots__ = (
        "_children",
        "_declared",
        "_depth",
        "_items",
        "_nodes",
        "_spec",
        "_star",
        "deprecated",
        "path",
    )

    def __init__(self, schema: Any, spec: Spec | None, path: str, depth: int) -> None:
        self._spec = spec
        self._depth = depth
        self._nodes = _branches(schema, spec) if spec is not None and depth <= _DEEPEST else []
        self._children: dict[str, _Shape] = {}
        self._declared: dict[str, Any] | None = None
        self._items: _Shape | None = None
        self._star: _Shape | None = None
        self.path = path
        self.deprecated = any(node.get("deprecated") is True for node in self._nodes)

    def _join(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def _first(self, keyword: str) -> Any:
        for node in self._nodes:
            found = node.get(keyword)
            if isinstance(found, dict):
                return found
        return None

    def child(self, key: str) -> _Shape:
        """The shape of member ``key`` (``*`` when the schema does not declare it)."""
        found = self._children.get(key)
        if found is not None:
            return found
        if self._declared is None:
            self._declared = {}
            for node in self._nodes:
                properties = node.get("properties")
                if isinstance(properties, dict):
                    for name, schema in properties.items():
                        if isinstance(schema, dict):
                            self._declared.setdefault(name, schema)
        schema = self._declared.get(key)
        if schema is None:
            if self._star is None:
                extra = self._first("additionalProperties")
                self._star = _Shape(extra, self._spec, self._join("*"), self._depth + 1)
            return self._star
        found = _Shape(schema, self._spec, self._join(key), self._depth + 1)
        self._children[key] = found
        return found

    def items(self) -> _Shape:
        """The shape of an array's items (paths ``name[].…``)."""
        if self._items is None:
            self._items = _Shape(
                self._first("items"), self._spec, f"{self.path}[]", self._depth + 1
            )
        return self._items


def _branches(schema: Any, spec: Spec) -> list[Mapping[str, Any]]:
    """``schema`` and the schemas its ``allOf``/``anyOf``/``oneOf`` branches stand for."""
    found: list[Mapping[str, Any]] = []
    pending: list[tuple[Any, int]] = [(schema, 0)]
    while pending and len(found) < 64:
        node, level = pending.pop()
        if not isinstance(node, dict) or level > _DEEPEST:
            continue
        try:
            node = spec.resolve_schema(node)
        except LookupError:
            continue
        found.append(node)
        for keyword in ("allOf", "anyOf", "oneOf"):
            branches = node.get(keyword)
            if isinstance(branches, list):
                pending.extend((branch, level + 1) for branch in branches)
    return found


def body_shape(schema: Mapping[str, Any] | None, spec: Spec) -> _Shape:
    """Compile ``schema`` (of ``spec``) into what :func:`field_paths` walks (lazily)."""
    return _Shape(schema, spec, "", 0)


def _walk(value: Any, shape: _Shape, fields: list[str], deprecated: list[str]) -> None:
    """Append the field paths inside ``value`` (and the deprecated ones) in document order."""
    if isinstance(value, dict):
        for key, child in value.items():
            if len(fields) >= _MOST_FIELDS:
                return
            member = shape.child(key)
            fields.append(member.path)
            if member.deprecated:
                deprecated.append(member.path)
            if isinstance(child, dict | list):
                _walk(child, member, fields, deprecated)
    elif isinstance(value, list):
        items = shape.items()
        for item in value:
            if isinstance(item, dict | list):
                _walk(item, items, fields, deprecated)


def field_paths(body: Any, shape: _Shape) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The field paths of ``body`` and those of them the schema marks deprecated."""
    fields: list[str] = []
    deprecated: list[str] = []
    if isinstance(body, dict | list):
        _walk(body, shape, fields, deprecated)
    return tuple(dict.fromkeys(fields)), tuple(dict.fromkeys(deprecated))


def _json_or_none(raw: bytes) -> Any:
    try:
        return msgspec.json.decode(raw)
    except (msgspec.DecodeError, ValueError):
        return None


class RequestLog:
    """Buffers records in this worker and writes them to the store in batches."""

    def __init__(self, store: Store, *, keep: int = DEFAULT_REQUEST_LOG_LIMIT) -> None:
        """Record into ``store``, keeping the newest ``keep`` records of each merchant."""
        self.store = store
        self.keep = keep
        self._pending: list[RequestRecord] = []
        self._shapes: dict[tuple[str, str], _Shape] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._due = 0.0
        """When the timer should have fired by (``perf_counter``), with a margin."""

    def _shape(self, runtime: VersionRuntime, operation: OperationRuntime) -> _Shape:
        cache_key = (runtime.version.id, operation.key)
        shape = self._shapes.get(cache_key)
        if shape is None:
            body = operation.operation.request_body
            schema = None
            for media_type, media in (body.content if body is not None else {}).items():
                if "json" in media_type or schema is None:
                    schema = media.schema
            shape = body_shape(schema, runtime.spec)
            self._shapes[cache_key] = shape
        return shape

    def record(
        self,
        runtime: VersionRuntime,
        operation: OperationRuntime,
        merchant_id: str,
        *,
        status: int,
        started: float,
        headers: Mapping[str, str],
        body: Any,
        raw_body: bytes = b"",
    ) -> None:
        """Buffer one answered call (``started``: its ``time.perf_counter()`` at arrival).

        ``body`` is the validated body; a call refused as invalid (``4xx``) has none, so its
        JSON ``raw_body`` is read for names instead (only then: it costs a second decode).
        """
        latency_ms = (time.perf_counter() - started) * 1000
        if body is None and raw_body and 400 <= status < 500:
            body = _json_or_none(raw_body)
        fields, deprecated = (
            field_paths(body, self._shape(runtime, operation)) if body is not None else ((), ())
        )
        key = headers.get("idempotency-key")
        self._pending.append(
            RequestRecord(
                merchant_id=merchant_id,
                at=time.time(),
                version=runtime.version.id,
                operation=operation.key,
                status=status,
                latency_ms=round(latency_ms, 3),
                idempotency_key=key[:_LONGEST_KEY] if key else None,
                fields=fields,
                deprecated_operation=operation.operation.deprecated,
                deprecated_fields=deprecated,
            )
        )
        if len(self._pending) >= BATCH or (self._timer is not None and started > self._due):
            self.flush()  # full, or the timer's event loop is gone (tests start several)
        elif self._timer is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # called outside the server's event loop: write now
                self.flush()
                return
            self._timer = loop.call_later(FLUSH_SECONDS, self.flush)
            self._due = time.perf_counter() + 2 * FLUSH_SECONDS

    def flush(self) -> None:
        """Write every buffered record now (a failure is logged: the API never fails for it)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            self.store.add_requests(pending, keep=self.keep)
        except Exception:  # noqa: BLE001 - losing log records must not break the API
            _LOG.exception("cannot write %d request log records", len(pending))
