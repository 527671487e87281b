"""What generic mode checks before serving a spec: schemas it cannot compile, bad examples.

Neither stops the server: a tester wants the rest of the spec served. An operation whose
schema the validator cannot compile (``minimum: "0"``, a ``pattern`` that is no regex,
``additionalProperties: 5``) answers every request with a 500 problem naming the schema
(validating nothing would make a tester trust a check that never ran); an example that
breaks its own schema is replaced by generated data. Both are listed once, at startup, each
at ``file:line:column``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mock_server.banner import terminal_text
from mock_server.runtime import EAGER_OPERATION_LIMIT, compile_catalog
from versioning.errors import SpecValidationError
from versioning.examples import EXAMPLE_INVALID, example_findings

if TYPE_CHECKING:
    from mock_server.runtime import VersionRuntime
    from versioning.catalog import Catalog
    from versioning.spec.model import Spec

__all__ = [
    "MOST_LISTED",
    "compile_operations",
    "example_warnings",
    "generic_report",
    "startup_warnings",
]

_LOG = logging.getLogger("versiongate.server")
MOST_LISTED = 50
"""Warnings listed one by one at most; one more line counts the rest."""


def compile_operations(runtime: VersionRuntime) -> list[str]:
    """Compile every operation's request checks now; why each one that cannot be compiled."""
    warnings = []
    for operation in runtime.operations.values():
        try:
            operation.compile()
        except SpecValidationError as error:
            where = runtime.spec.locate(error.pointer) if error.pointer else runtime.spec.file
            warnings.append(f"{where}: {operation.key} answers 500 until fixed: {error.message}")
        except (RecursionError, ValueError) as error:  # a schema too deep to compile
            warnings.append(
                f"{runtime.spec.file}: {operation.key} answers 500 until fixed:"
                f" {type(error).__name__}: {str(error)[:200]}"
            )
    return warnings


def example_warnings(spec: Spec) -> list[str]:
    """One line per example that breaks its schema (replaced by generated data when served)."""
    try:
        findings = example_findings(spec)
    except (RecursionError, ValueError, LookupError) as error:
        return [f"{spec.file}: examples not checked: {type(error).__name__}"]
    lines: dict[str, str] = {}
    for finding in findings:
        if finding.rule != EXAMPLE_INVALID or finding.revision is None:
            continue
        label, _, problem = finding.message.partition(": ")
        if label not in lines:
            where = finding.revision.location or finding.revision.pointer
            lines[label] = f"{where}: {label} is not served: {problem}"
    return list(lines.values())


def startup_warnings(
    runtimes: dict[str, VersionRuntime], *, compile_checks: bool = True
) -> list[str]:
    """Every warning of :func:`compile_operations` and :func:`example_warnings`, capped.

    ``compile_checks=False`` skips compiling (large specs compile each operation on first
    use; its problem is then logged when it is first met).
    """
    warnings: list[str] = []
    for runtime in runtimes.values():
        if compile_checks:
            warnings.extend(compile_operations(runtime))
        warnings.extend(example_warnings(runtime.spec))
    if len(warnings) > MOST_LISTED:
        more = len(warnings) - MOST_LISTED
        warnings = [*warnings[:MOST_LISTED], f"… and {more} more"]
    return warnings


def generic_report(catalog: Catalog) -> str:
    """The warnings ``versiongate serve`` prints under its banner in generic mode ("" if none)."""
    runtimes = compile_catalog(catalog, eager=False)
    total = sum(len(runtime.operations) for runtime in runtimes.values())
    warnings = startup_warnings(runtimes, compile_checks=total <= EAGER_OPERATION_LIMIT)
    if not warnings:
        return ""
    lines = ["  warnings   the server runs; fix these in the spec:"]
    lines.extend(f"    {terminal_text(str(warning))}" for warning in warnings)
    return "\n".join(lines) + "\n"
