"""Converters of the bundled pay-over-time API, named in its ``changes.yaml`` files.

Each is a pure function ``(value)`` or ``(value, context)`` → new value; none mutates its
input. They are imported as ``converters:<name>`` relative to this catalog folder.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CHARGE_WORDS",
    "STATUS_WORDS_BEFORE_PARTIAL_REFUNDS",
    "amount_to_money",
    "cursor_page_to_offset_page",
    "error_before_money",
    "error_before_transactions",
    "error_field_before_money",
    "error_field_before_transactions",
    "minor_units_to_money",
    "money_to_amount",
    "money_to_minor_units",
    "offset_to_cursor_window",
    "problem_to_error",
    "refunded_amount_from_refunds",
    "reworded",
]

DEFAULT_CURRENCY = "USD"
"""What 2024-01-15 assumes when ``currency`` is left out."""
LARGEST_PAGE = 100
"""The largest ``limit`` every version accepts."""
DEFAULT_PAGE = 20


def _money(value: Any, currency: str) -> dict[str, Any]:
    return {"value": value, "currency": currency}


def amount_to_money(obj: dict[str, Any]) -> dict[str, Any]:
    """Upgrade to 2024-09-01: ``amount`` + ``currency`` → money; ``captured_amount`` 0 → null."""
    if not isinstance(obj, dict):
        return obj
    currency = obj.get("currency", DEFAULT_CURRENCY)
    out: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "currency":
            continue
        if key == "amount" and isinstance(value, int):
            out[key] = _money(value, currency)
        elif key == "captured_amount" and isinstance(value, int):
            out[key] = _money(value, currency) if value else None
        else:
            out[key] = value
    return out


def money_to_amount(obj: dict[str, Any]) -> dict[str, Any]:
    """Downgrade from 2024-09-01: money ``amount`` → integer ``amount`` and ``currency``."""
    amount = obj.get("amount") if isinstance(obj, dict) else None
    if not isinstance(amount, dict):
        return obj
    out: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "amount":
            out["amount"] = value.get("value")
            out["currency"] = value.get("currency", DEFAULT_CURRENCY)
        elif key == "captured_amount":
            out[key] = value.get("value", 0) if isinstance(value, dict) else 0
        elif key != "currency":
            out[key] = value
    return out


def _transaction_id(context: Any) -> str | None:
    request = getattr(context, "request", None)
    if request is None:
        return None
    params = request.path_params
    found = params.get("transaction_id") or params.get("charge_id")
    return str(found) if found is not None else None


def minor_units_to_money(value: Any, context: Any) -> Any:
    """Upgrade a capture or refund ``amount`` to money in the transaction's currency.

    The older request does not say the currency; the host's ``transaction_currency`` lookup
    does. Without one, USD is assumed: a wrong guess is refused by the head (the currency
    must be the transaction's), so it can never move money in the wrong currency.
    """
    if not isinstance(value, int):
        return value
    currency = DEFAULT_CURRENCY
    lookup = context.lookups.get("transaction_currency")
    transaction_id = _transaction_id(context)
    if lookup is not None and transaction_id is not None:
        currency = lookup(transaction_id) or DEFAULT_CURRENCY
    return _money(value, currency)


def money_to_minor_units(value: Any) -> Any:
    """Downgrade a money ``amount`` to its integer value."""
    return value.get("value") if isinstance(value, dict) else value


_LARGEST_AMOUNT = 100_000_000
"""The ``maximum`` of every amount in every version."""


def refunded_amount_from_refunds(obj: dict[str, Any]) -> int:
    """Re-derive 2024-01-15's ``refunded_amount``: the sum of the ``refunds``.

    The server never refunds more than was captured, so the sum is at most the captured
    amount; a payload that breaks that invariant (only a generator makes one) is capped there
    rather than turned into a ``refunded_amount`` the old schema forbids.
    """
    total = 0
    refunds = obj.get("refunds")
    for refund in refunds if isinstance(refunds, list) else ():
        amount = refund.get("amount") if isinstance(refund, dict) else None
        if isinstance(amount, dict) and isinstance(amount.get("value"), int):
            total += amount["value"]
        elif isinstance(amount, int):
            total += amount
    captured = obj.get("captured_amount")
    if isinstance(captured, dict):
        captured = captured.get("value")
    ceiling = captured if isinstance(captured, int) else _LARGEST_AMOUNT
    return min(total, max(ceiling, 0), _LARGEST_AMOUNT)


def _number(query: dict[str, list[str]], name: str, default: int) -> int:
    values = query.get(name)
    try:
        return int(values[0]) if values else default
    except ValueError:
        return default


def _offset_and_limit(query: dict[str, list[str]]) -> tuple[int, int]:
    return max(_number(query, "offset", 0), 0), _number(query, "limit", DEFAULT_PAGE)


def _positional(context: Any) -> bool:
    """Whether the host can find a transaction by its position and count them (the server)."""
    lookups = getattr(context, "lookups", None) or {}
    return "transaction_id_at" in lookups and "transaction_count" in lookups


def offset_to_cursor_window(request: Any, context: Any) -> Any:
    """Upgrade an offset page request to a cursor request for the same page.

    With the host's ``transaction_id_at(position)`` lookup (the server provides it) the
    page is exact for any offset: ``offset=N`` becomes ``starting_after`` = the N-th newest
    transaction (the oldest one when there are fewer, so the page is empty). Without it
    (property tests, ``check``), the request becomes ``limit=min(N+L, 100)`` from the start
    and the response downgrade cuts items ``N…N+L`` out of it: exact while ``N+L ≤ 100``.
    """
    query = dict(request.query)
    if "offset" not in query:
        return request
    offset, limit = _offset_and_limit(query)
    del query["offset"]
    if _positional(context):
        if offset:
            cursor = context.lookups["transaction_id_at"](offset - 1)
            if cursor is not None:
                query["starting_after"] = [cursor]
    elif offset:
        query["limit"] = [str(min(offset + limit, LARGEST_PAGE))]
    return type(request)(
        operation=request.operation, path_params=request.path_params, query=query,
        headers=request.headers, body=request.body,
    )  # fmt: skip


def cursor_page_to_offset_page(page: dict[str, Any], context: Any) -> dict[str, Any]:
    """Downgrade a cursor page to the offset page the older request asked for.

    With the host's ``transaction_count()`` lookup the page is already the one asked for
    (see :func:`offset_to_cursor_window`) and ``total`` is exact. Without it, the page is
    cut out of the window fetched from the start, and ``total`` is exact when ``has_more``
    is false (everything up to the end was fetched), else the lower bound ``fetched + 1``.
    """
    data = page.get("data")
    if not isinstance(data, list):
        return page
    out = {key: value for key, value in page.items() if key != "has_more"}
    if _positional(context):
        out["total"] = context.lookups["transaction_count"]()
        return out
    request = getattr(context, "request", None)
    offset, limit = _offset_and_limit(request.query if request is not None else {})
    fetched = len(data)
    out["data"] = data[offset : offset + limit] if offset else data
    out["total"] = fetched + 1 if page.get("has_more") else fetched
    return out


def _dotted(pointer: str) -> str:
    parts = [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]
    return ".".join(parts)


CHARGE_WORDS = {"transaction": "charge", "transactions": "charges"}
"""How a client of the ``/charges`` operations names what head calls transactions."""
STATUS_WORDS_BEFORE_PARTIAL_REFUNDS = {"partially_refunded": "refunded"}
"""2024-09-01's ``enum_mapped TransactionStatus`` downgrade, for the words of messages."""
_WORD = re.compile(r"\b[A-Za-z_]+\b")


def reworded(message: str, words: dict[str, str]) -> str:
    """``message`` with each whole word of ``words`` replaced (a capital kept capital).

    Messages name statuses and objects in head's vocabulary; a client reads its own version's
    (``refunded``, not ``partially_refunded``; ``charge`` on ``/charges``).
    """

    def swap(found: re.Match[str]) -> str:
        word = found.group()
        replacement = words.get(word.lower())
        if replacement is None:
            return word
        return replacement.capitalize() if word[0].isupper() else replacement

    return _WORD.sub(swap, message)


def _about_charges(context: Any) -> bool:
    """Whether the client called a ``/charges`` operation (the older key of this hop)."""
    operation = getattr(context, "operation", "")
    return isinstance(operation, str) and " /charges" in operation


def problem_to_error(problem: dict[str, Any], context: Any) -> dict[str, Any]:
    """Downgrade an RFC 9457 problem to the older ``{error: {code, message, field}}``.

    A client of the ``/charges`` operations reads about charges, not transactions.
    """
    errors = problem.get("errors")
    listed = errors if isinstance(errors, list) else []
    first = listed[0] if listed and isinstance(listed[0], dict) else None
    field = _dotted(str(first.get("pointer", ""))) if first is not None else None
    message = problem.get("detail") or problem.get("title") or "Error"
    problems = [
        f"{_dotted(str(item.get('pointer', ''))) or 'body'}: {item.get('message', '')}"
        for item in listed
        if isinstance(item, dict)
    ]
    if problems:  # the old envelope has no list: every problem goes into the message
        count = len(problems)
        listing = f"{count} problem{'s' if count > 1 else ''}: " + "; ".join(problems)
        # A validation detail only says "see errors"; any other detail says what happened.
        validation = problem.get("code") == "validation_failed"
        message = f"The request has {listing}" if validation else f"{message} ({listing})"
    message = str(message)
    if _about_charges(context):
        message = reworded(message, CHARGE_WORDS)
    return {
        "error": {
            "code": problem.get("code", "invalid_request"),
            "message": message[:1000],
            "field": (field or None) and field[:255],
        }
    }


def _renamed_segments(field: Any, names: dict[str, str]) -> Any:
    if not isinstance(field, str):
        return field
    return ".".join(names.get(segment, segment) for segment in field.split("."))


def error_field_before_transactions(field: Any) -> Any:
    """Downgrade an error's ``field`` to 2023-03-01's names (``zipcode``, ``order_id``)."""
    return _renamed_segments(field, {"postal_code": "zipcode", "merchant_reference": "order_id"})


def error_field_before_money(field: Any) -> Any:
    """Downgrade an error's ``field`` to 2024-01-15: ``amount.value`` → ``amount`` and so on.

    ``metadata`` did not exist before 2024-09-01, so an error about it cannot concern an
    older client's own field: it names none.
    """
    if not isinstance(field, str):
        return field
    if field == "metadata" or field.startswith("metadata."):
        return None
    return {"amount.value": "amount", "amount.currency": "currency"}.get(field, field)


_LISTED_FIELD = re.compile(r"(?P<lead>\b\d+ problems?: |; )(?P<field>[^\s:;()]+)(?=: )")
"""A field at the start of one listed problem in a message ``problem_to_error`` wrote."""


def _renamed_error(
    error: Any, rename: Callable[[Any], Any], words: dict[str, str] | None = None
) -> Any:
    """``error`` with its ``field`` and the fields its message lists renamed by ``rename``.

    A field ``rename`` maps to ``None`` (it did not exist then) keeps its name in the
    message: the problem is still told, only no ``field`` points at it. ``words`` are
    replaced in the rest of the message (statuses and objects as the older version names
    them).
    """
    if not isinstance(error, dict):
        return error
    out = {**error, "field": rename(error.get("field"))}
    message = error.get("message")
    if isinstance(message, str):

        def swap(found: re.Match[str]) -> str:
            renamed = rename(found["field"])
            return found["lead"] + (renamed if isinstance(renamed, str) else found["field"])

        renamed = _LISTED_FIELD.sub(swap, message)
        out["message"] = reworded(renamed, words) if words else renamed
    return out


def error_before_transactions(error: Any) -> Any:
    """Downgrade an error to 2023-03-01's names: fields, and charges (its only payments)."""
    return _renamed_error(error, error_field_before_transactions, CHARGE_WORDS)


def error_before_money(error: Any) -> Any:
    """Downgrade an error to 2024-01-15's names: fields, and statuses (no ``partially_…``)."""
    return _renamed_error(error, error_field_before_money, STATUS_WORDS_BEFORE_PARTIAL_REFUNDS)
