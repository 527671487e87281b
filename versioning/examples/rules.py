"""The rules ``check`` applies to one version's examples, declared for reports and config.

Like the catalog-timeline rules they are found per version, not by comparing two
documents, so they live beside their check rather than in the diff engine's registry.
"""

from __future__ import annotations

from versioning.examples.check import EXAMPLE_INVALID, EXAMPLE_UNDECLARED_MEMBER
from versioning.rules.registry import RuleInfo

__all__ = ["EXAMPLE_RULES"]

EXAMPLE_RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        id=EXAMPLE_INVALID,
        level="error",
        direction="none",
        area="examples",
        kind="values",
        action="change",
        message="{subject}",
        doc=(
            "What changed: an example of the spec does not satisfy the schema it illustrates"
            " (a wrong type, a missing required property, a value outside its bounds).\n\n"
            "Why it breaks: integrators copy examples, the mock server answers with them and"
            " the coverage gate builds its witnesses from them; a wrong example teaches a"
            " wrong payload. Judged as a request or a response, so readOnly and writeOnly"
            " properties are required only where OpenAPI says.\n\n"
            'Example: a 200 response example with `amount: "12"` where the schema says'
            " integer."
        ),
    ),
    RuleInfo(
        id=EXAMPLE_UNDECLARED_MEMBER,
        level="error",
        direction="none",
        area="examples",
        kind="structure",
        action="add",
        message="{subject}",
        doc=(
            "What changed: an example carries a member the schema does not declare.\n\n"
            "Why it breaks: schemas usually allow extra members, so validation alone passes an"
            " example that still shows a field's old name after a rename; the example then"
            " documents a field the version no longer has.\n\n"
            "Example: after `captured_amount` became `amount_captured`, a response example"
            " still shows `captured_amount`."
        ),
    ),
)
