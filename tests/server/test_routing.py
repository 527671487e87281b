"""The per-version operation router: static paths, templates, specificity, trailing slashes."""

from __future__ import annotations

from mock_server.routing import OperationRouter
from versioning.spec.loader import load_spec_text

SPEC = """
openapi: 3.1.0
info: {title: r, version: '1'}
paths:
  /things: {get: {responses: {'200': {description: ok}}}}
  /things/search: {get: {responses: {'200': {description: ok}}}}
  /things/{thing_id}: {get: {responses: {'200': {description: ok}}}, delete: {responses: {'204': {description: ok}}}}
  /things/{thing_id}/parts/{part-id}/: {get: {responses: {'200': {description: ok}}}}
"""


def _router() -> OperationRouter:
    return OperationRouter(load_spec_text(SPEC).operations)


def test_router__literal_segment__beats_a_parameter() -> None:
    found = _router().match("/things/search")
    assert found is not None
    assert found.template == "/things/search"


def test_router__template__path_parameters_by_name_and_methods() -> None:
    found = _router().match("/things/t%201")
    assert found is not None
    assert found.path_params == {"thing_id": "t%201"}
    assert sorted(found.operations) == ["DELETE", "GET"]


def test_router__trailing_slash_either_side__still_matches() -> None:
    router = _router()
    deep = router.match("/things/a/parts/b")
    assert deep is not None
    assert deep.path_params == {"thing_id": "a", "part-id": "b"}
    assert router.match("/things/") is not None


def test_router__unknown_or_too_deep_path__no_match() -> None:
    router = _router()
    assert router.match("/nothing") is None
    assert router.match("/things/a/b") is None


def test_router__template_starting_with_a_parameter__tried_for_any_first_segment() -> None:
    spec = SPEC + "  /{tenant}/things: {get: {responses: {'200': {description: ok}}}}\n"
    router = OperationRouter(load_spec_text(spec).operations)
    tenant = router.match("/acme/things")
    assert tenant is not None
    assert tenant.path_params == {"tenant": "acme"}
    tied = router.match("/things/things")  # one literal segment each: the longer wins
    assert tied is not None
    assert tied.template == "/things/{thing_id}"
    one = router.match("/things/t1")
    assert one is not None
    assert one.template == "/things/{thing_id}"
