"""The readers' limits and the positions of merged and aliased YAML nodes.

Depth is refused before Python's recursion limit, integers before Python's digit limit, lone
surrogates and special files (a FIFO would block forever) before anything reads them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from versioning.errors import SpecLimitError, SpecSyntaxError, UsageError
from versioning.spec.json_reader import read_json
from versioning.spec.limits import Limits, limits_from_environment
from versioning.spec.source import read_regular_file, read_source
from versioning.spec.yaml_reader import read_yaml


def _block_nesting(levels: int) -> str:
    return "x:\n" + "".join("  " * (level + 1) + "k:\n" for level in range(levels)) + "  v: 1\n"


def test_yaml_block_nesting__600_deep__stops_at_the_depth_limit_line() -> None:
    with pytest.raises(SpecLimitError, match="nesting deeper than 64 levels") as caught:
        read_yaml(_block_nesting(600), file="t.yaml")
    assert caught.value.location is not None
    assert caught.value.location.line == 65


def test_yaml_block_nesting__at_the_limit__is_read() -> None:
    value, _ = read_yaml(_block_nesting(60), file="t.yaml")
    assert isinstance(value, dict)


def test_yaml_nesting__custom_limit__applies() -> None:
    with pytest.raises(SpecLimitError, match="deeper than 5"):
        read_yaml(_block_nesting(10), file="t.yaml", limits=Limits(max_depth=5))


def test_yaml_alias__deeper_than_the_limit_once_placed__is_refused() -> None:
    text = "a: &a [[[[1]]]]\nb: [[[*a]]]\n"
    with pytest.raises(SpecLimitError, match="deeper than 6") as caught:
        read_yaml(text, file="t.yaml", limits=Limits(max_depth=6))
    assert caught.value.location is not None
    assert caught.value.location.line == 2


@pytest.mark.parametrize(
    "text", ["k: " + "9" * 5000, "k: !!int " + "9" * 5000, "k: 0x" + "f" * 5000]
)
def test_yaml_integer__over_the_digit_limit__is_a_located_limit_error(text: str) -> None:
    with pytest.raises(SpecLimitError, match="integer literal") as caught:
        read_yaml("a: 1\n" + text + "\n", file="t.yaml")
    assert caught.value.location is not None
    assert caught.value.location.line == 2


def test_json_integer__over_the_digit_limit__is_a_located_limit_error() -> None:
    with pytest.raises(SpecLimitError, match="integer literal") as caught:
        read_json('{\n "a": 1,\n "b": -' + "9" * 5000 + "\n}", file="t.json")
    assert caught.value.location is not None
    assert caught.value.location.line == 3


def test_json_integer__under_the_limit__is_an_int() -> None:
    value, _ = read_json('{"a": ' + "9" * 900 + "}", file="t.json")
    assert value["a"] == int("9" * 900)


def test_json_nesting__beyond_the_limit__is_located_at_the_deepest_key() -> None:
    text = '{"a":\n' + '{"b":' * 200 + "1" + "}" * 200 + "}"
    with pytest.raises(SpecLimitError, match="nesting deeper than 64") as caught:
        read_json(text, file="t.json")
    assert caught.value.location is not None
    assert caught.value.location.line == 2


def test_json_nesting__far_beyond_the_decoder__is_a_limit_error() -> None:
    with pytest.raises(SpecLimitError):
        read_json("[" * 100_000 + "]" * 100_000, file="t.json")


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud800x"])
def test_json_lone_surrogate__in_a_string__is_a_syntax_error(escape: str) -> None:
    with pytest.raises(SpecSyntaxError, match="lone UTF-16 surrogate") as caught:
        read_json('{"a": 1,\n "b": ["' + escape + '"]}', file="t.json")
    assert caught.value.location is not None
    assert caught.value.location.line == 2


def test_json_surrogate_pair__is_one_character() -> None:
    value, _ = read_json('{"a": "\\ud83d\\ude00"}', file="t.json")
    assert value == {"a": "\U0001f600"}


def test_yaml_merge_key__merged_key__is_located_in_its_source() -> None:
    text = "base: &b\n  x: 1\n  y: 2\nitem:\n  <<: *b\n  y: 3\n"
    value, positions = read_yaml(text, file="t.yaml")
    assert value["item"] == {"y": 3, "x": 1}
    assert positions.locate(["item", "y"])[:2] == (6, 3)
    assert positions.locate(["item", "x"])[:2] == (2, 3)


def test_yaml_merge_key__list_of_sources__first_source_wins() -> None:
    text = "a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n"
    value, positions = read_yaml(text, file="t.yaml")
    assert value["c"] == {"x": 1, "z": 3}
    assert positions.locate(["c", "z"])[:2] == (2, 14)


def test_yaml_merge_key__quoted__is_an_ordinary_key() -> None:
    value, _ = read_yaml("a:\n  '<<': {x: 1}\n", file="t.yaml")
    assert value == {"a": {"<<": {"x": 1}}}


def test_yaml_alias__in_a_list__is_a_copy_located_at_the_alias() -> None:
    text = "a: &a {k: [1, 2]}\nb:\n  - *a\n  - *a\n"
    value, positions = read_yaml(text, file="t.yaml")
    assert value["b"] == [{"k": [1, 2]}, {"k": [1, 2]}]
    assert value["b"][0] is not value["b"][1]
    assert positions.locate(["b", "1"])[:2] == (4, 5)
    assert positions.locate(["b", "1", "k", "1"])[:2] == (1, 15)


def test_yaml_explicit_string_tag__keeps_the_text() -> None:
    value, _ = read_yaml("a: !!str 12\nb: ! true\n", file="t.yaml")
    assert value == {"a": "12", "b": "true"}


@pytest.mark.parametrize("text", ["a: !!binary aGk=", "a: !!set {x}", "a: !!python/tuple [1]"])
def test_yaml_unsupported_tag__is_a_syntax_error(text: str) -> None:
    with pytest.raises(SpecSyntaxError, match="unsupported YAML tag"):
        read_yaml(text, file="t.yaml")


def test_yaml_undefined_alias__is_a_syntax_error() -> None:
    with pytest.raises(SpecSyntaxError, match=r"alias \*nope"):
        read_yaml("a: *nope\n", file="t.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo__given_as_a_spec__is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(SpecSyntaxError, match="named pipe"):
        read_source(fifo)
    assert time.perf_counter() - started < 1


def test_symlink_loop__given_as_a_spec__is_a_located_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(SpecSyntaxError, match="symbolic link loop"):
        read_source(loop)


def test_limits__environment_override__replaces_only_that_limit() -> None:
    limits = limits_from_environment({"VERSIONGATE_MAX_DEPTH": "64"})
    assert limits.max_depth == 64
    assert limits.max_bytes == Limits().max_bytes


@pytest.mark.parametrize("text", ["-1", "lots", "0"])
def test_limits__bad_environment_value__is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="VERSIONGATE_MAX_DEPTH"):
        limits_from_environment({"VERSIONGATE_MAX_DEPTH": text})


def test_read_regular_file__a_fifo__is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "versiongate.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(SpecSyntaxError, match=r"is a named pipe \(FIFO\), not a regular file"):
        read_regular_file(fifo, display="versiongate.yaml")
    assert time.monotonic() - started < 2


def test_read_regular_file__over_the_limit__is_a_limit_error(tmp_path: Path) -> None:
    path = tmp_path / "changes.yaml"
    path.write_bytes(b"x" * 11)
    assert read_regular_file(path, limit=11) == b"x" * 11
    with pytest.raises(SpecLimitError, match="the limit is 10"):
        read_regular_file(path, limit=10)


_UNDER_A_MEMORY_LIMIT = """
import resource, sys
from pathlib import Path
from versioning.errors import SpecLimitError
from versioning.spec.loader import load_spec, load_spec_text
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
text = Path(sys.argv[1]).read_text() if sys.argv[2] == "text" else None
resource.setrlimit(resource.RLIMIT_AS, (size + int(sys.argv[3]) * 2**20, resource.RLIM_INFINITY))
try:
    load_spec(sys.argv[1]) if text is None else load_spec_text(text, file="big.yaml")
