"""Remember what a catalog edit wrote, so that a failed step leaves the catalog as it was.

A command creates a folder, copies files and edits ``versions.yaml``, then loads the catalog
back to check the result. If anything fails on the way, even an interrupt, :meth:`undo`
restores every file it changed and removes every folder it created, newest first.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from versioning.catalog_edit.text import write_text_exactly

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["FileEdits"]


class FileEdits:
    """The files written and the folders created by one command, in order."""

    __slots__ = ("_folders", "_originals")

    def __init__(self) -> None:
        self._originals: dict[Path, bytes | None] = {}
        self._folders: list[Path] = []

    def make_folder(self, path: Path) -> None:
        """Create ``path`` (its parent must exist; the folder itself must not)."""
        path.mkdir()
        self._folders.append(path)

    def _remember(self, path: Path) -> None:
        if path not in self._originals:
            self._originals[path] = path.read_bytes() if path.exists() else None

    def write(self, path: Path, text: str) -> None:
        """Write ``text`` to ``path``, remembering what was there before."""
        self._remember(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_exactly(path, text)

    def copy(self, source: Path, target: Path) -> None:
        """Copy the bytes of ``source`` to ``target`` (never a link: the copy is its own)."""
        self._remember(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def undo(self) -> None:
        """Put back every file as it was and remove the created folders, newest first."""
        for path, original in reversed(self._originals.items()):
            if original is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(original)
        for folder in reversed(self._folders):
            shutil.rmtree(folder, ignore_errors=True)
