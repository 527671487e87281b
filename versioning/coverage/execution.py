"""Run a finding's witnesses through the declared steps and judge the finding by the result.

A witness *exercises* the break when the target version, untranslated, refuses it at the
finding's place. It *passes* when the hop's translation (requests upgraded, responses and
webhook payloads downgraded) gives a message the target version accepts there, strictly: no
member the target does not declare. A finding is covered only when some witness exercises it
and every witness passes; the verdict is the result of running the steps, never of matching
them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import msgspec

from versioning.coverage.places import path_segments
from versioning.coverage.webhooks import payload_message, payload_problems
from versioning.coverage.witnesses import Witness, WitnessSet
from versioning.messages.problems import Problem
from versioning.spec.location import pointer_tokens
from versioning.translate.messages import ApiRequest, ApiResponse
from versioning.translate.webhooks import downgrade_webhook_payload

if TYPE_CHECKING:
    from versioning.findings import Finding, Subject
    from versioning.messages.validator import MessageValidator
    from versioning.translate.hop import Hop

__all__ = ["Proof", "WitnessRun", "prove", "run_witness"]

_NO_LOOKUPS: dict[str, Any] = {}


class WitnessRun(msgspec.Struct, frozen=True, kw_only=True):
    """One witness through one hop: what came out and what the target version says of it."""

    witness: Witness
    exercised: bool
    """Untranslated, the target version refuses the witness at the finding's place."""
    output: ApiRequest | ApiResponse | None = None
    error: str | None = None
    """The translation raised (a converter's exception, a missing operation …)."""
    problems: tuple[Problem, ...] = ()
    """What the target version refuses in the output, at the finding's place."""

    @property
    def passed(self) -> bool:
        """The translation produced a message the target accepts at the finding's place."""
        return self.error is None and not self.problems


class Proof(msgspec.Struct, frozen=True, kw_only=True):
    """Every witness run of one finding, and the verdict they give."""

    runs: tuple[WitnessRun, ...]
    problem: str | None = None
    """Why no witness could be built, when none was."""

    @property
    def covered(self) -> bool:
        """Some witness exercises the break and every witness passes."""
        return any(run.exercised for run in self.runs) and all(run.passed for run in self.runs)

    def failing(self) -> WitnessRun | None:
        """The run to show for an uncovered finding: a failing one that exercised the break."""
        failed = [run for run in self.runs if not run.passed]
        return next((run for run in failed if run.exercised), failed[0] if failed else None)

    def summary(self) -> str:
        """One line: how many witnesses ran, exercised the break and passed."""
        exercised = sum(run.exercised for run in self.runs)
        passed = sum(run.passed for run in self.runs)
        return f"{len(self.runs)} witnesses, {exercised} showing the break, {passed} translated"

    def explain(self, *, older: str, newer: str) -> str:
        """Why the finding is not covered, with the failing witness when there is one."""
        if not self.runs:
            return f"no witness could be built: {self.problem or 'nothing to send'}"
        run = self.failing()
        if run is None:
            return (
                f"no witness shows this break: {newer if _upgrades(self) else older} accepts"
                f" all {len(self.runs)} witnesses untranslated, so the declared changes could"
                " not be tested on it (acknowledge it with a reason if it is no break)"
            )
        source, target = (older, newer) if run.witness.direction == "request" else (newer, older)
        lines = [
            f"witness: {run.witness.label} ({source})",
            f"  sent: {_show(run.witness.message)}",
        ]
        if run.error is not None:
            lines.append(f"  translating it failed: {run.error}")
        else:
            lines.append(f"  became: {_show(run.output)}")
            first = run.problems[0]
            more = len(run.problems) - 1
            extra = f" (and {more} more)" if more else ""
            lines.append(f"  {target} refuses it: {_short(first)}{extra}")
        return "\n".join(lines)


def _upgrades(proof: Proof) -> bool:
    return bool(proof.runs) and proof.runs[0].witness.direction == "request"


_LONG_TEXT = 40
_SHOWN = 320


def _abbreviated(value: Any, depth: int = 0) -> Any:
    """``value`` with long texts, lists and objects cut, for a one-line display."""
    if isinstance(value, str) and len(value) > _LONG_TEXT:
        return f"{value[:16]}…({len(value)} characters)"
    if depth > 6:
        return "…"
    if isinstance(value, list):
        shown = [_abbreviated(item, depth + 1) for item in value[:3]]
        return [*shown, f"…({len(value)} items)"] if len(value) > 3 else shown
    if isinstance(value, dict):
        items = list(value.items())
        members = {str(k): _abbreviated(v, depth + 1) for k, v in items[:12]}
        if len(items) > 12:
            members["…"] = f"{len(items)} members"
        return members
    return value


