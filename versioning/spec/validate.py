"""Full OpenAPI validation through openapi-spec-validator, in two phases, never a crash.

1. **Structure**: the whole document against the OpenAPI JSON Schema (jsonschema-rs, fast:
   Stripe's 4 MB in well under a second). Any error ends validation here, because
2. **the semantic checks** (path parameters declared, defaults valid against their schema,
   unique operation ids …) assume a well-formed document: given ``parameters: "x"`` or
   ``in: {}`` they raise ``KeyError``/``TypeError`` (issue 12). They are also slow (about
   3 ms an operation: 63 s on 20,000 paths), so they run under a time budget; past it the
   result is a warning that says what was left unchecked, not a hang.

References the validator follows itself (``$ref`` inside ``default`` or ``example`` values
too) are read by our own reader, inside the spec's folder, within the limits: never from the
network, never through the validator's unbounded YAML loader. Every other failure of the
validator becomes a :class:`SpecValidationError` with the best location we can find.

Slower than loading, so opt-in: ``load_spec(..., validate=True)`` and ``versiongate validate``.
"""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from versioning.errors import RefError, SpecError, SpecLimitError, SpecValidationError
from versioning.spec.build import template_problem
from versioning.spec.limits import Limits
from versioning.spec.location import Location, join_pointer
from versioning.spec.source import read_source

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["ValidationResult", "validation_errors"]

MAX_REPORTED = 50
_ALARM_REPEAT_SECONDS = 0.05
_LONGEST_MESSAGE = 300


class _OutOfTimeError(BaseException):
    """Raised by the alarm; a ``BaseException`` so no ``except Exception`` inside swallows it."""


class ValidationResult:
    """What validation found: errors (at most 50) and warnings (a check cut short)."""

    __slots__ = ("errors", "warnings")

    def __init__(self) -> None:
        self.errors: list[SpecError] = []
        self.warnings: list[SpecError] = []


class _LocalFiles:
    """The validator's only way to read a referenced file: ours, inside the spec's folder."""

    def __init__(self, folder: Path | None, limits: Limits) -> None:
        self.folder = folder.resolve() if folder is not None else None
        self.limits = limits

    def __call__(self, uri: str) -> Any:
        """Read the file at a ``file:`` URI."""
        path = Path(unquote(urlsplit(uri).path))
        try:
            inside = self.folder is not None and path.resolve().is_relative_to(self.folder)
            regular = inside and path.is_file()
        except (OSError, RuntimeError, ValueError):  # a link loop, a NUL …
            inside = regular = False
        if not inside:
            raise _RefusedFileError(uri, "leaves the spec's folder")
        if not regular:
            raise _RefusedFileError(uri, "names no regular file")
        return read_source(path, limits=self.limits).value


class _RefusedFileError(Exception):
    """The validator asked for a file outside the spec's folder, or for no file at all."""

    def __init__(self, uri: str, reason: str) -> None:
        super().__init__(uri)
        self.uri = uri
        self.reason = reason


@contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Raise ``_OutOfTimeError`` after ``seconds`` (main thread only; elsewhere no budget).

    The alarm repeats every 50 ms: a signal handler runs wherever the interpreter is, and
    an exception raised inside a finaliser (``__del__``, a weakref callback) is swallowed
    as "unraisable" — silenced here — so the next tick raises it again where it counts.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _OutOfTimeError

    previous_hook = sys.unraisablehook

    def unraisable(report: Any) -> None:
        if not isinstance(report.exc_value, _OutOfTimeError):
            previous_hook(report)

    previous = signal.signal(signal.SIGALRM, alarm)
    sys.unraisablehook = unraisable
    signal.setitimer(signal.ITIMER_REAL, seconds, _ALARM_REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "message", error)).splitlines()
    line = text[0] if text else type(error).__name__
    return line if len(line) <= _LONGEST_MESSAGE else line[:_LONGEST_MESSAGE] + "…"


