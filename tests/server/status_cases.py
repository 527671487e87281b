"""Every (version, operation, status) the server can produce, read from the specs.

Nothing here lists cases: each :class:`Producer` is one way the server answers with an
error (validation, routing, auth, limits, injected failures, faults, the version layer),
with a rule saying which operations it applies to, read from the operation as the spec of
its version declares it (a JSON body, a declared 404 or 409, an ``Idempotency-Key``).
``cases()`` crosses them with every operation of every version of the catalog.
"""

from __future__ import annotations

import datetime as dt
import http
from typing import TYPE_CHECKING, Any, NamedTuple

from tests.server.conftest import API_SPECS, TODAY
from versioning.catalog import load_catalog

if TYPE_CHECKING:
    from collections.abc import Callable

    from versioning.spec.model import Operation

__all__ = [
    "CATALOG",
    "INJECTABLE",
    "PRODUCERS",
    "Case",
    "Producer",
    "cases",
    "example_body",
    "example_path",
    "json_body",
]

CATALOG = load_catalog(API_SPECS)
_TODAY = dt.date.fromisoformat(TODAY[:10])
INJECTABLE = tuple(status.value for status in http.HTTPStatus if 400 <= status.value <= 599)
"""Every registered error status: what ``POST /sandbox/failures`` can inject (400 to 599)."""


def json_body(operation: Operation) -> Any:
    """The JSON request body ``operation`` declares, or ``None``."""
    body = operation.request_body
    return body.content.get("application/json") if body is not None else None


def example_body(operation: Operation) -> Any:
    """The first example of ``operation``'s JSON request body (``None``: it takes none)."""
    media = json_body(operation)
    if media is None or not media.examples:
        return None
    return next(iter(media.examples.values()))


def example_path(operation: Operation, *, another: bool = False) -> str:
    """``operation``'s path with each parameter's first example (ids nobody created).

    ``another``: with another value of the same shape (the last character changed).
    """
    path = operation.path
    for parameter in operation.parameters:
        if parameter.location == "path":
            value = str(next(iter(parameter.examples.values()), "example"))
            if another:
                value = value[:-1] + ("A" if value[-1] != "A" else "B")
            path = path.replace("{" + parameter.name + "}", value)
    return path


def _takes_idempotency_key(operation: Operation) -> bool:
    return operation.parameter("Idempotency-Key", "header") is not None


class Producer(NamedTuple):
    """One way the server answers with an error, and the operations it applies to."""

    name: str
    statuses: Callable[[Operation], tuple[int, ...]]
    """The statuses it produces for an operation (none: it does not apply)."""
    served: bool = True
    """Whether it applies to served versions (else to sunset ones)."""


def _always(status: int) -> Callable[[Operation], tuple[int, ...]]:
    return lambda operation: (status,)


def _when(
    status: int, applies: Callable[[Operation], bool]
) -> Callable[[Operation], tuple[int, ...]]:
    return lambda operation: (status,) if applies(operation) else ()


PRODUCERS = (
    Producer("unreadable JSON body", _when(400, lambda op: json_body(op) is not None)),
    Producer("unknown API-Version header", _always(400)),
    Producer("no credentials", _when(401, lambda op: any(op.security))),
    Producer("object that does not exist", _when(404, lambda op: "404" in op.responses)),
    Producer("path that does not exist", _always(404)),
    Producer("undeclared method", _always(405)),
    Producer(
        "idempotency key reused with another request",
        _when(409, lambda op: "409" in op.responses and _takes_idempotency_key(op)),
    ),
    Producer("body over the size limit", _always(413)),
    Producer("undeclared content type", _when(415, lambda op: json_body(op) is not None)),
    Producer("unknown query parameter", _always(422)),
    Producer("server fault", _always(500)),
    Producer("injected failure", lambda operation: INJECTABLE),
    Producer("version past its sunset", _always(410), served=False),
)


class Case(NamedTuple):
    """One producer applied to one operation of one version, with the statuses to expect."""

    version: str
    operation: Operation
    producer: Producer
    statuses: tuple[int, ...]

    @property
    def id(self) -> str:
        """How pytest names the case."""
        return f"{self.version} {self.operation.key} {self.producer.name}"


def cases() -> list[Case]:
    """Every producer on every operation of every version (sunset ones: what they get)."""
    found = []
    for version in CATALOG.versions:
        served = version.status(_TODAY) != "sunset"
        for operation in CATALOG.specs[version.id].operations:
            for producer in PRODUCERS:
                statuses = producer.statuses(operation) if producer.served == served else ()
                if statuses:
                    found.append(Case(version.id, operation, producer, statuses))
    return found
