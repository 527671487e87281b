"""Every example of a spec checked against its own schema, at ``file:line``.

See :func:`example_findings`.
"""

from versioning.examples.check import (
    EXAMPLE_INVALID,
    EXAMPLE_UNDECLARED_MEMBER,
    MAX_EXAMPLE_DEPTH,
    MOST_FINDINGS_PER_EXAMPLE,
    example_findings,
    example_sites,
)
from versioning.examples.site import ExampleSite

__all__ = [
    "EXAMPLE_INVALID",
    "EXAMPLE_UNDECLARED_MEMBER",
    "MAX_EXAMPLE_DEPTH",
    "MOST_FINDINGS_PER_EXAMPLE",
    "ExampleSite",
    "example_findings",
    "example_sites",
]
