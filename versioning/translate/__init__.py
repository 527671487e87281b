"""Declared changes between versions, compiled into request upgrades and response downgrades."""

from versioning.translate.context import TranslationContext
from versioning.translate.messages import ApiRequest, ApiResponse
from versioning.translate.translator import Translator

__all__ = ["ApiRequest", "ApiResponse", "TranslationContext", "Translator"]
