"""The contract properties of declared changes, checked on one generated example at a time.

1. ``upgrade``: a valid request of an older version upgrades to a valid request of a newer one.
2. ``downgrade``: a valid response of a newer version downgrades to a valid older response
   (error responses included).
3. ``round-trip``: what an older request sends comes back under the same paths and values in
   the older response, after the request went up and the (echoing) response came down.

Each check walks the chain one hop at a time, so a failure names the hop (and the steps of
that hop that touch the failing field) that broke it. Messages are judged by
:class:`versioning.messages.MessageValidator`, the validator the server, ``translate`` and
``check`` use. Problems an ``acknowledged`` step declares (``metadata`` over the new
limits …) are not counterexamples.
"""

from __future__ import annotations

import itertools
import pprint
import re
from typing import TYPE_CHECKING, Any

from compat_tests.acknowledged import Acknowledgements
from compat_tests.round_trip import Difference, RoundTrip, overlay, shared_values
from versioning.messages import MessageValidator, pick_media_type
from versioning.translate.schemas import response_for_status

if TYPE_CHECKING:
    from collections.abc import Sequence

    from versioning.catalog import Catalog
    from versioning.messages import Problem
    from versioning.spec.model import Operation
    from versioning.translate import Translator
    from versioning.translate.messages import ApiRequest, ApiResponse

__all__ = ["ContractContext", "ContractViolationError", "RoundTrip", "response_schema"]

_SHOWN_PROBLEMS = 5
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class ContractViolationError(AssertionError):
    """A generated example breaks a property; the message says where, how, and which step."""


def _show(value: Any) -> str:
    return pprint.pformat(value, width=96, compact=True, sort_dicts=False)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def _describe(difference: Difference) -> str:
    where = difference.pointer or "/"
    came_back = "<missing>" if difference.missing else repr(difference.came_back)
    return f"body {where}: sent {difference.sent!r}, came back {came_back}"


