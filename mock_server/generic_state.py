"""The stateful round trip of generic mode: ``POST /things`` → ``GET /things/{id}`` and on.

Where a spec has a collection (``POST /things``) beside an item (``GET /things/{id}``), a
created object is stored for its caller: the response body with the request's members
merged in and a fresh id (of the type the schema gives it), then read back by ``GET``,
updated by ``PUT``/``PATCH``/``POST`` on the item, and removed by ``DELETE`` (then ``404``,
as a client expects after deleting). Every stored body is checked against the responses of
both operations, so state never makes a response invalid: when no variant is valid, the
plain response is served and nothing is stored.
"""

from __future__ import annotations

import re
import secrets
import uuid
from typing import TYPE_CHECKING, Any

from mock_server.generic_bodies import encodable, pick_media, valid_response
from mock_server.problems import ApiError
from mock_server.runtime import response_for

if TYPE_CHECKING:
    from mock_server.generic_bodies import Chosen
    from mock_server.runtime import OperationRuntime, VersionRuntime
    from mock_server.store import Store
    from versioning.translate.messages import ApiRequest

__all__ = ["Resources"]

_ITEM = re.compile(r"^(?P<collection>.*)/\{(?P<name>[^{}/]+)\}$")
_ID_PREFIX = re.compile(r"^([A-Za-z]+_)")
_DELETED = "__versiongate_deleted__"
"""The member of a tombstone: an object deleted by its caller (the store keeps no deletes)."""


def _id_candidates(current: Any) -> list[Any]:
    if isinstance(current, bool):
        return []
    if isinstance(current, int):
        return [secrets.randbelow(2**31 - 2) + 1]
    if isinstance(current, str):
        prefix = _ID_PREFIX.match(current)
        return [
            (prefix.group(1) if prefix else "") + secrets.token_hex(12),
            str(uuid.uuid4()),
            secrets.token_hex(8),
        ]
    return []


class Resources:
    """Objects created through the collections of one version, per caller."""

    def __init__(self, runtime: VersionRuntime, store: Store) -> None:
        """Find the collections of ``runtime`` that have an item ``GET``."""
        self.runtime = runtime
        self.store = store
        self.items: dict[str, OperationRuntime] = {}
        for key, operation in runtime.operations.items():
            method, _, path = key.partition(" ")
            found = _ITEM.match(path)
            if method == "GET" and found is not None:
                self.items.setdefault(found.group("collection"), operation)

    def answer(
        self,
        operation: OperationRuntime,
        request: ApiRequest,
        owner: str,
        chosen: Chosen,
        status: int,
    ) -> Any:
        """The stored body to serve instead of ``chosen``, or ``None`` for ``chosen`` itself.

        Raises:
            ApiError: 404 for an object its caller deleted.
        """
        method = operation.operation.method.upper()
        path = operation.operation.path
        if method == "POST" and path in self.items and isinstance(chosen.body, dict):
            return self._create(operation, request, owner, chosen, status)
        found = _ITEM.match(path)
        if found is None or found.group("collection") not in self.items:
            return None
        key = f"{found.group('collection')}#{request.path_params.get(found.group('name'), '')}"
        stored = self.store.get_object(owner, key)
        if stored is None:
            return None
        if isinstance(stored, dict) and stored.get(_DELETED) is True:
            raise ApiError(404, "not_found", f"{request.path_params} was deleted.")
        if method == "DELETE":
            self.store.save_object(owner, key, found.group("collection"), {_DELETED: True})
            return None
        if method == "GET":
            return stored if self._valid(operation, chosen, stored, status) else None
        if isinstance(request.body, dict) and isinstance(stored, dict):
            changes = {name: value for name, value in request.body.items() if name in stored}
            updated = encodable({**stored, **changes})
            if self._valid(operation, chosen, updated, status):
                self.store.save_object(owner, key, found.group("collection"), updated)
                return updated
        return stored if self._valid(operation, chosen, stored, status) else None

    @staticmethod
    def _valid(operation: OperationRuntime, chosen: Chosen, body: Any, status: int) -> bool:
        return chosen.media_type is None or valid_response(
            operation, status, chosen.media_type, body
        )

    def _create(
        self,
        operation: OperationRuntime,
        request: ApiRequest,
        owner: str,
        chosen: Chosen,
        status: int,
    ) -> Any:
        collection = operation.operation.path
        item = self.items[collection]
        name = _ITEM.match(item.operation.path)
        body: dict[str, Any] = chosen.body
        id_field = "id" if "id" in body else (name.group("name") if name else "")
        if id_field not in body:
            return None
        sent = request.body if isinstance(request.body, dict) else {}
        merged = {**body, **{key: value for key, value in sent.items() if key in body}}
        reading = response_for(item.operation, 200)
        read_media = pick_media(reading) if reading is not None and reading.content else None
        for base in (merged, body):
            for new_id in _id_candidates(body[id_field]):
                created = encodable({**base, id_field: new_id})
                if not self._valid(operation, chosen, created, status):
                    continue
                if read_media is not None and not valid_response(item, 200, read_media, created):
                    continue
                self.store.save_object(owner, f"{collection}#{new_id}", collection, created)
                return created
        return None
