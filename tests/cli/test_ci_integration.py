"""The pre-commit hook and the GitHub Action call versiongate with arguments it accepts."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from versioning.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_pre_commit_hook__entry__is_a_valid_check_command() -> None:
    (hook,) = _load(".pre-commit-hooks.yaml")
    assert hook["id"] == "versiongate-check"
    assert hook["pass_filenames"] is False
    program, *arguments = shlex.split(hook["entry"])
    assert program == "versiongate"
    parsed = build_parser().parse_args([*arguments, "api_specs", "--fail-on", "warning"])
    assert parsed.command == "check"


def test_action__inputs_used_in_steps__are_all_declared() -> None:
    action = _load("action.yml")
    declared = set(action["inputs"])
    assert {"spec-dir", "base-ref", "fail-on", "format"} <= declared
    used = set(re.findall(r"inputs\.([a-z-]+)", (ROOT / "action.yml").read_text(encoding="utf-8")))
    assert used <= declared
    assert action["runs"]["using"] == "composite"


def _run_step(tmp_path: Path, **inputs: str) -> list[str]:
    """Run the action's check step with a stand-in versiongate that records its arguments."""
    action = _load("action.yml")
    step = next(s for s in action["runs"]["steps"] if "versiongate " in s.get("run", ""))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    recorder = bin_dir / "versiongate"
    recorder.write_text('#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n', encoding="utf-8")
    recorder.chmod(0o755)
    defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values = {**defaults, **inputs}
    environment = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    for key, template in step["env"].items():
        name = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", template)
        assert name is not None
        environment[key] = values[name[1]]
    completed = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", step["run"]], env=environment,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return completed.stdout.splitlines()


def test_action_step__defaults__check_with_github_format_and_summary(tmp_path: Path) -> None:
    arguments = _run_step(tmp_path)
    assert arguments[:2] == ["check", "api_specs"]
    assert arguments[arguments.index("--format") + 1] == "github"
    assert arguments[arguments.index("--summary-file") + 1] == str(tmp_path / "summary.md")
    assert "--base" not in arguments
    build_parser().parse_args(arguments)  # every flag exists


def test_action_step__base_ref_and_fail_on__passed_through(tmp_path: Path) -> None:
    arguments = _run_step(
        tmp_path, **{"base-ref": "origin/main", "fail-on": "warning", "summary": "false"}
    )
    assert arguments[arguments.index("--base") + 1] == "origin/main"
    assert arguments[arguments.index("--fail-on") + 1] == "warning"
    assert "--summary-file" not in arguments


def test_action_step__hostile_input__stays_one_argument(tmp_path: Path) -> None:
    arguments = _run_step(tmp_path, **{"spec-dir": "specs; rm -rf / $(id)"})
    assert arguments[1] == "specs; rm -rf / $(id)"


@pytest.mark.parametrize("command", [["check", "api_specs"], ["diff", "a.yaml", "b.yaml"]])
def test_report_commands__layout_flags__by_change_by_default_and_both_accepted(
    command: list[str],
) -> None:
    parser = build_parser()
    default = parser.parse_args(command)
    assert (default.group_by, default.verbose) == ("change", False)
    chosen = parser.parse_args([*command, "--group-by", "operation", "--verbose"])
    assert (chosen.group_by, chosen.verbose) == ("operation", True)
