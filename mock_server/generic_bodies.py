"""Response bodies and headers of a generic spec: valid examples first, then generated data.

An example the spec author got wrong (it breaks its own schema) is never served: the next
valid example, or a value generated from the schema (:func:`versioning.samples.sample_value`),
takes its place; ``versiongate serve`` lists such examples once at startup
(:mod:`mock_server.generic_startup`). Every choice is checked with the project's one
validator and remembered, so each (operation, status, example) costs one check.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import msgspec

from mock_server.problems import ApiError
from mock_server.runtime import response_for
from versioning.errors import SpecValidationError
from versioning.messages import is_json_media_type, scalar_text
from versioning.samples import sample_value
from versioning.translate.messages import ApiResponse

if TYPE_CHECKING:
    from mock_server.runtime import OperationRuntime
    from versioning.spec.model import Response, Spec

__all__ = ["Chosen", "ResponseBodies", "encodable", "pick_media", "valid_response"]

_LOG = logging.getLogger("versiongate.server")
_ATTEMPTS = ((2, True), (0, True), (2, False), (0, False))
"""Generated bodies try (optional depth, schema examples): optional members near the top
first, then required ones only; then the same without the schemas' own examples, which
spec authors get wrong as often as media type examples."""


class Chosen(msgspec.Struct, frozen=True, kw_only=True):
    """A response body ready to serve: its media type (``None``: no body) and value."""

    media_type: str | None
    body: Any
    headers: dict[str, str]


def encodable(value: Any) -> Any:
    """``value`` with texts JSON can carry: lone surrogates become ``?`` (issue 12)."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {encodable(key): encodable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [encodable(item) for item in value]
    return value


def valid_response(operation: OperationRuntime, status: int, media_type: str, body: Any) -> bool:
    """Whether ``body`` is a valid ``status`` response of ``operation`` (unknown: valid)."""
    response = ApiResponse(status=status, headers={"content-type": media_type}, body=body)
    try:
        return not operation.messages.response_problems(response, headers=False)
    except SpecValidationError:  # the schema cannot be compiled: nothing to check against
        return True
    except (RecursionError, ValueError):
        return False


def _header_text(value: Any) -> str:
    if isinstance(value, list):
        text = ",".join(scalar_text(item) for item in value)
    elif isinstance(value, dict):
        text = ",".join(f"{key},{scalar_text(item)}" for key, item in value.items())
    else:
        text = scalar_text(value)
    return "".join(char for char in text if " " <= char <= "~")[:1000]


def pick_media(response: Response) -> str:
    """The media type served for ``response``: its first JSON one, else its first."""
    for name in response.content:
        if is_json_media_type(name) and "*" not in name:
            return name
    return next(iter(response.content))


class ResponseBodies:
    """Chooses and remembers response bodies and headers for the operations of one spec."""

    def __init__(self, spec: Spec) -> None:
        """Serve bodies of ``spec``."""
        self.spec = spec
        self._chosen: dict[tuple[str, int, str], Chosen] = {}
        self._warned: set[str] = set()

    def choose(self, operation: OperationRuntime, status: int, example: str | None) -> Chosen:
        """The body for ``status`` of ``operation`` (``example`` names one; ``None``: the first).

        Raises:
            ApiError: 400 when ``example`` is not a valid example of that response.
        """
        key = (operation.key, status, example or "")
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = self._choose(operation, status, example)
        return chosen

    def _choose(self, operation: OperationRuntime, status: int, example: str | None) -> Chosen:
        response = response_for(operation.operation, status)
        headers = self._headers(response) if response is not None else {}
        if response is None or not response.content:
            if example is not None:
                raise ApiError(400, "invalid_request", f"The {status} response has no examples.")
            return Chosen(media_type=None, body=None, headers=headers)
        media_type = pick_media(response)
        media = response.content[media_type]
        examples = media.examples
        if example is not None:
            if example not in examples:
                names = ", ".join(examples) or "none"
                raise ApiError(
                    400,
                    "invalid_request",
                    f"Prefer example={example} is not an example of the {status} response"
                    f" (examples: {names}).",
                )
            examples = {example: examples[example]}
        for name, value in examples.items():
            body = encodable(value)
            if valid_response(operation, status, media_type, body):
                return Chosen(media_type=media_type, body=body, headers=headers)
            if example is not None:
                raise ApiError(
                    400,
                    "invalid_request",
                    f"Example {name} of the {status} response breaks its own schema;"
                    " it is not served (see the warnings printed at startup).",
                )
        body = self._generated(operation, status, media_type, media.schema)
        return Chosen(media_type=media_type, body=body, headers=headers)

    def _generated(
        self, operation: OperationRuntime, status: int, media_type: str, schema: Any
    ) -> Any:
        where = f"the {status} response of {operation.key}"
        first: Any = None
        for depth, examples in _ATTEMPTS:
            capped: list[str] = []
            body = encodable(
                sample_value(
                    schema,
                    self.spec,
                    direction="response",
                    optional_depth=depth,
                    on_cap=capped.append,
                    examples=examples,
                )
            )
            if capped:  # cut short, so invalid: say why once, and spare the big validation
                self._warn_once(where, capped[0] + " (the body breaks its schema)")
                return body
            if valid_response(operation, status, media_type, body):
                return body
            first = body if first is None else first
        self._warn_once(where, "no generated body satisfies its schema; serving the closest")
        return first

    def _warn_once(self, where: str, why: str) -> None:
        if where + why not in self._warned:
            self._warned.add(where + why)
            _LOG.warning("%s: %s", where, why)

    def _headers(self, response: Response) -> dict[str, str]:
        headers = {}
        for header in response.headers.values():
            if not header.required or header.name.lower() in {"content-type", "content-length"}:
                continue
            value = sample_value(header.schema, self.spec, direction="response", optional_depth=0)
            headers[header.name.lower()] = _header_text(value)
        return headers
