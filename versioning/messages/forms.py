"""Bracketed form keys (``a[b][0]=x``) back to nested objects and arrays.

Used for ``application/x-www-form-urlencoded`` bodies and ``deepObject`` query parameters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.messages.scalars import schema_types, sub_schema

if TYPE_CHECKING:
    from versioning.spec.model import Spec

__all__ = ["flatten_form", "unflatten_form"]

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


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _container(following: str, schema: Any, spec: Spec | None) -> list[Any] | dict[str, Any]:
    """What ``a[following]`` makes of ``a``: an object for a name, else an array.

    ``a[]`` is an array item, or member ``""`` of an object where the schema of ``a`` admits
    objects and not arrays (Stripe's free-form objects take any key). ``a[0]`` stays an
    array item: reading it as member ``"0"`` would judge an array sent for an object at
    another pointer than its JSON form (the kit and the server must agree).
    """
    if following and not following.isdigit():
        return {}
    kinds = schema_types(schema, spec) if spec is not None and schema is not None else ()
    if following == "" and "object" in kinds and "array" not in kinds:
        return {}
    return []


def unflatten_form(
    pairs: list[tuple[str, str]], schema: Any = None, spec: Spec | None = None
) -> dict[str, Any]:
    """Rebuild nested objects and arrays from bracketed form keys (``a[b]=1&c[]=x``).

    A name given twice (``tag=a&tag=b``) keeps both values, as a list. With ``schema``
    (of the whole form, in ``spec``), each bracket opens the container its schema admits.
    """
    root: dict[str, Any] = {}
    for name, text in pairs:
        tokens = _tokens(name)
        node: Any = root
        node_schema = schema
        for index, token in enumerate(tokens):
            last = index == len(tokens) - 1
            following = "" if last else tokens[index + 1]
            child_schema = None
            if spec is not None and node_schema is not None:
                child_schema = sub_schema(node_schema, token, spec)
            fresh: Any = text if last else _container(following, child_schema, spec)
            node_schema = child_schema
            if isinstance(node, list):
                if not token.isdigit() or len(token) > 6 or int(token) >= len(node):
                    node.append(fresh)
                    node = node[-1]
                elif last:
                    break
                else:
                    node = node[int(token)]
            elif isinstance(node, dict):
                if not last:
                    node = node.setdefault(token, fresh)
                elif token in node and isinstance(node[token], str):
                    node[token] = [node[token], text]  # a repeated name: every value kept
                elif token in node and _texts(node[token]):
                    node[token].append(text)
                else:
                    node[token] = text
            else:
                break
    return root


def flatten_form(value: dict[str, Any]) -> list[tuple[str, str]]:
    """Bracketed form pairs for a nested value (the inverse of :func:`unflatten_form`).

    Objects become ``a[b]``, arrays ``a[0]``; scalars their text (``true``, ``42``). Empty
    objects and arrays send nothing, as HTML forms do: such a value does not survive the
    trip, which is how a generator learns not to draw it.
    """
    from versioning.messages.parameters import scalar_text

    pairs: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [(str(key), item) for key, item in reversed(value.items())]
    while stack:
        name, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((f"{name}[{key}]", sub) for key, sub in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(
                (f"{name}[{index}]", sub) for index, sub in reversed(list(enumerate(item)))
            )
        else:
            pairs.append((name, scalar_text(item)))
    return pairs
