"""A package root that imports its public names on first use (:pep:`562`).

``versioning``, ``mock_server`` and ``compat_tests`` each list what embedders use in
``__all__`` and map every name to the module it lives in; importing the root stays cheap
(no checker, no Litestar, no Hypothesis) until a name is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, MutableMapping

__all__ = ["lazy_exports"]


def lazy_exports(
    namespace: MutableMapping[str, Any], table: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the package whose globals are ``namespace``.

    ``table`` maps each public name to its module; a name is imported once, then kept in
    ``namespace`` (so documentation tools find it as an ordinary attribute).
    """
    package = namespace["__name__"]

    def get_attribute(name: str) -> Any:
        module = table.get(name)
        if module is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def list_names() -> list[str]:
        return sorted({*namespace, *table})

    return get_attribute, list_names
