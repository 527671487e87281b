"""``versiongate translate``: run one request up, or one response down, the version chain.

Reads a JSON message on standard input and prints the translated message as JSON, for
debugging a migration by hand::

    echo '{"body": {"amount": 4500, "currency": "GBP", "checkout_id": "chk_…"}}' |
      versiongate translate --operation 'POST /charges' --from 2023-03-01 request

A request is ``{"path_params": {}, "query": {}, "headers": {}, "body": …}`` (every key
optional; query values are strings or lists of strings). A response is
``{"status": 200, "headers": {}, "body": …, "request": <the client's request>}`` (``request``
optional: it picks the exact older operation and feeds converters that read parameters).
``--body`` reads and prints the bare body instead. A response's status defaults to the
operation's first declared success status (``201`` for a create).

The input is checked against the ``--from`` version first: a body that version would not
accept (or send) is refused with every problem listed, since translating it would silently
drop or mangle what does not fit. ``--lenient`` translates it anyway, with the problems
printed as warnings on standard error.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any

import msgspec

from versioning.catalog import load_catalog
from versioning.errors import UsageError
from versioning.messages import MessageValidator
from versioning.translate import ApiRequest, ApiResponse, Translator

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Mapping

    from versioning.messages import Problem
    from versioning.spec.model import Operation, Spec

    Specs = Mapping[str, Spec]

__all__ = ["register", "run_translate"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``translate``."""
    parser = commands.add_parser(
        "translate",
        help="translate a JSON request up, or a response down, the version chain (stdin → stdout)",
    )
    parser.add_argument(
        "positionals",
        nargs="*",
        metavar="[request|response] [SPEC_DIR]",
        help="what stdin holds (default: request), then the catalog folder (default: api_specs)",
    )
    parser.add_argument(
        "--operation", required=True, help="operation key in the --from version, 'POST /charges'"
    )
    parser.add_argument(
        "--from",
        dest="from_version",
        default=None,
        help="version of the input (request default: oldest; response default: head)",
    )
    parser.add_argument(
        "--to",
        dest="to_version",
        default=None,
        help="version to translate to (request default: head; response default: oldest)",
    )
    parser.add_argument(
        "--body", action="store_true", help="stdin and stdout are the bare JSON body"
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="translate a body the --from version does not declare (problems become warnings)",
    )
    parser.set_defaults(run=run_translate)


def _operation_key(text: str) -> str:
    """``'post  /charges'`` → ``'POST /charges'``: operation keys spell the method upper-case."""
    method, _, path = text.strip().partition(" ")
    return f"{method.upper()} {path.strip()}"


def _read_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"stdin:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None


