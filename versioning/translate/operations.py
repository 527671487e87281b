"""Which operation of the newer version an older operation becomes, and back."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from versioning.changes.steps import OperationMoved
    from versioning.spec.model import Spec

__all__ = ["OperationMap"]


class OperationMap:
    """Operation keys across one hop: declared moves first, then the same key.

    Going up, a declared move wins over an operation of the same key (``POST /charges`` of
    2023-03-01 becomes ``POST /transactions`` although 2024-01-15 still has ``/charges``).
    Going down, the same key wins, then the first move into the operation.
    """

    def __init__(self, older: Spec, newer: Spec, moves: list[OperationMoved]) -> None:
        newer_keys = {operation.key for operation in newer.operations}
        older_keys = {operation.key for operation in older.operations}
        self._forward: dict[str, tuple[str, dict[str, str]]] = {}
        for key in older_keys & newer_keys:
            self._forward[key] = (key, {})
        self._backward: dict[str, str] = {key: key for key in older_keys & newer_keys}
        for move in moves:
            self._forward[move.from_] = (move.to, dict(move.path_params))
            self._backward.setdefault(move.to, move.from_)

    def forward(self, older_key: str) -> tuple[str, dict[str, str]] | None:
        """The newer key and path parameter renames for ``older_key``; ``None`` if removed."""
        return self._forward.get(older_key)

    def backward(self, newer_key: str) -> str | None:
        """The older key that ``newer_key`` answers for by default; ``None`` if it is new."""
        return self._backward.get(newer_key)
