"""The coverage gate: is each breaking change between two versions covered by a declared step?

:func:`classify` marks every breaking finding of ``compare(older, newer)`` as ``covered``
(``covered_by`` names the step: ``file:line kind target``), ``acknowledged`` (``covered_by``
is the reason) or ``uncovered``; :func:`suggest_step` drafts the ``changes.yaml`` entry an
uncovered finding needs. A step covers a finding when the finding's place (its pointers in
either document, the property path its subject names through the operation's body, its
operation, the parameter it names) falls inside what the step translates: a
schema-addressed step covers its fields in ``components/schemas`` of both versions (the
older one under its older name), an error format step covers the error responses, a move
covers the removal of the operation it moved, a parameter step covers that parameter of the
operations it applies to.
"""

from versioning.coverage.matching import classify, is_breaking
from versioning.coverage.suggestions import suggest_step

__all__ = ["classify", "is_breaking", "suggest_step"]
