"""The wheel: built from this checkout, installed in a fresh venv, finds its schemas and seed."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of this checkout, built without network access (hatchling is a dev dependency)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    return next(out.glob("lsq_mock-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv with the wheel installed (dependencies come from this interpreter's site)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    yield env_dir


def test_wheel_ships_the_data_inside_our_package_only(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names}
    assert "schemas" not in top_level and "fixtures" not in top_level
    assert {"mockserver", "contract_tests"} <= top_level
    assert "mockserver/_data/schemas/openapi.json" in names
    assert "mockserver/_data/schemas/bulk-update-request.schema.json" in names
    assert "mockserver/_data/fixtures/seed-default.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "lsq-mock = mockserver.cli:main" in text
    assert "lsq_mock = contract_tests.plugin" in text


def test_installed_wheel_finds_its_schemas(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import mockserver\n"
        "from mockserver.resources import data_dir, default_seed_path\n"
        "from mockserver.schemaset import shipped_schemas\n"
        "print(mockserver.__file__)\n"
        "print(data_dir('schemas'))\n"
        "print(default_seed_path())\n"
        "print('bulk-update-request' in shipped_schemas().documents)\n"
    )
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", probe],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    site = str(installed)
    assert out[0].startswith(site), out
    assert out[1].startswith(site) and out[1].endswith("mockserver/_data/schemas")
    assert out[2].startswith(site) and out[2].endswith("seed-default.json")
    assert out[3] == "True"


def test_installed_cli_serves_the_shipped_seed(installed: Path, tmp_path: Path) -> None:
    with subprocess.Popen(
        [str(installed / "bin" / "lsq-mock"), "serve", "--port", "0", "--seed", "default"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            first_line = process.stdout.readline()
            url = first_line.rsplit(" ", 1)[-1].strip()
            assert url.startswith("http://127.0.0.1:"), first_line
            activities = requests.get(f"{url}/_mock/activities", timeout=5).json()
            assert activities["RecordCount"] == 5
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0
