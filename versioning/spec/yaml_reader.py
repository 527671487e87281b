"""Safe YAML reading: libyaml parses events, we build JSON-compatible values with positions.

Why not ``yaml.safe_load``: it silently keeps the last of duplicate keys, expands aliases
without bound ("billion laughs"), turns ``2024-01-15`` into a ``date`` and ``yes`` into
``True`` (YAML 1.1). OpenAPI documents are JSON data, so plain scalars follow the YAML 1.2
core schema, keys become strings (``200:`` is the key ``"200"``), and every limit is enforced
with an error that names the line.

Why events and not libyaml's composed node graph: the graph keeps two ``Mark`` objects per
node and cost ~88 bytes of memory per input byte; building from the event stream keeps only
the values, their positions (:class:`YamlPositions`, ~20 bytes a node) and one event at a
time. The build is a loop with an explicit stack, so nesting never meets Python's recursion
limit: ``max_depth`` applies first, at the line where it is crossed.
"""

from __future__ import annotations

import copy
import math
import re
from typing import Any, NoReturn

import yaml

from versioning.errors import SpecLimitError, SpecSyntaxError
from versioning.spec.limits import Limits
from versioning.spec.location import Location
from versioning.spec.yaml_positions import YamlPositions

__all__ = ["read_yaml"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_STANDARD_TAG = "tag:yaml.org,2002:"
_STRING_TAGS = frozenset({"!", _STANDARD_TAG + "str", _STANDARD_TAG + "timestamp"})
_MAP_TAGS = frozenset({None, "!", _STANDARD_TAG + "map"})
_SEQ_TAGS = frozenset({None, "!", _STANDARD_TAG + "seq"})
_MERGE_KEY = "<<"
_INTERNED_LENGTH = 64
"""Strings up to this length are shared between equal occurrences (keys, ``type: string``)."""


class _Frame:
    """A mapping or list being built, with what its next child needs to know."""

    __slots__ = (
        "anchor",
        "container",
        "height",
        "index",
        "key",
        "key_column",
        "key_line",
        "merges",
        "merging",
    )

    def __init__(self, container: dict[str, Any] | list[Any], index: int, anchor: str | None):
        self.container = container
        self.index = index
        self.anchor = anchor
        self.height = 0
        self.key: str | None = None
        self.key_line = 0
        self.key_column = 0
        self.merging = False
        self.merges: list[Any] = []


class _Anchor:
    """A finished anchored node: its value, where its positions start, and its height."""

    __slots__ = ("height", "index", "value")

    def __init__(self, value: Any, index: int, height: int) -> None:
        self.value = value
        self.index = index
        self.height = height


class _Builder:
    """Consumes parser events into one value and its :class:`YamlPositions`, within limits."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.positions = YamlPositions()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: set[str] = set()
        self.expanded = 0
        self.interned: dict[str, str] = {}
        self.root: Any = None

    def fail(
        self, error: type[SpecSyntaxError | SpecLimitError], message: str, event: Any
    ) -> NoReturn:
        mark = event.start_mark
        location = Location(file=self.file, line=mark.line + 1, column=mark.column + 1)
        raise error(message, location=location)

    # -- scalars ---------------------------------------------------------------------------

    def intern(self, text: str) -> str:
        """One shared object per short string: a spec repeats ``type``, ``string`` … a lot."""
        if len(text) > _INTERNED_LENGTH:
            return text
        return self.interned.setdefault(text, text)

    def scalar_value(self, event: Any) -> Any:
        """Resolve a scalar by its explicit tag, or by the YAML 1.2 core schema when plain."""
        tag, text = event.tag, event.value
        if tag is None:
            return self.plain(text, event) if not event.style else self.intern(text)
        if tag in _STRING_TAGS:
            return self.intern(text)
        if tag == _STANDARD_TAG + "int" and _INT.fullmatch(text):
            return self.integer(text, event)
        if tag == _STANDARD_TAG + "float" and (_FLOAT.fullmatch(text) or text in _SPECIAL_FLOATS):
            return _SPECIAL_FLOATS.get(text) or float(text)
        if tag == _STANDARD_TAG + "bool" and text in _BOOL:
            return _BOOL[text]
        if tag == _STANDARD_TAG + "null" and _NULL.fullmatch(text):
            return None
        return self.fail(SpecSyntaxError, f"unsupported YAML tag {tag!r} for {text[:40]!r}", event)

    def integer(self, text: str, event: Any) -> int:
        digits = len(text.lstrip("+-"))
        if digits > self.limits.max_integer_digits:
            self.fail(
                SpecLimitError,
                f"integer literal of {digits:,} digits; the limit is"
                f" {self.limits.max_integer_digits:,}",
                event,
            )
        return int(text)

    def plain(self, text: str, event: Any) -> Any:
        """An unquoted scalar by the YAML 1.2 core schema."""
        if _NULL.fullmatch(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.fullmatch(text):
            return self.integer(text, event)
        if text.startswith(("0o", "0x")) and len(text) > 2:
            if len(text) - 2 > self.limits.max_integer_digits:
                self.integer(text[2:], event)  # raises the limit error
            try:
                return int(text[2:], 8 if text[1] == "o" else 16)
            except ValueError:
                return self.intern(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        special = _SPECIAL_FLOATS.get(text)
        return special if special is not None else self.intern(text)

    # -- the event loop --------------------------------------------------------------------

    def place(self, event: Any) -> tuple[int, int, str | None]:
        """Where the next node's position is taken from: its key in a mapping, else itself."""
        if self.stack and self.stack[-1].key is not None:
            top = self.stack[-1]
            return top.key_line, top.key_column, top.key
        mark = event.start_mark
        return mark.line + 1, mark.column + 1, None

    def key(self, frame: _Frame, event: Any) -> None:
        """A mapping key: only scalars (or aliases of scalars), never repeated."""
        if isinstance(event, yaml.AliasEvent):
            anchor = self.anchors.get(event.anchor or "")
            if anchor is None or not isinstance(anchor.value, str):
                self.fail(SpecSyntaxError, "mapping keys must be plain strings", event)
            text = anchor.value
            frame.merging = False
        elif isinstance(event, yaml.ScalarEvent):
            if event.tag not in (None, *_STRING_TAGS):
                self.fail(SpecSyntaxError, f"unsupported YAML tag {event.tag!r} on a key", event)
            text = event.value
            frame.merging = text == _MERGE_KEY and not event.style and event.tag is None
            if event.anchor is not None:  # an anchored key: only ever aliased as a key
                self.anchors[event.anchor] = _Anchor(text, -1, 0)
        else:
            self.fail(SpecSyntaxError, "mapping keys must be plain strings", event)
        if not frame.merging and text in frame.container:
            self.fail(SpecSyntaxError, f"duplicate key {text!r}", event)
        frame.key = self.intern(text)
        frame.key_line = event.start_mark.line + 1
        frame.key_column = event.start_mark.column + 1

    def attach(self, value: Any, index: int, height: int, event: Any) -> None:
        """Put a finished node into its parent (or make it the document)."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.height = max(top.height, height + 1)
        if isinstance(top.container, list):
            top.container.append(value)
            return
        key, top.key = top.key, None
        if top.merging:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(source, dict) for source in sources):
                self.fail(
                    SpecSyntaxError, "'<<' merge needs a mapping or a list of mappings", event
                )
            top.merges.extend(sources)
            self.positions.mark_merge(index)
            return
        top.container[key] = value  # type: ignore[index]

    def start(
        self, event: Any, container: dict[str, Any] | list[Any], tags: frozenset[Any]
    ) -> None:
        if event.tag not in tags:
            self.fail(SpecSyntaxError, f"unsupported YAML tag {event.tag!r}", event)
        if len(self.stack) >= self.limits.max_depth:
            self.fail(SpecLimitError, f"nesting deeper than {self.limits.max_depth} levels", event)
        line, column, key = self.place(event)
        index = self.positions.add(line, column, key)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(container, index, event.anchor))

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        self.positions.close(frame.index)
        value = frame.container
        if frame.merges:
            assert isinstance(value, dict)  # merges only come in mappings
            for source in frame.merges:
                for merged_key, merged_value in source.items():
                    value.setdefault(merged_key, merged_value)
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = _Anchor(value, frame.index, frame.height)
        self.attach(value, frame.index, frame.height, event)

    def scalar(self, event: Any) -> None:
        value = self.scalar_value(event)
        line, column, key = self.place(event)
        index = self.positions.add(line, column, key)
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, index, 0)
        self.attach(value, index, 0, event)

    def alias(self, event: Any) -> None:
        name = event.anchor
        if name in self.open_anchors:
            self.fail(SpecSyntaxError, "recursive YAML alias: a node contains itself", event)
        anchor = self.anchors.get(name)
        if anchor is None:
            self.fail(SpecSyntaxError, f"YAML alias *{name} has no anchor &{name} before it", event)
        if anchor.index < 0:  # an anchored key used as a value
            line, column, key = self.place(event)
            self.attach(anchor.value, self.positions.add(line, column, key), 0, event)
            return
        self.expanded += self.positions.size(anchor.index)
        if self.expanded > self.limits.max_alias_nodes:
            self.fail(
                SpecLimitError,
                f"YAML aliases expand to more than {self.limits.max_alias_nodes:,} nodes"
                " (an alias bomb?)",
                event,
            )
        if len(self.stack) + anchor.height > self.limits.max_depth:
            self.fail(SpecLimitError, f"nesting deeper than {self.limits.max_depth} levels", event)
        line, column, key = self.place(event)
        index = self.positions.repeat(anchor.index, line, column, key)
        # A copy, not the same object: later stages rewrite nodes in place, per place.
        self.attach(copy.deepcopy(anchor.value), index, anchor.height, event)

    def feed(self, event: Any) -> None:
        """Handle one parser event below the document level."""
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            if isinstance(event, yaml.MappingEndEvent):
                self.end(event)
            else:
                self.key(top, event)
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.MappingStartEvent):
            self.start(event, {}, _MAP_TAGS)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.start(event, [], _SEQ_TAGS)
        elif isinstance(event, yaml.SequenceEndEvent):
            self.end(event)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)


def _events(loader: Any, file: str) -> Any:
    """Parser events, with libyaml's errors turned into located ``SpecSyntaxError``s."""
    while True:
        try:
            event = loader.get_event()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            location = (
                Location(file=file, line=mark.line + 1, column=mark.column + 1) if mark else None
            )
            problem = "; ".join(part for part in (error.context, error.problem) if part)
            limit = "maximum nesting depth" in problem  # libyaml's own limit of 1,000 levels
            raise (SpecLimitError if limit else SpecSyntaxError)(
                f"invalid YAML: {problem or 'malformed'}", location=location
            ) from None
        except yaml.YAMLError as error:
            raise SpecSyntaxError(
                f"invalid YAML: {error}", location=Location(file=file, line=1, column=1)
            ) from None
        if event is None:
            return
        yield event


def read_yaml(
    data: str | bytes, *, file: str, limits: Limits | None = None
) -> tuple[Any, YamlPositions]:
    """Parse one YAML document into JSON-compatible values and their positions.

    ``data`` is the text, or its UTF-8 bytes (cheaper: libyaml reads them as they are).

    Raises:
        SpecSyntaxError: Malformed YAML, several documents, duplicate keys, unsupported tags.
        SpecLimitError: Nesting, integer size or alias expansion beyond ``limits``.
    """
    builder = _Builder(file, limits if limits is not None else Limits())
    loader = _Loader(data)
    documents = 0
    try:
        for event in _events(loader, file):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.fail(
                        SpecSyntaxError,
                        "expected a single document in the stream; but found another document",
                        event,
                    )
            elif not isinstance(
                event, yaml.StreamStartEvent | yaml.StreamEndEvent | yaml.DocumentEndEvent
            ):
                builder.feed(event)
    finally:
        loader.dispose()
    if not len(builder.positions):
        builder.positions.add(1, 1, None)
    return builder.root, builder.positions
