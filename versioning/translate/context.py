"""What a converter may know besides the value it converts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from versioning.translate.messages import ApiRequest

__all__ = ["TranslationContext"]


class TranslationContext(msgspec.Struct, frozen=True, kw_only=True):
    """Passed as the second argument to converters that take two.

    Attributes:
        older_version: The older version of the hop being translated.
        newer_version: The newer version of the hop.
        operation: The operation key in the older version (what that client called).
        request: The request as the older version sees it, when known (always for request
            upgrades; for response downgrades when the caller passed the client's request).
        lookups: Host-provided functions converters may call for data a payload lacks (the
            mock server can provide ``transaction_currency(transaction_id) -> str``).
    """

    older_version: str
    newer_version: str
    operation: str
    request: ApiRequest | None = None
    lookups: Mapping[str, Callable[..., Any]] = msgspec.field(default_factory=dict)
