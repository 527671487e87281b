"""Copy the head's OpenAPI document into a new version's folder, with ``info.version`` set.

The document is copied as text with only ``info.version`` changed, so its comments, key
order and quoting stay as the author wrote them; JSON stays JSON (``openapi.json``). Files it
references by relative ``$ref`` (a multi-file spec) are copied too, at the same relative
paths, so the new document loads on its own. The list of those files is the one the loader
bundled, so nothing is guessed from file names.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from versioning.catalog_edit.text import EditableText, quote_like
from versioning.spec.bundle import BUNDLE_KEY

if TYPE_CHECKING:
    from pathlib import Path

    from versioning.catalog import VersionInfo
    from versioning.catalog_edit.undo import FileEdits
    from versioning.spec.model import Spec

__all__ = ["copy_head", "referenced_files", "set_info_version"]


def set_info_version(document: EditableText, version: str) -> EditableText:
    """``document`` with ``info.version`` set to ``version`` (replaced, or added first in info).

    Raises:
        UsageError: The document has no ``info`` object, or the value cannot be edited in place.
    """
    result = document.edited(*_info_version_edit(document, version))
    _check_info_version(result, version)
    return result


def _info_version_edit(document: EditableText, version: str) -> tuple[int, int, str]:
    """The edit (start, end, replacement) that sets ``info.version``."""
    value = document.source.value
    info = value.get("info") if isinstance(value, dict) else None
    if not isinstance(info, dict) or not info:
        raise document.refuse(0, "the document has no 'info' object to set info.version in")
    if "version" in info:
        start, end = document.value_span(["info", "version"])
        old = document.text[start:end]
        quoted = json.dumps(version) if document.json_syntax else quote_like(version, old)
        return start, end, quoted
    offset = document.key_offset(["info", next(iter(info))])
    assert offset is not None  # the key was just parsed
    indent = document.starts_its_line(offset)
    if document.json_syntax or indent is None:  # a flow mapping: add the key before
        return offset, offset, f'"version": {json.dumps(version)}, '
    line = offset - indent
    return line, line, f"{' ' * indent}version: {json.dumps(version)}{document.newline}"


def _check_info_version(result: EditableText, version: str) -> None:
    """Refuse an edit whose text does not read back with ``info.version`` as written."""
    info = result.source.value.get("info") if isinstance(result.source.value, dict) else None
    if not isinstance(info, dict) or info.get("version") != version:
        offset = result.key_offset(["info"]) or 0
        raise result.refuse(offset, "info.version did not read back as written")


def referenced_files(spec: Spec) -> tuple[str, ...]:
    """The files ``spec``'s document references by relative ``$ref``, as the loader bundled them."""
    bundled = spec.document.get(BUNDLE_KEY)
    return tuple(sorted(bundled)) if isinstance(bundled, dict) else ()


def copy_head(
    head: VersionInfo,
    *,
    file: str,
    referenced: tuple[str, ...],
    target: Path,
    version: str,
    edits: FileEdits,
) -> Path:
    """Copy ``head``'s document and the files it references into ``target``.

    Takes the head's display name (``file``) and :func:`referenced_files`, not its loaded
    spec, so the caller can drop the spec first. The text is parsed twice (as read, to find
    ``info.version``; as edited, to read it back), one parse at a time.

    Returns:
        The new document: ``target/openapi.json`` for a JSON head, else ``openapi.yaml``.
    """
    json_head = head.spec_path.suffix.lower() == ".json"
    document = target / ("openapi.json" if json_head else "openapi.yaml")
    text = EditableText.read(head.spec_path, file=file)
    json_syntax = text.json_syntax
    rendered = text.edited_text(*_info_version_edit(text, version))
    del text  # its parse goes before the edited text is parsed to be read back
    result = EditableText(rendered, file=file, json_syntax=json_syntax)
    del rendered
    _check_info_version(result, version)
    edits.write(document, result.render())
    for name in referenced:
        edits.copy(head.spec_path.parent / name, target / name)
    return document
