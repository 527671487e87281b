"""The contract properties of declared changes, checked on one generated example at a time.

1. ``upgrade``: a valid request of an older version upgrades to a valid request of a newer one.
2. ``downgrade``: a valid response of a newer version downgrades to a valid older response
   (error responses included).
3. ``round-trip``: what an older request sends comes back under the same names and values in
   the older response, after the request went up and the (echoing) response came down.

Each check walks the chain one hop at a time, so a failure names the hop (and the steps of
that hop that touch the failing field) that broke it. Problems an ``acknowledged`` step
declares (``metadata`` over the new limits …) are not counterexamples.
"""

from __future__ import annotations

import itertools
import pprint
import re
from typing import TYPE_CHECKING, Any

from compat_tests.acknowledged import Acknowledgements
from compat_tests.message_checks import MessageChecker, Problem
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from versioning.catalog import Catalog
    from versioning.spec.model import Operation
    from versioning.translate import Translator
    from versioning.translate.messages import ApiRequest, ApiResponse

__all__ = ["ContractContext", "ContractViolationError"]

_SHOWN_PROBLEMS = 5
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class ContractViolationError(AssertionError):
    """A generated example breaks a property; the message says where, how, and which step."""


def _show(value: Any) -> str:
    return pprint.pformat(value, width=96, compact=True, sort_dicts=False)


