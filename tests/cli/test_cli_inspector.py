"""`lsq-mock serve` prints the inspector's URL and takes --allowed-host for /_mock/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from support.served import read_banner

ROOT = Path(__file__).resolve().parents[2]
INSPECTOR_LINE = re.compile(r"^  inspector (http://127\.0\.0\.1:\d+/_mock/ui/)$", re.MULTILINE)

pytestmark = pytest.mark.slow


def test_serve_prints_the_page_and_answers_an_allowed_name() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    command = [sys.executable, "-m", "lsq_mock", "serve", "--port", "0"]
    with subprocess.Popen(
        [*command, "--allowed-host", "lsq-mock", "--allowed-host", "ci-box"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            banner = read_banner(process)
            match = INSPECTOR_LINE.search(banner)
            assert match, banner
            page_url = match.group(1)
            page = requests.get(page_url, timeout=5)
            named = requests.get(page_url, headers={"Host": "ci-box:80"}, timeout=5)
            other = requests.get(page_url, headers={"Host": "elsewhere:80"}, timeout=5)
        finally:
            process.terminate()
            process.communicate(timeout=10)

    assert banner.splitlines()[1].startswith("  inspector "), "right under the API's URL"
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert named.status_code == 200
    assert other.status_code == 403
