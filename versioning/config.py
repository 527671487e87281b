"""The checker's configuration: ``[tool.versiongate]`` in pyproject.toml, or versiongate.toml.

::

    [tool.versiongate]                  # in versiongate.toml: the same keys at the top level
    fail-on = "error"                   # or "warning"
    min-sunset-window-days = 183        # versiongate deprecate: least days deprecation → sunset
    [tool.versiongate.levels]           # rule id → error / warning / info
    response-property-enum-value-added = "error"
    [tool.versiongate.min-sunset-days]  # minimum deprecation window per stability level
    stable = 180
    [[tool.versiongate.ignore]]
    rule = "request-parameter-*"        # a rule id or a glob over rule ids
    operation = "POST /charges*"        # optional glob over "METHOD /path"
    reason = "charges are frozen"       # required
    until = 2026-12-31                  # optional: the ignore expires after this day

The file is found from the current directory upward (versiongate.toml first, then a
pyproject.toml that has the table). Every mistake is a :class:`ConfigError` with the file and
line of the offending key.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import tomllib
from pathlib import Path
from typing import Any, TypeGuard

import msgspec

from versioning.errors import ConfigError, SpecError, SpecLimitError
from versioning.findings import Level
from versioning.report.model import FailOn
from versioning.report.rule_index import find_rule, known_rules
from versioning.spec.decode import decode_struct
from versioning.spec.location import Location, join_pointer
from versioning.spec.source import ParsedSource, read_regular_file
from versioning.toml_positions import TomlPositions

__all__ = [
    "CONFIG_FILE",
    "MIN_SUNSET_WINDOW_DAYS",
    "Config",
    "IgnoreEntry",
    "find_config",
    "load_config",
    "resolve_config",
]

CONFIG_FILE = "versiongate.toml"
_GLOB = re.compile(r"[*?\[]")
_LEVELS: tuple[Level, ...] = ("error", "warning", "info")
_FAIL_ON: tuple[FailOn, ...] = ("error", "warning")
_MAX_CONFIG_BYTES = 1024 * 1024
MIN_SUNSET_WINDOW_DAYS = 183
"""Six months: the least notice ``versiongate deprecate`` gives between deprecation and sunset."""


class _IgnoreSetting(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    rule: str
    reason: str
    operation: str | None = None
    until: Any = None  # checked by hand: msgspec's date error names no format


class IgnoreEntry(msgspec.Struct, frozen=True, kw_only=True):
    """Findings of ``rule`` (id or glob) on ``operation`` (glob) do not fail the build.

    Attributes:
        rule: A rule id, or a glob over rule ids (``response-*``).
        reason: Why; reports show it next to every finding the entry ignores.
        operation: A glob over ``"METHOD /path"``; ``None`` matches every operation.
        until: The last day the entry applies; after it, the findings count again.
        location: Where the entry is written, for reports.
    """

    rule: str
    reason: str
    operation: str | None = None
    until: dt.date | None = None
    location: Location | None = None

    def matches(self, rule: str, operation: str | None) -> bool:
        """Whether a finding of ``rule`` on ``operation`` falls under this entry."""
        if not fnmatch.fnmatchcase(rule, self.rule):
            return False
        return self.operation is None or fnmatch.fnmatchcase(operation or "", self.operation)

    def active(self, today: dt.date) -> bool:
        """Whether the entry still applies on ``today`` (``until`` itself included)."""
        return self.until is None or today <= self.until

    def describe(self) -> str:
        """``rule 'x' on 'POST /a*'`` — how notes name the entry."""
        where = f" on {self.operation!r}" if self.operation is not None else ""
        at = f" ({self.location})" if self.location is not None else ""
        return f"ignore of rule {self.rule!r}{where}{at}"


class _Settings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="kebab"):
    fail_on: str = "error"  # checked by hand, to list the choices
    levels: dict[str, str] = {}  # checked by hand: msgspec cannot locate a bad dict value
    ignore: list[_IgnoreSetting] = []
    min_sunset_days: dict[str, Any] = {}  # checked by hand, like levels
    min_sunset_window_days: Any = MIN_SUNSET_WINDOW_DAYS  # checked by hand, to locate it


class Config(msgspec.Struct, frozen=True, kw_only=True):
    """The effective configuration (defaults when no file was found).

    Attributes:
        file: The file it was read from, if any.
        fail_on: The lowest level that fails the build.
        levels: Level overrides by rule id.
        ignore: Ignore entries, in file order (the first that matches wins).
        min_sunset_days: Minimum deprecation windows by stability level (merged over the
            checker's defaults).
        min_sunset_window_days: The least days ``versiongate deprecate`` accepts between a
            version's deprecation and its sunset (a whole version, not one operation).
    """

    file: str | None = None
    fail_on: FailOn = "error"
    levels: dict[str, Level] = {}
    ignore: tuple[IgnoreEntry, ...] = ()
    min_sunset_days: dict[str, int] = {}
    min_sunset_window_days: int = MIN_SUNSET_WINDOW_DAYS


def find_config(start: Path) -> Path | None:
    """The nearest versiongate.toml, or pyproject.toml with ``[tool.versiongate]``, upward."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge unless it is the one we read
    return isinstance(document.get("tool"), dict) and "versiongate" in document["tool"]


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    start = Location(file=str(path), line=1, column=1)
    if not path.exists():
        raise ConfigError("configuration file not found", location=start)
    try:  # never blocks on a FIFO (issue 12)
        text = read_regular_file(path, limit=_MAX_CONFIG_BYTES).decode("utf-8")
    except SpecLimitError:
        raise ConfigError("configuration file is larger than 1 MiB", location=start) from None
    except SpecError as error:
        raise ConfigError(f"cannot read configuration: {error.message}", location=start) from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"cannot read configuration: {error}", location=start) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(
            f"invalid TOML: {message}", location=Location(file=str(path), line=line, column=column)
        ) from None


