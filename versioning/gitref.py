"""Reading specs at a git revision: ``git:REF:path`` arguments and ``check --base REF``.

A spec may ``$ref`` sibling files, which must come from the same revision, so the folder
holding the spec is exported whole (``git archive``) into a temporary directory and loaded
from there. Locations are then renamed ``git:REF:path`` (the path relative to the repository
root, as ``git show REF:path`` takes it) so reports never show the temporary directory.
git runs without a shell, with the revision checked first so it can never act as an option.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import msgspec

from versioning.errors import UsageError, VersioningError
from versioning.spec.loader import load_spec

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from versioning.findings import Finding, SourceRef
    from versioning.spec.bundle import MissingRefs
    from versioning.spec.model import Spec

__all__ = [
    "GIT_PREFIX",
    "GitSnapshot",
    "GitTarget",
    "load_spec_argument",
    "parse_git_target",
    "relative_to_working_directory",
    "snapshot",
]

GIT_PREFIX = "git:"
_TIMEOUT_SECONDS = 120
E = TypeVar("E", bound=VersioningError)


class GitTarget(msgspec.Struct, frozen=True, kw_only=True):
    """A ``git:REF:path`` argument, split."""

    ref: str
    path: str


def parse_git_target(text: str) -> GitTarget | None:
    """Split ``git:REF:path``; ``None`` for an ordinary path.

    Raises:
        UsageError: It starts with ``git:`` but has no ref or no path.
    """
    if not text.startswith(GIT_PREFIX):
        return None
    ref, separator, path = text[len(GIT_PREFIX) :].partition(":")
    if not separator or not ref or not path:
        raise UsageError(f"{text!r}: expected git:REF:path, for example git:main:api/openapi.yaml")
    return GitTarget(ref=ref, path=path)


def _git(arguments: list[str], *, cwd: Path, what: str, failure: str | None = None) -> bytes:
    """Run git; on failure, raise ``what: failure`` (or git's own last line of complaint)."""
    executable = shutil.which("git")
    if executable is None:
        raise UsageError(f"{what}: git is not installed or not on PATH")
    try:
        completed = subprocess.run(
            [executable, *arguments],
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=_TIMEOUT_SECONDS,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except subprocess.TimeoutExpired:
        raise UsageError(f"{what}: git took longer than {_TIMEOUT_SECONDS} s") from None
    if completed.returncode != 0:
        detail = completed.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"git exited with {completed.returncode}"
        raise UsageError(f"{what}: {failure or reason.removeprefix('fatal: ')}")
    return completed.stdout


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path.cwd()  # pragma: no cover - the filesystem root always exists


def _locate_in_repository(path: Path, what: str) -> tuple[Path, str]:
    """The repository's top folder and ``path`` relative to it (POSIX form)."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    folder = _existing_ancestor(absolute)
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd=folder, what=what).decode().strip())
    real = Path(os.path.realpath(folder)) / absolute.relative_to(folder)
    try:
        relative = real.relative_to(Path(os.path.realpath(top)))
    except ValueError:
        raise UsageError(f"{what}: {path} is outside the repository at {top}") from None
    return top, relative.as_posix() if relative.parts else "."


class GitSnapshot:
    """A folder of a repository exported at one revision into a temporary directory."""

    __slots__ = ("commit", "path", "ref", "root", "top")

    def __init__(self, *, ref: str, commit: str, top: Path, root: Path, path: str) -> None:
        self.ref = ref
        self.commit = commit
        self.top = top
        self.root = root
        self.path = path
        """The requested path, relative to the repository's top folder (POSIX form)."""

    def local(self, relative: str) -> Path:
        """Where the repository path ``relative`` lies in the export."""
        return self.root / relative

    def display(self, text: str) -> str:
        """``text`` with the export's folder shown as ``git:REF:``."""
        prefixes = {str(self.root), os.path.realpath(self.root)}
        for prefix in sorted(prefixes, key=len, reverse=True):
            text = text.replace(prefix + os.sep, f"{GIT_PREFIX}{self.ref}:")
        return text

    def _side(self, side: SourceRef | None) -> SourceRef | None:
        if side is None or side.location is None:
            return side
        location = msgspec.structs.replace(side.location, file=self.display(side.location.file))
        return msgspec.structs.replace(side, location=location)

    def relabel(self, finding: Finding) -> Finding:
        """``finding`` with locations inside the export renamed ``git:REF:path``."""
        return msgspec.structs.replace(
            finding, base=self._side(finding.base), revision=self._side(finding.revision)
        )

    def relabel_error(self, error: E) -> E:
        """The same error with the export's folder renamed in its message and location."""
        location = error.location
        if location is not None:
            location = msgspec.structs.replace(location, file=self.display(location.file))
        message = self.display(error.message)
        return type(error)(message, location=location, pointer=error.pointer)


def _export(commit: str, top: Path, relative: str, destination: Path, what: str) -> None:
    paths = [] if relative == "." else ["--", relative]
    archive = _git(["archive", "--format=tar", commit, *paths], cwd=top, what=what)
    with tarfile.open(fileobj=io.BytesIO(archive)) as bundle:
        bundle.extractall(
            destination, filter="data"
        )  # the "data" filter refuses links and paths leaving it


@contextmanager
def snapshot(ref: str, path: str | Path, *, folder: bool = False) -> Iterator[GitSnapshot]:
    """Export, at ``ref``, the folder holding ``path`` (or ``path`` itself with ``folder``).

    ``path`` is a path in the working tree (relative to the current directory, or absolute);
    it need not exist there any more.

    Raises:
        UsageError: Not a repository, unknown revision, or no such path at that revision.
    """
    what = f"{GIT_PREFIX}{ref}:{path}"
    if ref.startswith("-") or not ref.strip():
        raise UsageError(f"{what}: {ref!r} is not a git revision")
    top, relative = _locate_in_repository(Path(path), what)
    verify = ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"]
    failure = f"unknown revision {ref!r} in {top}"
    commit = _git(verify, cwd=top, what=what, failure=failure).decode().strip()
    object_name = f"{commit}:" if relative == "." else f"{commit}:{relative}"
    failure = f"{relative} does not exist at {ref}"
    kind = _git(["cat-file", "-t", object_name], cwd=top, what=what, failure=failure)
    kind = kind.strip()
    if folder and kind != b"tree":
        raise UsageError(f"{what}: {relative} is not a folder at {ref}")
    if not folder and kind != b"blob":
        raise UsageError(f"{what}: {relative} is not a file at {ref}")
    exported = relative if folder else (Path(relative).parent.as_posix() or ".")
    with tempfile.TemporaryDirectory(prefix="versiongate-git-") as temporary:
        root = Path(temporary)
        _export(commit, top, exported, root, what)
        yield GitSnapshot(ref=ref, commit=commit, top=top, root=root, path=relative)


def _relative_side(side: SourceRef | None, folder: Path) -> SourceRef | None:
    if side is None or side.location is None or not Path(side.location.file).is_absolute():
        return side
    try:
        relative = Path(side.location.file).relative_to(folder)
    except ValueError:
        return side
    location = msgspec.structs.replace(side.location, file=relative.as_posix())
    return msgspec.structs.replace(side, location=location)


def relative_to_working_directory(finding: Finding) -> Finding:
    """``finding`` with absolute locations under the current directory made relative.

    The loader names files reached through ``$ref`` by absolute path while the root keeps
    the path as given; when the root was given relatively, this keeps the report in one form.
    """
    folder = Path.cwd()
    return msgspec.structs.replace(
        finding,
        base=_relative_side(finding.base, folder),
        revision=_relative_side(finding.revision, folder),
    )


def _identity(finding: Finding) -> Finding:
    return finding


def load_spec_argument(
    text: str, *, missing_refs: MissingRefs = "error", lenient: bool = False
) -> tuple[Spec, Callable[[Finding], Finding]]:
    """Load a command-line spec argument: a path, or ``git:REF:path``.

    Returns the spec and the function that renames its locations in findings (from the
    temporary export to ``git:REF:path``; the identity for ordinary paths). The spec's
    warnings are renamed the same way. ``missing_refs`` and ``lenient`` are ``load_spec``'s.

    Raises:
        SpecError: The document cannot be loaded (locations already renamed).
        UsageError: The git revision or path does not exist.
    """
    target = parse_git_target(text)
    if target is None:
        relabel = _identity if Path(text).is_absolute() else relative_to_working_directory
        return load_spec(text, missing_refs=missing_refs, lenient=lenient), relabel
    with snapshot(target.ref, target.path) as exported:
        try:
            spec = load_spec(
                exported.local(exported.path),
                display=f"{GIT_PREFIX}{target.ref}:{exported.path}",
                missing_refs=missing_refs,
                lenient=lenient,
            )
        except VersioningError as error:
            raise exported.relabel_error(error) from None
        warnings = tuple(exported.relabel_error(warning) for warning in spec.warnings)
        return msgspec.structs.replace(spec, warnings=warnings), exported.relabel
