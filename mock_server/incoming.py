"""The raw parts of an HTTP request, as the ASGI layer hands them to the pipeline."""

from __future__ import annotations

import msgspec

__all__ = ["IncomingRequest"]


class IncomingRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A request before routing and validation: texts and bytes only (header names lower case).

    Routing fills ``path_params``; authentication and :func:`versioning.messages.read_body`
    read the rest before the request becomes an :class:`~versioning.translate.ApiRequest`.
    """

    method: str
    path: str
    path_params: dict[str, str]
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