def load_config(path: Path) -> Config:
    """Read and check one configuration file.

    Raises:
        ConfigError: Unreadable, invalid TOML, unknown key, wrong type, unknown rule id,
            missing reason … with the line of the offending key.
    """
    text, document = _read(path)
    prefix: tuple[str, ...] = ()
    table: Any = document
    if path.name == "pyproject.toml":
        prefix = ("tool", "versiongate")
        table = document.get("tool", {}).get("versiongate")
        if table is None:
            raise ConfigError(
                "pyproject.toml has no [tool.versiongate] table",
                location=Location(file=str(path), line=1, column=1),
            )
    source = ParsedSource(file=str(path), value=table, positions=TomlPositions(text, prefix=prefix))
    settings = decode_struct(source, table, _Settings, error=ConfigError)
    _check(settings, source)
    located = tuple(
        IgnoreEntry(
            rule=entry.rule,
            reason=entry.reason.strip(),
            operation=entry.operation,
            until=_until(entry.until),
            location=source.locate(["ignore", str(index)]),
        )
        for index, entry in enumerate(settings.ignore)
    )
    levels = {rule_id: level for rule_id, level in settings.levels.items() if _is_level(level)}
    fail_on: FailOn = "warning" if settings.fail_on == "warning" else "error"
    return Config(
        file=str(path),
        fail_on=fail_on,
        levels=levels,
        ignore=located,
        min_sunset_days=dict(settings.min_sunset_days),
        min_sunset_window_days=settings.min_sunset_window_days,
    )


def _fail(message: str, source: ParsedSource, tokens: list[str]) -> ConfigError:
    return ConfigError(message, location=source.locate(tokens), pointer=join_pointer(tokens))


def _until(value: Any) -> dt.date | None:
    """An ignore's ``until`` as a date: TOML's own date, or an ISO 8601 date string."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _check(settings: _Settings, source: ParsedSource) -> None:
    ids = {info.id for info in known_rules()}
    if settings.fail_on not in _FAIL_ON:
        message = f"fail-on {settings.fail_on!r} is not one of {', '.join(map(repr, _FAIL_ON))}"
        raise _fail(message, source, ["fail-on"])
    for rule_id, level in settings.levels.items():
        if rule_id not in ids:
            hint = _closest(rule_id, ids)
            raise _fail(f"unknown rule id {rule_id!r}{hint}", source, ["levels", rule_id])
        if level not in _LEVELS:
            message = f"level {level!r} is not one of {', '.join(map(repr, _LEVELS))}"
            raise _fail(message, source, ["levels", rule_id])
    for index, entry in enumerate(settings.ignore):
        _check_ignore(entry, ["ignore", str(index)], ids, source)
    for level, days in settings.min_sunset_days.items():
        if not isinstance(days, int) or isinstance(days, bool):
            raise _fail(
                f"min-sunset-days for {level!r} must be a whole number of days, got {days!r}",
                source,
                ["min-sunset-days", level],
            )
        if days < 0:
            raise _fail(
                f"days must not be negative, got {days}", source, ["min-sunset-days", level]
            )
    window = settings.min_sunset_window_days
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise _fail(
            f"min-sunset-window-days must be a whole number of days, 0 or more, got {window!r}",
            source,
            ["min-sunset-window-days"],
        )


def _check_ignore(
    entry: _IgnoreSetting, at: list[str], ids: set[str], source: ParsedSource
) -> None:
    if not entry.reason.strip():
        raise _fail("an ignore needs a non-empty 'reason'", source, [*at, "reason"])
    if _GLOB.search(entry.rule):
        if not any(fnmatch.fnmatchcase(rule_id, entry.rule) for rule_id in ids):
            raise _fail(f"rule pattern {entry.rule!r} matches no rule", source, [*at, "rule"])
    elif find_rule(entry.rule) is None:
        hint = _closest(entry.rule, ids)
        raise _fail(f"unknown rule id {entry.rule!r}{hint}", source, [*at, "rule"])
    if entry.operation is not None and not entry.operation.strip():
        raise _fail("'operation' must not be empty", source, [*at, "operation"])
    if entry.until is not None and _until(entry.until) is None:
        raise _fail(
            f"'until' must be a date such as 2027-06-30, got {entry.until!r}",
            source,
            [*at, "until"],
        )


def _is_level(text: str) -> TypeGuard[Level]:
    return text in _LEVELS


def _closest(rule_id: str, ids: set[str]) -> str:
    import difflib

    matches = difflib.get_close_matches(rule_id, sorted(ids), n=1)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def resolve_config(explicit: str | Path | None, *, start: Path | None = None) -> Config:
    """The configuration for a command: ``--config FILE``, else the nearest file, else defaults."""
    if explicit is not None:
        return load_config(Path(explicit))
    found = find_config(start or Path.cwd())
    return load_config(found) if found is not None else Config()
