"""Whether and how to colour terminal output (``--color``, ``NO_COLOR``, TTY detection)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

__all__ = ["ColorMode", "Palette", "use_color"]

ColorMode: TypeAlias = Literal["auto", "always", "never"]

_CODES = {"red": "31", "yellow": "33", "cyan": "36", "green": "32", "bold": "1", "dim": "2"}


def use_color(mode: ColorMode, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Decide on colour: ``always``/``never`` win; ``auto`` means a TTY and no ``NO_COLOR``.

    ``NO_COLOR`` counts when set to a non-empty value (https://no-color.org).
    """
    if mode != "auto":
        return mode == "always"
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Palette:
    """Wraps text in ANSI styles, or leaves it alone when colour is off."""

    __slots__ = ("enabled",)

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled

    def paint(self, text: str, *styles: str) -> str:
        """``text`` in the given styles (``red``, ``bold`` …) when colour is on."""
        if not self.enabled or not styles:
            return text
        codes = ";".join(_CODES[style] for style in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"
