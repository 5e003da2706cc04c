"""A user's type checker sees the fixture's type: `lsq_mock: LsqMock` is checked, not `Any`.

Both packages ship `py.typed`; without it mypy skips them ("missing library stubs") and a typo in
a test goes unnoticed until it runs.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

USER_TEST = """
    import requests
    from lsq_mock import AdminClient
    from lsq_mock_contract import LsqMock

    LEAD_BY_ID = "/v2/LeadManagement.svc/Leads.GetById"


    def test_reads(lsq_mock: LsqMock) -> None:
        keys = {"accessKey": lsq_mock.access_key, "secretKey": lsq_mock.secret_key}
        params = {**keys, "id": "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"}
        answer = requests.get(lsq_mock.url(LEAD_BY_ID), params=params, timeout=5)
        assert answer.json()[0]["FirstName"] == "Priya"
        assert lsq_mock.journal[0]["status"] == 200
        assert AdminClient(lsq_mock.base_url).health()["status"] == "ok"
        EXTRA
"""


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One `mypy --strict` run (a cold one takes seconds) over two user tests: one right, one
    with a typo on the fixture; its folder and its output."""
    pytest.importorskip("mypy")
    folder = tmp_path_factory.mktemp("user-project")
    right = USER_TEST.replace("EXTRA", 'assert lsq_mock.verdicts[0]["findings"] == []')
    typo = USER_TEST.replace("EXTRA", 'assert lsq_mock.jurnal[0]["status"] == 200')
    (folder / "test_user.py").write_text(textwrap.dedent(right))
    (folder / "test_typo.py").write_text(textwrap.dedent(typo))
    ran = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(folder / ".cache"), "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return folder, ran.stdout


def test_a_typed_user_test_passes_mypy_strict(checked: tuple[Path, str]) -> None:
    folder, output = checked
    assert "test_user.py" not in output, output
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout  # the checked test is a real one, and it passes


def test_a_typo_on_the_fixture_is_caught_before_the_test_runs(checked: tuple[Path, str]) -> None:
    _, output = checked
    expected = 'test_typo.py:16: error: "LsqMock" has no attribute "jurnal"; maybe "journal"?'
    assert expected in output
    assert "Found 1 error in 1 file" in output
