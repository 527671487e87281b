"""Property 5: a valid request of any version, sent to a server, gets a valid response (no 5xx).

The server is reached through a :data:`Send` callable, so any HTTP client (Litestar's test
client, httpx against a running ``versiongate serve``) fits. The response must be one the
operation declares in the client's version, with a body valid for it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import quote

from compat_tests.properties import ContractViolationError
from versioning.translate.messages import ApiRequest, ApiResponse

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.messages import MessageValidator
    from versioning.spec.model import Operation

__all__ = ["Send", "check_end_to_end", "wire_path"]

Send: TypeAlias = (
    "Callable[[str, str, list[tuple[str, str]], dict[str, str], bytes | None],"
    " tuple[int, dict[str, str], bytes]]"
)
"""``send(method, path, query pairs, headers, body bytes) -> (status, headers, body bytes)``."""


def wire_path(request: ApiRequest) -> str:
    """The request's path with each path parameter percent-encoded (``/`` included)."""
    path = request.path_template
    for name, value in request.path_params.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def _decoded(body: bytes, content_type: str | None) -> Any:
    if not body:
        return None
    if content_type is not None and "json" in content_type:
        try:
            return json.loads(body)
        except ValueError:
            return body.decode("utf-8", "replace")
    return body.decode("utf-8", "replace")


def check_end_to_end(
    send: Send,
    request: ApiRequest,
    operation: Operation,
    validator: MessageValidator,
    *,
    version: str,
    extra_headers: dict[str, str],
) -> ApiResponse:
    """Send ``request`` (of ``version``) and check the reply is declared and valid.

    Raises:
        ContractViolationError: A 5xx, or a response ``operation`` does not declare.
    """
    headers = {**request.headers, **extra_headers}
    payload = None
    if request.body is not None:
        payload = json.dumps(request.body, ensure_ascii=False).encode()
    query = [(name, value) for name, values in request.query.items() for value in values]
    status, raw_headers, raw_body = send(
        request.method, wire_path(request), query, headers, payload
    )
    lowered = {name.lower(): value for name, value in raw_headers.items()}
    response = ApiResponse(
        status=status, headers=lowered, body=_decoded(raw_body, lowered.get("content-type"))
    )
    problems = [] if status < 500 else ["status: a server error"]
    problems += [str(problem) for problem in validator.response_problems(response, operation)]
    if problems:
        shown = "\n".join(f"    {problem}" for problem in problems[:5])
        raise ContractViolationError(
            f"end to end {operation.key} under {version}: the response is not valid\n"
            f"  problems:\n{shown}\n  request:\n    {request!r}\n  response:\n    {response!r}"
        )
    return response
