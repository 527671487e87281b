"""Every rule a report can name: the checker's registry, the catalog-timeline and example rules.

The timeline rules (a published version removed, or a new one inserted before it) are found
by ``versiongate check --base``, not by comparing two documents, so they are declared here
rather than in the registry the diff engine's fixture tests audit.
"""

from __future__ import annotations

import versioning.checker  # noqa: F401 - importing the checker registers every rule family
from versioning.rules.registry import RuleInfo, all_rules, get_rule

__all__ = ["TIMELINE_RULES", "find_rule", "known_rules"]

TIMELINE_RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        id="catalog-version-removed",
        level="error",
        direction="none",
        area="catalog",
        kind="lifecycle",
        action="remove",
        message="version {version} was published and is no longer in the catalog",
        doc=(
            "What changed: a version listed in the base catalog's versions.yaml is gone.\n\n"
            "Why it breaks: merchants pinned to that version send its id in the version header;"
            " without it they get 400 errors. Retire a version through deprecated and sunset"
            " dates instead (after sunset it answers 410 Gone).\n\n"
            "Example: base lists 2023-03-01, 2024-01-15; revision lists only 2024-01-15."
        ),
    ),
    RuleInfo(
        id="catalog-version-inserted",
        level="error",
        direction="none",
        area="catalog",
        kind="lifecycle",
        action="add",
        message="new version {version} is inserted before the published version {before}",
        doc=(
            "What changed: a new version appears between versions that were already published.\n\n"
            "Why it breaks: the declared changes of the published version after it were written"
            " against its old predecessor; inserting a version changes what they translate from,"
            " so existing merchants' payloads change. New versions may only be appended.\n\n"
            "Example: base lists 2024-01-15, 2024-09-01; revision adds 2024-05-01 between them."
        ),
    ),
    RuleInfo(
        id="catalog-versions-reordered",
        level="error",
        direction="none",
        area="catalog",
        kind="lifecycle",
        action="change",
        message="published versions {versions} are listed in a different order",
        doc=(
            "What changed: versions present in both catalogs appear in another order.\n\n"
            "Why it breaks: the order defines which declared changes translate between which"
            " versions; reordering rewrites the history merchants integrated against.\n\n"
            "Example: base lists A, B; revision lists B, A."
        ),
    ),
    RuleInfo(
        id="changes-description-drafted",
        level="error",
        direction="none",
        area="catalog",
        kind="lifecycle",
        action="add",
        message="a drafted change of {version} still has its placeholder description",
        doc=(
            "What changed: `check --write-suggestions` appended a change whose description is"
            " still the placeholder it writes (`TODO: say what changed …`).\n\n"
            "Why it breaks: the description is what merchants read in the changelog; a"
            " placeholder would be published. Write the sentence, then run check again.\n\n"
            "Example: `description: TODO: say what changed, for merchants (drafted by"
            " versiongate check).` left in `2027-01-15/changes.yaml`."
        ),
    ),
)

_TIMELINE_BY_ID = {info.id: info for info in TIMELINE_RULES}


def known_rules() -> list[RuleInfo]:
    """The registry's rules, the timeline rules and the example rules, sorted by id."""
    from versioning.examples.rules import EXAMPLE_RULES

    return sorted([*all_rules(), *TIMELINE_RULES, *EXAMPLE_RULES], key=lambda info: info.id)


def find_rule(rule_id: str) -> RuleInfo | None:
    """The rule with this id, from the registry or the timeline rules; ``None`` if unknown."""
    try:
        return get_rule(rule_id)
    except KeyError:
        from versioning.examples.rules import EXAMPLE_RULES

        found = _TIMELINE_BY_ID.get(rule_id)
        return found or next((info for info in EXAMPLE_RULES if info.id == rule_id), None)
