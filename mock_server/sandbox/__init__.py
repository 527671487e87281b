"""The bundled pay-over-time API's behaviour, written once against the head version."""

from mock_server.sandbox.handlers import HEAD_OPERATIONS, handle_head_request

__all__ = ["HEAD_OPERATIONS", "handle_head_request"]
