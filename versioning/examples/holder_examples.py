"""The examples of one holder: its ``example`` value, or each named entry of its ``examples``.

The loader folds ``example: v`` into ``examples: {example: {value: v}}``; the source tells the
two spellings apart, and the site points at whichever the file has. A ``$ref``'d Example
Object is reported where its value is written (``#/components/examples/x/value``), because
that is the line to fix and the only place its members have lines of their own; the label
names both the use (the holder) and the reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.errors import SpecError
from versioning.examples.pointers import describe_pointer, in_source
from versioning.examples.site import ExampleSite
from versioning.spec.location import join_pointer, pointer_tokens, resolve_pointer

if TYPE_CHECKING:
    from versioning.examples.site import Holder
    from versioning.spec.build import ModelBuilder
    from versioning.spec.model import Spec

__all__ = ["holder_sites"]


def _site(holder: Holder, label: str, value: Any, pointer: str) -> ExampleSite:
    return ExampleSite(
        label=label,
        value=value,
        pointer=pointer,
        schema=holder.schema,
        direction=holder.direction,
        operation=holder.operation,
        subject=holder.subject,
    )


def holder_sites(spec: Spec, holder: Holder, builder: ModelBuilder) -> list[ExampleSite]:
    """One site per example value of ``holder`` (none when it has no schema)."""
    if holder.schema is None:
        return []
    tokens = pointer_tokens(holder.pointer)
    try:
        node = resolve_pointer(spec.document, tokens)
    except LookupError:
        return []
    raw = node.get("examples") if isinstance(node, dict) else None
    if not isinstance(raw, dict):
        return []
    if "example" in raw and not in_source(spec, [*tokens, "examples"]):
        entry = raw["example"]  # the file says `example: v`
        if isinstance(entry, dict) and "value" in entry:
            label = f"example of {holder.part}"
            return [_site(holder, label, entry["value"], holder.pointer + "/example")]
        return []
    sites: list[ExampleSite] = []
    for name, entry in raw.items():
        entry_pointer = holder.pointer + "/examples" + join_pointer([name])
        ref = entry.get("$ref") if isinstance(entry, dict) else None
        try:
            target, target_pointer = builder.deref(entry, entry_pointer)
        except (SpecError, LookupError):  # the loader refused such chains already
            continue
        if not isinstance(target, dict) or "value" not in target:
            continue  # an `externalValue`, or a summary only: no value to check
        via = f" ($ref {describe_pointer(ref[1:])})" if isinstance(ref, str) else ""
        label = f"example {name!r}{via} of {holder.part}"
        sites.append(_site(holder, label, target["value"], target_pointer + "/value"))
    return sites
