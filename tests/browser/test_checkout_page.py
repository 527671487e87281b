"""The hosted checkout page in a real headless Chromium (issue 17).

A merchant creates a checkout over HTTP against a live ``versiongate serve``; the shopper's
browser opens its ``checkout_url`` (no merchant credentials: the URL's token), sees the
order, presses Approve and lands on the merchant's ``redirect_url`` (a local receiver);
the merchant then authorizes the transaction over the API. A form on another site that
posts to the page is refused.
"""

from __future__ import annotations

import html
import struct
import threading
import time
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.server.conftest import head_checkout

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.browser.conftest import Watched
    from tests.server.live import LiveServer

DEMO = ("pk_test_demo", "sk_test_demo")
BOUND_SECONDS = 30


class Receiver:
    """The merchant's site: records the paths it is sent to; serves a forged form too."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.forged_action = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                receiver.paths.append(self.path)
                if self.path.startswith("/forge"):
                    action = html.escape(receiver.forged_action)
                    page = (
                        f'<!doctype html><form method="post" action="{action}">'
                        '<button name="decision" value="approve">Win a prize</button></form>'
                    )
                else:
                    page = "<!doctype html><title>Thanks</title><h1>Order complete</h1>"
                body = page.encode()
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    try:
        yield found
    finally:
        found.close()


def _checkout(http: httpx.Client, redirect_url: str) -> dict[str, Any]:
    body = {**head_checkout(), "redirect_url": redirect_url}
    created = http.post("/checkouts", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert created.status_code == 201, created.text
    checkout: dict[str, Any] = created.json()
    return checkout


def _distinct_bytes(png: bytes) -> int:
    """How many different byte values the PNG's pixel data holds (stdlib only: no Pillow)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    offset, data = 8, b""
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        if png[offset + 4 : offset + 8] == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return len(set(zlib.decompress(data)))


def test_checkout_page__approve__lands_on_redirect_and_transaction_authorizes(
    watched: Watched, server: LiveServer, receiver: Receiver, tmp_path: Path
) -> None:
    started = time.monotonic()
    page = watched.page
    with httpx.Client(base_url=server.url, auth=DEMO, timeout=10) as http:
        checkout = _checkout(http, f"{receiver.url}/orders/ORD-1/done?from=checkout")
        assert "token=" in checkout["checkout_url"]

        opened = page.goto(checkout["checkout_url"])  # no credentials but the URL's token

        assert opened is not None
        assert opened.status == 200
        policy = opened.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert page.get_by_text("maya.chen@example.com").is_visible()
        assert page.get_by_text("Bike").is_visible()
        assert page.get_by_text("1,299.00 USD").first.is_visible()
        shot = page.screenshot(path=str(tmp_path / "checkout.png"))
        assert _distinct_bytes(shot) > 32  # text and buttons on a card; blank is one or two

        page.get_by_role("button", name="Approve").click()
        page.wait_for_url(f"{receiver.url}/orders/ORD-1/done?from=checkout")

        assert page.get_by_role("heading", name="Order complete").is_visible()
        visits = [path for path in receiver.paths if path != "/favicon.ico"]
        assert visits == ["/orders/ORD-1/done?from=checkout"]
        assert http.get(f"/checkouts/{checkout['id']}").json()["status"] == "approved"
        authorized = http.post(
            "/transactions",
            json={"checkout_id": checkout["id"], "amount": checkout["amount"]},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert authorized.status_code == 201, authorized.text
        assert authorized.json()["status"] == "authorized"
    assert watched.errors == []  # no CSP violation, no failed request
    assert time.monotonic() - started < BOUND_SECONDS


def test_checkout_page__form_posted_from_another_site__refused(
    watched: Watched, server: LiveServer, receiver: Receiver
) -> None:
    page = watched.page
    with httpx.Client(base_url=server.url, auth=DEMO, timeout=10) as http:
        checkout = _checkout(http, f"{receiver.url}/done")
        receiver.forged_action = checkout["checkout_url"]  # even knowing the token
        page.goto(f"{receiver.url}/forge")

        with page.expect_response(lambda response: response.request.method == "POST") as posted:
            page.get_by_role("button", name="Win a prize").click()

        assert posted.value.status == 403
        assert http.get(f"/checkouts/{checkout['id']}").json()["status"] == "pending"
