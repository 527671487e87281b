"""``load_spec``: file → parsed → bundled → normalised → typed :class:`Spec`."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from versioning.errors import SpecLimitError, SpecValidationError
from versioning.spec.build import ModelBuilder
from versioning.spec.bundle import Bundler, MissingRefs
from versioning.spec.model import Spec
from versioning.spec.source import MAX_BYTES, ParsedSource, parse_text, read_source
from versioning.spec.validate import validation_errors

__all__ = ["load_spec", "load_spec_text"]

_SUPPORTED = re.compile(r"3\.[01]\.\d+")


def _openapi_version(source: ParsedSource) -> str:
    document = source.value
    if not isinstance(document, dict):
        kind = "empty" if document is None else f"a {type(document).__name__}"
        raise SpecValidationError(
            f"an OpenAPI document must be a mapping at the top level, not {kind}",
            location=source.locate([]), pointer="",
        )  # fmt: skip
    if "swagger" in document:
        raise SpecValidationError(
            f"Swagger {document['swagger']} is not supported: convert it to OpenAPI 3"
            " (for example with swagger2openapi) first",
            location=source.locate(["swagger"]), pointer="/swagger",
        )  # fmt: skip
    version = document.get("openapi")
    if version is None:
        raise SpecValidationError(
            "not an OpenAPI document: the 'openapi' field is missing",
            location=source.locate([]), pointer="",
        )  # fmt: skip
    if isinstance(version, float | int):
        raise SpecValidationError(
            f"'openapi' must be a string such as \"3.1.0\", not the number {version}",
            location=source.locate(["openapi"]), pointer="/openapi",
        )  # fmt: skip
    if not isinstance(version, str) or not _SUPPORTED.fullmatch(version):
        raise SpecValidationError(
            f"OpenAPI version {version!r} is not supported (use 3.0.x or 3.1.x)",
            location=source.locate(["openapi"]), pointer="/openapi",
        )  # fmt: skip
    return version


def _build(
    source: ParsedSource,
    *,
    folder: Path | None,
    root_name: str,
    validate: bool,
    max_bytes: int,
    missing_refs: MissingRefs,
) -> Spec:
    openapi = _openapi_version(source)
    original = copy.deepcopy(source.value) if validate else None
    bundler = Bundler(
        source, folder=folder, root_name=root_name,
        openapi30=openapi.startswith("3.0"), max_bytes=max_bytes, missing_refs=missing_refs,
    )  # fmt: skip
    bundler.run()
    if original is not None:
        base_uri = (folder / root_name).as_uri() if folder is not None else ""
        errors = validation_errors(original, base_uri=base_uri, locate=source.locate)
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise SpecValidationError(
                f"invalid OpenAPI: {first.message}{more}",
                location=first.location,
                pointer=first.pointer,
            )
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
        warnings=tuple(bundler.warnings),
    )


def load_spec(
    path: str | Path,
    *,
    validate: bool = False,
    max_bytes: int = MAX_BYTES,
    display: str | None = None,
    missing_refs: MissingRefs = "error",
) -> Spec:
    """Load an OpenAPI 3.0/3.1 document (YAML or JSON) with its relative ``$ref`` files.

    Args:
        path: The root document.
        validate: Also check the document against the OpenAPI schema (slower).
        max_bytes: Refuse any file larger than this.
        display: How locations name the root file (default: ``path`` as given).
        missing_refs: ``"error"`` refuses a ``$ref`` to nothing; ``"warn"`` records it in
            :attr:`Spec.warnings` and treats it as an unconstrained schema.

    Raises:
        SpecError: With the file, line and pointer of the first problem.
    """
    path = Path(path)
    source = read_source(path, display=display, max_bytes=max_bytes)
    try:
        return _build(
        source, folder=path.parent, root_name=path.name, validate=validate,
            max_bytes=max_bytes, missing_refs=missing_refs,
        )  # fmt: skip
    except RecursionError:  # a last line of defence; the walks have their own depth limits
        raise SpecLimitError(
            "document nests too deeply to process", location=source.locate([]), pointer=""
        ) from None


def load_spec_text(
    text: str,
    *,
    file: str = "<string>",
    validate: bool = False,
    folder: Path | None = None,
    missing_refs: MissingRefs = "error",
) -> Spec:
    """Load a document from text; relative file ``$ref``s resolve against ``folder`` if given."""
    source = parse_text(text, file=file)
    return _build(
        source, folder=folder, root_name=file, validate=validate,
        max_bytes=MAX_BYTES, missing_refs=missing_refs,
    )  # fmt: skip
