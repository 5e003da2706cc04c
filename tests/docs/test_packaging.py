"""The wheel: built from this checkout, installed in a fresh venv, finds its schemas and seed, and
lives under its two import names `lsq_mock` and `lsq_mock_contract`, beside other projects'
`mockserver` packages."""

from __future__ import annotations

import site
import subprocess
import sys
import textwrap
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
USER_PROJECT_TEST = """
    import mockserver  # the user's own package of that name

    def test_user_code_and_lsq_mock_both_load(lsq_mock):
        assert mockserver.MINE is True
        answer = lsq_mock.emulator.store.counts()
        assert answer["ActivityTypes"] == 3
"""
"""A test in a user project that has its own mockserver/, contract_tests/, fixtures/, schemas/."""

pytestmark = pytest.mark.slow
pytest_plugins = ["pytester"]


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
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    return next(out.glob("lsq_mock-*.whl"))


def _fresh_venv(env_dir: Path) -> Path:
    """A venv that sees none of this environment's packages but its dependencies' folders.

    Its own site-packages comes first; this interpreter's site-packages is added after it by a
    `.pth` line, which does not run that folder's own `.pth` files, so the editable install of
    this checkout stays invisible there while flask, jsonschema and friends are found.
    """
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    inner_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(inner_site, "outer_site_packages.pth").write_text("\n".join(site.getsitepackages()))
    return python


def _pip_install(python: Path, *what: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", *what],
        check=True,
    )


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv with the wheel installed, next to `mockserver-client` (which installs its
    own top-level `mockserver` package)."""
    env_dir = tmp_path_factory.mktemp("venv")
    python = _fresh_venv(env_dir)
    _pip_install(python, str(wheel), "mockserver-client")
    yield env_dir


def _user_project(folder: Path) -> Path:
    for name in ("mockserver", "contract_tests", "fixtures", "schemas"):
        (folder / name).mkdir()
        (folder / name / "__init__.py").write_text("MINE = True\n")
    (folder / "test_user.py").write_text(textwrap.dedent(USER_PROJECT_TEST))
    return folder


def test_wheel_installs_only_the_lsq_mock_import_names(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.startswith("lsq_mock-")}
    assert top_level == {"lsq_mock", "lsq_mock_contract"}
    assert "lsq_mock_contract/plugin.py" in names
    assert "lsq_mock/py.typed" in names
    assert "lsq_mock_contract/py.typed" in names
    assert "lsq_mock/_data/schemas/openapi.json" in names
    assert "lsq_mock/_data/schemas/openapi.bundled.json" in names
    assert "lsq_mock/_data/schemas/bulk-update-request.schema.json" in names
    assert "lsq_mock/_data/fixtures/seed-default.json" in names
    assert "lsq_mock/_data/fixtures/golden/200-mixed-rows.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "lsq-mock = lsq_mock.cli:main" in text
    assert "lsq_mock = lsq_mock_contract.plugin" in text


def test_wheel_ships_every_module_of_the_checkout(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("mockserver", "contract_tests"):
        for module in (ROOT / folder).rglob("*.py"):
            shipped = module.relative_to(ROOT / folder).as_posix()
            assert shipped in names, f"{module} is not in the wheel (list its package)"
    for asset in (ROOT / "mockserver" / "lsq_mock" / "ui").iterdir():
        shipped = f"lsq_mock/ui/{asset.name}"
        assert shipped in names, f"{asset} is not in the wheel (add it to package-data)"


def test_installed_wheel_finds_its_schemas(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import lsq_mock, mockserver\n"
        "from lsq_mock.resources import data_dir, default_seed_path\n"
        "from lsq_mock.contract.schemaset import shipped_schemas\n"
        "print(lsq_mock.__file__)\n"
        "print(data_dir('schemas'))\n"
        "print(default_seed_path())\n"
        "print('bulk-update-request' in shipped_schemas().documents)\n"
        "print(mockserver.__file__)\n"
    )
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", probe],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    site_dir = str(installed)
    assert out[0].startswith(site_dir), out
    assert out[1].startswith(site_dir) and out[1].endswith("lsq_mock/_data/schemas")
    assert out[2].startswith(site_dir) and out[2].endswith("seed-default.json")
    assert out[3] == "True"
    assert out[4].startswith(site_dir) and "lsq_mock" not in out[4], "mockserver-client's"


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
            page = requests.get(f"{url}/_mock/ui/main.js", timeout=5)
            assert page.status_code == 200, "the inspector's files are in the wheel"
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0


def _run_pytest(installed: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=project,
        capture_output=True,
        text=True,
    )


def test_plugin_loads_beside_mockserver_clients_plugin(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "test_both.py").write_text(
        "import mockserver\n\n"
        "def test_both(lsq_mock):\n"
        "    assert 'lsq_mock' not in mockserver.__file__\n"
        "    assert lsq_mock.emulator.store.counts()['ActivityTypes'] == 3\n"
    )
    result = _run_pytest(installed, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_plugin_loads_in_a_project_with_folders_of_our_old_names(
    installed: Path, tmp_path: Path
) -> None:
    project = _user_project(tmp_path)
    # The project's own mockserver/ shadows mockserver-client's package, whose pytest plugin
    # then fails to import: that is between the two of them, so its plugin is left out here.
    result = _run_pytest(installed, project, "-p", "no:mockserver")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_editable_install_loads_in_such_a_project(pytester: pytest.Pytester) -> None:
    _user_project(pytester.path)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
