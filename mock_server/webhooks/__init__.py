"""Sandbox events delivered to merchants' webhook endpoints, in each endpoint's API version."""

from mock_server.webhooks.dispatcher import WebhookDispatcher
from mock_server.webhooks.events import EVENT_TYPES, EventLog
from mock_server.webhooks.render import WebhookRenderer

__all__ = ["EVENT_TYPES", "EventLog", "WebhookDispatcher", "WebhookRenderer"]
