"""``versiongate validate``: load single documents and report every problem with its place.

(``versiongate check``, the catalog check, lives in ``check_command.py``.)
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from versioning.errors import SpecError
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    import argparse

__all__ = ["register", "run_validate"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``validate``."""
    validate = commands.add_parser(
        "validate", help="validate OpenAPI documents, with file:line errors"
    )
    validate.add_argument("specs", nargs="+", help="OpenAPI 3.0/3.1 files (YAML or JSON)")
    validate.add_argument(
        "--lenient-refs", action="store_true", help="warn about $refs to nothing instead of failing"
    )
    validate.add_argument(
        "--lenient",
        action="store_true",
        help="read what oasdiff reads: null OpenAPI fields as absent and $refs to nothing as"
        " unconstrained, each with a warning (implies --lenient-refs)",
    )
    validate.add_argument(
        "--no-schema",
        action="store_true",
        help="skip the OpenAPI schema validation (its structure check is fast; its semantic"
        " checks stop with a warning after VERSIONGATE_VALIDATE_SECONDS, default 10)",
    )
    validate.set_defaults(run=run_validate)


def run_validate(arguments: argparse.Namespace) -> int:
    """Load each document and report every problem with ``file:line:column``."""
    failed = 0
    for path in arguments.specs:
        try:
            spec = load_spec(
                path,
                validate=not arguments.no_schema,
                missing_refs="warn" if arguments.lenient_refs else "error",
                lenient=arguments.lenient,
            )
        except SpecError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        for warning in spec.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(
            f"{path}: OpenAPI {spec.openapi}, {len(spec.operations)} operations,"
            f" {len(spec.schemas)} schemas: ok"
        )
    return 2 if failed else 0
