"""The :class:`Translator`: every hop of a catalog, chained version by version.

Requests go up one version at a time, responses come down one version at a time; each hop
applies the steps of one ``changes.yaml``. Plans are compiled once per (hop, operation,
status) and cached, and whole chains once per (operation, versions), skipping the hops that
leave an operation's messages alone, so translating a payload costs microseconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from versioning.changes.load import load_catalog_changes
from versioning.errors import UsageError
from versioning.translate.hop import Hop, media_of

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from versioning.catalog import Catalog
    from versioning.changes.model import ChangeSet
    from versioning.translate.messages import ApiRequest, ApiResponse

    _RequestRun = Callable[[ApiRequest, Mapping[str, Callable[..., Any]]], ApiRequest]
    _ResponseRun = Callable[
        [ApiResponse, ApiRequest | None, Mapping[str, Callable[..., Any]]], ApiResponse
    ]

__all__ = ["Translator"]


class Translator:
    """Translates requests up and responses down the version chain of one catalog."""

    def __init__(
        self,
        *,
        versions: tuple[str, ...],
        hops: tuple[Hop, ...],
        lookups: Mapping[str, Callable[..., Any]] | None = None,
    ) -> None:
        if len(hops) != len(versions) - 1:
            msg = "a translator needs one hop between each two adjacent versions"
            raise ValueError(msg)
        self.versions = versions
        self.hops = hops
        self._lookups: Mapping[str, Callable[..., Any]] = dict(lookups or {})
        self._index = {version: index for index, version in enumerate(versions)}
        self._upgrade_chains: dict[tuple[str, int, int], tuple[_RequestRun, ...]] = {}
        self._downgrade_chains: dict[
            tuple[str, int, int, int, str | None], tuple[_ResponseRun, ...]
        ] = {}

    @classmethod
    def from_catalog(
        cls,
        catalog: Catalog,
        *,
        generators: Mapping[str, Callable[[], str]] | None = None,
        lookups: Mapping[str, Callable[..., Any]] | None = None,
    ) -> Translator:
        """Load, check and compile every ``<version>/changes.yaml`` of ``catalog``.

        Args:
            catalog: A catalog loaded with its specs.
            generators: Replace value generators by name (``{"uuid4": …}``), for tests.
            lookups: Functions converters may call for data a payload lacks
                (``transaction_currency(transaction_id) -> str`` for the bundled API).

        Raises:
            ChangesError: A step is malformed or names something that does not exist, with
                the file and line.
            UsageError: The catalog was loaded without its specs.
        """
        if len(catalog.specs) != len(catalog.versions):
            raise UsageError(
                f"{catalog.file}: translating needs every version's spec; load the catalog"
                " with load_specs=True"
            )
        hops = tuple(
            Hop(
                older=catalog.specs[changes.older],
                newer=catalog.specs[changes.version],
                changes=changes,
                folder=catalog.folder,
                generators=generators,
            )
            for changes in load_catalog_changes(catalog, verify=False)
        )
        return cls(versions=catalog.ids, hops=hops, lookups=lookups)

    @property
    def head(self) -> str:
        """The newest version."""
        return self.versions[-1]

    def change_sets(self) -> list[ChangeSet]:
        """The declared changes of each version after the first, oldest first."""
        return [hop.changes for hop in self.hops]

    def _position(self, version: str) -> int:
        try:
            return self._index[version]
        except KeyError:
            raise UsageError(
                f"unknown version {version!r}; versions: {', '.join(self.versions)}"
            ) from None

    def operation_in(self, operation: str, *, from_version: str, to_version: str) -> str | None:
        """The key ``operation`` of ``from_version`` has in ``to_version`` (``None``: none).

        Going up follows declared moves; going down prefers the same key, then a move.
        """
        start, end = self._position(from_version), self._position(to_version)
        key: str | None = operation
        if start <= end:
            for hop in self.hops[start:end]:
                target = hop.operations.forward(key) if key is not None else None
                key = target[0] if target is not None else None
        else:
            for hop in reversed(self.hops[end:start]):
                key = hop.operations.backward(key) if key is not None else None
        return key

    def _check_operation(self, operation: str, version: str) -> None:
        spec = self.hops[0].older if self._position(version) == 0 else None
        if spec is None:
            spec = self.hops[self._position(version) - 1].newer
        method, _, path = operation.partition(" ")
        if spec.operation(method, path) is None:
            raise UsageError(f"version {version} has no operation {operation!r}")

    def upgrade_requests(
        self, request: ApiRequest, *, from_version: str, to_version: str | None = None
    ) -> list[ApiRequest]:
        """``request`` as each version from ``from_version`` to ``to_version`` sees it."""
        start, end = self._upgrade_span(from_version, to_version)
        if self.hops:
            self._check_operation(request.operation, from_version)
        chain = [request]
        for hop in self.hops[start:end]:
            chain.append(hop.upgrade_request(chain[-1], self._lookups))
        return chain

    def upgrade_request(
        self, request: ApiRequest, *, from_version: str, to_version: str | None = None
    ) -> ApiRequest:
        """``request`` (of ``from_version``) as ``to_version`` (default: head) sees it.

        Only the hops that change the operation's requests run; the chain is planned once per
        (operation, versions).

        Raises:
            UsageError: Unknown version, an operation ``from_version`` does not have, or one
                that no longer exists in ``to_version``.
        """
        start, end = self._upgrade_span(from_version, to_version)
        runs = self._upgrade_chains.get((request.operation, start, end))
        if runs is None:
            runs = self._plan_upgrade(request.operation, start, end)
        for run in runs:
            request = run(request, self._lookups)
        return request

    def _upgrade_span(self, from_version: str, to_version: str | None) -> tuple[int, int]:
        start = self._position(from_version)
        end = self._position(to_version or self.head)
        if end < start:
            raise UsageError(f"cannot upgrade from {from_version} down to {to_version}")
        return start, end

    def _plan_upgrade(self, operation: str, start: int, end: int) -> tuple[_RequestRun, ...]:
        if self.hops:
            self._check_operation(operation, self.versions[start])
        runs: list[_RequestRun] = []
        key = operation
        for hop in self.hops[start:end]:
            plan = hop.request_plan(key)
            if plan.run is not None:
                runs.append(plan.run)
            key = plan.newer_key
        self._upgrade_chains[operation, start, end] = chain = tuple(runs)
        return chain

    def downgrade_response(
        self,
        response: ApiResponse,
        *,
        operation: str,
        to_version: str,
        from_version: str | None = None,
        request: ApiRequest | None = None,
    ) -> ApiResponse:
        """``response`` of ``operation`` (in ``from_version``, default head) for ``to_version``.

        Pass the client's ``request`` (as ``to_version`` sees it) when you have it: it picks the
        exact operation the client called (``/charges`` rather than ``/transactions``) and lets
        converters read request parameters (offset paging). Without it, only the hops that
        change such a response run, planned once per (operation, versions, status, media type).

        Raises:
            UsageError: Unknown version, or ``operation`` has no counterpart in ``to_version``.
        """
        start = self._position(from_version or self.head)
        end = self._position(to_version)
        if end > start:
            raise UsageError(
                f"cannot downgrade from {from_version or self.head} up to {to_version}"
            )
        if request is None:
            media = media_of(response)
            runs = self._downgrade_chains.get((operation, start, end, response.status, media))
            if runs is None:
                runs = self._plan_downgrade(operation, start, end, response.status, media)
            for run in runs:
                response = run(response, None, self._lookups)
            return response
        keys, requests = self._older_keys(operation, start, end, request)
        for index in range(start, end, -1):
            response = self.hops[index - 1].downgrade_response(
                response,
                newer_operation=keys[index],
                older_operation=keys[index - 1],
                request=requests.get(index - 1),
                lookups=self._lookups,
            )
        return response

    def _plan_downgrade(
        self, operation: str, start: int, end: int, status: int, media: str | None
    ) -> tuple[_ResponseRun, ...]:
        keys, _ = self._older_keys(operation, start, end, None)
        runs: list[_ResponseRun] = []
        current_status, current_media = status, media
        for index in range(start, end, -1):
            plan = self.hops[index - 1].response_plan(
                keys[index], keys[index - 1], current_status, current_media
            )
            if plan.run is not None:
                runs.append(plan.run)
            current_status, current_media = plan.older_status, plan.older_media
        self._downgrade_chains[operation, start, end, status, media] = chain = tuple(runs)
        return chain

    def translate_body(
        self,
        body: Any,
        *,
        operation: str,
        from_version: str,
        to_version: str,
        message: Literal["request", "response"] = "request",
        status: int = 200,
    ) -> Any:
        """A request or response body of ``operation`` moved between any two versions.

        Both directions work for both kinds of message, so property tests can check round
        trips (``downgrade(upgrade(x)) == x`` on the fields both versions share). Converters
        see no request in their context here.

        Raises:
            UsageError: Unknown version, or the operation does not exist along the way.
        """
        start, end = self._position(from_version), self._position(to_version)
        if self.hops:
            self._check_operation(operation, from_version)
        key = operation
        step = 1 if end >= start else -1
        for index in range(start, end, step):
            hop = self.hops[index] if step == 1 else self.hops[index - 1]
            older_key: str | None = key
            newer_key: str | None = key
            if step == 1:
                target = hop.operations.forward(key)
                newer_key = target[0] if target else None
            else:
                older_key = hop.operations.backward(key)
            if older_key is None or newer_key is None:
                raise UsageError(
                    f"{operation} of version {from_version} has no counterpart in"
                    f" {self.versions[index + step]}"
                )
            body = hop.translate_body(
                body,
                direction="upgrade" if step == 1 else "downgrade",
                older_key=older_key,
                newer_key=newer_key,
                message=message,
                status=status,
                lookups=self._lookups,
            )
            key = newer_key if step == 1 else older_key
        return body

    def _older_keys(
        self, operation: str, start: int, end: int, request: ApiRequest | None
    ) -> tuple[dict[int, str], dict[int, ApiRequest]]:
        version = self.versions[start]
        if self.hops:
            self._check_operation(operation, version)
        keys: dict[int, str] = {start: operation}
        requests: dict[int, ApiRequest] = {}
        if request is not None:
            chain = self.upgrade_requests(
                request, from_version=self.versions[end], to_version=version
            )
            if chain[-1].operation == operation:
                for offset, upgraded in enumerate(chain):
                    keys[end + offset] = upgraded.operation
                    requests[end + offset] = upgraded
                return keys, requests
        for index in range(start, end, -1):
            older = self.hops[index - 1].operations.backward(keys[index])
            if older is None:
                raise UsageError(
                    f"{operation} of version {version} has no counterpart in"
                    f" {self.versions[index - 1]}"
                )
            keys[index - 1] = older
        return keys, requests
