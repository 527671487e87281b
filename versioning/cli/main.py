"""``versiongate``: argument parsing and dispatch; each command lives in its own module.

Exit codes: 0 clean, 1 a check found a problem, 2 bad input or usage (with a message that
says where), 3 an internal error (a bug: one line naming it, the traceback only with
``VERSIONGATE_TRACEBACK=1``). Never a traceback for bad input (issues 12 and 13).
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import pkgutil
import sys
import traceback
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from versioning.errors import VersioningError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import ModuleType

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
_LONGEST_INTERNAL_MESSAGE = 300


COMMANDS_GROUP = "versiongate.commands"
"""Entry-point group through which other packages (``mock_server``, ``compat_tests``) add
commands."""

EXTRA_OF_MODULE = {
    "granian": "server",
    "hypothesis": "verify",
    "litestar": "server",
    "psycopg": "server",
    "psycopg_pool": "server",
    "uvicorn": "server",
}
"""Optional top-level modules and the ``versiongate[EXTRA]`` that installs each: the core
distribution runs ``check``, ``diff``, ``changelog``, ``translate`` … without them."""


def _command_modules() -> list[ModuleType]:
    """``versioning/cli/*_command.py`` modules, then plugin modules; each has ``register``."""
    package = Path(__file__).parent
    modules = [
        importlib.import_module(f"versioning.cli.{info.name}")
        for info in pkgutil.iter_modules([str(package)])
        if info.name.endswith("_command")
    ]
    modules.extend(entry.load() for entry in entry_points(group=COMMANDS_GROUP))
    return modules


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser; each command module registers its own subcommand."""
    parser = argparse.ArgumentParser(
        prog="versiongate",
        description="Evolve a dated HTTP API without breaking the people who integrate with it.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules():
        module.register(commands)
    return parser


def _tolerant_streams() -> None:
    """Never fail on printing: a file name from ``argv`` may hold undecodable bytes."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def _internal_error(error: BaseException) -> int:
    """A bug reached the top: say so in one line (the message can hold a whole document)."""
    if os.environ.get("VERSIONGATE_TRACEBACK"):
        traceback.print_exception(error)
    lines = str(error).splitlines()
    message = lines[0] if lines else ""
    if len(message) > _LONGEST_INTERNAL_MESSAGE:
        message = message[:_LONGEST_INTERNAL_MESSAGE] + "…"
    known: dict[type[BaseException], str] = {
        RecursionError: "the input nests too deeply",
        MemoryError: "out of memory",
    }
    what = known.get(type(error), f"{type(error).__name__}: {message}")
    print(
        f"internal error: {what}. This is a bug in versiongate: please report it with the"
        " input (VERSIONGATE_TRACEBACK=1 prints the traceback)",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _missing_extra(command: str, error: ModuleNotFoundError) -> int | None:
    """One line naming the extra to install, when ``error`` is an optional dependency."""
    module = (error.name or "").partition(".")[0]
    extra = EXTRA_OF_MODULE.get(module)
    if extra is None:
        return None
    print(
        f"error: versiongate {command} needs the {extra!r} extra ({module} is not installed):"
        f" pip install 'versiongate[{extra}]'",
        file=sys.stderr,
    )
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _tolerant_streams()
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
    except ModuleNotFoundError as error:  # `serve` / `verify` without their extra
        code = _missing_extra(arguments.command, error)
        return _internal_error(error) if code is None else code
    except (Exception, RecursionError, MemoryError) as error:  # noqa: BLE001 - the last line
        return _internal_error(error)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
