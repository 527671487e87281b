"""Diff one operation: parameters, request body, responses and headers, schemas included."""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.diff.model import (
    HeaderDiff,
    MediaTypeDiff,
    OperationDiff,
    ParameterDiff,
    RequestBodyDiff,
    ResponseDiff,
)

if TYPE_CHECKING:
    from versioning.diff.model import PairKey
    from versioning.diff.schema_compare import SchemaComparer
    from versioning.spec.model import (
        JsonObject,
        MediaType,
        Operation,
        Parameter,
        RequestBody,
        Response,
    )

    _Schema = tuple[str, JsonObject]
    """A schema the model already holds, with its pointer."""

__all__ = [
    "declares_schema",
    "diff_operation",
    "match_statuses",
    "media_essence",
    "parameter_schema_pointer",
]


def declares_schema(media: MediaType) -> bool:
    """Whether a media type constrains its content: an empty ``schema: {}`` does not."""
    return media.schema is not None and media.schema != {}


def media_essence(name: str) -> str:
    """``application/json; charset=utf-8`` → ``application/json``: the type without parameters."""
    return name.split(";", 1)[0].strip().lower()


def parameter_schema_pointer(parameter: Parameter) -> str | None:
    """Where a parameter's schema is: ``schema``, else the first ``content`` entry's."""
    found = _parameter_schema(parameter)
    return found[0] if found is not None else None


def _parameter_schema(parameter: Parameter) -> _Schema | None:
    if parameter.schema is not None:
        return f"{parameter.pointer}/schema", parameter.schema
    for media in parameter.content.values():
        if media.schema is not None:
            return f"{media.pointer}/schema", media.schema
    return None


def _declared_schema(media: MediaType) -> _Schema | None:
    """A media type's schema with its pointer, unless it declares none (``declares_schema``)."""
    if media.schema is None or not declares_schema(media):
        return None
    return f"{media.pointer}/schema", media.schema


def _schema_pair(
    comparer: SchemaComparer, base: _Schema | None, revision: _Schema | None
) -> PairKey | None:
    """Compare two schemas the model holds; their nodes spare the views a walk from the root."""
    if base is None or revision is None:
        return None
    base_pointer, revision_pointer = base[0], revision[0]
    comparer.base.remember(*base)
    comparer.revision.remember(*revision)
    return comparer.compare(
        (comparer.base.target(base_pointer),),
        (comparer.revision.target(revision_pointer),),
        base_pointer=base_pointer,
        revision_pointer=revision_pointer,
    )


def _parameter_key(parameter: Parameter, renames: dict[str, str]) -> tuple[str, str]:
    name = parameter.name
    if parameter.location == "path":
        name = renames.get(name, name)
    return (parameter.location, name.lower() if parameter.location == "header" else name)


def _parameters(
    comparer: SchemaComparer,
    base: Operation,
    revision: Operation,
    renames: dict[str, str],
    path_level_added: set[tuple[str, str]],
) -> tuple[ParameterDiff, ...]:
    before = {_parameter_key(p, renames): p for p in base.parameters}
    after = {_parameter_key(p, {}): p for p in revision.parameters}
    result: list[ParameterDiff] = []
    for key in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(key), after.get(key)
        schema = None
        if old is not None and new is not None:
            schema = _schema_pair(comparer, _parameter_schema(old), _parameter_schema(new))
        result.append(
            ParameterDiff(
                name=(new or old).name,  # type: ignore[union-attr]
                location=key[0],
                base=old,
                revision=new,
                schema=schema,
                added_at_path_level=old is None and key in path_level_added,
            )
        )
    return tuple(result)


def _covers(wider: str, narrower: str) -> bool:
    """Whether the media range ``wider`` (``application/*``, ``*/*``) covers ``narrower``."""
    kind, _, subtype = wider.partition("/")
    other_kind = narrower.partition("/")[0]
    return wider != narrower and subtype == "*" and kind in {"*", other_kind}


