"""Prism (Stoplight's OpenAPI mock server), installed from the npm registry into a cache on
first use, for the test that loads the bundled contract and for the benchmark against peers."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

PRISM_PACKAGE = "@stoplight/prism-cli@5"
PRISM_DIR_ENV = "LSQ_MOCK_PRISM_DIR"
NPM_QUIET = ("--no-audit", "--no-fund", "--loglevel", "error")
NPM_MISSING = "Node.js and npm are not installed: Prism (an npm package) cannot run"


def prism_dir() -> Path:
    """Where Prism is installed: $LSQ_MOCK_PRISM_DIR, else the user's cache."""
    configured = os.environ.get(PRISM_DIR_ENV)
    if configured:
        return Path(configured)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "lsq-mock" / "prism"


def prism_executable() -> Path | None:
    """Prism's command, installed first if needed; None when Node.js or npm is missing."""
    if shutil.which("node") is None:
        return None
    folder = prism_dir()
    executable = folder / "node_modules" / ".bin" / "prism"
    if executable.is_file():
        return executable
    npm = shutil.which("npm")
    if npm is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(folder), *NPM_QUIET, PRISM_PACKAGE],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return executable


def listening_port(pid: int) -> int | None:
    """The TCP port process `pid` listens on (Linux /proc), or None yet: Prism started on port
    0 prints its port only when it logs at info level."""
    inodes = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                return int(fields[1].rsplit(":", 1)[1], 16)
    return None


def start_prism(executable: Path, document: Path, output: int | None) -> subprocess.Popen[str]:
    """`prism mock` of `document` on a free loopback port, quiet (`-v error`); its output goes
    to `output` (subprocess.PIPE to read it, DEVNULL to drop it)."""
    command = [str(executable), "mock", "-h", "127.0.0.1", "-p", "0", "-v", "error", str(document)]
    return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)


def port_of(prism: subprocess.Popen[str], seconds: float = 60) -> int:
    """The port `prism` listens on, once it does; RuntimeError if it exits or takes too long."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if prism.poll() is not None:
            raise RuntimeError(f"Prism exited with {prism.returncode}")
        port = listening_port(prism.pid)
        if port is not None:
            return port
        time.sleep(0.1)
    raise RuntimeError(f"Prism did not listen within {seconds} s")
