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


def _mypy(folder: Path, extra: str) -> subprocess.CompletedProcess[str]:
    (folder / "test_user.py").write_text(textwrap.dedent(USER_TEST.replace("EXTRA", extra)))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(folder / ".cache"), "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_typed_user_test_passes_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    checked = _mypy(tmp_path, 'assert lsq_mock.verdicts[0]["findings"] == []')
    assert checked.returncode == 0, checked.stdout
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout  # the checked test is a real one, and it passes


def test_a_typo_on_the_fixture_is_caught_before_the_test_runs(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    checked = _mypy(tmp_path, 'assert lsq_mock.jurnal[0]["status"] == 200')
    assert checked.returncode == 1
    assert '"LsqMock" has no attribute "jurnal"; maybe "journal"?' in checked.stdout
