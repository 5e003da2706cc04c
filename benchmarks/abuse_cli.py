"""The attacks of benchmarks/abuse.py that go through lsq-mock's own command line: the secret
key in `--log-requests`, and an empty admin token at start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lsq_mock.settings import ADMIN_TOKEN_ENV, DEFAULT_SECRET_KEY
from support.served import served

ROOT = Path(__file__).resolve().parent.parent


def secrets(server: str) -> list[str]:
    """--log-requests never shows the secret key; an empty admin token is refused at start."""
    problems = []
    with served("--server", server, "--log-requests") as handle:
        for name in ("secretKey", "SECRETKEY", "secret%4Bey"):
            handle.raw(
                f"GET /v2/x?accessKey=a&{name}={DEFAULT_SECRET_KEY} HTTP/1.1\r\nHost: t\r\n"
                "Connection: close\r\n\r\n".encode()
            )
        handle.raw(f"GET /v2/x?secretKey={DEFAULT_SECRET_KEY} x HTTP/1.1\r\n\r\n".encode())
        log = handle.stop()
    if DEFAULT_SECRET_KEY in log:
        problems.append(f"{server}: --log-requests showed the secret key")
    for args, env in ((["--admin-token", ""], {}), ([], {ADMIN_TOKEN_ENV: ""})):
        try:
            refused = run_cli("serve", "--port", "0", *args, env=env, timeout=20).returncode == 2
        except subprocess.TimeoutExpired:
            refused = False
        if not refused:
            problems.append(f"an empty admin token ({args or env}) was not refused at start")
    return problems


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    return subprocess.run(
        [sys.executable, "-m", "lsq_mock", *args],
        cwd=ROOT,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
