"""Compare the ``discriminator`` of two schema views: its property and its mapping.

A discriminator never changes which values are valid; it tells deserializers (generated
clients, servers dispatching a ``oneOf``) which branch a payload is by one property's
value. So its changes are facts for the rules to weigh: the discriminator added or
removed, its property renamed, and mapping entries added, removed or pointing elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.diff.collect import at
from versioning.spec.location import join_pointer

if TYPE_CHECKING:
    from versioning.diff.collect import Collector

__all__ = ["compare_discriminator"]


def compare_discriminator(collector: Collector) -> None:
    """Discriminator added, removed, its ``propertyName`` or ``mapping`` changed."""
    before, after = collector.base.discriminator, collector.revision.discriminator
    if before == after:
        return
    if before is None:
        assert after is not None
        collector.change("discriminator-added", "discriminator", after=after[0])
        return
    if after is None:
        collector.change("discriminator-removed", "discriminator", before=before[0])
        return
    if before[0] != after[0]:
        collector.change(
            "discriminator-property-name-changed",
            "discriminator",
            before=before[0],
            after=after[0],
            base_pointer=f"{at(collector.base, 'discriminator')}/propertyName",
            revision_pointer=f"{at(collector.revision, 'discriminator')}/propertyName",
        )
    _compare_mapping(collector, before[1], after[1])


def _compare_mapping(collector: Collector, before: dict[str, str], after: dict[str, str]) -> None:
    base_at = f"{at(collector.base, 'discriminator')}/mapping"
    revision_at = f"{at(collector.revision, 'discriminator')}/mapping"
    for value, target in before.items():
        pointer = base_at + join_pointer([value])
        if value not in after:
            collector.change(
                "discriminator-mapping-deleted",
                "discriminator",
                name=value,
                before=target,
                base_pointer=pointer,
                revision_pointer=revision_at,
            )
        elif after[value] != target:
            collector.change(
                "discriminator-mapping-changed",
                "discriminator",
                name=value,
                before=target,
                after=after[value],
                base_pointer=pointer,
                revision_pointer=revision_at + join_pointer([value]),
            )
    for value, target in after.items():
        if value not in before:
            collector.change(
                "discriminator-mapping-added",
                "discriminator",
                name=value,
                after=target,
                base_pointer=base_at,
                revision_pointer=revision_at + join_pointer([value]),
            )
