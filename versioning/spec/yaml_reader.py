"""Safe YAML reading: libyaml composes, we construct JSON-compatible values with positions.

Why not ``yaml.safe_load``: it silently keeps the last of duplicate keys, expands aliases
without bound ("billion laughs"), turns ``2024-01-15`` into a ``date`` and ``yes`` into
``True`` (YAML 1.1). OpenAPI documents are JSON data, so plain scalars follow the YAML 1.2
core schema, keys become strings (``200:`` is the key ``"200"``), and every limit is enforced
with an error that names the line.
"""

from __future__ import annotations

import math
import re
from typing import Any, NoReturn

import yaml

from versioning.errors import SpecLimitError, SpecSyntaxError
from versioning.spec.location import Location
from versioning.spec.positions import YamlPositionNode, YamlPositions

__all__ = ["MAX_ALIAS_EXPANSION", "MAX_DEPTH", "read_yaml"]

MAX_DEPTH = 512
"""Deepest nesting accepted; real OpenAPI documents stay far below 50."""

MAX_ALIAS_EXPANSION = 100_000
"""Nodes that aliases may add by repetition before the document counts as an alias bomb."""

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip
_STANDARD_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_MERGE_KEY = "<<"


def _plain_scalar(text: str) -> Any:
    """Resolve an unquoted scalar by the YAML 1.2 core schema."""
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        return int(text)
    if text.startswith(("0o", "0x")) and len(text) > 2:
        try:
            return int(text[2:], 8 if text[1] == "o" else 16)
        except ValueError:
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text, text)


class _Builder:
    """Turns a composed node graph into plain values plus a position tree, within limits."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.sizes: dict[int, int] = {}
        self.active: set[int] = set()
        self.expanded = 0

    def fail(
        self, error: type[SpecSyntaxError | SpecLimitError], message: str, node: Any
    ) -> NoReturn:
        mark = node.start_mark
        location = Location(file=self.file, line=mark.line + 1, column=mark.column + 1)
        raise error(message, location=location)

    def build(self, node: Any, depth: int) -> tuple[Any, YamlPositionNode, int]:
        """Return ``(value, positions, size)`` for ``node``."""
        if depth > MAX_DEPTH:
            self.fail(SpecLimitError, f"nesting deeper than {MAX_DEPTH} levels", node)
        key = id(node)
        if key in self.active:
            self.fail(SpecSyntaxError, "recursive YAML alias: a node contains itself", node)
        if key in self.sizes:  # an alias: this subtree is repeated
            self.expanded += self.sizes[key]
            if self.expanded > MAX_ALIAS_EXPANSION:
                self.fail(
                    SpecLimitError,
                    f"YAML aliases expand to more than {MAX_ALIAS_EXPANSION} nodes"
                    " (an alias bomb?)",
                    node,
                )
        self.active.add(key)
        result: tuple[Any, YamlPositionNode, int]
        try:
            if isinstance(node, yaml.ScalarNode):
                result = (
                    self.scalar(node),
                    (node.start_mark.line + 1, node.start_mark.column + 1, None),
                    1,
                )
            elif isinstance(node, yaml.SequenceNode):
                result = self.sequence(node, depth)
            else:
                result = self.mapping(node, depth)
        finally:
            self.active.discard(key)
        self.sizes[key] = result[2]
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.fail(SpecSyntaxError, f"unsupported YAML tag {node.tag!r}", node)
        if node.style:  # quoted or block scalars are always strings
            return node.value
        return _plain_scalar(node.value)

    def sequence(self, node: yaml.SequenceNode, depth: int) -> tuple[Any, YamlPositionNode, int]:
        if node.tag != _STANDARD_TAG + "seq":
            self.fail(SpecSyntaxError, f"unsupported YAML tag {node.tag!r}", node)
        values: list[Any] = []
        positions: list[YamlPositionNode] = []
        size = 1
        for item in node.value:
            value, position, item_size = self.build(item, depth + 1)
            values.append(value)
            positions.append(position)
            size += item_size
        mark = node.start_mark
        return values, (mark.line + 1, mark.column + 1, positions), size

    def mapping(self, node: Any, depth: int) -> tuple[Any, YamlPositionNode, int]:
        if not isinstance(node, yaml.MappingNode) or node.tag != _STANDARD_TAG + "map":
            self.fail(SpecSyntaxError, f"unsupported YAML tag {node.tag!r}", node)
        values: dict[str, Any] = {}
        positions: dict[str, YamlPositionNode] = {}
        size = 1
        merged: list[Any] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(SpecSyntaxError, "mapping keys must be plain strings", key_node)
            key = key_node.value
            if key == _MERGE_KEY and not key_node.style:
                merged.extend(
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                continue
            if key in values:
                self.fail(SpecSyntaxError, f"duplicate key {key!r}", key_node)
            value, position, item_size = self.build(value_node, depth + 1)
            values[key] = value
            mark = key_node.start_mark
            positions[key] = (mark.line + 1, mark.column + 1, position[2])
            size += item_size
        for source in merged:  # YAML merge keys: explicit keys win over merged ones
            value, position, item_size = self.build(source, depth + 1)
            if not isinstance(value, dict) or not isinstance(position[2], dict):
                self.fail(
                    SpecSyntaxError, "'<<' merge needs a mapping or a list of mappings", source
                )
            for merged_key, merged_value in value.items():
                if merged_key not in values:
                    values[merged_key] = merged_value
                    positions[merged_key] = position[2][merged_key]
            size += item_size
        mark = node.start_mark
        return values, (mark.line + 1, mark.column + 1, positions), size


def read_yaml(text: str, *, file: str) -> tuple[Any, YamlPositions]:
    """Parse one YAML document into JSON-compatible values and their positions.

    Raises:
        SpecSyntaxError: Malformed YAML, several documents, duplicate keys, unsupported tags.
        SpecLimitError: Nesting or alias expansion beyond the limits.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location(file=file, line=mark.line + 1, column=mark.column + 1) if mark else None
        problem = "; ".join(part for part in (error.context, error.problem) if part) or "malformed"
        limit = "maximum nesting depth" in problem
        raise (SpecLimitError if limit else SpecSyntaxError)(
            f"invalid YAML: {problem}", location=location
        ) from None
    except yaml.YAMLError as error:
        raise SpecSyntaxError(
            f"invalid YAML: {error}", location=Location(file=file, line=1, column=1)
        ) from None
    except RecursionError:
        raise SpecLimitError(
            "YAML nesting too deep to parse", location=Location(file=file, line=1, column=1)
        ) from None
    finally:
        loader.dispose()
    if node is None:
        return None, YamlPositions((1, 1, None))
    value, positions, _ = _Builder(file).build(node, 0)
    return value, YamlPositions(positions)