def _pair_media_names(before: list[str], after: list[str]) -> list[tuple[str | None, str | None]]:
    """Exact names first, then the same type with other parameters, then a covering range."""
    pairs: list[tuple[str | None, str | None]] = [(n, n) for n in after if n in before]
    left = [n for n in before if n not in after]
    right = [n for n in after if n not in before]
    for old in list(left):
        same = next((new for new in right if media_essence(new) == media_essence(old)), None)
        if same is not None:
            pairs.append((old, same))
            left.remove(old)
            right.remove(same)
    for old in list(left):
        partner = next((new for new in right if _covers(new, old) or _covers(old, new)), None)
        if partner is not None:
            pairs.append((old, partner))
            left.remove(old)
            right.remove(partner)
    pairs.extend((None, new) for new in right)
    pairs.extend((old, None) for old in left)
    return pairs


def _media_types(
    comparer: SchemaComparer, before: dict[str, MediaType], after: dict[str, MediaType]
) -> tuple[MediaTypeDiff, ...]:
    result: list[MediaTypeDiff] = []
    for old_name, new_name in _pair_media_names(list(before), list(after)):
        old = before.get(old_name) if old_name else None
        new = after.get(new_name) if new_name else None
        schema = None
        if old is not None and new is not None:
            schema = _schema_pair(comparer, _declared_schema(old), _declared_schema(new))
        result.append(
            MediaTypeDiff(
                media_type=new_name or old_name or "", base=old, revision=new, schema=schema
            )
        )
    return tuple(result)


def _request_body(
    comparer: SchemaComparer, base: RequestBody | None, revision: RequestBody | None
) -> RequestBodyDiff | None:
    if base is None and revision is None:
        return None
    return RequestBodyDiff(
        base=base,
        revision=revision,
        media_types=_media_types(
            comparer,
            base.content if base is not None else {},
            revision.content if revision is not None else {},
        ),
    )


def _headers(
    comparer: SchemaComparer, base: Response | None, revision: Response | None
) -> tuple[HeaderDiff, ...]:
    before = {name.lower(): h for name, h in (base.headers if base else {}).items()}
    after = {name.lower(): h for name, h in (revision.headers if revision else {}).items()}
    result: list[HeaderDiff] = []
    for key in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(key), after.get(key)
        schema = None
        if (
            old is not None
            and new is not None
            and old.schema is not None
            and new.schema is not None
        ):
            old_at, new_at = f"{old.pointer}/schema", f"{new.pointer}/schema"
            schema = _schema_pair(comparer, (old_at, old.schema), (new_at, new.schema))
        name = new.name if new is not None else old.name  # type: ignore[union-attr]
        result.append(HeaderDiff(name=name, base=old, revision=new, schema=schema))
    return tuple(result)


def _range_of(status: str) -> str:
    return f"{status[0]}XX" if len(status) == 3 and status.isdigit() else ""


def match_statuses(
    base: dict[str, Response], revision: dict[str, Response]
) -> list[tuple[str | None, str | None]]:
    """Pair status codes: exact first, then an exact code with the other side's range."""
    pairs: list[tuple[str | None, str | None]] = [(s, s) for s in revision if s in base]
    used: set[str] = set()
    for status in base:
        if status not in revision:
            ranged = _range_of(status.upper())
            partner = ranged if ranged in revision and ranged not in base else None
            used.update([partner] if partner else [])
            pairs.append((status, partner))
    for status in revision:
        if status not in base and status not in used:
            ranged = _range_of(status.upper())
            pairs.append((ranged if ranged in base and ranged not in revision else None, status))
    return pairs


def _responses(
    comparer: SchemaComparer, base: Operation, revision: Operation
) -> tuple[ResponseDiff, ...]:
    result: list[ResponseDiff] = []
    for before, after in match_statuses(base.responses, revision.responses):
        old = base.responses.get(before) if before else None
        new = revision.responses.get(after) if after else None
        result.append(
            ResponseDiff(
                status=after or before or "",
                base=old,
                revision=new,
                media_types=_media_types(
                    comparer,
                    old.content if old is not None else {},
                    new.content if new is not None else {},
                ),
                headers=_headers(comparer, old, new),
            )
        )
    return tuple(result)


def diff_operation(
    comparer: SchemaComparer,
    base: Operation,
    revision: Operation,
    *,
    renames: dict[str, str],
    path_level_added: set[tuple[str, str]],
) -> OperationDiff:
    """Compare one matched operation in full."""
    return OperationDiff(
        key=revision.key,
        base=base,
        revision=revision,
        path_renames=renames,
        parameters=_parameters(comparer, base, revision, renames, path_level_added),
        request_body=_request_body(comparer, base.request_body, revision.request_body),
        responses=_responses(comparer, base, revision),
    )
