"""``example_findings``: every example of a spec validated against its own schema.

A spec's examples are what integrators copy. After a field rename the examples are the
part nobody re-reads, and since schemas usually allow extra members, plain JSON Schema
validation still passes an example that carries the old name. So each example is validated
by the project's one message validator (:class:`~versioning.messages.MessageValidator`) in
*strict* mode, as a body of its direction would be: schema violations are
``example-invalid`` and members the schema does not declare are
``example-undeclared-member``, both errors, each located at the offending member.

The work is bounded: a value nested deeper than :data:`MAX_EXAMPLE_DEPTH` is reported, not
validated (the validator's own limit is near 255 levels); at most
:data:`MOST_FINDINGS_PER_EXAMPLE` problems are listed per example, and one more finding
counts the rest; an example shared through ``$ref`` is validated once per schema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.examples.holder_examples import holder_sites
from versioning.examples.holders import holders
from versioning.examples.pointers import deepest_pointer, nests_deeper
from versioning.examples.schema_examples import schema_sites
from versioning.findings import Finding, SourceRef
from versioning.messages import MessageValidator
from versioning.spec.build import ModelBuilder

if TYPE_CHECKING:
    from versioning.examples.site import ExampleSite
    from versioning.messages import Problem
    from versioning.spec.model import Spec

__all__ = [
    "EXAMPLE_INVALID",
    "EXAMPLE_UNDECLARED_MEMBER",
    "MAX_EXAMPLE_DEPTH",
    "MOST_FINDINGS_PER_EXAMPLE",
    "example_findings",
    "example_sites",
]

EXAMPLE_INVALID = "example-invalid"
"""Rule id (level ``error``): an example breaks its schema, or cannot be checked at all."""
EXAMPLE_UNDECLARED_MEMBER = "example-undeclared-member"
"""Rule id (level ``error``): an example carries a member its schema does not declare."""
MAX_EXAMPLE_DEPTH = 200
"""Deepest nesting validated; real examples stay under 20 levels."""
MOST_FINDINGS_PER_EXAMPLE = 20
"""Problems listed per example; one more finding counts those left out."""

_Checked = list["Problem"] | str
"""The problems of a value, or why it could not be checked."""


def example_sites(spec: Spec) -> list[ExampleSite]:
    """Every example of ``spec`` with the schema it must satisfy, in document order.

    Media type, parameter and response header examples (of operations, webhooks and unused
    components) first, then ``example``/``examples`` keywords inside schemas.
    """
    found = holders(spec)
    builder = ModelBuilder(spec.document, spec.locator)
    sites = [site for holder in found for site in holder_sites(spec, holder, builder)]
    sites.extend(schema_sites(spec, found))
    return sites


class _Checker:
    """Validates values once per (schema, value, direction), within the depth limit."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.validator = MessageValidator(spec)
        self.done: dict[tuple[int, int, str], _Checked] = {}

    def check(self, site: ExampleSite) -> _Checked:
        schema: Any = site.schema
        if isinstance(schema, dict):
            try:
                schema = self.spec.resolve_schema(schema)  # many `$ref: X` share X's result
            except LookupError:
                return "its schema's $ref leads nowhere"
        key = (id(schema), id(site.value), site.direction)
        checked = self.done.get(key)
        if checked is None:
            checked = self.done[key] = self._validate(schema, site)
        return checked

    def _validate(self, schema: Any, site: ExampleSite) -> _Checked:
        if nests_deeper(site.value, MAX_EXAMPLE_DEPTH):
            return f"nests more than {MAX_EXAMPLE_DEPTH} levels deep, so it is not checked"
        try:
            return self.validator.value_problems(schema, site.value, site.direction, strict=True)
        except RecursionError:
            return "nests too deeply to be checked"
        except ValueError as error:  # jsonschema-rs: a schema it cannot compile, a deep value
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "unknown"
            return f"cannot be checked: {reason}"


def _finding(spec: Spec, site: ExampleSite, rule: str, pointer: str, text: str) -> Finding:
    return Finding(
        rule=rule,
        level="error",
        message=f"{site.label}: {text}",
        operation=site.operation,
        revision=SourceRef(pointer=pointer, location=spec.locate(pointer)),
        subject=site.subject,
    )


def _problem_finding(spec: Spec, site: ExampleSite, problem: Problem) -> Finding:
    where = site.pointer + deepest_pointer(site.value, problem.pointer)
    if problem.undeclared:
        text = f"{problem.pointer or 'the value'} is not a member the schema declares"
        return _finding(spec, site, EXAMPLE_UNDECLARED_MEMBER, where, text)
    message = problem.message.rstrip(".")
    text = f"{problem.pointer}: {message}" if problem.pointer else message
    return _finding(spec, site, EXAMPLE_INVALID, where, text)


def _site_findings(spec: Spec, site: ExampleSite, checked: _Checked) -> list[Finding]:
    if isinstance(checked, str):
        return [_finding(spec, site, EXAMPLE_INVALID, site.pointer, checked)]
    findings = [
        _problem_finding(spec, site, problem) for problem in checked[:MOST_FINDINGS_PER_EXAMPLE]
    ]
    if len(checked) > MOST_FINDINGS_PER_EXAMPLE:
        more = len(checked) - MOST_FINDINGS_PER_EXAMPLE
        text = f"{more} more problems not listed"
        findings.append(_finding(spec, site, EXAMPLE_INVALID, site.pointer, text))
    return findings


def _order(finding: Finding) -> tuple[str, int, int, str, str, str]:
    revision = finding.revision
    location = revision.location if revision is not None else None
    return (
        location.file if location is not None else "",
        location.line if location is not None else 0,
        location.column if location is not None else 0,
        finding.rule,
        finding.message,
        finding.operation or "",
    )


def example_findings(spec: Spec) -> list[Finding]:
    """Every way an example of ``spec`` breaks the schema it illustrates.

    Returns:
        One finding per problem (``example-invalid`` or ``example-undeclared-member``, level
        ``error``), ordered by file, line and column. ``revision`` points at the offending
        member inside the example (its closest existing parent for a missing property);
        ``operation`` and ``subject`` are set when the example is written inside one
        operation; ``base`` is ``None``.
    """
    checker = _Checker(spec)
    findings: list[Finding] = []
    for site in example_sites(spec):
        findings.extend(_site_findings(spec, site, checker.check(site)))
    findings.sort(key=_order)
    return findings
