"""Rule docstrings in their three fixed parts, composed from data for generated rules."""

from __future__ import annotations

from versioning.rules.oasdiff import oasdiff_note

__all__ = ["WHY", "compose_doc"]

WHY: dict[tuple[str, str], str] = {
    ("narrow", "request"): "a request that was valid before can now be refused: a client still"
    " sending a value the old schema allowed gets a 4xx error.",
    ("narrow", "response"): "it does not: responses now hold a subset of what they could hold"
    " before, and clients already handle all of it.",
    ("widen", "request"): "it does not: the server still accepts every request it accepted before.",
    ("widen", "response"): "a client may now receive a value the old schema ruled out and fail"
    " to parse or handle it.",
    ("change", "request"): "values the old schema accepted may be refused now, so existing"
    " requests can fail.",
    ("change", "response"): "responses may now hold values the old schema ruled out, which"
    " clients may fail to handle.",
    ("unknown", "request"): "the old and the new constraint may accept different values and a"
    " tool cannot tell whether one contains the other: review whether valid requests stay"
    " valid.",
    ("unknown", "response"): "the old and the new constraint may accept different values and a"
    " tool cannot tell whether one contains the other: review whether clients still handle"
    " every response.",
    ("annotation", "request"): "it does not change which requests are valid.",
    ("annotation", "response"): "it does not change which responses are valid.",
}


def compose_doc(
    *, rule_id: str, level: str, what: str, why: str, before: str, after: str, note: str = ""
) -> str:
    """``What changed:`` / ``Why it breaks:`` / ``Example:``, plus oasdiff's view if it differs."""
    extra = " ".join(part for part in (note, oasdiff_note(rule_id, level)) if part)
    why_text = f"{why} {extra}".strip()
    return (
        f"What changed: {what}\n\n"
        f"Why it breaks: {why_text}\n\n"
        f"Example:\n    base:     {before}\n    revision: {after}"
    )
