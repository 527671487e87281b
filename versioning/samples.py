"""Deterministic sample values from a JSON Schema: the same schema always gives the same value.

Used wherever a message must exist without a generator library: the generic mock server's
responses, and the base messages the coverage gate embeds its witnesses in. Declared
``const``/``default``/``examples``/``enum`` come first, then a minimal value that satisfies
the type, format and bounds. The result is not guaranteed valid (a ``pattern`` without
examples, say): callers that need validity check it with :mod:`versioning.messages`.

The work and the result are bounded whatever the schema says (issue 12: ``minItems:
100000000`` must not become a 500 MB body, an ``allOf`` cycle not an exponential walk):
at most :data:`MOST_ITEMS` items per array or members per object, :data:`MOST_ELEMENTS`
array items and :data:`MOST_TEXT` characters in all (an item repeated 1,000 times counts
1,000 times: that is what the encoded body holds), and :data:`MOST_STEPS` schema visits
per value. A value cut short by these
limits may break its schema; ``on_cap`` is told why.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.spec.model import Spec

__all__ = [
    "FORMAT_SAMPLES",
    "MOST_ELEMENTS",
    "MOST_ITEMS",
    "MOST_STEPS",
    "MOST_TEXT",
    "sample_value",
]

_MAX_DEPTH = 8
MOST_ITEMS = 1000
"""Items of one array (``minItems``) or members of one object (``minProperties``) at most."""
MOST_ELEMENTS = 100_000
"""Array items in one value at most, nested arrays multiplied out."""
MOST_TEXT = 1_000_000
"""Characters of generated text in one value at most, repeats counted."""
MOST_STEPS = 100_000
"""Schemas visited for one value at most (``$ref`` cycles through ``allOf`` branch out)."""
FORMAT_SAMPLES: dict[str, str] = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "duration": "P1D",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "iri": "https://example.com/",
    "uri-reference": "/example",
    "iri-reference": "/example",
    "uri-template": "/example/{id}",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "byte": "ZXhhbXBsZQ==",
    "password": "password",
    "json-pointer": "/example",
    "relative-json-pointer": "0",
    "regex": "^x$",
}
"""A valid string for each format the validator checks (and a few it only names)."""


class _Sampler:
    def __init__(
        self,
        spec: Spec,
        direction: Literal["request", "response"] | None,
        optional_depth: int,
        on_cap: Callable[[str], None] | None = None,
        *,
        examples: bool = True,
    ) -> None:
        self.spec = spec
        self.examples = examples
        self.skipped = {"request": "readOnly", "response": "writeOnly"}.get(direction or "")
        self.optional_depth = optional_depth
        self.on_cap = on_cap
        self.steps = MOST_STEPS
        self.text = MOST_TEXT
        self.weight = 1
        """How many times the value being built appears in the result (enclosing arrays)."""

    def cap(self, why: str) -> None:
        if self.on_cap is not None:
            self.on_cap(why)
            self.on_cap = None  # once per value: the first reason is the one to fix

    def value(self, schema: Any, depth: int, hops: int = 0) -> Any:
        if not isinstance(schema, dict) or depth > _MAX_DEPTH * 4 or hops > _MAX_DEPTH * 8:
            return None
        self.steps -= 1
        if self.steps < 0:
            self.cap(f"the schema needs more than {MOST_STEPS} steps to sample (a $ref cycle?)")
            return None
        if isinstance(schema.get("$ref"), str):
            try:
                target = self.spec.resolve(schema["$ref"])
            except (LookupError, ValueError):
                return None
            return self.value(target, depth, hops + 1)
        declared = _declared(schema, examples=self.examples)
        if declared is not _NOTHING:
            return declared
        if isinstance(schema.get("allOf"), list):
            merged = self._all_of(schema, depth)
            if merged is not None:
                return merged
        for keyword in ("oneOf", "anyOf"):
            branches = schema.get(keyword)
            if isinstance(branches, list) and branches:
                chosen = next((b for b in branches if self.kind(b) != "null"), branches[0])
                return self.value(chosen, depth + 1)
        return self._by_type(schema, self.kind(schema) or "object", depth)

    def _all_of(self, schema: dict[str, Any], depth: int) -> Any:
        merged: dict[str, Any] = {}
        for branch in schema["allOf"]:
            value = self.value(branch, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
            elif value is not None and not self.kind(schema):
                return value
        own = self._object(schema, depth) if "properties" in schema else {}
        merged.update(own)
        return merged if merged or self.kind(schema) in (None, "object") else None

    def kind(self, schema: Any) -> str | None:
        for _ in range(_MAX_DEPTH):
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                break
            try:
                schema = self.spec.resolve(schema["$ref"])
            except (LookupError, ValueError):
                return None
        if not isinstance(schema, dict):
            return None
        declared = schema.get("type")
        if isinstance(declared, list):
            useful = [item for item in declared if item != "null"]
            return str(useful[0]) if useful else "null"
        if isinstance(declared, str):
            return declared
        if "properties" in schema:
            return "object"
        if "items" in schema:
            return "array"
        return None

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        if depth >= _MAX_DEPTH:
            return {}
        properties = schema.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        required = schema.get("required")
        needed = set(required) if isinstance(required, list) else set()
        result = {}
        for name, sub in properties.items():
            if self.skipped is not None and self._flagged(sub):
                continue
            if name in needed or depth < self.optional_depth:
                result[name] = self.value(sub, depth + 1)
        extra = schema.get("additionalProperties")
        for name in required if isinstance(required, list) else ():
            if isinstance(name, str) and name not in result and name not in properties:
                # required but not described: any value the extra members allow will do
                if isinstance(extra, dict):
                    result[name] = self.value(extra, depth + 1)
                elif extra is not False:
                    result[name] = ""
        minimum = schema.get("minProperties")
        if isinstance(minimum, int) and len(result) < minimum and isinstance(extra, dict):
            if minimum > MOST_ITEMS:
                self.cap(f"minProperties: {minimum} capped to {MOST_ITEMS}")
            for index in range(min(minimum, MOST_ITEMS) - len(result)):
                result[f"key{index}"] = self.value(extra, depth + 1)
        return result

    def _flagged(self, schema: Any) -> bool:
        for _ in range(_MAX_DEPTH):
            if not isinstance(schema, dict):
                return False
            if schema.get(self.skipped) is True:
                return True
            if not isinstance(schema.get("$ref"), str):
                return False
            try:
                schema = self.spec.resolve(schema["$ref"])
            except (LookupError, ValueError):
                return False
        return False

    def _by_type(self, schema: dict[str, Any], kind: str, depth: int) -> Any:
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            minimum = schema.get("minItems")
            count = min(minimum, MOST_ITEMS) if isinstance(minimum, int) and minimum > 0 else 0
            if isinstance(minimum, int) and minimum > MOST_ITEMS:
                self.cap(f"minItems: {minimum} capped to {MOST_ITEMS}")
            if count == 0 and depth < _MAX_DEPTH:
                count = 1
            maximum = schema.get("maxItems")
            if isinstance(maximum, int):
                count = min(count, maximum)
            room = max(MOST_ELEMENTS // self.weight, 1)
            if count > room:
                self.cap(f"minItems: {count} capped to {room} ({MOST_ELEMENTS} items in all)")
                count = room
            outer, self.weight = self.weight, self.weight * max(count, 1)
            item = self.value(schema.get("items"), depth + 1)
            self.weight = outer
            if schema.get("uniqueItems") is True and count > 1:
                return [item] if not isinstance(item, int | str) else _distinct(item, count)
            return [item for _ in range(count)]
        if kind == "string":
            text = _string(schema)
            if len(text) * self.weight > self.text:
                self.cap(f"generated text capped at {MOST_TEXT} characters in all")
                text = text[: max(self.text // self.weight, 0)]
            self.text -= len(text) * self.weight
            return text
        if kind in {"integer", "number"}:
            return _number(schema, kind)
        if kind == "boolean":
            return True
        return None


def _distinct(item: int | str, count: int) -> list[Any]:
    if isinstance(item, int):
        return [item + index for index in range(count)]
    return [f"{item}{index}" for index in range(count)]


_NOTHING = object()


def _declared(schema: dict[str, Any], *, examples: bool = True) -> Any:
    """A value the schema itself offers: ``const``, ``default``, an example, an enum member."""
    for keyword in ("const", "default"):
        if keyword in schema:
            return schema[keyword]
    listed = schema.get("examples")
    if examples and isinstance(listed, list) and listed:
        return listed[0]
    if examples and "example" in schema:
        return schema["example"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    return _NOTHING


def _string(schema: dict[str, Any]) -> str:
    text = FORMAT_SAMPLES.get(str(schema.get("format", "")), "string")
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and "format" not in schema:
        text = _matching(pattern, text)
    minimum = schema.get("minLength")
    if isinstance(minimum, int) and len(text) < minimum:
        text = text + "x" * (min(minimum, MOST_TEXT) - len(text))
    maximum = schema.get("maxLength")
    if isinstance(maximum, int) and len(text) > maximum:
        text = text[: max(maximum, 0)]
    return text


_META = frozenset("^$.|?*+()[]{}\\")


def _literal_prefix(pattern: str) -> str:
    """The plain text an anchored pattern starts with: ``^/v1/charges`` → ``/v1/charges``."""
    prefix = []
    index = 1 if pattern.startswith("^") else 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern) and not pattern[index + 1].isalnum():
            prefix.append(pattern[index + 1])
            index += 2
            continue
        if char in _META:
            break
        prefix.append(char)
        index += 1
    if index < len(pattern) and pattern[index] in "?*{" and prefix:
        prefix.pop()  # the last character is optional or repeated: leave it out
    return "".join(prefix)


def _matching(pattern: str, fallback: str) -> str:
    """A short text ``pattern`` finds (tried from a few candidates), else ``fallback``.

    Not a regex generator: anchored literal prefixes (Stripe's ``^/v1/customers``) and
    simple classes cover most API specs; anything else keeps the fallback, and callers
    that need validity check it.
    """
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return fallback
    prefix = _literal_prefix(pattern) if len(pattern) <= 1000 else ""
    for candidate in (fallback, prefix, prefix + "a", prefix + "0", "a", "0", "A", "a0", ""):
        if compiled.search(candidate):
            return candidate
    return fallback


def _number(schema: dict[str, Any], kind: str) -> int | float:
    step: int | float = 1 if kind == "integer" else 0.5
    low = schema.get("minimum")
    exclusive_low = schema.get("exclusiveMinimum")
    if not isinstance(low, int | float) and isinstance(exclusive_low, int | float):
        low = exclusive_low + step
    high = schema.get("maximum")
    exclusive_high = schema.get("exclusiveMaximum")
    if not isinstance(high, int | float) and isinstance(exclusive_high, int | float):
        high = exclusive_high - step
    value: int | float = low if isinstance(low, int | float) else 0
    if isinstance(high, int | float) and value > high:
        value = high
    multiple = schema.get("multipleOf")
    if isinstance(multiple, int | float) and multiple > 0 and value % multiple:
        value = (value // multiple + 1) * multiple
    return int(value) if kind == "integer" else value


def sample_value(
    schema: Any,
    spec: Spec,
    *,
    direction: Literal["request", "response"] | None = None,
    optional_depth: int = 2,
    on_cap: Callable[[str], None] | None = None,
    examples: bool = True,
) -> Any:
    """A deterministic value for ``schema`` of ``spec``.

    Args:
        schema: The schema (``$ref``s into ``spec`` are followed; recursion is cut).
        spec: The spec its references resolve in.
        direction: ``request`` leaves ``readOnly`` properties out, ``response``
            ``writeOnly`` ones; ``None`` keeps both.
        optional_depth: Optional properties are filled only this close to the top
            (``0``: required properties only, the minimal value).
        on_cap: Called once, with the reason, when a size limit cut the value short.
        examples: Take the schemas' own ``example``/``examples`` values (``False``: the
            spec's examples may be wrong, so build every value from the keywords).
    """
    sampler = _Sampler(spec, direction, optional_depth, on_cap, examples=examples)
    return sampler.value(schema, 0)
