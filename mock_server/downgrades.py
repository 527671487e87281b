"""Downgrade chains planned per client operation: the moved operation's response at plan speed.

The translator plans a whole downgrade chain once per (head operation, version, status,
media type) and runs only the hops that change the response, but it names the older
operation by walking the head one back, which gives ``GET /transactions/{id}`` where a
2024-01-15 client called ``GET /charges/{id}``. For such a client the server had to pass
the request, and the translator then re-upgrades it through every hop and downgrades hop by
hop on every response (a third of the oldest version's GET time).

Here the chain is planned the same way, with the operation the client called at the bottom
and the keys between taken from upgrading that operation (what the request's upgrade did),
so a moved operation's response costs what any other's does. Converters see no request, as
in the translator's own planned chains; a request with query parameters (paging) still
goes through the translator with the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from versioning.translate.hop import media_of

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from versioning.translate.messages import ApiRequest, ApiResponse

__all__ = ["DowngradePlanner"]

_Run = Any
"""A hop's compiled response run: ``(response, request, lookups) -> response``."""


class _Plan(Protocol):
    older_status: int
    older_media: str | None
    run: _Run


class _Hop(Protocol):
    def response_plan(
        self, newer_key: str, older_key: str, status: int, media: str | None
    ) -> _Plan: ...


class _Translator(Protocol):
    versions: tuple[str, ...]
    hops: Sequence[_Hop]

    def operation_in(self, operation: str, *, from_version: str, to_version: str) -> str | None: ...


class DowngradePlanner:
    """Plans and runs downgrade chains keyed by the client's own operation."""

    def __init__(self, translator: _Translator, lookups: Mapping[str, Callable[..., Any]]) -> None:
        """Plan over ``translator``'s hops; converters may call ``lookups``."""
        self._translator = translator
        self._lookups = lookups
        self._index = {version: index for index, version in enumerate(translator.versions)}
        self._chains: dict[tuple[str, str, int, str | None], tuple[_Run, ...] | None] = {}

    @classmethod
    def of(
        cls, translator: object, lookups: Mapping[str, Callable[..., Any]]
    ) -> DowngradePlanner | None:
        """A planner for a ``versioning`` translator; ``None`` for any other kind."""
        if hasattr(translator, "hops") and hasattr(translator, "versions"):
            return cls(translator, lookups)  # type: ignore[arg-type]
        return None

    def downgrade(
        self, response: ApiResponse, *, head_operation: str, request: ApiRequest, version: str
    ) -> ApiResponse | None:
        """``response`` (of ``head_operation``) for ``request``'s client, or ``None``.

        ``None`` when the chain cannot be planned from the client's operation (it does not
        lead to ``head_operation``): the caller then asks the translator.
        """
        key = (request.operation, version, response.status, media_of(response))
        if key in self._chains:
            runs = self._chains[key]
        else:
            runs = self._plan(request.operation, version, response.status, key[3], head_operation)
            self._chains[key] = runs
        if runs is None:
            return None
        for run in runs:
            response = run(response, None, self._lookups)
        return response

    def _plan(
        self, operation: str, version: str, status: int, media: str | None, head_operation: str
    ) -> tuple[_Run, ...] | None:
        translator = self._translator
        versions = translator.versions
        end = self._index[version]
        keys = [operation]  # keys[i]: the operation in versions[end + i]
        for older, newer in zip(versions[end:], versions[end + 1 :], strict=False):
            forward = translator.operation_in(keys[-1], from_version=older, to_version=newer)
            if forward is None:
                return None
            keys.append(forward)
        if keys[-1] != head_operation:
            return None
        runs = []
        for index in range(len(keys) - 1, 0, -1):
            hop = translator.hops[end + index - 1]
            plan = hop.response_plan(keys[index], keys[index - 1], status, media)
            if plan.run is not None:
                runs.append(plan.run)
            status, media = plan.older_status, plan.older_media
        return tuple(runs)