def _show(message: Any) -> str:
    if message is None:
        return "nothing"
    fields = {
        name: value
        for name, value in msgspec.structs.asdict(message).items()
        if value not in ({}, None) or name == "body"
    }
    text = json.dumps(_abbreviated(fields), ensure_ascii=False, default=repr)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _short(problem: Problem) -> str:
    text = str(problem)
    return text if len(text) <= 200 else text[:199] + "…"


def _matches(pattern: tuple[str, ...], tokens: list[str]) -> bool:
    """Whether the pointer ``tokens`` and the path ``pattern`` lie on one line (either deeper)."""
    for segment, token in zip(pattern, tokens, strict=False):
        if segment == "[]":
            if not token.isdigit():
                return False
        elif segment not in ("*", token):
            return False
    return True


def _missing(problem: Problem) -> bool:
    """A required member missing: how a rename done as a removal shows beside the member."""
    return (problem.schema_pointer or "").endswith("/required")


def _relevant(subject: Subject | None, problem: Problem) -> bool:
    """Whether ``problem`` is at the finding's place.

    In a body: on the subject's path (above or below it), or a required member missing
    beside it (a rename translated as a removal leaves the new name missing). A member
    undeclared beside it is another change's business (an addition not hidden). Otherwise
    the same part of the message: the parameter's location, the response headers, the
    content type and body.
    """
    if subject is None or problem.part in ("operation", "status"):
        return True
    if subject.place == "body":
        if problem.part != "body":
            return problem.part == "content-type"
        segments = path_segments(subject.path) if subject.path else ()
        try:
            tokens = pointer_tokens(problem.pointer)
        except ValueError:
            return True
        if _matches(segments, tokens):
            return True
        parent = segments[:-1]
        return _missing(problem) and len(tokens) == len(segments) and _matches(parent, tokens)
    if subject.place == "parameter":
        return problem.part == subject.location
    if subject.place == "header":
        return problem.part == "header"
    return problem.part in ("content-type", "body")


def _on_path(subject: Subject | None, problem: Problem) -> bool:
    """Whether ``problem`` is on the subject's own path (shown before problems beside it)."""
    if subject is None or subject.place != "body" or problem.part != "body":
        return True
    segments = path_segments(subject.path) if subject.path else ()
    try:
        return _matches(segments, pointer_tokens(problem.pointer))
    except ValueError:
        return True


def run_witness(
    witness: Witness,
    finding: Finding,
    *,
    hop: Hop,
    older: MessageValidator,
    newer: MessageValidator,
) -> WitnessRun:
    """Translate ``witness`` across ``hop`` and judge the result at the finding's place."""
    subject = finding.subject
    message: Any = witness.message
    output: Any
    try:
        if witness.direction == "webhook":
            before, output, after = _run_payload(message, subject, hop=hop, older=older)
        elif witness.direction == "request":
            before = newer.request_problems(message, strict=True)
            output = hop.upgrade_request(message, _NO_LOOKUPS)
            after = newer.request_problems(output, strict=True)
        else:
            key = witness.older_operation or ""
            before = older.response_problems(message, key, strict=True)
            output = hop.downgrade_response(
                message,
                newer_operation=message_operation(witness, hop),
                older_operation=key,
                request=witness.request,
                lookups=_NO_LOOKUPS,
            )
            after = older.response_problems(output, key, strict=True)
    except Exception as error:  # noqa: BLE001 - a user's converter may raise anything
        exercised = True
        return WitnessRun(
            witness=witness, exercised=exercised, error=f"{type(error).__name__}: {error}"
        )
    return WitnessRun(
        witness=witness,
        exercised=any(_relevant(subject, problem) for problem in before),
        output=output,
        problems=tuple(
            sorted(
                (problem for problem in after if _relevant(subject, problem)),
                key=lambda problem: not _on_path(subject, problem),
            )
        ),
    )


def _run_payload(
    message: ApiRequest, subject: Subject | None, *, hop: Hop, older: MessageValidator
) -> tuple[list[Problem], ApiRequest, list[Problem]]:
    """A webhook payload: the older version's verdict before and after the hop's downgrade."""
    name = subject.webhook if subject is not None and subject.webhook is not None else ""
    before = payload_problems(older, name, message.body, strict=True)
    body = downgrade_webhook_payload(message.body, hop=hop, name=name, lookups=_NO_LOOKUPS)
    return before, payload_message(name, body), payload_problems(older, name, body, strict=True)


def message_operation(witness: Witness, hop: Hop) -> str:
    """The newer operation a response witness belongs to."""
    key = witness.older_operation or ""
    moved = hop.operations.forward(key)
    return moved[0] if moved is not None else key


def prove(
    finding: Finding,
    witnesses: WitnessSet,
    *,
    hop: Hop,
    older: MessageValidator,
    newer: MessageValidator,
) -> Proof:
    """Run every witness of ``finding``; the proof's verdict decides its coverage."""
    runs = tuple(
        run_witness(witness, finding, hop=hop, older=older, newer=newer)
        for witness in witnesses.witnesses
    )
    return Proof(runs=runs, problem=witnesses.problem)
