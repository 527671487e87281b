"""``versiongate``: argument parsing and dispatch; each command lives in its own module.

Exit codes: 0 clean, 1 a check found a problem, 2 bad input or usage (with a message that
says where), never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from versioning.cli import inspect_command
from versioning.errors import VersioningError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} is not a date in YYYY-MM-DD form"
        raise argparse.ArgumentTypeError(msg) from None


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to render ``--help`` in the README)."""
    parser = argparse.ArgumentParser(
        prog="versiongate",
        description="Evolve a dated HTTP API without breaking the people who integrate with it.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="load and validate a version catalog (versions.yaml + one spec per version)"
    )
    check.add_argument(
        "spec_dir", nargs="?", default="api_specs", help="catalog folder (default: api_specs)"
    )
    check.add_argument(
        "--today", type=_date, default=None, help="evaluate the timeline as of this date"
    )
    check.set_defaults(run=inspect_command.run_check)

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
    validate.set_defaults(run=inspect_command.run_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = arguments.run
    try:
        return run(arguments)
    except VersioningError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `versiongate … | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
