"""One hop of the version chain: the steps of one ``changes.yaml``, checked and compiled.

A :class:`Hop` upgrades requests of the older version into the newer one and downgrades
responses of the newer version into the older one. Plans are compiled on first use per
(operation, status, media type) and cached; applying one costs microseconds.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, NamedTuple

from versioning.changes.converters import ConverterLookupError, converter_arity, resolve_callable
from versioning.changes.steps import (
    EnumMapped,
    ErrorBodyConverted,
    FieldAdded,
    FieldDefaulted,
    FieldRemoved,
    FieldRenamed,
    OperationMoved,
    ParameterAdded,
    ParameterRemoved,
    ParameterRenamed,
    RequestConverted,
    ResponseConverted,
    SchemaRenamed,
    StatusMapped,
    ValueConverted,
)
from versioning.errors import ChangesError, UsageError
from versioning.messages.media import pick_media_type
from versioning.translate.checks import StepChecker
from versioning.translate.context import TranslationContext
from versioning.translate.match import compile_predicate
from versioning.translate.messages import ApiRequest, ApiResponse
from versioning.translate.node_steps import Converter, Direction, node_transform
from versioning.translate.operations import OperationMap
from versioning.translate.parameters import ParameterOp, parameter_op
from versioning.translate.schemas import response_for_status
from versioning.translate.walk import SchemaWalker, Transform, chain

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from versioning.changes.model import ChangeSet, LocatedStep
    from versioning.spec.model import Operation, Response, Spec

__all__ = ["Hop", "RequestPlan", "ResponsePlan", "media_of"]

_SCHEMA_STEPS = (
    FieldRenamed,
    FieldAdded,
    FieldDefaulted,
    FieldRemoved,
    EnumMapped,
    ValueConverted,
    ErrorBodyConverted,
)
_PARAMETER_STEPS = (ParameterAdded, ParameterRenamed, ParameterRemoved)
_BUILTIN_GENERATORS: dict[str, Callable[[], str]] = {"uuid4": lambda: str(uuid.uuid4())}


def media_of(response: ApiResponse) -> str | None:
    """The media type (no parameters, lower case) of ``response``'s ``content-type``."""
    content_type = response.headers.get("content-type")
    return content_type.split(";", 1)[0].strip().lower() if content_type else None


class RequestPlan(NamedTuple):
    """How requests of one operation cross a hop; ``run`` is ``None`` when nothing changes."""

    newer_key: str
    run: Callable[[ApiRequest, Mapping[str, Callable[..., Any]]], ApiRequest] | None


class ResponsePlan(NamedTuple):
    """How one (status, media type) response crosses a hop; ``run`` is ``None``: unchanged.

    ``older_status`` and ``older_media`` are what the response has after the hop, so a chain
    of hops can be planned before any response exists.
    """

    older_status: int
    older_media: str | None
    run: (
        Callable[[ApiResponse, ApiRequest | None, Mapping[str, Callable[..., Any]]], ApiResponse]
        | None
    )


def _older_media(
    older_response: Response | None, media: str | None, fallback_media: str | None
) -> str | None:
    """The media type the older response gets, when it must change (``None``: unchanged)."""
    older_types = list(older_response.content) if older_response is not None else []
    if media is not None and older_types and media not in older_types:
        return pick_media_type(older_response.content, None) if older_response else None
    if media is not None and not older_types and fallback_media and media != fallback_media:
        return fallback_media
    return None


def _applies(step: Any, older_key: str) -> bool:
    operations = getattr(step, "operations", None)
    return operations is None or older_key in operations


def _wrap(function: Callable[..., Any], name: str) -> Converter:
    if converter_arity(function) >= 2:
        return function
    return lambda value, context: function(value)


