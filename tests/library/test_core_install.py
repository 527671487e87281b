"""The core distribution runs without the server and verify extras (issue 14).

A child interpreter refuses to import the optional dependencies (a ``sys.meta_path`` finder
that raises as if they were not installed), then runs the core commands on the bundled
catalog; ``serve`` and ``verify`` say which extra to install. A wheel built from the checkout
leaves the catalog's own tests out and declares the extras; installed with the core only into
a fresh virtual environment (dependencies at the lock's versions), it runs ``check`` and
``diff`` on the bundled catalog and imports none of the optional packages.
"""

from __future__ import annotations

import email
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from versioning.cli.main import EXTRA_OF_MODULE

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "api_specs"
OPTIONAL = sorted({*EXTRA_OF_MODULE, "schemathesis"})

_CORE_ONLY = """
import sys

OPTIONAL = set(sys.argv[1].split(","))


class RefuseOptional:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in OPTIONAL:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, RefuseOptional())
if sys.argv[2] == "import":
    import versioning
    import versioning.checker
    import versioning.translate
    from versioning.cli.main import build_parser

    build_parser()
    loaded = sorted({m.partition(".")[0] for m in sys.modules} & OPTIONAL)
    print("loaded:", ",".join(loaded))
    sys.exit(0)
from versioning.cli.main import main

sys.exit(main(sys.argv[2:]))
"""


def _core_only(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CORE_ONLY, ",".join(OPTIONAL), *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_core_import__without_extras__loads_no_optional_module() -> None:
    completed = _core_only("import")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "loaded:"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        pytest.param(["check", str(SPECS)], 0, id="check"),
        pytest.param(
            [
                "diff",
                str(SPECS / "2024-01-15/openapi.yaml"),
                str(SPECS / "2024-09-01/openapi.yaml"),
            ],
            1,
            id="diff",
        ),
        pytest.param(["changelog", str(SPECS)], 0, id="changelog"),
        pytest.param(["rules"], 0, id="rules"),
    ],
)
def test_core_command__without_extras__runs(arguments: list[str], expected: int) -> None:
    completed = _core_only(*arguments)
    assert completed.returncode == expected, completed.stderr
    assert "internal error" not in completed.stderr
    assert completed.stdout


@pytest.mark.parametrize(
    ("command", "extra", "module"),
    [("serve", "server", "litestar"), ("verify", "verify", "hypothesis")],
)
def test_extra_command__without_its_extra__names_the_extra(
    command: str, extra: str, module: str
) -> None:
    completed = _core_only(command, str(SPECS))
    assert completed.returncode == 2
    assert completed.stderr.strip() == (
        f"error: versiongate {command} needs the {extra!r} extra ({module} is not installed):"
        f" pip install 'versiongate[{extra}]'"
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the checkout, as ``pip wheel`` builds it for a release."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-w",
            str(folder),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = folder.glob("versiongate-*.whl")
    return built


def test_wheel__installed_core_only_in_a_fresh_venv__check_and_diff_run(
    wheel: Path, tmp_path: Path
) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    pins = re.findall(
        r"^([A-Za-z0-9_.-]+==[^\s\\;]+)", (ROOT / "requirements" / "lock.txt").read_text(), re.M
    )
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "-c", str(constraints), str(wheel)], check=True, capture_output=True, timeout=600
    )
    installed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.lower()
    assert not [name for name in OPTIONAL if f"{name.replace('_', '-')}==" in installed]
    command = str(environment / "bin" / "versiongate")
    checked = subprocess.run(
        [command, "check", str(SPECS)], capture_output=True, text=True, timeout=300, check=False
    )
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]
    head, older = SPECS / "2026-02-01" / "openapi.yaml", SPECS / "2025-06-30" / "openapi.yaml"
    diffed = subprocess.run(
        [command, "diff", str(older), str(head)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert diffed.returncode in (0, 1), diffed.stderr[-2000:]
    assert "error:" not in diffed.stderr
    probe = "import sys, versioning, versioning.checker, versioning.translate; print(sorted({m.partition('.')[0] for m in sys.modules}))"
    loaded = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert not [name for name in OPTIONAL if f"'{name}'" in loaded]


def test_wheel__built_from_checkout__ships_no_tests_and_declares_extras(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
    assert "compat_tests/kit.py" in names
    assert "versioning/py.typed" in names
    assert not [name for name in names if Path(name).name.startswith("test_")]
    core = [req for req in metadata.get_all("Requires-Dist", []) if "extra ==" not in req]
    assert not [req for req in core if req.split(">")[0].split("[")[0] in EXTRA_OF_MODULE]
    assert {"all", "server", "verify"} <= set(metadata.get_all("Provides-Extra", []))
