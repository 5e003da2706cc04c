"""`serve --ready-file` and `lsq-mock wait`: a CI job talks to the server it started, or fails at
once; never to another server on the port, nor through a file an earlier run left."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from lsq_mock.cli import main
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.serving.ready import Ready, write_ready_file
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from lsq_mock.tls.trust import CA_DIR_ENV, CA_ENV_VARS, PROXY_ENV_VARS
from support.running import Running

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 15
pytestmark = pytest.mark.slow  # each test starts `lsq-mock serve` in a new Python process


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    """`lsq-mock serve --port 0 ARGS` in the background, as a CI step starts it; stopped with
    SIGTERM (then killed) afterwards."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    environment[CA_DIR_ENV] = os.environ[CA_DIR_ENV]
    process = subprocess.Popen(
        [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", *args],
        cwd=ROOT,
        env={**environment, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def wait(*args: str) -> subprocess.CompletedProcess[str]:
    """`lsq-mock wait ARGS` as a CI step runs it."""
    return subprocess.run(
        [sys.executable, "-m", "lsq_mock", "wait", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS + 10,
    )


def busy_port() -> socket.socket:
    """A listening socket on a loopback port: what another server holds."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder


def test_the_ready_file_names_the_server_that_answers_health(tmp_path: Path) -> None:
    ready_file = tmp_path / "lsq-mock.json"
    with serving("--ready-file", str(ready_file)) as process:
        waited = wait(str(ready_file), "--pid", str(process.pid))
        assert waited.returncode == 0, waited.stderr
        data = json.loads(ready_file.read_text())
        health = requests.get(data["url"] + "/_mock/health", timeout=5).json()

        assert shipped_schemas().is_valid("ready-file", data)
        assert waited.stdout.strip() == data["url"]
        assert data["pid"] == process.pid
        assert health == {"status": "ok", "instance_id": data["instance_id"]}
        assert (data["access_key"], data["secret_key"]) == (DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY)
        assert data["proxy_url"] is None and data["ca_bundle"] is None
        assert stat.S_IMODE(ready_file.stat().st_mode) == 0o600  # it holds the keys
        process.send_signal(signal.SIGTERM)
        process.wait(10)

    assert process.returncode == 0
    assert not ready_file.exists()
    assert [path.name for path in tmp_path.iterdir()] == []  # no temporary file left either


def test_an_earlier_run_s_file_is_removed_before_the_server_binds(tmp_path: Path) -> None:
    ready_file = tmp_path / "lsq-mock.json"
    ready_file.write_text("left by an earlier run")
    with busy_port() as holder:
        port = str(holder.getsockname()[1])
        with serving("--ready-file", str(ready_file), "--port", port) as process:
            process.wait(STARTUP_SECONDS)

    assert process.returncode == 1
    assert not ready_file.exists()


@pytest.mark.parametrize(
    "where",
    ["werkzeug", "waitress", "granian", "proxy"],
)
def test_serve_exits_at_once_when_it_cannot_listen(tmp_path: Path, where: str) -> None:
    ready_file = tmp_path / "lsq-mock.json"
    with busy_port() as holder:
        port = str(holder.getsockname()[1])
        args = ["--proxy-port", port] if where == "proxy" else ["--server", where, "--port", port]
        with serving("--ready-file", str(ready_file), *args) as process:
            waited = wait(str(ready_file), "--pid", str(process.pid), "--timeout", "30")
            _, errors = process.communicate(timeout=STARTUP_SECONDS)

    assert process.returncode == 1
    assert errors.splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port}: the port is already in use"
    ]
    assert not ready_file.exists()
    assert waited.returncode == 1
    assert f"lsq-mock serve (pid {process.pid}) exited before it was ready" in waited.stderr


def test_a_ready_file_that_cannot_be_written_stops_the_server(tmp_path: Path) -> None:
    ready_file = tmp_path / "no-such-folder" / "lsq-mock.json"
    with serving("--ready-file", str(ready_file)) as process:
        _, errors = process.communicate(timeout=STARTUP_SECONDS)

    assert process.returncode == 1
    assert f"Error: cannot write the ready file {ready_file}: No such file or directory" in errors


def test_wait_never_takes_another_server_on_the_port_for_the_one_started(
    running: Running, tmp_path: Path
) -> None:
    """The file names a live process and the URL of a server that is up, but that server is
    another emulator: its instance id differs."""
    ready_file = tmp_path / "lsq-mock.json"
    write_ready_file(ready_file, _ready(running.url, pid=os.getpid(), instance_id="0" * 32))

    waited = wait(str(ready_file), "--timeout", "0.5")

    assert waited.returncode == 1
    assert f"{running.url} is answered by another server" in waited.stderr
    assert waited.stdout == ""


def test_wait_never_takes_an_earlier_run_s_file(running: Running, tmp_path: Path) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    ready_file = tmp_path / "lsq-mock.json"
    instance = running.emulator.instance_id
    write_ready_file(ready_file, _ready(running.url, pid=int(ended.stdout), instance_id=instance))

    stale = wait(str(ready_file), "--timeout", "0.3")
    not_ours = wait(str(ready_file), "--timeout", "0.3", "--pid", str(os.getpid()))

    assert stale.returncode == 1
    assert f"names process {ended.stdout.strip()}, which has ended" in stale.stderr
    assert not_ours.returncode == 1
    assert f"names process {ended.stdout.strip()}, not {os.getpid()}" in not_ours.stderr


def test_wait_env_sets_what_the_next_steps_need(tmp_path: Path, ca_dir: Path) -> None:
    ready_file = tmp_path / "lsq-mock.json"
    with serving("--https", "--proxy-port", "0", "--ready-file", str(ready_file)) as process:
        exported = wait(str(ready_file), "--pid", str(process.pid), "--env")
        assert exported.returncode == 0, exported.stderr
        printed = subprocess.run(
            ["bash", "-c", 'eval "$1"; env', "-", exported.stdout],
            env={"PATH": os.environ["PATH"]},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        variables = dict(line.split("=", 1) for line in printed.splitlines() if "=" in line)
        ready = Ready.from_json(ready_file.read_text())
        dotenv = wait(str(ready_file), "--dotenv").stdout.splitlines()

    assert variables["LSQ_MOCK_URL"] == ready.url and ready.url.startswith("https://")
    assert variables["LSQ_MOCK_ACCESS_KEY"] == DEFAULT_ACCESS_KEY
    assert variables[CA_DIR_ENV] == str(ca_dir)
    assert all(variables[name] == str(ca_dir / "ca.pem") for name in CA_ENV_VARS)
    assert all(variables[name] == ready.proxy_url for name in PROXY_ENV_VARS)
    assert variables["NO_PROXY"] == variables["no_proxy"] == "localhost,127.0.0.1,::1"
    assert dotenv == [f"{name}={value}" for name, value in ready.environment().items()]
    assert {line.split("=", 1)[0] for line in dotenv} == set(variables) - {
        "PATH",
        "PWD",
        "SHLVL",
        "_",
    }


def test_wait_trusts_the_ca_the_ready_file_names(tmp_path: Path) -> None:
    """`wait` reaches an --https server whose CA is elsewhere than its own default."""
    ready_file = tmp_path / "lsq-mock.json"
    other_ca = tmp_path / "other-ca"
    with serving(
        "--https", "--ready-file", str(ready_file), env={CA_DIR_ENV: str(other_ca)}
    ) as process:
        waited = wait(str(ready_file), "--pid", str(process.pid))

    assert waited.returncode == 0, waited.stderr
    assert waited.stdout.startswith("https://127.0.0.1:")


def test_wait_gives_up_after_its_timeout_saying_why(tmp_path: Path) -> None:
    never = tmp_path / "never.json"
    waited = wait(str(never), "--timeout", "0.5")

    assert waited.returncode == 1
    assert (
        waited.stderr
        == f"Error: lsq-mock serve was not ready after 0.5 s: no ready file {never} yet\n"
    )


def test_env_and_dotenv_together_are_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["wait", str(tmp_path / "r.json"), "--env", "--dotenv"])

    assert result.exit_code == 2
    assert "give --env or --dotenv, not both" in result.output


def _ready(url: str, *, pid: int, instance_id: str) -> Ready:
    return Ready(url, pid, instance_id, None, None, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY)