class Hop:
    """The compiled translation between ``older`` and ``newer`` (adjacent versions)."""

    def __init__(
        self,
        *,
        older: Spec,
        newer: Spec,
        changes: ChangeSet,
        folder: Path,
        generators: Mapping[str, Callable[[], str]] | None = None,
    ) -> None:
        self.older_id = changes.older
        self.newer_id = changes.version
        self.older = older
        self.newer = newer
        self.changes = changes
        self.folder = folder
        self._generators = {**_BUILTIN_GENERATORS, **(generators or {})}
        self._converters: dict[str, Converter] = {}
        checker = StepChecker(changes, older, newer)
        located_steps = list(changes.steps())
        for located in located_steps:
            checker.check(located)
            self._resolve_names(located)
        self.renames = {
            located.step.from_: located.step.to
            for located in located_steps
            if isinstance(located.step, SchemaRenamed)
        }
        self.operations = OperationMap(
            older,
            newer,
            [step.step for step in located_steps if isinstance(step.step, OperationMoved)],
        )
        self._schema_steps: dict[str, list[Any]] = {}
        for located in located_steps:
            if isinstance(located.step, _SCHEMA_STEPS):
                self._schema_steps.setdefault(located.step.schema, []).append(located.step)
        self._steps = [located.step for located in located_steps]
        self._error_steps = [step for step in self._steps if isinstance(step, ErrorBodyConverted)]
        for located in located_steps:
            if isinstance(located.step, _PARAMETER_STEPS):
                checker.check_parameter_targets(
                    located, located.step, self._count_parameter_targets(located.step)
                )
        self._request_plans: dict[str, RequestPlan] = {}
        self._response_plans: dict[tuple[str, str, int, str | None], ResponsePlan] = {}
        self._body_plans: dict[tuple[Direction, str, str, str], Transform | None] = {}

    # -- names resolved at load time, so a typo fails early with its line --------------------

    def _resolve_names(self, located: LocatedStep) -> None:
        step = located.step
        for key in ("upgrade", "downgrade"):
            name = getattr(step, key, None)
            if isinstance(name, str):
                self._converter(name, located, key)
        if isinstance(step, ParameterAdded) and step.generate is not None:
            self._generator(step.generate, located)

    def _converter(self, name: str, located: LocatedStep | None = None, key: str = "") -> Converter:
        if name not in self._converters:
            try:
                self._converters[name] = _wrap(resolve_callable(name, folder=self.folder), name)
            except ConverterLookupError as error:
                if located is None:  # pragma: no cover - every name is resolved at load
                    raise
                raise ChangesError(
                    f"{located.step.summary().split(' ')[0]}: {error}",
                    location=located.where(key),
                ) from None
        return self._converters[name]

    def _generator(self, name: str, located: LocatedStep) -> Callable[[], str]:
        if name in self._generators:
            return self._generators[name]
        try:
            function = resolve_callable(name, folder=self.folder)
        except ConverterLookupError as error:
            raise ChangesError(
                f"{located.step.summary().split(' ')[0]}: {error}"
                " (built-in generators: " + ", ".join(sorted(_BUILTIN_GENERATORS)) + ")",
                location=located.where("generate"),
            ) from None
        self._generators[name] = function
        return function

    # -- operations ----------------------------------------------------------------------------

    def _operation(self, spec: Spec, key: str, version: str) -> Operation:
        method, _, path = key.partition(" ")
        operation = spec.operation(method, path)
        if operation is None:
            raise UsageError(f"version {version} has no operation {key!r}")
        return operation

    def _parameter_steps(self, older_key: str, newer_key: str) -> list[ParameterOp]:
        older = self.older.operation(*older_key.split(" ", 1))
        newer = self.newer.operation(*newer_key.split(" ", 1))
        ops: list[ParameterOp] = []
        for step in self._steps:
            if isinstance(step, _PARAMETER_STEPS) and self._parameter_applies(step, older, newer):
                generator = None
                if isinstance(step, ParameterAdded) and step.generate is not None:
                    generator = self._generators[step.generate]
                ops.append(parameter_op(step, generator))
        return ops

    def _parameter_applies(
        self,
        step: ParameterAdded | ParameterRenamed | ParameterRemoved,
        older: Operation | None,
        newer: Operation | None,
    ) -> bool:
        if older is None or newer is None:
            return False
        if step.operations is not None:
            return older.key in step.operations
        if isinstance(step, ParameterAdded):
            return newer.parameter(step.name, step.in_) is not None
        if isinstance(step, ParameterRenamed):
            return older.parameter(step.from_, step.in_) is not None
        return older.parameter(step.name, step.in_) is not None

    def _count_parameter_targets(
        self, step: ParameterAdded | ParameterRenamed | ParameterRemoved
    ) -> int:
        count = 0
        for older in self.older.operations:
            target = self.operations.forward(older.key)
            if target is None:
                continue
            newer = self.newer.operation(*target[0].split(" ", 1))
            count += self._parameter_applies(step, older, newer)
        return count

    # -- bodies ------------------------------------------------------------------------------

    def _node_transforms(self, direction: Direction, older_key: str) -> Callable[[str], Any]:
        def for_component(name: str) -> Transform | None:
            newer_name = name if direction == "downgrade" else self.renames.get(name, name)
            steps = [
                step for step in self._schema_steps.get(newer_name, ()) if _applies(step, older_key)
            ]
            if direction == "downgrade":
                steps.reverse()
            transforms = [node_transform(step, direction, self._converter) for step in steps]
            return chain([transform for transform in transforms if transform is not None])

        return for_component

    def body_transform(
        self, direction: Direction, older_key: str, schema: Any, cache_key: str
    ) -> Transform | None:
        """The payload transform for ``schema`` (of the older spec going up, newer going down)."""
        key = (direction, older_key, cache_key, "")
        if key not in self._body_plans:
            spec = self.older if direction == "upgrade" else self.newer
            walker = SchemaWalker(spec, self._node_transforms(direction, older_key))
            self._body_plans[key] = walker.compile(schema)
        return self._body_plans[key]

    def translate_body(
        self,
        body: Any,
        *,
        direction: Direction,
        older_key: str,
        newer_key: str,
        message: str,
        status: int,
        lookups: Mapping[str, Callable[..., Any]],
    ) -> Any:
        """One body across this hop in either direction (for round-trip property tests)."""
        spec, key, version = (
            (self.older, older_key, self.older_id)
            if direction == "upgrade"
            else (self.newer, newer_key, self.newer_id)
        )
        operation = self._operation(spec, key, version)
        if message == "request":
            content = operation.request_body.content if operation.request_body else {}
        else:
            declared = response_for_status(operation, status)
            content = declared.content if declared is not None else {}
        media = pick_media_type(content, None)
        schema = content[media].schema if media is not None else None
        transform = self.body_transform(direction, older_key, schema, f"{key} {message} {status}")
        if transform is None or body is None:
            return body
        context = TranslationContext(
            older_version=self.older_id,
            newer_version=self.newer_id,
            operation=older_key,
            lookups=lookups,
        )
        return transform(body, context)

    # -- requests ----------------------------------------------------------------------------

    def upgrade_request(
        self, request: ApiRequest, lookups: Mapping[str, Callable[..., Any]]
    ) -> ApiRequest:
        """``request`` (of the older version) as the newer version sees it."""
        run = self.request_plan(request.operation).run
        return request if run is None else run(request, lookups)

    def request_plan(self, older_key: str) -> RequestPlan:
        """How requests of ``older_key`` cross this hop (compiled once, then cached).

        Raises:
            UsageError: The older version has no such operation, or it has no counterpart.
        """
        plan = self._request_plans.get(older_key)
        if plan is None:
            plan = self._compile_request_plan(older_key)
            self._request_plans[older_key] = plan
        return plan

    def _compile_request_plan(self, older_key: str) -> RequestPlan:
        older = self._operation(self.older, older_key, self.older_id)
        target = self.operations.forward(older_key)
        if target is None:
            raise UsageError(
                f"{older_key} of version {self.older_id} has no counterpart in {self.newer_id}"
            )
        newer_key, renames = target
        parameter_ops = self._parameter_steps(older_key, newer_key)
        converters = [
            self._converter(step.upgrade)
            for step in self._steps
            if isinstance(step, RequestConverted) and older_key in step.operations
        ]
        content = older.request_body.content if older.request_body is not None else {}
        body_plans = {
            media: self.body_transform("upgrade", older_key, declared.schema, f"req {media}")
            for media, declared in content.items()
        }
        if (
            newer_key == older_key
            and not (converters or parameter_ops or renames)
            and not any(body_plans.values())
        ):
            return RequestPlan(newer_key=newer_key, run=None)
        older_id, newer_id = self.older_id, self.newer_id

        def run(request: ApiRequest, lookups: Mapping[str, Callable[..., Any]]) -> ApiRequest:
            context = TranslationContext(
                older_version=older_id,
                newer_version=newer_id,
                operation=older_key,
                request=request,
                lookups=lookups,
            )
            for convert in converters:
                request = convert(request, context)
            query, headers, path_params = request.query, request.headers, request.path_params
            if renames:
                path_params = {renames.get(name, name): v for name, v in path_params.items()}
            if parameter_ops:
                query, headers, path_params = dict(query), dict(headers), dict(path_params)
                for operation in parameter_ops:
                    operation(query, headers, path_params)
            body = request.body
            if body is not None:
                media = pick_media_type(content, headers.get("content-type"))
                transform = body_plans.get(media) if media is not None else None
                if transform is not None:
                    body = transform(body, context)
            return ApiRequest(
                operation=newer_key,
                path_params=path_params,
                query=query,
                headers=headers,
                body=body,
            )

        return RequestPlan(newer_key=newer_key, run=run)

    # -- responses ---------------------------------------------------------------------------

    def downgrade_response(
        self,
        response: ApiResponse,
        *,
        newer_operation: str,
        older_operation: str,
        request: ApiRequest | None,
        lookups: Mapping[str, Callable[..., Any]],
    ) -> ApiResponse:
        """``response`` (of ``newer_operation``) as ``older_operation``'s client expects it."""
        plan = self.response_plan(
            newer_operation, older_operation, response.status, media_of(response)
        )
        return response if plan.run is None else plan.run(response, request, lookups)

    def response_plan(
        self, newer_key: str, older_key: str, status: int, media: str | None
    ) -> ResponsePlan:
        """How a ``status`` response in ``media`` crosses this hop (compiled once, cached).

        Raises:
            UsageError: A version lacks the operation.
        """
        key = (newer_key, older_key, status, media)
        plan = self._response_plans.get(key)
        if plan is None:
            plan = self._compile_response_plan(newer_key, older_key, status, media)
            self._response_plans[key] = plan
        return plan

    def _error_fallback(self) -> Transform | None:
        """Converts error bodies of statuses an operation does not declare."""
        options = [
            (
                compile_predicate(self.newer, {"$ref": f"#/components/schemas/{step.schema}"}),
                self._converter(step.downgrade),
            )
            for step in self._error_steps
        ]
        if not options:
            return None

        def run(value: Any, context: TranslationContext) -> Any:
            for matches, convert in options:
                if type(value) is dict and matches(value):
                    return convert(value, context)
            return value

        return run

    def _older_status(self, older_key: str, status: int) -> int:
        """The status an older client of ``older_key`` gets for ``status`` (``status_mapped``)."""
        status_map: dict[int, int] = {}
        for step in self._steps:
            if isinstance(step, StatusMapped) and _applies(step, older_key):
                status_map.update({int(new): old for new, old in step.downgrade.items()})
        return status_map.get(status, status)

    def _compile_response_plan(
        self, newer_key: str, older_key: str, status: int, media: str | None
    ) -> ResponsePlan:
        newer = self._operation(self.newer, newer_key, self.newer_id)
        older = self._operation(self.older, older_key, self.older_id)
        declared = response_for_status(newer, status)
        transform: Transform | None = None
        fallback_media: str | None = None
        chosen = pick_media_type(declared.content, media) if declared is not None else None
        if declared is not None and chosen is not None:
            transform = self.body_transform(
                "downgrade",
                older_key,
                declared.content[chosen].schema,
                f"{newer_key} {status} {chosen}",
            )
        elif status >= 400:
            transform = self._error_fallback()
            fallback_media = next((s.media_type for s in self._error_steps if s.media_type), None)
        older_status = self._older_status(older_key, status)
        new_media = _older_media(response_for_status(older, older_status), media, fallback_media)
        older_media = new_media if new_media is not None else media
        converters = [
            self._converter(step.downgrade)
            for step in self._steps
            if isinstance(step, ResponseConverted) and older_key in step.operations
        ]
        if transform is None and new_media is None and older_status == status and not converters:
            return ResponsePlan(older_status=status, older_media=older_media, run=None)
        older_id, newer_id = self.older_id, self.newer_id

        def run(
            response: ApiResponse,
            request: ApiRequest | None,
            lookups: Mapping[str, Callable[..., Any]],
        ) -> ApiResponse:
            body = response.body
            if body is not None and transform is not None:
                context = TranslationContext(
                    older_version=older_id,
                    newer_version=newer_id,
                    operation=older_key,
                    request=request,
                    lookups=lookups,
                )
                body = transform(body, context)
            headers = response.headers
            if new_media is not None:
                headers = {**headers, "content-type": new_media}
            result = response
            changed = body is not response.body or headers is not response.headers
            if changed or older_status != status:
                result = ApiResponse(status=older_status, headers=headers, body=body)
            if converters:
                context = TranslationContext(
                    older_version=older_id,
                    newer_version=newer_id,
                    operation=older_key,
                    request=request,
                    lookups=lookups,
                )
                for convert in converters:
                    result = convert(result, context)
            return result

        return ResponsePlan(older_status=older_status, older_media=older_media, run=run)
