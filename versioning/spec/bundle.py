"""``$ref`` resolution: every reference becomes a local pointer into one bundled document.

Relative file references are loaded once and placed, whole, under the root key
``x-versiongate-bundled`` (``{"schemas/money.yaml": {...}}``), and each ``$ref`` is rewritten
to point there (``#/x-versiongate-bundled/schemas~1money.yaml/Money``). Every later stage —
diff, validators, generators — then resolves plain local pointers only, and a location in a
bundled file still maps back to that file and line. Remote references, references outside
the spec's folder, unknown targets and ``$ref`` chains that loop without reaching an object
are refused with the location of the offending ``$ref``, as are file references that no file
system could open: longer than the limits, with a control character (a NUL), through a
symbolic link loop, or naming something that is not a regular file.
"""

from __future__ import annotations

import gc
import re
from collections import deque
from typing import TYPE_CHECKING, Any, Literal, TypeAlias
from urllib.parse import unquote, urlsplit

from versioning.errors import RefError, SpecLimitError
from versioning.spec.limits import Limits
from versioning.spec.location import Location, join_pointer, pointer_tokens, resolve_pointer
from versioning.spec.source import ParsedSource, read_source
from versioning.spec.traverse import MAX_SCHEMA_DEPTH, Kind, Path, Traversal, path_tokens

if TYPE_CHECKING:
    from pathlib import Path as FilePath
from pathlib import PurePath

__all__ = ["BUNDLE_KEY", "UNRESOLVED_KEY", "Bundler", "MissingRefs"]

