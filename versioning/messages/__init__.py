"""The one OpenAPI message validator: requests and responses of any version, every problem located.

The mock server, the property kit, ``translate`` and ``check`` all validate through
:class:`MessageValidator`, so none of them can disagree with another about a message.
"""

from versioning.messages.bodies import BodyError, read_body
from versioning.messages.media import is_json_media_type, match_media_type, pick_media_type
from versioning.messages.parameters import (
    ParameterError,
    decode_parameter,
    encode_parameter,
    parameter_schema,
    scalar_text,
)
from versioning.messages.problems import Problem
from versioning.messages.undeclared import undeclared_members
from versioning.messages.validator import MessageValidator, OperationMessages
from versioning.messages.views import Direction, direction_view

__all__ = [
    "BodyError",
    "Direction",
    "MessageValidator",
    "OperationMessages",
    "ParameterError",
    "Problem",
    "decode_parameter",
    "direction_view",
    "encode_parameter",
    "is_json_media_type",
    "match_media_type",
    "parameter_schema",
    "pick_media_type",
    "read_body",
    "scalar_text",
    "undeclared_members",
]
