"""The whole hostile corpus, written to disk, with every command that reads a spec over it.

Each case gets its own folder holding the input (and its ``$ref`` targets), a valid
``base.yaml`` (version ``2024-01-01``), and a ``versions.yaml`` that makes the folder a
catalog of the two, so ``check``, ``changelog`` and ``translate`` read the input too.
Commands run in that folder with relative paths (``validate`` crashed on every relative
path, issue 13), and once with an absolute one.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from tests.hostile.cases import BASE_VERSION, REVISION_VERSION, Case, as_yaml, document
from tests.hostile.harness import Budget, Job
from tests.hostile.large import large_cases

__all__ = [
    "COMMANDS",
    "KNOWN_ISSUES",
    "NEW_VERSION",
    "SPEC_BLIND",
    "STATIC_CORPUS",
    "WRITERS",
    "all_cases",
    "jobs_for",
    "write_case",
]

STATIC_CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "hostile"
NEW_VERSION = "2024-03-01"

COMMANDS: dict[str, tuple[str, ...]] = {
    "load": ("validate", "--no-schema", "{entry}"),
    "validate": ("validate", "{entry}"),
    "validate-absolute-lenient": ("validate", "--lenient", "{absolute}"),
    "diff-self": ("diff", "{entry}", "{entry}"),
    "diff-base": ("diff", "base.yaml", "{entry}"),
    "diff-lenient-reverse": ("diff", "--lenient", "--format", "json", "{entry}", "base.yaml"),
    "check": ("check", "."),
    "changelog": ("changelog", "base.yaml", "{entry}"),
    "translate": ("translate", "--operation", "GET /a", "--from", BASE_VERSION,
                  "--to", REVISION_VERSION, "request", "."),
    "verify": ("verify", "--examples", "1", "--shrink-seconds", "0", "."),
    "new-version": ("new-version", ".", NEW_VERSION),
    "deprecate": ("deprecate", "--deprecated", REVISION_VERSION, "--sunset", "2024-09-01",
                  "--today", REVISION_VERSION, ".", BASE_VERSION),
}  # fmt: skip
"""Every command that reads a catalog or a spec, by a short name; ``{entry}`` is the input.

(``rules`` and ``serve`` read no spec here: ``rules`` is tested with hostile patterns in
``test_cli_flags.py``; generic ``serve`` has its own suite.)"""

WRITERS = frozenset({"new-version", "deprecate"})
"""Commands that write into the catalog: each runs in its own copy of the case's folder, so
the others (run at the same time) read the folder as written."""

KNOWN_ISSUES: dict[tuple[str, str], str] = {}
"""Crashes outside the loader and the CLI's own files, each reproduced in a note for its owner;
each must still fail, and once fixed its entry must go. None left: ``verify``'s nine (schema
keywords of the wrong type reaching the generators) are fixed: notes/verify-memory.md."""


SPEC_BLIND = frozenset({"deprecate"})
"""Commands that never read a version's spec (``deprecate`` edits ``versions.yaml`` only): a
broken spec may end in a clean report."""


def _catalog(entry: str) -> dict[str, object]:
    return {
        "versions": [
            {"id": BASE_VERSION, "released": BASE_VERSION, "spec": "base.yaml"},
            {"id": REVISION_VERSION, "released": REVISION_VERSION, "spec": entry},
        ]
    }


_BASE = document(info={"title": "hostile", "version": BASE_VERSION})


def _static_cases() -> list[Case]:
    expectations = yaml.safe_load((STATIC_CORPUS / "expectations.yaml").read_text())
    return [
        Case(name="corpus_" + path.name.replace(".", "_"), entry=path.name, files={path.name: path.read_bytes()},
             expect="error", about=f"tests/corpus/hostile/{path.name}")
        for path in sorted(STATIC_CORPUS.iterdir()) if path.name in expectations
    ]  # fmt: skip


def all_cases(*, large_size: int) -> list[Case]:
    """The checked-in corpus, the generated cases and the large ones at ``large_size``."""
    from tests.hostile.cases import generated_cases

    return [*_static_cases(), *generated_cases(), *large_cases(large_size)]


def write_case(case: Case, root: Path) -> Path:
    """Write ``case`` (plus ``base.yaml``, ``versions.yaml``, a request) under ``root``."""
    folder = root / case.name
    folder.mkdir(parents=True)
    for name, content in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    for name, target in case.links.items():
        (folder / name).symlink_to(target)
    for name in case.fifos:
        os.mkfifo(folder / name)
    for name, size in case.sparse.items():
        with (folder / name).open("wb") as handle:
            handle.truncate(size)
    (folder / "base.yaml").write_bytes(as_yaml(_BASE))
    (folder / "versions.yaml").write_bytes(as_yaml(_catalog(case.entry)))
    (folder / "request.json").write_text('{"query": {}, "headers": {}}\n')
    return folder


def jobs_for(
    case: Case,
    folder: Path,
    *,
    commands: tuple[str, ...] = tuple(COMMANDS),
    budget: Budget | None = None,
) -> list[Job]:
    """One job per command over ``case`` written in ``folder``, within ``budget``.

    A command of :data:`WRITERS` gets a copy of the case, written here beside ``folder``.
    """
    budget = budget if budget is not None else Budget()
    entry = case.entry
    size = sum(len(content) for content in case.files.values()) + sum(case.sparse.values())
    jobs = []
    for command in commands:
        cwd = folder
        if command in WRITERS:
            cwd = folder.parent / f"{command}-copies" / case.name
            if not cwd.exists():
                write_case(case, cwd.parent)
        argv = tuple(
            part.format(entry=entry, absolute=str(cwd / entry)) for part in COMMANDS[command]
        )
        reads = 2 if command == "diff-self" else 1
        jobs.append(
            Job(
                id=f"{case.name}:{command}",
                argv=argv,
                cwd=str(cwd),
                input_bytes=size * reads,
                stdin=str(cwd / "request.json") if command == "translate" else None,
                env=budget.env,
                cpu_seconds=budget.cpu_seconds,
                wall_seconds=budget.wall_seconds,
                memory_bytes=budget.memory_bytes,
            )
        )
    return jobs