def _envelope(value: Any, keys: set[str], what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UsageError(f"stdin: a {what} is a JSON object with keys {', '.join(sorted(keys))}")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise UsageError(
            f"stdin: unknown key(s) {', '.join(unknown)} in the {what}; use --body for a bare"
            f" body (keys: {', '.join(sorted(keys))})"
        )
    return value


def _mapping(value: dict[str, Any], key: str, what: str) -> dict[str, Any]:
    """The JSON object under ``key`` (``{}`` when absent), or a usage error naming it."""
    found = value.get(key)
    if found is None:
        return {}
    if not isinstance(found, dict):
        raise UsageError(
            f"stdin: '{key}' of the {what} must be a JSON object, not {type(found).__name__}"
        )
    return found


def _path_params(value: dict[str, Any], operation: str) -> dict[str, Any]:
    """The request's path parameters, refusing names the operation's path does not have."""
    params = _mapping(value, "path_params", "request")
    names = set(re.findall(r"\{([^}/]+)\}", operation))
    unknown = sorted(set(params) - names)
    if unknown:
        expected = ", ".join(sorted(names)) or "none"
        raise UsageError(
            f"stdin: path parameter(s) {', '.join(unknown)} are not in {operation}"
            f" (its path parameters: {expected})"
        )
    return params


def _request(value: dict[str, Any], operation: str) -> ApiRequest:
    query = {
        key: [str(item) for item in items] if isinstance(items, list) else [str(items)]
        for key, items in _mapping(value, "query", "request").items()
    }
    try:
        return msgspec.convert(
            {
                "operation": operation,
                "path_params": _path_params(value, operation),
                "query": query,
                "headers": {k.lower(): v for k, v in _mapping(value, "headers", "request").items()},
                "body": value.get("body"),
            },
            ApiRequest,
        )
    except msgspec.ValidationError as error:
        raise UsageError(f"stdin: not a request: {error}") from None


_REQUEST_KEYS = {"path_params", "query", "headers", "body"}
_RESPONSE_KEYS = {"status", "headers", "body", "request"}


def _translate_request(
    arguments: argparse.Namespace, translator: Translator, value: Any, specs: Specs
) -> Any:
    envelope = {"body": value} if arguments.body else _envelope(value, _REQUEST_KEYS, "request")
    request = _request(envelope, arguments.operation)
    from_version = arguments.from_version or translator.versions[0]
    operation = _operation(specs, from_version, arguments.operation)

    def problems(validator: MessageValidator) -> list[Problem]:
        checks = validator.operation(operation)
        return checks.request_body_problems(request) if checks is not None else []

    _check_input(arguments, specs[from_version], from_version, "request", problems)
    upgraded = translator.upgrade_request(
        request, from_version=from_version, to_version=arguments.to_version
    )
    return upgraded.body if arguments.body else msgspec.to_builtins(upgraded)


def _translate_response(
    arguments: argparse.Namespace, translator: Translator, value: Any, specs: Specs
) -> Any:
    to_version = arguments.to_version or translator.versions[0]
    from_version = arguments.from_version or translator.head
    envelope = {"body": value} if arguments.body else _envelope(value, _RESPONSE_KEYS, "response")
    operation = _operation(specs, from_version, arguments.operation)
    status = envelope.get("status", _success_status(operation))
    if not isinstance(status, int):
        raise UsageError("stdin: 'status' must be an integer HTTP status code")
    client_request = None
    if envelope.get("request") is not None:
        older_key = translator.operation_in(
            arguments.operation,
            from_version=arguments.from_version or translator.head,
            to_version=to_version,
        )
        raw = _envelope(envelope["request"], {"operation", *_REQUEST_KEYS}, "request")
        client_request = _request(raw, raw.get("operation") or older_key or arguments.operation)
    response = ApiResponse(
        status=status,
        headers={k.lower(): v for k, v in _mapping(envelope, "headers", "response").items()},
        body=envelope.get("body"),
    )

    def problems(validator: MessageValidator) -> list[Problem]:
        return validator.response_problems(response, operation, headers=False)

    _check_input(arguments, specs[from_version], from_version, "response", problems)
    downgraded = translator.downgrade_response(
        response,
        operation=arguments.operation,
        from_version=arguments.from_version,
        to_version=to_version,
        request=client_request,
    )
    return downgraded.body if arguments.body else msgspec.to_builtins(downgraded)


def _operation(specs: Specs, version: str, key: str) -> Operation:
    """``key`` of ``version``'s spec, or a usage error naming what exists."""
    spec = specs.get(version)
    if spec is None:
        raise UsageError(f"unknown version {version!r}; versions: {', '.join(specs)}")
    method, _, path = key.partition(" ")
    operation = spec.operation(method, path)
    if operation is None:
        raise UsageError(f"version {version} has no operation {key!r}")
    return operation


def _success_status(operation: Operation) -> int:
    """The operation's first declared 2xx status (200 when it declares none)."""
    statuses = sorted(int(code) for code in operation.responses if code.isdigit())
    return next((code for code in statuses if 200 <= code < 300), 200)


def _check_input(
    arguments: argparse.Namespace,
    spec: Spec,
    version: str,
    kind: str,
    problems_of: Callable[[MessageValidator], list[Problem]],
) -> None:
    """Refuse (or, with ``--lenient``, warn about) a message ``version`` does not declare."""
    problems = [str(problem) for problem in problems_of(MessageValidator(spec))]
    if not problems:
        return
    shown = "\n".join(f"  {text}" for text in problems[:_SHOWN])
    more = f"\n  … and {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else ""
    summary = f"stdin: not a {kind} {version} declares for {arguments.operation}:\n{shown}{more}"
    if not arguments.lenient:
        raise UsageError(f"{summary}\n(--lenient translates it anyway)")
    print(f"versiongate: warning: {summary}", file=sys.stderr)


_SHOWN = 10


def _positionals(arguments: argparse.Namespace) -> tuple[str, str]:
    values = list(arguments.positionals)
    kind = "request"
    if values and values[0] in {"request", "response"}:
        kind = values.pop(0)
    if len(values) > 1:
        raise UsageError(
            f"translate takes [request|response] [SPEC_DIR]; unexpected {' '.join(values[1:])!r}"
        )
    return kind, values[0] if values else "api_specs"


def run_translate(arguments: argparse.Namespace) -> int:
    """Translate the message on stdin and print it as JSON."""
    kind, spec_dir = _positionals(arguments)
    arguments.operation = _operation_key(arguments.operation)
    catalog = load_catalog(spec_dir)
    translator = Translator.from_catalog(catalog)
    value = _read_json(sys.stdin.read())
    translate = _translate_request if kind == "request" else _translate_response
    output = translate(arguments, translator, value, catalog.specs)
    print(json.dumps(output, indent=2, ensure_ascii=False))
    return 0
