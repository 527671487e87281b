"""What an example check works on: one example value, where it is, and what it must satisfy."""

from __future__ import annotations

from typing import Any

import msgspec

from versioning.findings import Subject
from versioning.messages import Direction

__all__ = ["ExampleSite", "Holder"]


class Holder(msgspec.Struct, frozen=True, kw_only=True):
    """A place that holds examples and a schema: a media type, a parameter, a header.

    Attributes:
        part: How messages name it: ``200 response (application/json) of GET /t/{id}``,
            ``query parameter 'limit' of GET /t``, ``response (application/json) of
            #/components/responses/NotFound``.
        pointer: The holder's JSON pointer (after ``$ref``s; a shared one is checked once).
        schema: Its schema object as the document holds it, ``None`` without one.
        schema_pointer: The schema's pointer (``<pointer>/schema``).
        direction: How its values are judged: ``request`` (``readOnly`` not required) or
            ``response`` (``writeOnly`` not required). A webhook's payload is a ``response``.
        operation: The operation key when the holder is written inside one operation.
        subject: What part of that operation it is, as data.
    """

    part: str
    pointer: str
    schema: Any
    schema_pointer: str
    direction: Direction
    operation: str | None = None
    subject: Subject | None = None


class ExampleSite(msgspec.Struct, frozen=True, kw_only=True):
    """One example value and the schema it must satisfy.

    Attributes:
        label: How messages name it: ``example 'captured' of 200 response
            (application/json) of GET /transactions/{transaction_id}``.
        value: The example value.
        pointer: Where the value is written, as a pointer into the bundled document that
            the source positions know (``…/example`` when the file says ``example:``).
        schema: The schema object (of the document) the value is validated against.
        direction: ``request`` or ``response``, as for :class:`Holder`.
        operation: The operation key when the example belongs to one operation.
        subject: What part of that operation it is about, as data.
    """

    label: str
    value: Any
    pointer: str
    schema: Any
    direction: Direction
    operation: str | None = None
    subject: Subject | None = None