class ContractContext:
    """A catalog, its translator, one message validator per version, and its acknowledgements."""

    def __init__(self, catalog: Catalog, translator: Translator) -> None:
        self.catalog = catalog
        self.translator = translator
        self.validators = {
            version: MessageValidator(spec) for version, spec in catalog.specs.items()
        }
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

    def _blame(self, older: str, newer: str, key: str, problems: Sequence[object]) -> str:
        hop = self.translator.hops[self._index[newer] - 1]
        words = {word for problem in problems for word in _WORD.findall(str(problem))}
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
        problems: Sequence[object],
        blame: str,
    ) -> ContractViolationError:
        shown = "\n".join(f"    {problem}" for problem in problems[:_SHOWN_PROBLEMS])
        more = len(problems) - _SHOWN_PROBLEMS
        extra = f"\n    … and {more} more" if more > 0 else ""
        return ContractViolationError(
            f"{title}\n  problems:\n{shown}{extra}\n{blame}\n"
            f"  given:\n{_indent(_show(given))}\n  produced:\n{_indent(_show(produced))}"
        )

    def _unexplained(self, problems: list[Problem], newer: str, *operations: str) -> list[Problem]:
        return self.acknowledgements.unexplained(problems, newer, operations)

    def upgrade_chain(
        self, request: ApiRequest, *, from_version: str, to_version: str
    ) -> list[ApiRequest]:
        """Property 1: ``request`` upgraded hop by hop, each step valid in its version.

        Returns:
            The request as each version sees it, ``from_version`` first; shorter when an
            acknowledged break stopped it (the newer version refuses it, as declared).

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
                    given=previous,
                    produced=str(error),
                    problems=[str(error)],
                    blame=self._blame(older, newer, previous.operation, []),
                ) from error
            operation = self.operation(newer, upgraded.operation)
            problems = self.validators[newer].request_problems(upgraded, operation, strict=True)
            unexplained = self._unexplained(problems, newer, previous.operation, operation.key)
            if unexplained:
                raise self._violation(
                    f"upgrade {previous.operation} ({older}) → {upgraded.operation} ({newer})"
                    " gives an invalid request",
                    given=previous,
                    produced=upgraded,
                    problems=unexplained,
                    blame=self._blame(older, newer, previous.operation, unexplained),
                )
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
                    response,
                    operation=key,
                    from_version=newer,
                    to_version=older,
                    request=requests[index - 1],
                )
            except Exception as error:  # a user's converter may raise anything
                raise self._violation(
                    f"downgrade {key} ({newer} → {older}) raised {type(error).__name__}",
                    given=response,
                    produced=str(error),
                    problems=[str(error)],
                    blame=self._blame(older, newer, requests[index - 1].operation, []),
                ) from error
            older_key = requests[index - 1].operation
            problems = self.validators[older].response_problems(
                downgraded, self.operation(older, older_key), strict=True
            )
            unexplained = self._unexplained(problems, newer, older_key, key)
            if unexplained:
                raise self._violation(
                    f"downgrade {key} ({newer}) → {older_key} ({older}):"
                    f" the {response.status} response is invalid",
                    given=response,
                    produced=downgraded,
                    problems=unexplained,
                    blame=self._blame(older, newer, older_key, unexplained),
                )
            response = downgraded
        return response

    def round_trip(
        self, request: ApiRequest, echo: ApiResponse, *, from_version: str, to_version: str
    ) -> RoundTrip:
        """Property 3: values an older request sends come back unchanged in its older response.

        ``echo`` is a success response of the newer operation; the upgraded request's body is
        overlaid on it wherever the newer response declares the same path (as a server that
        stores and returns what it is sent would), then it is downgraded. Every value of the
        older request under a path the older response declares is compared, recursively.

        Returns:
            The pointers compared, or why nothing could be (no body, an acknowledged stop,
            an echo that does not fit, no path the older response declares).

        Raises:
            ContractViolationError: A value came back changed or missing.
        """
        chain = self.upgrade_chain(request, from_version=from_version, to_version=to_version)
        if len(chain) < len(self.between(from_version, to_version)):
            return RoundTrip(reason="the upgrade stopped at an acknowledged break")
        upgraded = chain[-1]
        if not isinstance(request.body, dict) or not isinstance(upgraded.body, dict):
            return RoundTrip(reason="the request has no object body")
        echoed = self._echo(echo, upgraded.body, to_version, upgraded.operation)
        if isinstance(echoed, str):
            return RoundTrip(reason=echoed)
        older_operation = self.operation(from_version, request.operation)
        schema = response_schema(older_operation, echo.status)
        came_back = self.downgrade_chain(
            echoed, request=request, from_version=to_version, to_version=from_version
        )
        spec = self.catalog.specs[from_version]
        compared: list[str] = []
        differences: list[Difference] = []
        for pointer, difference in shared_values(spec, schema, request.body, came_back.body):
            compared.append(pointer)
            if difference is not None:
                differences.append(difference)
        if differences:
            raise self._violation(
                f"round trip {request.operation}: {from_version} → {to_version} → {from_version}"
                " does not keep the values both versions share",
                given=request.body,
                produced=came_back.body,
                problems=[_describe(difference) for difference in differences],
                blame=self._blame(
                    from_version,
                    self.between(from_version, to_version)[1],
                    request.operation,
                    [d.pointer for d in differences],
                ),
            )
        if not compared:
            return RoundTrip(
                reason=f"the request sent no value the older {echo.status} response declares"
            )
        return RoundTrip(compared=tuple(compared))

    def _echo(
        self, response: ApiResponse, sent: dict[str, Any], version: str, key: str
    ) -> ApiResponse | str:
        """``response`` with ``sent`` overlaid, or why it cannot carry it (a string)."""
        operation = self.operation(version, key)
        schema = response_schema(operation, response.status)
        if schema is None or not isinstance(response.body, dict):
            return f"the {response.status} response of {key} ({version}) has no object body"
        validator = self.validators[version]
        spec = self.catalog.specs[version]
        body = overlay(spec, schema, response.body, sent)
        echoed = type(response)(status=response.status, headers=response.headers, body=body)
        if validator.response_problems(echoed, operation):
            # A response narrower than the request (an enum, a shorter limit): echoing only
            # part of it would compare the rest against values the server made up.
            return f"the echo does not fit the {response.status} response of {key} ({version})"
        return echoed


def response_schema(operation: Operation, status: int) -> Any:
    """The schema of the body ``operation`` answers ``status`` with (JSON preferred)."""
    response = response_for_status(operation, status)
    if response is None:
        return None
    chosen = pick_media_type(response.content, None)
    media = response.content.get(chosen) if chosen is not None else None
    return media.schema if media is not None else None