BUNDLE_KEY = "x-versiongate-bundled"
UNRESOLVED_KEY = "x-versiongate-unresolved-ref"
MissingRefs: TypeAlias = Literal["error", "warn"]
"""What to do with a ``$ref`` whose target does not exist: refuse, or warn and go on."""
ROOT = ""
"""Context name of the root document; other documents are named by their relative path."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PLAIN_LOCAL_REF = re.compile(r"#/[^~%\t\r\n]*")
"""A local reference that URL parsing and pointer decoding leave as it is (nearly all)."""


class _TooDeepError(Exception):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class Bundler:
    """Resolves the references of one root document, loading relative files on the way."""

    def __init__(
        self,
        root: ParsedSource,
        *,
        folder: FilePath | None,
        root_name: str,
        openapi30: bool,
        max_bytes: int | None = None,
        missing_refs: MissingRefs = "error",
        limits: Limits | None = None,
    ) -> None:
        self.root = root
        self.folder = folder.resolve() if folder is not None else None
        self.root_name = root_name
        self.limits = limits if limits is not None else Limits()
        self.max_bytes = max_bytes if max_bytes is not None else self.limits.max_bytes
        self.missing_refs = missing_refs
        self.warnings: list[RefError] = []
        self.sources: dict[str, ParsedSource] = {ROOT: root}
        self.bundled: dict[str, Any] = {}
        self.pending: deque[tuple[str, list[str], Kind, Path, dict[str, Any]]] = deque()
        self.refs: list[tuple[dict[str, Any], Path, str]] = []
        self.traversal = Traversal(
            on_ref=self._on_ref, on_too_deep=self._too_deep, openapi30=openapi30
        )

    # -- locating --------------------------------------------------------------------------

    def locate(self, tokens: list[str]) -> Location:
        """Source location of a pointer into the bundled document."""
        if len(tokens) >= 2 and tokens[0] == BUNDLE_KEY and tokens[1] in self.sources:
            return self.sources[tokens[1]].locate(tokens[2:])
        return self.root.locate(tokens)

    def _error(self, message: str, path: Path, *, suffix: str = "/$ref") -> RefError:
        tokens = path_tokens(path)
        if suffix:
            tokens.append(suffix.lstrip("/"))
        return RefError(message, location=self.locate(tokens), pointer=join_pointer(tokens))

    def _too_deep(self, path: Path) -> None:
        raise _TooDeepError(path)  # located in run(), away from the deep Python stack

    def run(self) -> None:
        """Walk the root document, then every referenced target until nothing is pending.

        Python's cyclic garbage collector is held off meanwhile (its previous state kept):
        the walk allocates in proportion to the document, so the collector's allocation
        counts kept triggering collections over every object loaded so far (an earlier
        document's too) that found nothing; half the collection time of loading Stripe's
        two 4 MB documents.
        """
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._run()
        except _TooDeepError as deep:
            tokens = path_tokens(deep.path)
            raise SpecLimitError(
                f"schemas nest more than {MAX_SCHEMA_DEPTH} levels deep",
                location=self.locate(tokens),
                pointer=join_pointer(tokens),
            ) from None
        finally:
            if collecting:
                gc.enable()
            # The spec keeps this bundler (its ``locate``); the walk's bookkeeping is done.
            self.traversal.seen.clear()
            self.refs.clear()

    # -- walking ---------------------------------------------------------------------------

    def _run(self) -> None:
        document = self.root.value
        self.traversal.visit(document, None, "document", ROOT)
        while self.pending:
            context, tokens, kind, ref_path, ref_node = self.pending.popleft()
            container = self.sources[context].value
            try:
                target = resolve_pointer(container, tokens)
            except LookupError as error:
                self._missing(ref_node, ref_path, error)
                continue
            base: Path = None
            for token in self._bundled_tokens(context, tokens):
                base = (base, token)
            replacement = self.traversal.visit(target, base, kind, context)
            if replacement is not target:  # a wrapped schema: put it back in its parent
                self._replace(context, tokens, replacement, ref_path)
        if self.bundled:
            document[BUNDLE_KEY] = self.bundled
        self._check_chains()

    def _missing(self, node: dict[str, Any], path: Path, error: LookupError) -> None:
        problem = self._error(f"$ref target does not exist: {error}", path)
        if self.missing_refs == "error":
            raise problem
        # Lenient: keep loading; the reference becomes an unconstrained schema/object that
        # remembers what it pointed to, and the problem is reported as a warning.
        self.warnings.append(problem)
        node[UNRESOLVED_KEY] = node.pop("$ref")

    def _replace(self, context: str, tokens: list[str], value: Any, ref_path: Path) -> None:
        if not tokens:
            if context == ROOT:
                raise self._error("$ref to the whole root document is not supported", ref_path)
            self.bundled[context] = self.sources[context].value = value
            return
        parent = self._resolve(self.sources[context].value, tokens[:-1], ref_path)
        parent[tokens[-1] if isinstance(parent, dict) else int(tokens[-1])] = value

    def _bundled_tokens(self, context: str, tokens: list[str]) -> list[str]:
        return tokens if context == ROOT else [BUNDLE_KEY, context, *tokens]

    def _resolve(self, container: Any, tokens: list[str], ref_path: Path) -> Any:
        try:
            return resolve_pointer(container, tokens)
        except LookupError as error:
            raise self._error(f"$ref target does not exist: {error}", ref_path) from None

    # -- one reference ---------------------------------------------------------------------

    def _on_ref(self, node: dict[str, Any], path: Path, kind: Kind, context: str) -> None:
        ref = node["$ref"]
        if not isinstance(ref, str):
            raise self._error("$ref must be a string", path)
        if len(ref) > self.limits.max_ref_length:
            raise self._error(
                f"$ref is {len(ref):,} characters long; the limit is"
                f" {self.limits.max_ref_length:,}",
                path,
            )
        if ref.startswith(f"#/{BUNDLE_KEY}/"):  # already rewritten (node reached twice)
            return
        if context == ROOT and _PLAIN_LOCAL_REF.fullmatch(ref):  # canonical already
            target_context, tokens = ROOT, ref[2:].split("/")
        else:
            target_context, tokens = self._split(ref, path, context)
            canonical = "#" + join_pointer(self._bundled_tokens(target_context, tokens))
            if canonical != ref:
                node["$ref"] = canonical
        self.refs.append((node, path, ref))
        self.pending.append((target_context, tokens, kind, path, node))

    def _split(self, ref: str, path: Path, context: str) -> tuple[str, list[str]]:
        """Turn a reference into (document context, pointer tokens), loading files as needed."""
        parts = urlsplit(ref)
        if parts.scheme in {"http", "https"}:
            raise self._error(
                f"remote $ref {ref!r} is not allowed: specs must be self-contained", path
            )
        if parts.scheme or parts.netloc:
            raise self._error(
                f"unsupported $ref {ref!r}: only relative files and '#/…' pointers", path
            )
        fragment = unquote(parts.fragment)
        if fragment and not fragment.startswith("/"):
            raise self._error(f"$ref fragment {fragment!r} must be a JSON pointer ('#/…')", path)
        tokens = pointer_tokens(fragment)
        if not parts.path:
            return context, tokens
        return self._load(unquote(parts.path), path, context), tokens

    def _check_file_name(self, relative: str, path: Path) -> None:
        """Refuse names no file system opens, before asking one (``ValueError`` on a NUL …)."""
        control = _CONTROL.search(relative)
        if control is not None:
            code = f"U+{ord(control.group()):04X}"
            raise self._error(
                f"$ref file name {relative!r} contains the control character {code}", path
            )
        longest = self.limits.max_ref_segment_bytes
        for segment in relative.split("/"):
            size = len(segment.encode("utf-8", "surrogatepass"))
            if size > longest:
                raise self._error(
                    f"$ref file name {segment[:40]!r}… is {size:,} bytes long; the limit is"
                    f" {longest:,}",
                    path,
                )

    def _target(self, relative: str, path: Path, context: str) -> FilePath:
        """The referenced file's real path; link loops and OS refusals become ``RefError``s."""
        assert self.folder is not None  # checked by the caller
        base = (self.folder / context).parent if context else self.folder
        try:
            target = (base / relative).resolve()
            exists = target.exists()
            regular = target.is_file()
        except RuntimeError:  # Python < 3.13: "Symlink loop from …"
            raise self._error(f"$ref file {relative!r} is a symbolic link loop", path) from None
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise self._error(f"$ref file {relative!r} cannot be opened: {reason}", path) from None
        if exists and not regular and target.is_relative_to(self.folder):
            raise self._error(f"$ref file {relative!r} is not a regular file", path)
        return target

    def _load(self, relative: str, path: Path, context: str) -> str:
        if self.folder is None:
            raise self._error(
                f"$ref to file {relative!r} needs the spec to be read from a file", path
            )
        self._check_file_name(relative, path)
        target = self._target(relative, path, context)
        if not target.is_relative_to(self.folder):
            raise self._error(f"$ref {relative!r} escapes the spec's folder {self.folder}", path)
        name = target.relative_to(self.folder).as_posix()
        if name == self.root_name:
            return ROOT
        if name not in self.sources:
            if not target.is_file():
                raise self._error(f"$ref file {relative!r} does not exist", path)
            # Shown beside the root as the user named it: `specs/openapi.yaml` refers to
            # `specs/schemas/money.yaml`, not to an absolute path.
            display = str(PurePath(self.root.file).parent / name)
            source = read_source(
                target, display=display, max_bytes=self.max_bytes, limits=self.limits
            )
            self.sources[name] = source
            self.bundled[name] = source.value
        return name

    # -- chains ----------------------------------------------------------------------------

    def _check_chains(self) -> None:
        """Refuse ``$ref`` chains that never reach a real object (A → B → A)."""
        document = self.root.value
        settled: set[int] = set()
        for node, path, _ in self.refs:
            chain: list[int] = []
            current: Any = node
            while (
                isinstance(current, dict)
                and len(current) == 1
                and "$ref" in current
                and id(current) not in settled
            ):
                if id(current) in chain:
                    raise self._error(
                        "cyclic $ref chain: it never reaches a schema or object", path
                    )
                chain.append(id(current))
                current = resolve_pointer(document, pointer_tokens(current["$ref"][1:]))
            settled.update(chain)
