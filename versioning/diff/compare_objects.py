"""Compare the object keywords of two schema views: properties, required, extra properties.

Properties are matched by name. Facts the parent states about a property (required,
read-only, write-only, deprecated, sunset) travel with the change, because their meaning
depends on the direction: a new required property breaks a request, not a response, and a
``readOnly`` one does not count in a request at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from versioning.diff.collect import at
from versioning.diff.model import PropertyFacts

if TYPE_CHECKING:
    from versioning.diff.collect import Collector
    from versioning.diff.model import SchemaKey
    from versioning.diff.schema_view import SchemaView
    from versioning.diff.view_builder import SchemaViews

__all__ = ["compare_objects", "compare_unevaluated", "property_facts"]


def property_facts(views: SchemaViews, parent: SchemaView, name: str) -> PropertyFacts:
    """What ``parent`` says about its property ``name`` (from the property's own view too)."""
    key = parent.properties.get(name, ())
    pointer = parent.property_pointers.get(name, at(parent, "required"))
    view = views.view(key, pointer)
    return PropertyFacts(
        required=name in parent.required,
        read_only=view.read_only,
        write_only=view.write_only,
        deprecated=view.deprecated,
        has_default=view.default is not None,
        sunset=view.sunset,
        stability=view.stability,
    )


def _names(view: SchemaView) -> list[str]:
    return [*view.properties, *(n for n in sorted(view.required) if n not in view.properties)]


def compare_objects(collector: Collector) -> None:
    """Properties, ``required``, ``additionalProperties``, pattern and dependent keywords."""
    _compare_properties(collector)
    _compare_additional(collector)
    _compare_keyed(collector, "pattern_properties", "pattern-property", "patternProperties")
    _compare_keyed(collector, "dependent_schemas", "dependent-schema", "dependentSchemas")
    _compare_dependent_required(collector)
    compare_unevaluated(collector, "unevaluatedProperties", "unevaluated-properties")


def _pointer(view: SchemaView, name: str) -> str:
    return view.property_pointers.get(name) or at(view, "required")


def _compare_properties(collector: Collector) -> None:
    base, revision = collector.base, collector.revision
    if not base.properties and not revision.properties and base.required == revision.required:
        return
    base_views, revision_views = collector.identity.base, collector.identity.revision
    base_names, revision_names = _names(base), _names(revision)
    revision_set = set(revision_names)
    closed = revision.additional_forbidden or (
        revision.unevaluated.get("unevaluatedProperties") is False
    )
    for name in base_names:
        base_key: SchemaKey = base.properties.get(name, ())
        if name not in revision_set:
            collector.change(
                "property-removed",
                name=name,
                base_pointer=_pointer(base, name),
                revision_pointer=revision.pointer,
                base_property=property_facts(base_views, base, name),
                closed=closed,
            )
            continue
        revision_key: SchemaKey = revision.properties.get(name, ())
        same_requirement = (name in base.required) == (name in revision.required)
        if same_requirement and collector.identity.same_keys(base_key, revision_key):
            continue
        before = property_facts(base_views, base, name)
        after = property_facts(revision_views, revision, name)
        pointers = (_pointer(base, name), _pointer(revision, name))
        _compare_facts(collector, name, before, after, pointers)
        collector.edge(
            "property",
            name,
            base_key,
            revision_key,
            base_pointer=pointers[0],
            revision_pointer=pointers[1],
            base_property=before,
            revision_property=after,
        )
    base_set = set(base_names)
    for name in revision_names:
        if name not in base_set:
            collector.change(
                "property-added",
                name=name,
                base_pointer=base.pointer,
                revision_pointer=_pointer(revision, name),
                revision_property=property_facts(revision_views, revision, name),
            )


_TRANSITIONS = (
    ("required", "became-required", "became-optional"),
    ("read_only", "became-read-only", "became-not-read-only"),
    ("write_only", "became-write-only", "became-not-write-only"),
    ("deprecated", "property-deprecated", "property-reactivated"),
)


def _compare_facts(
    collector: Collector,
    name: str,
    before: PropertyFacts,
    after: PropertyFacts,
    pointers: tuple[str, str],
) -> None:
    for attribute, gained, lost in _TRANSITIONS:
        old, new = getattr(before, attribute), getattr(after, attribute)
        if old != new:
            collector.change(
                gained if new else lost,
                name=name,
                base_pointer=pointers[0],
                revision_pointer=pointers[1],
                base_property=before,
                revision_property=after,
            )
    for attribute in ("sunset", "stability"):
        old, new = getattr(before, attribute), getattr(after, attribute)
        if old != new:
            collector.change(
                f"property-{attribute}-changed",
                name=name,
                before=old,
                after=new,
                base_pointer=pointers[0],
                revision_pointer=pointers[1],
                base_property=before,
                revision_property=after,
            )


def _compare_additional(collector: Collector) -> None:
    base, revision = collector.base, collector.revision
    if base.additional_forbidden != revision.additional_forbidden:
        change = (
            "additional-properties-forbidden"
            if revision.additional_forbidden
            else "additional-properties-allowed"
        )
        collector.change(change, "additionalProperties")
        return
    if base.additional_forbidden:
        return
    base_key, revision_key = base.additional or (), revision.additional or ()
    if base_key or revision_key:
        collector.edge(
            "additional-properties",
            "*",
            base_key,
            revision_key,
            base_pointer=at(base, "additionalProperties"),
            revision_pointer=at(revision, "additionalProperties"),
        )


def _compare_keyed(collector: Collector, attribute: str, change: str, keyword: str) -> None:
    """Subschemas keyed by a name or pattern: added, removed, or compared."""
    base: dict[str, SchemaKey] = getattr(collector.base, attribute)
    revision: dict[str, SchemaKey] = getattr(collector.revision, attribute)
    if not base and not revision:
        return
    for name, key in base.items():
        if name not in revision:
            collector.change(
                f"{change}-removed", keyword, name=name, before=name, base_pointer=key[0]
            )
        else:
            collector.edge(
                "pattern-property" if change == "pattern-property" else "dependent-schema",
                name,
                key,
                revision[name],
                base_pointer=key[0],
                revision_pointer=revision[name][0],
            )
    for name, key in revision.items():
        if name not in base:
            collector.change(
                f"{change}-added", keyword, name=name, after=name, revision_pointer=key[0]
            )


def _compare_dependent_required(collector: Collector) -> None:
    base, revision = collector.base.dependent_required, collector.revision.dependent_required
    if base == revision:
        return
    for name, needs in base.items():
        if name not in revision:
            collector.change("dependent-required-removed", "dependentRequired", name=name)
        elif revision[name] != needs:
            collector.change(
                "dependent-required-changed",
                "dependentRequired",
                name=name,
                before=sorted(needs),
                after=sorted(revision[name]),
            )
    for name in revision:
        if name not in base:
            collector.change("dependent-required-added", "dependentRequired", name=name)


def compare_unevaluated(collector: Collector, keyword: str, change: str) -> None:
    """``unevaluatedProperties``/``unevaluatedItems``: added, removed, or compared."""
    before = collector.base.unevaluated.get(keyword)
    after = collector.revision.unevaluated.get(keyword)
    if before is None and after is None:
        return
    if before is None or after is False:
        if before is not False:
            collector.change(f"{change}-added", keyword)
        return
    if after is None or before is False:
        collector.change(f"{change}-removed", keyword)
        return
    if isinstance(before, tuple) and isinstance(after, tuple):
        collector.edge(
            "unevaluated-properties" if keyword == "unevaluatedProperties" else "unevaluated-items",
            keyword,
            before,
            after,
            base_pointer=at(collector.base, keyword),
            revision_pointer=at(collector.revision, keyword),
        )
