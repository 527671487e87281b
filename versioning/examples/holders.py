"""Every place that holds examples beside a schema: media types, parameters, response headers.

Operations come first, in document order (webhooks after paths), then the components that no
operation uses. A holder reached twice (a path-level parameter, a ``$ref``'d response) is
checked once, named by where it is written (``path /t/{id}``,
``#/components/responses/NotFound``) rather than by one of the operations that use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from versioning.errors import SpecError
from versioning.examples.pointers import describe_pointer
from versioning.examples.site import Holder
from versioning.findings import Subject
from versioning.messages import parameter_schema
from versioning.spec.build import METHODS, ModelBuilder
from versioning.spec.location import join_pointer, pointer_tokens

if TYPE_CHECKING:
    from versioning.messages import Direction
    from versioning.spec.model import (
        MediaType,
        Operation,
        Parameter,
        Response,
        SecurityRequirement,
        Spec,
    )

__all__ = ["holders", "webhook_operations"]

_COMPONENT_HOLDERS = ("requestBodies", "responses", "parameters", "headers")


def webhook_operations(spec: Spec) -> list[Operation]:
    """The operations of OpenAPI 3.1 ``webhooks``, keyed ``POST webhook:<name>``."""
    hooks = spec.document.get("webhooks")
    if not isinstance(hooks, dict):
        return []
    builder = ModelBuilder(spec.document, spec.locator)
    security: tuple[SecurityRequirement, ...] = ()  # webhooks are called by the API
    operations: list[Operation] = []
    for name, item in hooks.items():
        pointer = "/webhooks" + join_pointer([name])
        try:
            item, pointer = builder.deref(item, pointer)
            if not isinstance(item, dict):
                continue
            shared = builder.parameters(item.get("parameters"), pointer + "/parameters")
            operations.extend(
                builder.operation(
                    template=f"webhook:{name}",
                    method=method,
                    node=item[method],
                    pointer=f"{pointer}/{method}",
                    shared=shared,
                    default_security=security,
                )
                for method in METHODS
                if method in item
            )
        except (SpecError, LookupError):  # a malformed webhook: nothing to check there
            continue
    return operations


def _inside(pointer: str, operation: Operation) -> bool:
    """Whether ``pointer`` is written inside ``operation`` (not reached through a ``$ref``)."""
    return pointer.startswith(operation.pointer + "/")


class _Collector:
    """Gathers holders once each, naming them by operation when they are written in one."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.seen: set[str] = set()
        self.found: list[Holder] = []

    def add(
        self,
        *,
        part: str,
        pointer: str,
        schema: Any,
        direction: Direction,
        operation: Operation | None,
        subject: Subject | None,
        shared_part: str | None = None,
        schema_pointer: str | None = None,
    ) -> None:
        """Record a holder once; ``shared_part`` names it when written outside ``operation``."""
        if pointer in self.seen:
            return
        self.seen.add(pointer)
        key = operation.key if operation is not None and _inside(pointer, operation) else None
        if key is None:  # written outside the operation: shared, named by its place
            subject = None
            part = f"{shared_part or part} of {describe_pointer(pointer)}"
        else:
            part = f"{part} of {key}"
        self.found.append(
            Holder(
                part=part,
                pointer=pointer,
                schema=schema,
                schema_pointer=schema_pointer or pointer + "/schema",
                direction=direction,
                operation=key,
                subject=subject,
            )
        )

    def operation(self, operation: Operation, *, webhook: bool) -> None:
        """An operation's parameters, request body and responses.

        A webhook's request is sent by the API, so it is judged as a response; the reply
        the client sends back is judged as a request.
        """
        sent: Direction = "response" if webhook else "request"
        received: Direction = "request" if webhook else "response"
        name = operation.path[len("webhook:") :] if webhook else None
        for parameter in operation.parameters:
            self.parameter(parameter, sent, operation, webhook=name)
        body = operation.request_body
        for media_type, media in (body.content if body is not None else {}).items():
            subject = Subject(direction=sent, place="body", webhook=name, name=media_type)
            self.media(media, f"request body ({media_type})", sent, operation, subject)
        for status, response in operation.responses.items():
            self.response(response, received, operation, status=status, webhook=name)

    def media(
        self,
        media: MediaType,
        part: str,
        direction: Direction,
        operation: Operation | None,
        subject: Subject | None,
    ) -> None:
        self.add(
            part=part,
            pointer=media.pointer,
            schema=media.schema,
            direction=direction,
            operation=operation,
            subject=subject,
        )

    def parameter(
        self,
        parameter: Parameter,
        direction: Direction,
        operation: Operation | None,
        *,
        webhook: str | None = None,
    ) -> None:
        part = f"{parameter.location} parameter {parameter.name!r}"
        subject = Subject(
            direction=direction,
            place="parameter",
            location=parameter.location,
            name=parameter.name,
            webhook=webhook,
        )
        schema = parameter_schema(parameter)
        schema_pointer = parameter.pointer + "/schema"
        if parameter.schema is None:  # the schema of its first `content` entry that has one
            media = next((m for m in parameter.content.values() if m.schema is not None), None)
            schema_pointer = media.pointer + "/schema" if media is not None else schema_pointer
        self.add(
            part=part,
            pointer=parameter.pointer,
            schema=schema if isinstance(schema, dict) else None,
            schema_pointer=schema_pointer,
            direction=direction,
            operation=operation,
            subject=subject,
        )
        for media_type, media in parameter.content.items():
            self.media(media, f"{part} ({media_type})", direction, operation, subject)

    def response(
        self,
        response: Response,
        direction: Direction,
        operation: Operation | None,
        *,
        status: str | None,
        webhook: str | None = None,
    ) -> None:
        shared = operation is None or not _inside(response.pointer, operation)
        prefix = "response" if status is None or shared else f"{status} response"
        for name, header in response.headers.items():
            subject = Subject(
                direction=direction, place="header", status=status, name=name, webhook=webhook
            )
            self.add(
                part=f"header {name!r} of {prefix}",
                shared_part=f"header {name!r}",
                pointer=header.pointer,
                schema=header.schema,
                direction=direction,
                operation=operation,
                subject=subject,
            )
        for media_type, media in response.content.items():
            subject = Subject(
                direction=direction, place="body", status=status, name=media_type, webhook=webhook
            )
            self.media(media, f"{prefix} ({media_type})", direction, operation, subject)

    def components(self) -> None:
        """Request bodies, responses, parameters and headers that no operation reached."""
        components = self.spec.document.get("components")
        if not isinstance(components, dict):
            return
        builder = ModelBuilder(self.spec.document, self.spec.locator)
        for section in _COMPONENT_HOLDERS:
            entries = components.get(section)
            if not isinstance(entries, dict):
                continue
            for name, node in entries.items():
                pointer = f"/components/{section}" + join_pointer([name])
                try:
                    self.component(builder, section, node, pointer)
                except (SpecError, LookupError):  # malformed: the loader's checks say so
                    continue

    def component(self, builder: ModelBuilder, section: str, node: Any, pointer: str) -> None:
        if section == "parameters":
            self.parameter(builder.parameter(node, pointer), "request", None)
        elif section == "requestBodies":
            body = builder.request_body(node, pointer)
            for media_type, media in body.content.items():
                self.media(media, f"request body ({media_type})", "request", None, None)
        elif section == "responses":
            self.response(builder.response("default", node, pointer), "response", None, status=None)
        else:
            self.header(builder, node, pointer)

    def header(self, builder: ModelBuilder, node: Any, pointer: str) -> None:
        node, pointer = builder.deref(node, pointer)
        if isinstance(node, dict):
            schema = node.get("schema")
            name = pointer_tokens(pointer)[-1]
            self.add(
                part=f"header {name!r}",
                pointer=pointer,
                schema=schema if isinstance(schema, dict) else None,
                direction="response",
                operation=None,
                subject=None,
            )


def holders(spec: Spec) -> list[Holder]:
    """Every media type, parameter and response header of ``spec``, each once, in document order.

    Holders without a schema are included with ``schema=None``: their examples have nothing
    to be checked against.
    """
    collector = _Collector(spec)
    for operation in spec.operations:
        collector.operation(operation, webhook=False)
    for operation in webhook_operations(spec):
        collector.operation(operation, webhook=True)
    collector.components()
    return collector.found
