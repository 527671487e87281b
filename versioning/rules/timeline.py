"""Catalog-timeline rules: what ``versiongate check --base`` finds between two catalogs.

A published version removed, inserted before another or reordered, and a drafted change still
carrying its placeholder description. They compare catalogs, not documents, so no diff node
reports them and the fixture cases of the document rules do not cover them; they are declared
here, with the other families, so the registry is the one list of rule ids.
"""

from __future__ import annotations

from versioning.rules.registry import RuleInfo

__all__ = ["RULES", "TIMELINE_RULES"]

TIMELINE_RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        id="catalog-version-removed",
        level="error",
        direction="none",
        family="timeline",
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
        family="timeline",
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
        family="timeline",
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
        family="timeline",
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

RULES = TIMELINE_RULES
"""Every rule this family declares, for :func:`versioning.rules.registry.all_rules`."""
