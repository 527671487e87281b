"""Values checked by the project's one validator, for the generator tests.

The generators are judged by the same jsonschema-rs compilation the server and the kit use
(:class:`versioning.messages.schemas.SchemaCompiler` over a direction's view of the document),
never by a second validator that could disagree with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.messages.schemas import SchemaCompiler
from versioning.messages.views import direction_view
from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from versioning.messages import Direction

_COMPILERS: dict[tuple[int, str | None], tuple[Any, SchemaCompiler]] = {}


def _compiler(document: Any, direction: Direction | None) -> SchemaCompiler:
    key = (id(document), direction)
    cached = _COMPILERS.get(key)
    if cached is not None and cached[0] is document:
        return cached[1]
    root = document if isinstance(document, dict) else {}
    view = root if direction is None else direction_view(root, direction)
    compiler = SchemaCompiler(view, original=root)
    _COMPILERS[key] = (document, compiler)
    return compiler


def schema_problems(
    document: Any, schema: Any, value: Any, direction: Direction | None = None
) -> list[str]:
    """``/pointer: message`` for every way ``value`` breaks ``schema`` (of ``document``).

    ``direction`` excuses required ``readOnly`` (request) or ``writeOnly`` (response)
    properties; ``None`` applies JSON Schema as written.
    """
    compiled = _compiler(document, direction).of(schema)
    return [
        f"{join_pointer(problem.path) or '/'}: {problem.message}"
        for problem in compiled.problems(value)
    ]
