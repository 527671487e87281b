"""Put a value at a property path inside a message body, creating what the path needs.

Missing objects on the way are sampled from the schema, an array gets one item when it has
none, a map one entry; the value then goes into every item or entry the path reaches, so a
list response shows it in each element. The body is copied, never changed in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.coverage.locate import schemas_at
from versioning.samples import sample_value

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = ["ABSENT", "embed"]


class _Absent:
    """The value that removes the member at the path (``absent`` in witness labels)."""

    def __repr__(self) -> str:
        return "<absent>"


ABSENT: Any = _Absent()
_MAP_KEY = "key"


def _sample(spec: Spec, schemas: list[Any], direction: str) -> Any:
    for schema in schemas:
        value = sample_value(schema, spec, direction=direction, optional_depth=0)  # type: ignore[arg-type]
        if value is not None:
            return value
    return None


def embed(
    body: Any, segments: tuple[str, ...], value: Any, *, spec: Spec, schema: Any, direction: str
) -> Any:
    """``body`` with ``value`` (or :data:`ABSENT`) at the path ``segments`` of ``schema``.

    Returns the original ``body`` unchanged when the path cannot be reached (a scalar in the
    way): the caller's validity checks then reject or keep it as an ordinary witness.
    """
    if not segments:
        return value
    head, rest = segments[0], segments[1:]
    inner = schemas_at(spec, schema, (head,))
    if not rest and value is ABSENT and head in ("[]", "*"):
        return [] if head == "[]" else {}
    if head == "[]":
        items = list(body) if isinstance(body, list) else []
        if not items:
            items = [_sample(spec, inner, direction)]
        return [
            embed(item, rest, value, spec=spec, schema=_first(inner), direction=direction)
            for item in items
        ]
    if head == "*":
        entries = dict(body) if isinstance(body, dict) else {}
        if not entries:
            entries = {_MAP_KEY: _sample(spec, inner, direction)}
        return {
            key: embed(item, rest, value, spec=spec, schema=_first(inner), direction=direction)
            for key, item in entries.items()
        }
    if body is None:
        body = _sample(spec, [schema], direction)
    if not isinstance(body, dict):
        return body
    result = dict(body)
    if not rest and value is ABSENT:
        result.pop(head, None)
        return result
    current = result.get(head)
    if current is None and rest:
        current = _sample(spec, inner, direction)
    result[head] = embed(current, rest, value, spec=spec, schema=_first(inner), direction=direction)
    return result


def _first(schemas: list[Any]) -> Any:
    return schemas[0] if schemas else {}