class ContractContext:
    """A catalog, its translator, one message checker per version, and its acknowledgements."""

    def __init__(self, catalog: Catalog, translator: Translator) -> None:
        self.catalog = catalog
        self.translator = translator
        self.checkers = {version: MessageChecker(spec) for version, spec in catalog.specs.items()}
        self.acknowledgements = Acknowledgements(catalog, translator)
        self._index = {version: index for index, version in enumerate(catalog.ids)}

    def operation(self, version: str, key: str) -> Operation:
        """The operation ``key`` of ``version`` (it must exist)."""
        method, _, path = key.partition(" ")
        found = self.catalog.specs[version].operation(method, path)
        if found is None:
            raise ContractViolationError(f"version {version} has no operation {key}")
        return found

    def between(self, older: str, newer: str) -> list[str]:
        """The versions from ``older`` to ``newer``, both included, oldest first."""
        return list(self.catalog.ids[self._index[older] : self._index[newer] + 1])

    def _blame(self, older: str, newer: str, key: str, problems: list[Problem]) -> str:
        hop = self.translator.hops[self._index[newer] - 1]
        words = {word for problem in problems for word in _WORD.findall(problem.text)}
        steps = [
            located
            for located in hop.changes.steps()
            if getattr(located.step, "operations", None) in (None,)
            or key in (getattr(located.step, "operations", None) or ())
        ]
        touching = [s for s in steps if words & set(_WORD.findall(s.step.summary()))]
        source = hop.changes.file or f"{newer} (no changes file)"
        if not touching and problems:
            return (
                f"  broken by the hop {older} → {newer} ({source}): no step of it touches the"
                " failing fields, a declared change may be missing"
            )
        listed = "\n".join(
            f"    {located.label()}" for located in (touching or steps)[:_SHOWN_PROBLEMS]
        )
        return f"  broken by the hop {older} → {newer} ({source}); steps that touch it:\n{listed}"

    def _violation(
        self,
        title: str,
        *,
        given: Any,
        produced: Any,
        problems: list[Problem],
        blame: str,
    ) -> ContractViolationError:
        shown = "\n".join(f"    {problem.text}" for problem in problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        extra = f"\n    … and {more} more" if more > 0 else ""
        return ContractViolationError(
            f"{title}\n  problems:\n{shown}{extra}\n{blame}\n"
            f"  given:\n{_indent(_show(given))}\n  produced:\n{_indent(_show(produced))}"
        )

    def upgrade_chain(
        self, request: ApiRequest, *, from_version: str, to_version: str
    ) -> list[ApiRequest]:
        """Property 1: ``request`` upgraded hop by hop, each step valid in its version.

        Returns:
            The request as each version sees it, ``from_version`` first.

        Raises:
            ContractViolationError: A hop produced an invalid request, or refused a valid one.
        """
        versions = self.between(from_version, to_version)
        chain = [request]
        for older, newer in itertools.pairwise(versions):
            previous = chain[-1]
            try:
                upgraded = self.translator.upgrade_request(
                    previous, from_version=older, to_version=newer
                )
            except Exception as error:  # a user's converter may raise anything
                raise self._violation(
                    f"upgrade {previous.operation}: {older} → {newer} raised"
                    f" {type(error).__name__}",
                    given=previous, produced=str(error), problems=[Problem(str(error))],
                    blame=self._blame(older, newer, previous.operation, []),
                ) from error  # fmt: skip
            operation = self.operation(newer, upgraded.operation)
            problems = self.checkers[newer].request_problems(upgraded, operation)
            unexplained = self.acknowledgements.unexplained(problems, older, newer)
            if unexplained:
                raise self._violation(
                    f"upgrade {previous.operation} ({older}) → {upgraded.operation} ({newer})"
                    " gives an invalid request",
                    given=previous, produced=upgraded, problems=unexplained,
                    blame=self._blame(older, newer, previous.operation, unexplained),
                )  # fmt: skip
            if problems:
                return chain  # an acknowledged break: the request cannot go further
            chain.append(upgraded)
        return chain

    def downgrade_chain(
        self, response: ApiResponse, *, request: ApiRequest, from_version: str, to_version: str
    ) -> ApiResponse:
        """Property 2: ``response`` (of ``from_version``) downgraded hop by hop to ``to_version``.

        ``request`` is the older client's request (of ``to_version``); it picks the operation.

        Raises:
            ContractViolationError: A hop produced a response its version does not declare.
        """
        versions = self.between(to_version, from_version)
        requests = self.translator.upgrade_requests(
            request, from_version=to_version, to_version=from_version
        )
        for index in range(len(versions) - 1, 0, -1):
            older, newer = versions[index - 1], versions[index]
            key = requests[index].operation
            try:
                downgraded = self.translator.downgrade_response(
                    response, operation=key, from_version=newer, to_version=older,
                    request=requests[index - 1],
                )  # fmt: skip
            except Exception as error:  # a user's converter may raise anything
                raise self._violation(
                    f"downgrade {key} ({newer} → {older}) raised {type(error).__name__}",
                    given=response, produced=str(error), problems=[Problem(str(error))],
                    blame=self._blame(older, newer, requests[index - 1].operation, []),
                ) from error  # fmt: skip
            older_key = requests[index - 1].operation
            problems = self.checkers[older].response_problems(
                downgraded, self.operation(older, older_key)
            )
            unexplained = self.acknowledgements.unexplained(problems, older, newer)
            if unexplained:
                raise self._violation(
                    f"downgrade {key} ({newer}) → {older_key} ({older}):"
                    f" the {response.status} response is invalid",
                    given=response, produced=downgraded, problems=unexplained,
                    blame=self._blame(older, newer, older_key, unexplained),
                )  # fmt: skip
            response = downgraded
        return response

    def round_trip(
        self, request: ApiRequest, echo: ApiResponse, *, from_version: str, to_version: str
    ) -> list[str]:
        """Property 3: fields an older request sends come back unchanged in its older response.

        ``echo`` is a success response of the newer operation; the upgraded request's body
        fields are copied into it where the newer response declares them (as a server that
        stores and returns them would), then it is downgraded.

        Returns:
            The names of the fields compared (none when the example could not be echoed).

        Raises:
            ContractViolationError: A field came back renamed, changed or missing.
        """
        chain = self.upgrade_chain(request, from_version=from_version, to_version=to_version)
        if len(chain) < len(self.between(from_version, to_version)):
            return []  # stopped at an acknowledged break
        upgraded = chain[-1]
        if not isinstance(request.body, dict) or not isinstance(upgraded.body, dict):
            return []
        newer_operation = self.operation(to_version, upgraded.operation)
        echoed = self._echo(echo, upgraded.body, newer_operation, to_version)
        if echoed is None:
            return []
        older_operation = self.operation(from_version, request.operation)
        declared = _response_properties(self, older_operation, echo.status, from_version)
        came_back = self.downgrade_chain(
            echoed, request=request, from_version=to_version, to_version=from_version
        )
        body = came_back.body if isinstance(came_back.body, dict) else {}
        compared = [name for name in request.body if name in declared]
        differences = [
            Problem(
                f"field {name!r}: sent {request.body[name]!r},"
                f" came back {body.get(name, '<missing>')!r}"
            )
            for name in compared
            if body.get(name, _MISSING) != request.body[name]
        ]
        if differences:
            raise self._violation(
                f"round trip {request.operation}: {from_version} → {to_version} → {from_version}"
                " does not keep the fields both versions share",
                given=request.body, produced=body, problems=differences,
                blame=self._blame(from_version, self.between(from_version, to_version)[1],
                                  request.operation, differences),
            )  # fmt: skip
        return compared

    def _echo(
        self, response: ApiResponse, fields: dict[str, Any], operation: Operation, version: str
    ) -> ApiResponse | None:
        """``response`` with ``fields`` copied in, or ``None`` when they do not fit its schema."""
        declared = _response_properties(self, operation, response.status, version)
        if not isinstance(response.body, dict) or not declared:
            return None
        body = dict(response.body)
        for name, value in fields.items():
            if name in declared:
                body[name] = value
        echoed = type(response)(status=response.status, headers=response.headers, body=body)
        if self.checkers[version].response_problems(echoed, operation):
            return None
        return echoed


_MISSING = object()


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def _response_properties(
    context: ContractContext, operation: Operation, status: int, version: str
) -> set[str]:
    """Top-level property names of the JSON body ``operation`` answers ``status`` with."""
    response = response_for_status(operation, status)
    if response is None:
        return set()
    spec = context.catalog.specs[version]
    names: set[str] = set()
    for media in response.content.values():
        schema = spec.resolve_schema(media.schema) if media.schema is not None else None
        if isinstance(schema, dict):
            names |= set(schema.get("properties", {}))
    return names
