"""Findings on Stripe's six-month pair point at the right ``file:line:column`` in both files.

Stripe's documents are JSON on a single pretty-printed key per line, so the located column
must start with the quoted key the pointer ends in (or the array element it names).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from versioning.checker import CheckOptions, compare
from versioning.spec.loader import load_spec
from versioning.spec.location import pointer_tokens, resolve_pointer

if TYPE_CHECKING:
    from versioning.findings import Finding, SourceRef

STRIPE = Path(__file__).resolve().parents[3] / "shared" / "specs" / "stripe"
BASE, REVISION = STRIPE / "spec3-2021-10-07.json", STRIPE / "spec3-2022-04-12.json"

pytestmark = pytest.mark.skipif(not BASE.is_file(), reason=f"no Stripe specs at {STRIPE}")


@cache
def _findings() -> tuple[Finding, ...]:
    options = CheckOptions(today=None)
    return tuple(compare(load_spec(BASE), load_spec(REVISION), options=options))


@cache
def _source(path: Path) -> tuple[list[str], Any]:
    text = path.read_text(encoding="utf-8")
    return text.splitlines(), json.loads(text)


def _expected_start(tokens: list[str], node: Any) -> str:
    """What the source text at a node's location starts with: its key, or the value itself."""
    if tokens and not tokens[-1].isdigit():
        return f'"{tokens[-1]}"'
    if isinstance(node, dict):
        return "{"
    return "[" if isinstance(node, list) else json.dumps(node)


def _assert_points_at_its_node(ref: SourceRef, path: Path) -> bool:
    """Check one side; ``False`` when the pointer is a loader-made node absent in the source."""
    lines, document = _source(path)
    tokens = pointer_tokens(ref.pointer)
    try:
        node = resolve_pointer(document, tokens)
    except LookupError:
        return False
    assert ref.location is not None
    assert ref.location.file == str(path)
    text = lines[ref.location.line - 1][ref.location.column - 1 :]
    assert text.startswith(_expected_start(tokens, node)), (ref.pointer, str(ref.location), text)
    return True


def test_stripe_findings__every_located_side__points_at_its_node() -> None:
    checked = 0
    for finding in _findings():
        for ref, path in ((finding.base, BASE), (finding.revision, REVISION)):
            if ref is not None and _assert_points_at_its_node(ref, path):
                checked += 1
    assert checked > 1000


def test_stripe_lookup_key_shortened__is_an_error_at_both_max_lengths() -> None:
    [finding] = [
        f for f in _findings()
        if f.operation == "POST /v1/prices" and f.rule == "request-property-max-length-decreased"
    ]  # fmt: skip
    assert finding.message == "request property 'lookup_key' max length decreased from 5000 to 200"
    assert finding.base is not None
    assert finding.revision is not None
    base_lines, _ = _source(BASE)
    revision_lines, _ = _source(REVISION)
    assert base_lines[finding.base.location.line - 1].strip() == '"maxLength": 5000,'  # type: ignore[union-attr]
    assert revision_lines[finding.revision.location.line - 1].strip() == '"maxLength": 200,'  # type: ignore[union-attr]
