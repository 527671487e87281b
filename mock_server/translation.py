"""The translator the server uses, behind a protocol so the server does not depend on its class.

``versioning.translate.Translator`` (built from the catalog's ``changes.yaml`` files) upgrades
requests to head and downgrades responses. A catalog without declared changes, or a single
version, is served by :class:`HeadOnlyTranslator`, which serves the head version only.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Protocol

from mock_server.problems import ApiError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from versioning.catalog import Catalog
    from versioning.translate.messages import ApiRequest, ApiResponse

__all__ = ["HeadOnlyTranslator", "RequestTranslator", "load_translator"]


class RequestTranslator(Protocol):
    """What the server needs from translation (see ``versioning.translate``)."""

    def upgrade_request(self, request: ApiRequest, *, from_version: str) -> ApiRequest:
        """The request as head sees it."""
        ...

    def downgrade_response(
        self,
        response: ApiResponse,
        *,
        operation: str,
        to_version: str,
        request: ApiRequest | None = None,
    ) -> ApiResponse:
        """A head response (of head ``operation``, answering the client's ``request``)."""
        ...

    def operation_in(self, operation: str, *, from_version: str, to_version: str) -> str | None:
        """The key of ``operation`` (of ``from_version``) in ``to_version``, if it exists there."""
        ...


class HeadOnlyTranslator:
    """Serves the head version as it is; other versions need declared changes."""

    def __init__(self, head: str) -> None:
        """Translate nothing; ``head`` is the only version served."""
        self._head = head

    def _check(self, version: str) -> None:
        if version != self._head:
            raise ApiError(
                501,
                "version_not_translatable",
                f"API version {version} cannot be served: no translation to {self._head} is"
                " available.",
            )

    def upgrade_request(self, request: ApiRequest, *, from_version: str) -> ApiRequest:
        """``request`` unchanged (head only)."""
        self._check(from_version)
        return request

    def downgrade_response(
        self,
        response: ApiResponse,
        *,
        operation: str,
        to_version: str,
        request: ApiRequest | None = None,
    ) -> ApiResponse:
        """``response`` unchanged (head only)."""
        del operation, request
        self._check(to_version)
        return response

    def operation_in(self, operation: str, *, from_version: str, to_version: str) -> str | None:
        """The same key, when both versions are head."""
        return operation if from_version == to_version == self._head else None


def load_translator(
    catalog: Catalog, *, lookups: Mapping[str, Callable[..., Any]] | None = None
) -> RequestTranslator:
    """``Translator.from_catalog(catalog)`` when translation is available, else head only.

    ``lookups`` are the host functions converters may call (``transaction_currency``).

    Raises:
        ChangesError: A ``changes.yaml`` of the catalog is wrong (with its file and line).
    """
    module = importlib.import_module("versioning.translate")
    factory = getattr(module, "Translator", None)
    if factory is None or len(catalog.versions) == 1:
        return HeadOnlyTranslator(catalog.head.id)
    translator: RequestTranslator = factory.from_catalog(catalog, lookups=lookups)
    return translator
