"""The error an injected failure answers with: its status's own code and the headers it needs.

A client testing its failure handling through ``/sandbox/failures`` must see what a real
failure of that status looks like in its version: the code a 409 or a 503 usually has, and
the headers the spec requires with it (``Retry-After`` on 429 and 503, ``Allow`` on 405,
``Accept`` on 415).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_server.problems import ApiError, code_for_status

if TYPE_CHECKING:
    from mock_server.runtime import OperationRuntime

__all__ = ["RETRY_AFTER_SECONDS", "injected_error"]

RETRY_AFTER_SECONDS = 1
"""What injected 429 and 503 responses tell clients to wait before retrying."""
_RETRY_STATUSES = frozenset({429, 503})


def injected_error(status: int, *, operation: OperationRuntime, allowed: str) -> ApiError:
    """The error of a failure with ``status`` injected into a call of ``operation``.

    Args:
        status: The status asked for (400 to 599).
        operation: The operation called, in the client's version.
        allowed: The methods the called path takes (the ``Allow`` of an injected 405).
    """
    headers: dict[str, str] = {}
    if status in _RETRY_STATUSES:
        headers["retry-after"] = str(RETRY_AFTER_SECONDS)
    elif status == 405:
        headers["allow"] = allowed
    elif status == 415:
        body = operation.operation.request_body
        if body is not None and body.content:
            headers["accept"] = ", ".join(body.content)
    return ApiError(
        status,
        code_for_status(status),
        f"A failure with status {status} was injected through /sandbox/failures.",
        headers=headers,
    )
