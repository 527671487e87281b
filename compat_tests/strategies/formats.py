"""Strings for the ``format``s OpenAPI documents use, valid by the RFC each one names.

Unknown formats (``unix-time``, ``phone-number`` …) are annotations in JSON Schema 2020-12,
so they get plain strings; :data:`KNOWN_FORMATS` lists the ones we honour.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import provisional
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["INTEGER_FORMAT_BOUNDS", "KNOWN_FORMATS", "format_strategy"]

INTEGER_FORMAT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
"""OpenAPI's integer formats, as inclusive bounds."""

_OFFSETS = st.sampled_from(
    [dt.UTC, dt.timezone(dt.timedelta(hours=2)), dt.timezone(dt.timedelta(hours=-5, minutes=-30))]
)


def _rfc3339(moment: dt.datetime) -> str:
    text = moment.isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _date_times() -> st.SearchStrategy[str]:
    # RFC 3339 `date-time`: four-digit year, a `T`, and always an offset.
    moments = st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(9999, 1, 1))
    return st.builds(lambda moment, zone: _rfc3339(moment.replace(tzinfo=zone)), moments, _OFFSETS)


def _times() -> st.SearchStrategy[str]:
    # RFC 3339 `full-time`: a partial time followed by an offset.
    return st.builds(
        lambda moment, zone: _rfc3339(
            dt.datetime.combine(dt.date(2000, 1, 1), moment, tzinfo=zone)
        ).split("T", 1)[1],
        st.times(),
        _OFFSETS,
    )


def _uri_references() -> st.SearchStrategy[str]:
    relative = st.from_regex(r"\A(/[a-z0-9._~-]{1,12}){1,4}(\?[a-z0-9=&]{1,12})?\Z")
    return st.one_of(provisional.urls(), relative)


def _a_labels_lower(domain: str) -> str:
    """``domain`` with its IDNA A-labels (``xn--…``) in lower case.

    Hypothesis draws mixed-case ones (``XN--q7cE6A``), which the validator's IDNA 2008 check
    rejects in ``hostname`` and ``email``; the case of other labels is kept.
    """
    return ".".join(
        label.lower() if label.lower().startswith("xn--") else label for label in domain.split(".")
    )


def _domains(max_length: int) -> st.SearchStrategy[str]:
    return provisional.domains(max_length=max_length).map(_a_labels_lower)


def _hostnames() -> st.SearchStrategy[str]:
    return _domains(253)


def _bytes() -> st.SearchStrategy[str]:
    return st.binary(max_size=24).map(lambda raw: base64.b64encode(raw).decode("ascii"))


_FACTORIES: dict[str, Callable[[], st.SearchStrategy[str]]] = {
    "date-time": _date_times,
    "date": lambda: st.dates(min_value=dt.date(1000, 1, 1)).map(dt.date.isoformat),
    "time": _times,
    "email": lambda: st.emails(domains=_domains(60)),
    "idn-email": lambda: st.emails(domains=_domains(60)),
    "uuid": lambda: st.uuids().map(str),
    "uri": provisional.urls,
    "iri": provisional.urls,
    "uri-reference": _uri_references,
    "iri-reference": _uri_references,
    "ipv4": lambda: st.ip_addresses(v=4).map(str),
    "ipv6": lambda: st.ip_addresses(v=6).map(str),
    "hostname": _hostnames,
    "idn-hostname": _hostnames,
    "byte": _bytes,
}
KNOWN_FORMATS = frozenset(_FACTORIES)


def format_strategy(name: str) -> st.SearchStrategy[str] | None:
    """Strings valid for ``format: name``, or ``None`` when the format only annotates."""
    factory = _FACTORIES.get(name)
    return factory() if factory is not None else None
