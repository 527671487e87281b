"""Media types: which declared ``content`` entry a message's ``Content-Type`` falls under.

Two questions with one set of rules. A *received* message (the server reading a request) is
matched exactly, then by ``type/*``, then ``*/*`` (:func:`match_media_type`); a message we
*produce* or translate picks the declared entry its ``Content-Type`` names, else JSON
(:func:`pick_media_type`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["essence", "is_json_media_type", "match_media_type", "pick_media_type"]

_Value = TypeVar("_Value")


@lru_cache(maxsize=512)
def essence(content_type: str) -> str:
    """``Application/JSON; charset=utf-8`` → ``application/json`` (RFC 9110 §8.3.1)."""
    return content_type.split(";", 1)[0].strip().lower()


@lru_cache(maxsize=256)
def is_json_media_type(media_type: str) -> bool:
    """``application/json``, ``application/problem+json`` and other ``+json`` types."""
    kind = essence(media_type)
    return kind == "application/json" or kind.endswith("+json")


def match_media_type(content_type: str, declared: Mapping[str, _Value]) -> _Value | None:
    """The declared entry a received ``Content-Type`` falls under: exact, ``type/*``, ``*/*``."""
    kind = essence(content_type)
    if kind in declared:
        return declared[kind]
    lowered = {key.lower(): value for key, value in declared.items()}
    if kind in lowered:
        return lowered[kind]
    major = kind.split("/", 1)[0]
    return lowered.get(f"{major}/*") or lowered.get("*/*")


def pick_media_type(content: Mapping[str, object], content_type: str | None) -> str | None:
    """The declared media type a message with ``content_type`` uses (JSON preferred).

    Used where a message is produced or translated: the type it names when declared,
    else ``application/json``, else the first JSON-like type, else the first one.
    """
    if not content:
        return None
    if content_type:
        kind = essence(content_type)
        if kind in content:
            return kind
    if "application/json" in content:
        return "application/json"
    for name in content:
        if name.endswith("json"):
            return name
    return next(iter(content))
