"""A publishable changelog: a static site of a catalog, and the migration notes it shows."""

from versioning.changelog_site.migrations import migrations_between, site_translator
from versioning.changelog_site.model import Migration, MigrationExample
from versioning.changelog_site.site import render_site, write_site

__all__ = [
    "Migration",
    "MigrationExample",
    "migrations_between",
    "render_site",
    "site_translator",
    "write_site",
]
