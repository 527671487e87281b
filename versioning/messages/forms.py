"""Bracketed form keys (``a[b][0]=x``) back to nested objects and arrays.

Used for ``application/x-www-form-urlencoded`` bodies and ``deepObject`` query parameters.
"""

from __future__ import annotations

from typing import Any

__all__ = ["unflatten_form"]

_MAX_TOKENS = 32
"""Deeper keys keep their remaining brackets in one name: nesting is bounded for hostile keys."""


def _tokens(name: str) -> list[str]:
    """``a[b][0][]`` → ``["a", "b", "0", ""]``."""
    head, bracket, rest = name.partition("[")
    if not bracket:
        return [name]
    tokens = [head, *rest.rstrip("]").split("][")]
    if len(tokens) > _MAX_TOKENS:
        tokens = [*tokens[: _MAX_TOKENS - 1], "][".join(tokens[_MAX_TOKENS - 1 :])]
    return tokens


def unflatten_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Rebuild nested objects and arrays from bracketed form keys (``a[b]=1&c[]=x``)."""
    root: dict[str, Any] = {}
    for name, text in pairs:
        tokens = _tokens(name)
        node: Any = root
        for index, token in enumerate(tokens):
            last = index == len(tokens) - 1
            following = "" if last else tokens[index + 1]
            fresh: Any = text if last else ([] if following == "" or following.isdigit() else {})
            if isinstance(node, list):
                if not token.isdigit() or len(token) > 6 or int(token) >= len(node):
                    node.append(fresh)
                    node = node[-1]
                elif last:
                    break
                else:
                    node = node[int(token)]
            elif isinstance(node, dict):
                if last:
                    node[token] = text
                else:
                    node = node.setdefault(token, fresh)
            else:
                break
    return root
