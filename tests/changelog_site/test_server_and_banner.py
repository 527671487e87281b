"""``/changelog`` on the mock server, and the banner when the head drifts from the sandbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
import pytest
from litestar import Litestar  # noqa: TC002 - the fixture's annotation
from litestar.testing import TestClient

from mock_server.app import create_app
from mock_server.asgi import ServeConfig
from mock_server.banner import banner, sandbox_drift
from mock_server.clock import fixed_clock
from tests.changelog_site.conftest import API, TODAY

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from versioning.catalog import Catalog


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Litestar]]:
    app = create_app(API, clock=fixed_clock("2026-03-01T00:00:00Z"))
    with TestClient(app) as test_client:
        yield test_client


def test_changelog_route__bare_prefix__redirects_to_the_trailing_slash(
    client: TestClient[Litestar],
) -> None:
    response = client.get("/changelog", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/changelog/"


def test_changelog_route__index__same_site_as_the_cli_with_a_strict_policy(
    client: TestClient[Litestar], site: dict[str, str]
) -> None:
    response = client.get("/changelog/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.text == site["index.html"]
    css = client.get("/changelog/style.css")
    assert css.headers["content-type"] == "text/css; charset=utf-8"


def test_changelog_route__unknown_page__404_with_the_name_escaped(
    client: TestClient[Litestar],
) -> None:
    response = client.get("/changelog/%3Cb%3E.html")
    assert response.status_code == 404
    assert "&lt;b&gt;.html" in response.text


def test_changelog_route__head_and_post__head_without_body_post_405(
    client: TestClient[Litestar],
) -> None:
    head = client.head("/changelog/versions/2026-02-01.html")
    assert head.status_code == 200
    assert head.content == b""
    assert int(head.headers["content-length"]) > 1000
    post = client.post("/changelog/")
    assert post.status_code == 405
    assert post.headers["allow"] == "GET, HEAD"


def test_changelog_route__api_paths__still_versioned(client: TestClient[Litestar]) -> None:
    response = client.get("/transactions", auth=("pk_test_demo", "sk_test_demo"))
    assert response.status_code == 200
    assert response.headers["api-version"] == "2026-02-01"


def _without(catalog: Catalog, *keys: str) -> Catalog:
    head = catalog.specs[catalog.head.id]
    kept = tuple(op for op in head.operations if op.key not in keys)
    specs = {**catalog.specs, catalog.head.id: msgspec.structs.replace(head, operations=kept)}
    return msgspec.structs.replace(catalog, specs=specs)


def test_banner__head_lost_two_sandbox_operations__names_them_and_the_generic_fallback(
    bundled: Catalog,
) -> None:
    drifted = _without(bundled, "POST /checkouts", "GET /checkouts/{checkout_id}")
    assert sandbox_drift(drifted) == ["POST /checkouts", "GET /checkouts/{checkout_id}"]
    text = banner(
        drifted, ServeConfig(target=str(API), db=None), host="127.0.0.1", port=8000, sandbox=False,
        today=TODAY, workers=1,
    )  # fmt: skip
    assert "(generic mode)" in text
    assert (
        "warning    the head 2026-02-01 no longer matches the sandbox: it lacks"
        " POST /checkouts, GET /checkouts/{checkout_id}"
    ) in text
    assert "serve falls back to generic mode" in text


def test_banner__sandbox_or_explicit_generic__no_warning(bundled: Catalog) -> None:
    assert sandbox_drift(bundled) == []
    drifted = _without(bundled, "POST /checkouts")
    text = banner(
        drifted, ServeConfig(target=str(API), db=None, mode="generic"), host="::1", port=8000,
        sandbox=False, today=TODAY, workers=1,
    )  # fmt: skip
    assert "warning" not in text
    assert "changelog: http://[::1]:8000/changelog/" in text


def test_sandbox_drift__unrelated_api__not_warned(bundled: Catalog) -> None:
    unrelated = bundled
    for version in bundled.ids:
        spec = unrelated.specs[version]
        specs = {
            **unrelated.specs,
            version: msgspec.structs.replace(spec, operations=spec.operations[:1]),
        }
        unrelated = msgspec.structs.replace(unrelated, specs=specs)
    assert sandbox_drift(unrelated) == []


def test_changelog_route__single_document_served__one_version_site(tmp_path: Path) -> None:
    document = tmp_path / "openapi.yaml"
    document.write_text(
        (API / "2026-02-01" / "openapi.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    app = create_app(document, clock=fixed_clock("2026-03-01T00:00:00Z"), mode="generic")
    with TestClient(app) as single:
        index = single.get("/changelog/")
        assert index.status_code == 200
        assert "First release." in index.text
        assert single.get("/changelog/reference/2026-02-01.html").status_code == 200
