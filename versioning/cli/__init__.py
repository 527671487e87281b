"""The ``versiongate`` command line."""

from versioning.cli.main import main

__all__ = ["main"]
