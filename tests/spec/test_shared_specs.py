"""The large real-world documents in ../shared/specs all load, and locations land on the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from versioning.spec.loader import load_spec
from versioning.spec.location import pointer_tokens

SHARED = Path(__file__).resolve().parents[3] / "shared" / "specs"
DOCUMENTS = sorted(SHARED.glob("*/*.json")) if SHARED.is_dir() else []
# Square's published document refers to a schema it never defines; nothing else dangles.
KNOWN_DANGLING = {"api.json": {"CatalogModifierToggleOverrideType"}}

pytestmark = pytest.mark.skipif(not DOCUMENTS, reason=f"no shared specs at {SHARED}")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_shared_spec__loads__with_operations_and_schemas(path: Path) -> None:
    spec = load_spec(path, missing_refs="warn")
    assert spec.operations
    assert spec.schemas
    dangling = {str(w).split("no key '")[1].split("'")[0] for w in spec.warnings}
    assert dangling == KNOWN_DANGLING.get(path.name, set())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_shared_spec__operation_locations__point_at_the_method_key(path: Path) -> None:
    spec = load_spec(path, missing_refs="warn")
    lines = path.read_text().splitlines()
    for operation in spec.operations[:: max(1, len(spec.operations) // 25)]:
        location = spec.locate(operation.pointer)
        assert location.file == str(path)
        text = lines[location.line - 1][location.column - 1 :]
        assert text.startswith(f'"{operation.method}"'), (operation.key, location)
        method_token = pointer_tokens(operation.pointer)[-1]
        assert method_token == operation.method
