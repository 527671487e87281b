"""Declared changes between versions, compiled into request upgrades and response downgrades."""

from versioning.translate.messages import ApiRequest, ApiResponse

__all__ = ["ApiRequest", "ApiResponse"]
