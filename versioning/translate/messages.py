"""The HTTP messages translation works on: plain, framework-free, immutable.

The mock server builds an :class:`ApiRequest` from the client's request (in the client's
version), asks the translator to upgrade it to head, handles it, and asks the translator to
downgrade the head :class:`ApiResponse` back to the client's version.
"""

from __future__ import annotations

from typing import Any

import msgspec

__all__ = ["ApiRequest", "ApiResponse"]


class ApiRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A request as one API version sees it.

    Attributes:
        operation: The operation key in this request's version, like
            ``"POST /charges/{charge_id}/capture"``.
        path_params: Path parameter values by name (``{"charge_id": "txn_…"}``).
        query: Query parameters; repeated keys keep every value.
        headers: Header values by lower-case name.
        body: The decoded JSON body, or ``None`` when there is none.
    """

    operation: str
    path_params: dict[str, str] = msgspec.field(default_factory=dict)
    query: dict[str, list[str]] = msgspec.field(default_factory=dict)
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    body: Any = None

    @property
    def method(self) -> str:
        """The HTTP method, upper case."""
        return self.operation.split(" ", 1)[0]

    @property
    def path_template(self) -> str:
        """The path template, ``/charges/{charge_id}/capture``."""
        return self.operation.split(" ", 1)[1]

    def path(self) -> str:
        """The concrete path: the template with the path parameters filled in."""
        path = self.path_template
        for name, value in self.path_params.items():
            path = path.replace("{" + name + "}", value)
        return path


class ApiResponse(msgspec.Struct, frozen=True, kw_only=True):
    """A response as one API version sees it (headers by lower-case name, JSON body)."""

    status: int
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    body: Any = None
