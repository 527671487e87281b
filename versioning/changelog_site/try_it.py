"""The "Try it" forms of the served API reference, sent by a small plain script.

Only the mock server's copy of the site has it (``/changelog/reference/<id>.html``): a
static site has no API to send to. The script (no framework, nothing fetched from
elsewhere) sends the form's request to the same server with the version header set to the
page's version and the demo keys as HTTP Basic credentials, and shows the answer. A
required idempotency header left empty gets a fresh UUID, as a client library would send.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from versioning.changelog_site.html_parts import text

if TYPE_CHECKING:
    from versioning.spec.model import Operation

__all__ = ["TRY_IT_NAME", "TRY_IT_SCRIPT", "try_it_form"]

TRY_IT_NAME = "try-it.js"

TRY_IT_SCRIPT = """\
"use strict";
// Sends a reference page's "Try it" form to this server, in the page's API version.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.try");
  if (!form) return;
  event.preventDefault();
  const data = new FormData(form);
  let path = form.dataset.path;
  const headers = {};
  headers[form.dataset.header] = form.dataset.version;
  headers["Authorization"] = "Basic " + btoa(data.get("user") + ":" + data.get("password"));
  for (const [name, value] of data.entries()) {
    if (name.startsWith("path:")) {
      path = path.replace("{" + name.slice(5) + "}", encodeURIComponent(value));
    } else if (name.startsWith("header:")) {
      const header = name.slice(7);
      const generated = form.dataset.generate === header && !value;
      if (value || generated) headers[header] = generated ? crypto.randomUUID() : value;
    }
  }
  const query = String(data.get("query") || "").replace(/^[?]/, "");
  const init = { method: form.dataset.method, headers: headers };
  if (data.has("body") && String(data.get("body")).trim()) {
    init.body = String(data.get("body"));
    headers["Content-Type"] = "application/json";
  }
  const output = form.querySelector("output pre");
  output.textContent = "Sending…";
  try {
    const response = await fetch(path + (query ? "?" + query : ""), init);
    const body = await response.text();
    let shown = body;
    try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch (ignored) { /* not JSON */ }
    output.textContent = response.status + " " + response.statusText + "\\n" + shown;
    form.querySelector("output").dataset.status = String(response.status);
  } catch (error) {
    output.textContent = "The request failed: " + error;
  }
});
"""


def _input(label: str, name: str, value: str = "", placeholder: str = "") -> str:
    hint = f' placeholder="{text(placeholder)}"' if placeholder else ""
    return f'<label>{text(label)} <input name="{text(name)}" value="{text(value)}"{hint}></label>'


def try_it_form(operation: Operation, *, version: str, version_header: str) -> str:
    """The "Try it" form of ``operation``, prefilled with its first examples."""
    fields = []
    generate = ""
    for parameter in operation.parameters:
        example = next(iter(parameter.examples.values()), "")
        value = "" if example is None else str(example)
        if parameter.location == "path":
            fields.append(_input(parameter.name, f"path:{parameter.name}", value))
        elif parameter.location == "header" and parameter.name.lower() != version_header.lower():
            if parameter.required and "idempotency" in parameter.name.lower():
                generate = parameter.name
            hint = "a fresh UUID when empty" if generate == parameter.name else ""
            fields.append(_input(parameter.name, f"header:{parameter.name}", value, hint))
    if any(parameter.location == "query" for parameter in operation.parameters):
        fields.append(_input("Query string", "query", placeholder="limit=10"))
    body = operation.request_body
    media = body.content.get("application/json") if body is not None else None
    if media is not None:
        example = next(iter(media.examples.values()), {})
        fields.append(
            f'<label>Body <textarea name="body" rows="8">{text(json.dumps(example, indent=2))}'
            "</textarea></label>"
        )
    fields.append(_input("Public key", "user", "pk_test_demo"))
    fields.append(_input("Secret key", "password", "sk_test_demo"))
    return (
        f'<form class="try" data-method="{text(operation.method.upper())}"'
        f' data-path="{text(operation.path)}" data-version="{text(version)}"'
        f' data-header="{text(version_header)}" data-generate="{text(generate)}">'
        f"<fieldset><legend>Try it in {text(version)}</legend>{''.join(fields)}"
        '<button type="submit">Send</button><output><pre></pre></output></fieldset></form>'
    )
