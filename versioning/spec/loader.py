"""``load_spec``: file → parsed → (validated) → bundled → normalised → typed :class:`Spec`.

Every failure is a :class:`SpecError` with a location, within the :class:`Limits`; the
stages have their own depth limits, and a ``RecursionError`` that still escapes one of them
becomes a located limit error here rather than a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from versioning.errors import SpecError, SpecLimitError, SpecValidationError
from versioning.spec.build import ModelBuilder
from versioning.spec.bundle import Bundler, MissingRefs
from versioning.spec.lenient import drop_null_fields
from versioning.spec.limits import Limits, limits_from_environment
from versioning.spec.location import Location
from versioning.spec.model import Spec
from versioning.spec.source import (
    MEMORY_ADVICE,
    ParsedSource,
    parse_text,
    printable_name,
    read_source,
)
from versioning.spec.validate import validation_errors

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["load_spec", "load_spec_text"]

_SUPPORTED = re.compile(r"3\.[01]\.\d+")


def _openapi_version(source: ParsedSource) -> str:
    document = source.value
    if not isinstance(document, dict):
        kind = "empty" if document is None else f"a {type(document).__name__}"
        raise SpecValidationError(
            f"an OpenAPI document must be a mapping at the top level, not {kind}",
            location=source.locate([]),
            pointer="",
        )
    if "swagger" in document:
        raise SpecValidationError(
            f"Swagger {document['swagger']} is not supported: convert it to OpenAPI 3"
            " (for example with swagger2openapi) first",
            location=source.locate(["swagger"]),
            pointer="/swagger",
        )
    version = document.get("openapi")
    if version is None:
        raise SpecValidationError(
            "not an OpenAPI document: the 'openapi' field is missing",
            location=source.locate([]),
            pointer="",
        )
    if isinstance(version, float | int):
        raise SpecValidationError(
            f"'openapi' must be a string such as \"3.1.0\", not the number {version}",
            location=source.locate(["openapi"]),
            pointer="/openapi",
        )
    if not isinstance(version, str) or not _SUPPORTED.fullmatch(version):
        raise SpecValidationError(
            f"OpenAPI version {version!r} is not supported (use 3.0.x or 3.1.x)",
            location=source.locate(["openapi"]),
            pointer="/openapi",
        )
    return version


class _Options(msgspec.Struct, frozen=True, kw_only=True):
    """How one document is loaded: validation, leniency and limits."""

    validate: bool
    missing_refs: MissingRefs
    lenient: bool
    limits: Limits


def _validate(
    source: ParsedSource, *, folder: Path | None, root_name: str, options: _Options
) -> list[SpecError]:
    """Full OpenAPI validation of the document as written; returns the warnings.

    Runs before bundling, which rewrites the document in place, so nothing is copied.
    """
    base_uri = (folder.resolve() / root_name).as_uri() if folder is not None else ""
    result = validation_errors(
        source.value,
        base_uri=base_uri,
        locate=source.locate,
        folder=folder,
        limits=options.limits,
        lenient_refs=options.missing_refs == "warn",
    )
    if result.errors:
        first = result.errors[0]
        more = f" (and {len(result.errors) - 1} more)" if len(result.errors) > 1 else ""
        prefix = "" if first.message.startswith("$ref") else "invalid OpenAPI: "
        raise type(first)(
            f"{prefix}{first.message}{more}", location=first.location, pointer=first.pointer
        )
    return result.warnings


def _build(source: ParsedSource, *, folder: Path | None, root_name: str, options: _Options) -> Spec:
    openapi = _openapi_version(source)
    warnings: list[SpecError] = []
    if options.lenient:
        warnings.extend(drop_null_fields(source.value, source.locate))
    if options.validate:
        warnings.extend(_validate(source, folder=folder, root_name=root_name, options=options))
    bundler = Bundler(
        source,
        folder=folder,
        root_name=root_name,
        openapi30=openapi.startswith("3.0"),
        missing_refs=options.missing_refs,
        limits=options.limits,
    )
    bundler.run()
    document = source.value
    builder = ModelBuilder(document, bundler.locate)
    info = document.get("info")
    info = info if isinstance(info, dict) else {}
    return Spec(
        file=source.file,
        openapi=openapi,
        document=document,
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        operations=tuple(builder.operations()),
        schemas=builder.schemas(),
        security_schemes=builder.security_schemes(),
        locator=bundler.locate,
        warnings=(*bundler.warnings, *warnings),
    )


def _out_of_memory(file: str) -> SpecLimitError:
    """Memory ran out while loading: a located limit error (exit 2), not an internal one."""
    return SpecLimitError(
        f"out of memory while loading this spec: {MEMORY_ADVICE}",
        location=Location(file=printable_name(file), line=1, column=1),
    )


def _read(read: Callable[[], ParsedSource], file: str) -> ParsedSource:
    try:
        return read()
    except MemoryError:
        raise _out_of_memory(file) from None


def _guarded(source: ParsedSource, build: Callable[[], Spec]) -> Spec:
    try:
        return build()
    except RecursionError:  # a last line of defence; the walks have their own depth limits
        raise SpecLimitError(
            "document nests too deeply to process", location=source.locate([]), pointer=""
        ) from None
    except MemoryError:
        raise _out_of_memory(source.file) from None


def _options(
    *,
    validate: bool,
    missing_refs: MissingRefs,
    lenient: bool,
    limits: Limits | None,
    max_bytes: int | None,
) -> _Options:
    limits = limits if limits is not None else limits_from_environment()
    if max_bytes is not None:
        limits = msgspec.structs.replace(limits, max_bytes=max_bytes)
    return _Options(
        validate=validate,
        missing_refs="warn" if lenient else missing_refs,
        lenient=lenient,
        limits=limits,
    )


def load_spec(
    path: str | Path,
    *,
    validate: bool = False,
    max_bytes: int | None = None,
    display: str | None = None,
    missing_refs: MissingRefs = "error",
    lenient: bool = False,
    limits: Limits | None = None,
) -> Spec:
    """Load an OpenAPI 3.0/3.1 document (YAML or JSON) with its relative ``$ref`` files.

    Args:
        path: The root document.
        validate: Also check the document against the OpenAPI schema (slower).
        max_bytes: Refuse any file larger than this (default: ``limits.max_bytes``).
        display: How locations name the root file (default: ``path`` as given).
        missing_refs: ``"error"`` refuses a ``$ref`` to nothing; ``"warn"`` records it in
            :attr:`Spec.warnings` and treats it as an unconstrained schema.
        lenient: Read what oasdiff reads: ``null`` OpenAPI fields as absent and ``$ref``s to
            nothing as unconstrained, each with a warning in :attr:`Spec.warnings`.
        limits: The safety limits (default: :func:`limits_from_environment`).

    Raises:
        SpecError: With the file, line and pointer of the first problem.
    """
    path = Path(path)
    options = _options(
        validate=validate,
        missing_refs=missing_refs,
        lenient=lenient,
        limits=limits,
        max_bytes=max_bytes,
    )
    source = _read(
        lambda: read_source(path, display=display, limits=options.limits),
        display if display is not None else str(path),
    )
    return _guarded(
        source,
        lambda: _build(source, folder=path.parent, root_name=path.name, options=options),
    )


def load_spec_text(
    text: str,
    *,
    file: str = "<string>",
    validate: bool = False,
    folder: Path | None = None,
    missing_refs: MissingRefs = "error",
    lenient: bool = False,
    limits: Limits | None = None,
) -> Spec:
    """Load a document from text; relative file ``$ref``s resolve against ``folder`` if given."""
    options = _options(
        validate=validate,
        missing_refs=missing_refs,
        lenient=lenient,
        limits=limits,
        max_bytes=None,
    )
    source = _read(lambda: parse_text(text, file=file, limits=options.limits), file)
    return _guarded(source, lambda: _build(source, folder=folder, root_name=file, options=options))