def _refers_to(value: Any, ref: str) -> bool:
    """Whether a ``$ref`` value names ``ref`` (the resolver reports ``/a/b`` for ``#/a/b``)."""
    return isinstance(value, str) and (value == ref or value.endswith("#" + ref))


def _find_ref(document: Any, ref: str) -> tuple[list[str], str] | None:
    """The first object whose ``$ref`` names ``ref``: its tokens and its ``$ref`` as written."""
    stack: list[tuple[Any, list[str]]] = [(document, [])]
    while stack:
        node, tokens = stack.pop()
        if isinstance(node, dict):
            if _refers_to(node.get("$ref"), ref):
                return tokens, node["$ref"]
            stack.extend((child, [*tokens, str(key)]) for key, child in reversed(node.items()))
        elif isinstance(node, list):
            indexed = list(enumerate(node))
            stack.extend((child, [*tokens, str(index)]) for index, child in reversed(indexed))
    return None


def _find_file_ref(document: Any, base_uri: str, uri: str) -> tuple[list[str], str] | None:
    """The first object whose ``$ref``, resolved against ``base_uri``, names the file ``uri``."""
    target = uri.partition("#")[0]
    stack: list[tuple[Any, list[str]]] = [(document, [])]
    while stack:
        node, tokens = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and urljoin(base_uri, ref).partition("#")[0] == target:
                return tokens, ref
            stack.extend((child, [*tokens, str(key)]) for key, child in reversed(node.items()))
        elif isinstance(node, list):
            indexed = list(enumerate(node))
            stack.extend((child, [*tokens, str(index)]) for index, child in reversed(indexed))
    return None