except SpecLimitError as error:
    print(error)
"""


def _big_yaml(path: Path, operations: int) -> Path:
    item = (
        '  /items{0}:\n    get:\n      summary: "item {0}"\n'
        '      responses:\n        "200":\n          description: ok\n'
    )
    header = 'openapi: 3.1.0\ninfo: {title: big, version: "1"}\npaths:\n'
    path.write_text(header + "".join(item.format(index) for index in range(operations)))
    return path


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    ("how", "spare_mib", "expected"),
    [
        ("file", 12, "loading it takes at least 7x that, more than the"),
        ("text", 12, "out of memory while loading this spec"),
    ],
)
def test_load__more_than_the_memory_left__is_a_located_limit_error(
    tmp_path: Path, how: str, spare_mib: int, expected: str
) -> None:
    """Under ``RLIMIT_AS``: refused before reading, or out of memory while building.

    Either way a located limit error that says what to do (exit 2), not an internal one.
    """
    spec = _big_yaml(tmp_path / "big.yaml", 40_000)  # ~4 MB
    result = subprocess.run(
        [sys.executable, "-c", _UNDER_A_MEMORY_LIMIT, str(spec), how, str(spare_mib)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert expected in result.stdout, result.stdout + result.stderr
    assert "big.yaml:1:1: " in result.stdout
    assert "VERSIONGATE_MAX_SPEC_BYTES" in result.stdout
