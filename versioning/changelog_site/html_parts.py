"""The shell every page shares: escaping, inline code, the page frame and the one stylesheet.

Everything that came from a spec, a ``changes.yaml`` or ``versions.yaml`` goes through
:func:`text` (or :func:`prose`, which also turns Markdown code spans into ``<code>``), so a
description cannot inject markup into the published site.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

__all__ = ["STYLESHEET", "STYLESHEET_NAME", "json_block", "page", "prose", "text"]

STYLESHEET_NAME = "style.css"

STYLESHEET = """\
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dee7;--accent:#1f5fbf;--warn:#9a4a00;
--bad:#a3162b;--good:#1b6b3a;--code:#f3f5f8}
*{box-sizing:border-box}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);
margin:0 auto;padding:1.5rem 1.25rem 4rem;max-width:64rem}
a{color:var(--accent)}
header.site{border-bottom:1px solid var(--line);margin-bottom:1.5rem;padding-bottom:.5rem}
header.site nav a{margin-right:1rem}
h1{font-size:1.8rem;margin:.5rem 0}h2{margin-top:2.2rem}h3{margin-top:1.6rem}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
code{background:var(--code);padding:0 .25rem;border-radius:3px}
pre{background:var(--code);padding:.75rem;border-radius:6px;overflow-x:auto;max-height:28rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
ol.timeline{list-style:none;padding:0;border-left:3px solid var(--line);margin-left:.5rem}
ol.timeline li{position:relative;padding:.2rem 0 1.2rem 1.2rem}
ol.timeline li::before{content:"";position:absolute;left:-.55rem;top:.55rem;width:.8rem;
height:.8rem;border-radius:50%;background:var(--accent)}
ol.timeline li.on-deprecated::before{background:var(--warn)}
ol.timeline li.on-sunset::before{background:var(--bad)}
.badge{display:inline-block;font-size:.75rem;padding:0 .45rem;border-radius:1rem;
border:1px solid currentColor;margin-left:.4rem;vertical-align:middle}
.deprecated,.warning{color:var(--warn)}.sunset,.breaking{color:var(--bad)}
.supported,.covered{color:var(--good)}.muted,small{color:var(--muted)}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.pair>div{min-width:0}
@media (max-width:48rem){.pair{grid-template-columns:1fr}}
section.operation{border-top:1px solid var(--line);padding-top:.5rem}
.method{font-weight:700;text-transform:uppercase}
ul.schema{list-style:none;padding-left:1.1rem;margin:.2rem 0;border-left:1px dotted var(--line)}
details summary{cursor:pointer}
form.try fieldset{border:1px solid var(--line);border-radius:6px;margin:.8rem 0}
form.try label{display:block;margin:.3rem 0}
form.try input,form.try textarea{font:inherit;width:100%;max-width:40rem}
form.try textarea{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
form.try output pre:empty{display:none}
"""


def text(value: object) -> str:
    """``value`` as HTML text, every markup character escaped."""
    return html.escape(str(value), quote=True)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def prose(value: str) -> str:
    """Escaped text with Markdown code spans as ``<code>``; lines joined into one paragraph."""
    escaped = text(" ".join(value.split()))
    return _CODE_SPAN.sub(lambda match: f"<code>{match.group(1)}</code>", escaped)


def json_block(value: Any) -> str:
    """A JSON value, pretty-printed and escaped, in a ``<pre>``."""
    shown = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)
    return f"<pre><code>{text(shown)}</code></pre>"


def page(
    *, title: str, heading: str, body: str, root: str, site_title: str, script: str = ""
) -> str:
    """A complete HTML page; ``root`` is the relative path back to the site's top (``../``).

    ``script`` names one script file of the site to load (the served reference's "Try it").
    """
    loaded = f'<script src="{root}{text(script)}" defer></script>\n' if script else ""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n"
        # An empty icon: without one, browsers ask the server for /favicon.ico (a 404).
        '<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{root}{STYLESHEET_NAME}">\n{loaded}</head>\n<body>\n'
        f'<header class="site"><nav aria-label="Site"><a href="{root}index.html">'
        f'{text(site_title)}: changelog</a><a href="{root}index.html#timeline">Timeline</a>'
        "</nav></header>\n<main>\n"
        f"<h1>{heading}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )
