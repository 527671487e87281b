"""``versiongate verify [SPEC_DIR]``: property-test every declared change of a catalog.

Registered through the ``versiongate.commands`` entry point (like ``serve``), so the core
``versioning`` package never imports ``compat_tests``. Importing this module costs only the
core (``argparse``, the catalog loader); Hypothesis (the ``verify`` extra) is imported when
``verify`` actually runs.

For each adjacent version pair, and each older version against head, every operation the two
versions share or map is checked: requests upgrade to valid requests, responses (errors
included) downgrade to valid responses, and sent fields come back unchanged. A failing case
prints its shrunk counterexample and the hop and steps that broke it; the exit code is 1.

A case that checked nothing is ``unchecked``, not passed: its messages cannot be generated,
or (a round trip) no example compared a single value. Unchecked cases also exit 1, unless
``--allow-unchecked GLOB`` matches their label: a CI configuration names each known gap,
and a new one fails the build instead of passing silently.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from typing import TYPE_CHECKING

from versioning.catalog import load_catalog
from versioning.errors import UsageError

if TYPE_CHECKING:
    from compat_tests.kit import CaseResult

__all__ = ["DEFAULT_EXAMPLES", "register", "run_verify"]

DEFAULT_EXAMPLES = 5
"""Examples per case by default: the bundled catalog verifies in well under a minute."""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"{text!r} is not a positive whole number"
        raise argparse.ArgumentTypeError(msg)
    return value


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``verify``."""
    verify = commands.add_parser(
        "verify",
        help="property-test the declared changes of a catalog (requests up, responses down)",
    )
    verify.add_argument(
        "spec_dir", nargs="?", default="api_specs", help="catalog folder (default: api_specs)"
    )
    verify.add_argument(
        "--examples",
        type=_positive,
        default=DEFAULT_EXAMPLES,
        help=f"generated examples per case (default: {DEFAULT_EXAMPLES})",
    )
    verify.add_argument(
        "--shrink-seconds",
        type=float,
        default=3.0,
        metavar="S",
        help="time to spend shrinking each counterexample (default: 3)",
    )
    verify.add_argument(
        "--random",
        action="store_true",
        help="draw new examples on each run (default: the same examples every run)",
    )
    verify.add_argument(
        "--no-chain",
        action="store_true",
        help="check adjacent version pairs only, not each version against head",
    )
    verify.add_argument(
        "--allow-unchecked",
        action="append",
        default=[],
        metavar="GLOB",
        help="do not fail on unchecked cases whose label matches this glob, e.g."
        " 'round-trip * POST /charges/*' (repeatable)",
    )
    verify.add_argument(
        "--operation",
        action="append",
        default=[],
        metavar="KEY",
        help="only cases of this operation (as the older version names it), e.g. 'GET /charges'",
    )
    verify.set_defaults(run=run_verify)


def _print_results(results: list[CaseResult], allowed: dict[int, str]) -> None:
    for (older, newer), group in itertools.groupby(
        results, key=lambda result: (result.case.older, result.case.newer)
    ):
        print(f"{older} → {newer}")
        for operation, cases in itertools.groupby(group, key=lambda result: result.case.operation):
            listed = list(cases)
            failed = [r for r in listed if r.outcome == "failed"]
            unchecked = [r for r in listed if r.outcome == "unchecked"]
            verdict = "FAIL" if failed else ("unchecked" if unchecked else "ok")
            print(f"  {verdict:9} {operation} ({len(listed)} cases)")
            for result in failed + unchecked:
                status = f" {result.case.status}" if result.case.status else ""
                pattern = allowed.get(id(result))
                note = f" (allowed by --allow-unchecked {pattern!r})" if pattern else ""
                print(f"    {result.outcome}: {result.case.check}{status}{note}")
                print("\n".join(f"      {line}" for line in result.detail.splitlines()))


def run_verify(arguments: argparse.Namespace) -> int:
    """Run every contract case of the catalog; 1 when any case finds a counterexample."""
    # A missing Hypothesis surfaces here as ModuleNotFoundError; `versiongate`'s main names
    # the extra to install (`versiongate[verify]`).
    from compat_tests.kit import allowed_by, contract_cases, run_case
    from compat_tests.properties import ContractContext
    from versioning.translate import Translator

    started = time.perf_counter()
    # Validated as `check` validates: a spec that is not OpenAPI (`properties: {a: 5}`) is a
    # located error (exit 2) here, before any schema reaches the generators.
    catalog = load_catalog(arguments.spec_dir, validate=True)
    translator = Translator.from_catalog(catalog)
    cases = contract_cases(catalog, translator, chain=not arguments.no_chain)
    if arguments.operation:
        wanted = set(arguments.operation)
        cases = [case for case in cases if case.operation in wanted]
        if not cases:
            raise UsageError(f"no case matches --operation {', '.join(sorted(wanted))}")
    context = ContractContext(catalog, translator)
    results = [
        run_case(
            context,
            case,
            examples=arguments.examples,
            derandomize=not arguments.random,
            shrink_seconds=arguments.shrink_seconds,
        )
        for case in cases
    ]
    patterns: list[str] = arguments.allow_unchecked
    allowed = {
        id(result): pattern
        for result in results
        if result.outcome == "unchecked"
        and (pattern := allowed_by(result.case, patterns)) is not None
    }
    _print_results(results, allowed)
    counts = dict.fromkeys(("passed", "failed", "unchecked"), 0)
    for result in results:
        counts[result.outcome] += 1
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{count} {outcome}" for outcome, count in counts.items())
    if allowed:
        summary += f" ({len(allowed)} allowed)"
    print(f"{len(results)} cases ({arguments.examples} examples each): {summary} in {elapsed:.1f}s")
    for pattern in patterns:
        if pattern not in allowed.values():
            print(f"note: --allow-unchecked {pattern!r} matches no unchecked case", file=sys.stderr)
    code = 0
    if counts["failed"]:
        print("counterexamples found: see FAIL above", file=sys.stderr)
        code = 1
    if counts["unchecked"] > len(allowed):
        print(
            f"{counts['unchecked'] - len(allowed)} case(s) checked nothing: see unchecked above"
            " (--allow-unchecked GLOB accepts a known gap)",
            file=sys.stderr,
        )
        code = 1
    return code
