"""Run the ``console`` blocks of a Markdown page as one shell session and compare the output.

A block is a transcript: ``$ command`` lines, each followed by the output it prints. Every
command of the page runs, in order, in one ``bash`` process (so ``$?`` and the working
directory carry over), with stderr merged into stdout in the order it was written. A
command must exit 0 unless the next command is ``echo $?``, which then shows its status. In
the expected output, a line ``...`` matches any number of lines, and trailing spaces are
ignored.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Command", "commands", "matches", "run_session"]

_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.DOTALL | re.MULTILINE)
_MARK = "@@versiongate-transcript-status"
_ELLIPSIS = "..."


@dataclass(frozen=True)
class Command:
    """One ``$`` line of the page, what it should print, and where it is written."""

    line: int
    text: str
    expected: str


def commands(page: str) -> list[Command]:
    """Every ``$`` command of every ``console`` block, in page order."""
    found: list[Command] = []
    for block in _BLOCK.finditer(page):
        first_line = page.count("\n", 0, block.start(1)) + 1
        current: tuple[int, str] | None = None
        output: list[str] = []
        for number, line in enumerate(block.group(1).splitlines(), start=first_line):
            if line.startswith("$ "):
                if current is not None:
                    found.append(Command(current[0], current[1], "\n".join(output)))
                current, output = (number, line[2:]), []
            else:
                output.append(line)
        if current is not None:
            found.append(Command(current[0], current[1], "\n".join(output)))
    return found


def matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` is ``expected``, each ``...`` line standing for any lines."""
    parts = []
    for line in expected.splitlines():
        if line.strip() == _ELLIPSIS:
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(re.escape(line.rstrip()) + r"\n")
    normal = "".join(line.rstrip() + "\n" for line in actual.splitlines())
    return re.fullmatch("".join(parts), normal) is not None


def run_session(steps: list[Command], *, cwd: Path, timeout: float) -> list[tuple[str, int]]:
    """Run ``steps`` in one shell in ``cwd``; each step's output and exit status."""
    script = "".join(
        f"{step.text}\n__status=$?\nprintf '\\n{_MARK} %d\\n' \"$__status\"\n(exit $__status)\n"
        for step in steps
    )
    environment = dict(os.environ)
    environment.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}",
        PYTHONUNBUFFERED="1",  # stderr and stdout interleave as they would on a terminal
        PYTHONIOENCODING="utf-8",
        NO_COLOR="1",
        LC_ALL="C.UTF-8",
    )
    completed = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script], cwd=cwd, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout,
        check=False,
    )  # fmt: skip
    pieces = re.split(rf"\n{_MARK} (\d+)\n", completed.stdout)
    return [(pieces[index], int(pieces[index + 1])) for index in range(0, len(pieces) - 1, 2)]
