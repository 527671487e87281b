"""Resolving converter names (``module:function``) into callables.

A module is looked for first as a Python file inside the catalog folder
(``converters:money_to_amount`` → ``api_specs/converters.py``), so a catalog carries its
own converters; otherwise it is imported as an installed module (``mypkg.conv:f``).
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
import sys
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import ModuleType

__all__ = ["ConverterLookupError", "converter_arity", "resolve_callable"]

_NAME = re.compile(r"(?P<module>[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*):(?P<function>[A-Za-z_]\w*)")


class ConverterLookupError(LookupError):
    """A converter name is malformed or cannot be imported (the message says why)."""


def _catalog_module(folder: Path, module: str) -> ModuleType | None:
    file = folder.joinpath(*module.split(".")).with_suffix(".py")
    if not file.is_file():
        return None
    qualified = f"_versiongate_catalog_{zlib.crc32(str(file.resolve()).encode()):08x}_{module}"
    loaded = sys.modules.get(qualified)
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location(qualified, file)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has one
        return None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = loaded
    try:
        spec.loader.exec_module(loaded)
    except Exception as error:  # noqa: BLE001 - user code may raise anything; report it
        del sys.modules[qualified]
        msg = f"importing {file} failed: {type(error).__name__}: {error}"
        raise ConverterLookupError(msg) from None
    return loaded


def resolve_callable(name: str, *, folder: Path) -> Callable[..., Any]:
    """The callable ``name`` (``module:function``) refers to.

    Raises:
        ConverterLookupError: Malformed name, missing module or attribute, not callable.
    """
    match = _NAME.fullmatch(name)
    if match is None:
        msg = f"converter {name!r} is not of the form module:function"
        raise ConverterLookupError(msg)
    module_name, function_name = match["module"], match["function"]
    module = _catalog_module(folder, module_name)
    if module is None:
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            msg = f"cannot import {module_name!r} for converter {name!r}: {error}"
            raise ConverterLookupError(msg) from None
    function = getattr(module, function_name, None)
    if function is None:
        msg = f"module {module_name!r} has no {function_name!r} (converter {name!r})"
        raise ConverterLookupError(msg)
    if not callable(function):
        msg = f"converter {name!r} is not callable"
        raise ConverterLookupError(msg)
    return function  # type: ignore[no-any-return]


def converter_arity(function: Callable[..., Any]) -> int:
    """How many positional arguments ``function`` takes (1: value; 2: value and context)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature: assume one argument
        return 1
    positional = [
        parameter
        for parameter in parameters
        if parameter.kind in {parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD}
        and parameter.default is parameter.empty
    ]
    return len(positional)
