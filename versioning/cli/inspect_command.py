"""``versiongate check`` (catalog health) and ``versiongate validate`` (single documents)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from versioning.catalog import load_catalog
from versioning.errors import SpecError
from versioning.spec.loader import load_spec

__all__ = ["parse_date", "register", "run_check", "run_validate"]


def parse_date(text: str) -> dt.date:
    """``--today``-style argument: an ISO date, or a usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} is not a date in YYYY-MM-DD form"
        raise argparse.ArgumentTypeError(msg) from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` and ``validate``."""
    check = commands.add_parser(
        "check", help="load and validate a version catalog (versions.yaml + one spec per version)"
    )
    check.add_argument(
        "spec_dir", nargs="?", default="api_specs", help="catalog folder (default: api_specs)"
    )
    check.add_argument(
        "--today", type=parse_date, default=None, help="evaluate the timeline as of this date"
    )
    check.set_defaults(run=run_check)

    validate = commands.add_parser(
        "validate", help="validate OpenAPI documents, with file:line errors"
    )
    validate.add_argument("specs", nargs="+", help="OpenAPI 3.0/3.1 files (YAML or JSON)")
    validate.add_argument(
        "--lenient-refs", action="store_true", help="warn about $refs to nothing instead of failing"
    )
    validate.add_argument(
        "--no-schema", action="store_true", help="skip the (slower) OpenAPI schema validation"
    )
    validate.set_defaults(run=run_validate)


def run_check(arguments: argparse.Namespace) -> int:
    """Load the catalog and every spec (schema-validated), then print the timeline."""
    today: dt.date = arguments.today or dt.datetime.now(tz=dt.UTC).date()
    catalog = load_catalog(arguments.spec_dir)
    problems = 0
    for version in catalog.versions:
        try:
            load_spec(version.spec_path, validate=True, display=catalog.specs[version.id].file)
        except SpecError as error:
            print(f"error: {error}", file=sys.stderr)
            problems += 1
    print(f"{catalog.file}: {len(catalog.versions)} versions, header {catalog.version_header},"
          f" default {catalog.default_version} (as of {today})")  # fmt: skip
    for version in catalog.versions:
        spec = catalog.specs[version.id]
        dates = [f"released {version.released}"]
        if version.deprecated:
            dates.append(f"deprecated {version.deprecated}")
        if version.sunset:
            dates.append(f"sunset {version.sunset}")
        marker = " (head)" if version is catalog.head else ""
        status = version.status(today)
        count = len(spec.operations)
        print(f"  {version.id}{marker:7} {status:10} {count:3} operations  {', '.join(dates)}")
    return 1 if problems else 0


def run_validate(arguments: argparse.Namespace) -> int:
    """Load each document and report every problem with ``file:line:column``."""
    failed = 0
    for path in arguments.specs:
        try:
            spec = load_spec(
                path,
                validate=not arguments.no_schema,
                missing_refs="warn" if arguments.lenient_refs else "error",
            )
        except SpecError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        for warning in spec.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(f"{path}: OpenAPI {spec.openapi}, {len(spec.operations)} operations,"
              f" {len(spec.schemas)} schemas: ok")  # fmt: skip
    return 2 if failed else 0