def _own_error(error: BaseException) -> BaseException | None:
    """Our own error, if the validator only wrapped it (a referenced file we refused)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, SpecError | _RefusedFileError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


class _Validation:
    """One validation run over ``document``; see the module docstring."""

    def __init__(
        self,
        document: Any,
        *,
        locate: Callable[[list[str]], Location],
        base_uri: str,
        folder: Path | None,
        limits: Limits,
        lenient_refs: bool,
    ) -> None:
        self.document = document
        self.locate = locate
        self.base_uri = base_uri
        self.handlers = {"file": _LocalFiles(folder, limits)}
        self.limits = limits
        self.lenient_refs = lenient_refs
        self.result = ValidationResult()

    def error(self, message: str, tokens: list[str], kind: type[SpecError]) -> SpecError:
        return kind(message, location=self.locate(tokens), pointer=join_pointer(tokens))

    def add(self, error: Any) -> bool:
        """Record one validator error; ``False`` once enough are recorded."""
        tokens = [str(token) for token in getattr(error, "absolute_path", ())]
        self.result.errors.append(self.error(_first_line(error), tokens, SpecValidationError))
        return len(self.result.errors) < MAX_REPORTED

    def own(self, error: BaseException) -> SpecError:
        """Our error from inside the validator, located at the ``$ref`` that led to it."""
        if isinstance(error, SpecError):
            return error
        assert isinstance(error, _RefusedFileError)
        found = _find_file_ref(self.document, self.base_uri, error.uri)
        where = [*found[0], "$ref"] if found is not None else []
        written = found[1] if found is not None else error.uri
        return self.error(f"$ref {written!r} {error.reason}", where, RefError)

    def unresolvable(self, error: Exception) -> None:
        ref = str(getattr(error, "ref", ""))
        found = _find_ref(self.document, ref)
        where = [*found[0], "$ref"] if found is not None else []
        ref = found[1] if found is not None else ref
        problem = self.error(f"$ref {ref!r} cannot be resolved", where, RefError)
        if not self.lenient_refs:
            self.result.errors.append(problem)
            return
        self.result.warnings.append(
            self.error(
                f"the semantic checks stopped at $ref {ref!r}, which cannot be resolved",
                where,
                SpecValidationError,
            )
        )

    def structure(self, validator_cls: Any) -> None:
        """Phase 1: the document against the OpenAPI JSON Schema."""
        try:
            for error in validator_cls.schema_validator.iter_errors(self.document):
                if not self.add(error):
                    return
        except Exception as error:  # noqa: BLE001 - the validator's own failure, reported
            self.result.errors.append(
                self.error(
                    f"the OpenAPI schema check failed: {_first_line(error)}",
                    [],
                    SpecValidationError,
                )
            )

    def templates(self) -> None:
        """Path templates the semantic checks would choke on (``/{unclosed``: ``ValueError``)."""
        paths = self.document.get("paths") if isinstance(self.document, dict) else None
        for template in paths if isinstance(paths, dict) else ():
            problem = template_problem(template)
            if problem is not None:
                self.result.errors.append(
                    self.error(problem, ["paths", template], SpecValidationError)
                )
                return

    def semantics(self, validator_cls: Any) -> None:
        """Phase 2: the keyword validators, within the time budget."""
        # Imported here: jsonschema-path costs time to import and only validation needs it.
        from jsonschema_path import SchemaPath
        from referencing.exceptions import Unresolvable

        seconds = self.limits.validate_seconds
        try:
            with _time_budget(seconds):
                schema_path = SchemaPath.from_dict(
                    self.document, base_uri=self.base_uri, handlers=self.handlers
                )
                validator = validator_cls(schema_path)
                for error in validator.root_validator(validator.schema_path):
                    if not self.add(error):
                        return
        except _OutOfTimeError:
            self.result.warnings.append(
                SpecLimitError(
                    f"the OpenAPI validator's semantic checks were stopped after {seconds:g} s;"
                    " the structure was checked in full. Set VERSIONGATE_VALIDATE_SECONDS"
                    " (0: no budget) to let them finish",
                    location=self.locate([]),
                )
            )
        except Unresolvable as error:
            own = _own_error(error)
            if own is not None:
                raise self.own(own) from None
            self.unresolvable(error)
        except RecursionError:
            self.result.errors.append(
                self.error(
                    "the document nests too deeply for the OpenAPI validator", [], SpecLimitError
                )
            )
        except Exception as error:  # noqa: BLE001 - the validator's own failure, reported
            own = _own_error(error)
            if own is not None:
                raise self.own(own) from None
            self.result.errors.append(
                self.error(
                    f"the OpenAPI validator cannot check this document:"
                    f" {type(error).__name__}: {_first_line(error)}",
                    [],
                    SpecValidationError,
                )
            )


def validation_errors(
    document: Any,
    *,
    base_uri: str,
    locate: Callable[[list[str]], Location],
    folder: Path | None = None,
    limits: Limits | None = None,
    lenient_refs: bool = False,
) -> ValidationResult:
    """Every OpenAPI violation in ``document`` (at most 50), each with its source location.

    ``document`` must be the document as written (before bundling and normalisation).

    Args:
        document: The parsed root document.
        base_uri: Its ``file:`` URI (absolute), against which relative references resolve.
        locate: Tokens → source location.
        folder: The spec's folder; referenced files outside it are refused.
        limits: Reader limits for referenced files, and the semantic checks' time budget.
        lenient_refs: A reference to nothing stops the semantic checks with a warning
            instead of an error.

    Raises:
        SpecError: A file the validator needed could not be read within the limits.
    """
    # Imported here: the validator stack costs ~0.3 s to import and most loads skip it.
    from openapi_spec_validator.shortcuts import get_validator_cls
    from openapi_spec_validator.validation.exceptions import (
        ValidatorDetectError,
    )

    validation = _Validation(
        document,
        locate=locate,
        base_uri=base_uri,
        folder=folder,
        limits=limits if limits is not None else Limits(),
        lenient_refs=lenient_refs,
    )
    try:
        validator_cls = get_validator_cls(document)
    except ValidatorDetectError:
        validation.result.errors.append(
            SpecValidationError(
                "cannot tell the OpenAPI version of this document", location=locate([]), pointer=""
            )
        )
        return validation.result
    validation.structure(validator_cls)
    if not validation.result.errors:
        validation.templates()
    if not validation.result.errors:
        validation.semantics(validator_cls)
    return validation.result
