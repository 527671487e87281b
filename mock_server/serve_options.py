"""Checks of ``versiongate serve``'s options that must fail before anything starts.

Each raises :class:`~versioning.errors.UsageError` (one line, exit 2) instead of letting the
server print its banner and then hang on a taken port, or create a folder named after a
database URL.
"""

from __future__ import annotations

import errno
import os
import re
import socket
from typing import TYPE_CHECKING

from versioning.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "check_port_free",
    "database_file",
    "duration_seconds",
    "option_or_environment",
    "public_url",
]


def database_file(value: str) -> str | None:
    """What ``--db`` (or ``VERSIONGATE_DB``) names: a file, a PostgreSQL URL or ``None``.

    A SQLite file path comes back absolute; ``:memory:`` is ``None``.

    Raises:
        UsageError: ``value`` is a URL of an unsupported scheme (``sqlite:///…``): it is never
            taken as a path. The URL itself is not repeated, since it may hold a password.
    """
    # Issue 18: the choice of store lives in mock_server/store_factory.py.
    from mock_server.cli import DEFAULT_DB
    from mock_server.store_factory import database_target

    return database_target(value, default=DEFAULT_DB)


def check_port_free(host: str, port: int) -> None:
    """Bind ``host:port`` once and let it go, so a taken port fails before the banner.

    ``SO_REUSEADDR`` is set, as servers set it, so only a listening socket counts as
    taken (not connections of a server that just stopped, waiting in ``TIME_WAIT``).

    Raises:
        UsageError: The address cannot be bound (taken, not local, or not allowed).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise UsageError(f"--host {host}: {error.strerror}") from None
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} on {host} is already in use: stop the server there or choose"
                    " another --port"
                ) from None
            raise UsageError(f"cannot listen on {host}:{port}: {error.strerror}") from None


_DURATION = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_seconds(text: str, *, name: str) -> float:
    """``text`` (``90``, ``30s``, ``15m``, ``24h``, ``7d``) in seconds.

    Raises:
        UsageError: ``text`` is not such a duration; ``name`` says which option it was.
    """
    found = _DURATION.fullmatch(text.strip().lower())
    if found is None:
        raise UsageError(f"{name} {text!r} is not a duration such as 30s, 15m, 24h or 7d")
    return float(found["number"]) * _UNIT_SECONDS[found["unit"]]


_PUBLIC_URL = re.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", re.IGNORECASE)


def public_url(text: str) -> str:
    """``text`` as the server's public base URL (``http(s)://host[:port][/path]``, no ``/``).

    Raises:
        UsageError: ``text`` is not an absolute http(s) URL without query or fragment.
    """
    if _PUBLIC_URL.fullmatch(text) is None:
        raise UsageError(
            f"--public-url {text!r} is not an http(s) URL such as https://sandbox.example.com"
        )
    return text.rstrip("/")


def option_or_environment(
    value: str | None, variable: str, environment: Mapping[str, str] | None = None
) -> str | None:
    """The option's ``value`` when given, else the environment variable's (``None``: unset)."""
    if value is not None:
        return value
    found = (os.environ if environment is None else environment).get(variable, "").strip()
    return found or None
