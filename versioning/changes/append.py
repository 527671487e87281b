"""Append drafted steps to a version's ``changes.yaml``, keeping its comments and layout.

The file is edited as text, never re-dumped: one new change goes after the last one, with a
description for the author to write and the steps as drafted. The result is loaded back;
if it does not read as one more change, the file is restored and the error says why.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from versioning.changes.load import load_changes
from versioning.errors import ChangesError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DRAFTED_DESCRIPTION", "append_steps"]

DRAFTED_DESCRIPTION = "TODO: say what changed, for merchants (drafted by versiongate check)."
"""The description a drafted change starts with; the changelog shows it until it is written."""
_ENTRY = re.compile(r"^(?P<indent>[ ]*)- description:", re.MULTILINE)
_EMPTY = re.compile(r"^changes:[ \t]*\[\][ \t]*$", re.MULTILINE)


def _entry(indent: str, steps: list[str]) -> str:
    step_indent = indent + "    "
    lines = [
        f"{indent}- description: >-",
        f"{indent}    {DRAFTED_DESCRIPTION}",
        f"{indent}  steps:",
    ]
    for step in steps:
        lines.extend(f"{step_indent}{line}" for line in step.splitlines())
    return "\n".join(lines) + "\n"


def append_steps(path: Path, *, version: str, older: str, steps: list[str]) -> int:
    """Append one change holding ``steps`` (YAML list items) to ``path``; return its count.

    A missing file is created with a header comment.

    Raises:
        UsageError: The file's layout is not one this edit can extend (it is left as it was).
    """
    original = path.read_text(encoding="utf-8") if path.exists() else None
    text = (
        original
        if original is not None
        else (f"# Declared changes from {older} to {version}.\nchanges:\n")
    )
    text = _EMPTY.sub("changes:", text)
    found = _ENTRY.search(text)
    indent = found.group("indent") if found else "  "
    before = 0
    if original is not None:
        before = len(load_changes(path, version=version, older=older).changes)
    updated = text.rstrip("\n") + "\n\n" + _entry(indent, steps)
    path.write_text(updated, encoding="utf-8")
    try:
        after = load_changes(path, version=version, older=older)
        if len(after.changes) != before + 1:
            msg = "the drafted change did not read back as one more change"
            raise ChangesError(msg)
    except ChangesError as error:
        if original is None:
            path.unlink()
        else:
            path.write_text(original, encoding="utf-8")
        raise UsageError(
            f"{path}: cannot append the drafted steps ({error}); the file is unchanged,"
            " paste them by hand"
        ) from None
    return len(steps)
