"""Small catalogs on disk for the catalog-editing tests: a few lines each, real engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

SPEC = """openapi: "3.1.0"
# The version is the catalog's id: new-version must rewrite it and keep this comment.
info:
  title: Shop
  version: "{version}"   # kept in step with versions.yaml
paths:
  /items:
    get:
      responses:
        "200":
          description: The items.
"""

TIMELINE = """# The timeline: oldest first. Comments and layout must survive every edit.
version_header: API-Version
default_version: "{default}"
versions:
{entries}
# trailing remark about the timeline
"""


def write_catalog(folder: Path, versions: tuple[str, ...], *, default: str | None = None) -> Path:
    """``folder`` with ``versions.yaml`` listing ``versions`` and one small spec each."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = "".join(
        f'  - id: "{version}"\n    released: "{version}"\n' for version in versions
    ).rstrip("\n")
    text = TIMELINE.format(default=default or versions[-1], entries=entries)
    (folder / "versions.yaml").write_text(text, encoding="utf-8")
    for version in versions:
        (folder / version).mkdir(exist_ok=True)
        (folder / version / "openapi.yaml").write_text(SPEC.format(version=version))
    return folder
