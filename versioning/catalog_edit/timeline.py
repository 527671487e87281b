"""Text edits of ``versions.yaml``: append a version, record a deprecation and a sunset.

Each edit changes or adds whole lines in the style of the entries already there (their
indentation and their quotes) and reads the result back to make sure it says what was meant.
Entries must be written in block style (``- id: "…"`` then one key a line); a flow-style
timeline is refused with its line, for an edit by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.catalog_edit.text import EditableText, quote_like

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["append_version", "set_lifecycle"]

_ORDER = ("id", "released", "deprecated", "sunset")
"""Where a key goes when it is added: after the nearest one before it in this order."""


def _entries(document: EditableText) -> list[Any]:
    value = document.source.value
    entries = value.get("versions") if isinstance(value, dict) else None
    if not isinstance(entries, list) or not entries:
        raise document.refuse(0, "no 'versions' list to edit")
    return entries


def _item_end(document: EditableText, start: int, dash: int) -> int:
    """Offset past the last line of the list item at ``start`` whose dash is in ``dash``.

    The item goes on while lines are blank or indented deeper than its dash; a comment at or
    left of the dash after the item belongs to what follows, so it stays after the new entry.
    """
    end = document.line_end(start)
    offset = end
    while offset < len(document.text):
        line_end = document.line_end(offset)
        line = document.text[offset:line_end]
        if line.strip():
            if len(line) - len(line.lstrip(" ")) <= dash:
                break
            end = line_end
        offset = line_end
    return end


def append_version(document: EditableText, *, version: str, released: dt.date) -> EditableText:
    """``document`` with one more entry, ``id`` and ``released``, after the last one.

    Raises:
        UsageError: The last entry is not in block style, or the result does not read back
            as one more version.
    """
    entries = _entries(document)
    last = str(len(entries) - 1)
    start = document.key_offset(["versions", last])
    assert start is not None  # the entry exists: it was just parsed
    key_column = document.starts_its_line(start, item=True)
    prefix = document.line_prefix(start)
    if key_column is None or "-" not in prefix:
        raise document.refuse(start, "the versions are not a block list of '- id: …' entries")
    dash = prefix.index("-")
    id_span = document.value_span(["versions", last, "id"])
    style = document.text[id_span[0] : id_span[1]]
    newline = document.newline
    entry = (
        f"{' ' * dash}-{' ' * (key_column - dash - 1)}id: {quote_like(version, style)}{newline}"
        f"{' ' * key_column}released: {quote_like(released.isoformat(), style)}{newline}"
    )
    end = _item_end(document, start, dash)
    glue = "" if document.text[:end].endswith("\n") else newline
    result = document.edited(end, end, glue + entry)
    added = _entries(result)
    if len(added) != len(entries) + 1 or added[-1] != {
        "id": version,
        "released": released.isoformat(),
    }:
        raise document.refuse(start, f"version {version} did not read back as the last entry")
    return result


def _set_key(document: EditableText, index: str, key: str, value: str) -> EditableText:
    """Set ``versions[index].key`` to the quoted ``value``: in place, or as a new line."""
    entry = ["versions", index]
    if document.key_offset([*entry, key]) is not None:  # in place, in its own quotes
        start, end = document.value_span([*entry, key])
        return document.edited(start, end, quote_like(value, document.text[start:end]))
    style_start, style_end = document.value_span([*entry, "id"])  # a new line: quoted like id
    quoted = quote_like(value, document.text[style_start:style_end])
    before = _ORDER[: _ORDER.index(key)]
    anchor = next(
        name for name in reversed(before) if document.key_offset([*entry, name]) is not None
    )
    offset = document.key_offset([*entry, anchor])
    assert offset is not None  # found just above
    indent = document.starts_its_line(offset, item=True)
    if indent is None:
        raise document.refuse(offset, f"version entry {index} is not one key a line")
    document.value_span([*entry, anchor])  # one line: the new key goes right after it
    end = document.line_end(offset)
    glue = "" if document.text[:end].endswith("\n") else document.newline
    return document.edited(end, end, f"{glue}{' ' * indent}{key}: {quoted}{document.newline}")


def set_lifecycle(
    document: EditableText, *, version: str, deprecated: dt.date, sunset: dt.date
) -> EditableText:
    """``document`` with ``deprecated`` and ``sunset`` of ``version`` set (added or replaced).

    Raises:
        UsageError: ``version`` is not listed, its entry is not in block style, or the
            result does not read back with both dates.
    """
    entries = _entries(document)
    ids = [entry.get("id") if isinstance(entry, dict) else None for entry in entries]
    if version not in ids:
        raise document.refuse(0, f"version {version} is not listed")
    index = str(ids.index(version))
    result = _set_key(document, index, "deprecated", deprecated.isoformat())
    result = _set_key(result, index, "sunset", sunset.isoformat())
    entry = _entries(result)[int(index)]
    if entry.get("deprecated") != deprecated.isoformat() or entry.get("sunset") != (
        sunset.isoformat()
    ):
        offset = document.key_offset(["versions", index]) or 0
        raise document.refuse(offset, f"the dates of {version} did not read back as written")
    return result
