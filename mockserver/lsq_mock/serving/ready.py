"""The ready file of `lsq-mock serve --ready-file`: where a started server says it listens, and
the wait for it that a CI job does, which never mistakes another server on that port for it.

The file (`schemas/ready-file.schema.json`) is written once the server listens, in one rename, so
a reader sees no file or a whole one; it names the server's process and the random instance id
that `/_mock/health` answers, so a file left by an earlier run, or another server on the port,
is never taken for this one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from flask import Flask

from lsq_mock.admin_client import AdminClient, AdminError
from lsq_mock.api.app import emulator_of
from lsq_mock.serving.server import ServingThread
from lsq_mock.settings import ACCESS_KEY_ENV, SECRET_KEY_ENV, URL_ENV
from lsq_mock.tls.trust import CA_DIR_ENV, ca_environment, proxy_environment

POLL_SECONDS = 0.1
"""How often the wait looks at the file and the server again."""
HEALTH_SECONDS = 2.0
"""How long one health probe may take (a server that is up answers at once)."""


class NotReady(RuntimeError):
    """The server did not come up: its process ended, or the time ran out; says why."""


@dataclass(frozen=True)
class Ready:
    """What a started `lsq-mock serve` tells a CI job: where it listens and how to call it."""

    url: str
    pid: int
    instance_id: str
    proxy_url: str | None
    ca_bundle: str | None
    """The local CA's certificate, when the server or its proxy serves TLS."""
    access_key: str
    secret_key: str

    def to_json(self) -> str:
        """The file's text."""
        return json.dumps(asdict(self), indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Ready:
        """A ready file's content; ValueError if it is not one."""
        try:
            data = json.loads(text)
            ready = cls(**data)
        except (TypeError, ValueError) as error:
            raise ValueError(f"not an lsq-mock ready file: {error}") from None
        if not isinstance(ready.pid, int) or not isinstance(ready.instance_id, str):
            raise ValueError("not an lsq-mock ready file: pid or instance_id of the wrong type")
        return ready

    @property
    def ca_dir(self) -> Path | None:
        """The local CA's directory (serve's --ca-dir), when the server uses it."""
        return Path(self.ca_bundle).parent if self.ca_bundle else None

    def environment(self) -> dict[str, str]:
        """What the next steps of a job need: the base URL (which lsq-mock's own commands read
        too), the keys, and, with TLS or the proxy, the CA and proxy variables of clients."""
        found = {URL_ENV: self.url, ACCESS_KEY_ENV: self.access_key}
        found[SECRET_KEY_ENV] = self.secret_key
        if self.ca_bundle:
            found[CA_DIR_ENV] = str(self.ca_dir)
            found |= ca_environment(Path(self.ca_bundle))
        if self.proxy_url:
            found |= proxy_environment(self.proxy_url)
        return found


def served_ready(app: Flask, server: ServingThread, proxy: ServingThread | None) -> Ready:
    """The ready file of `server` serving `app` in this process (`proxy`: its --proxy-port)."""
    ca_bundle = server.ca_bundle or (proxy.ca_bundle if proxy is not None else None)
    emulator = emulator_of(app)
    return Ready(
        url=server.url,
        pid=os.getpid(),
        instance_id=emulator.instance_id,
        proxy_url=proxy.url if proxy is not None else None,
        ca_bundle=str(ca_bundle) if ca_bundle else None,
        access_key=emulator.settings.primary.access_key,
        secret_key=emulator.settings.primary.secret_key,
    )


def write_ready_file(path: Path, ready: Ready) -> None:
    """Write `ready` to `path` whole: a temporary file beside it (private to the user, since it
    holds the keys), renamed over it."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(ready.to_json())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_ready_file(path: Path) -> Ready | None:
    """The ready file at `path`, or None while there is none; ValueError if it is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Ready.from_json(text)


def remove_ready_file(path: Path, instance_id: str) -> None:
    """Remove the ready file if it still names this instance (a later server's stays)."""
    with contextlib.suppress(OSError, ValueError):
        ready = read_ready_file(path)
        if ready is not None and ready.instance_id == instance_id:
            path.unlink()


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, exited but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        # /proc/PID/stat: "pid (name) state ...", the name possibly holding spaces or parens.
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def wait_until_ready(path: Path, *, timeout: float, pid: int | None = None) -> Ready:
    """The server of the ready file at `path`, once its process runs and its `/_mock/health`
    answers its instance id; NotReady when process `pid` (the `serve` started) ends first, or
    when `timeout` seconds pass, with the last reason it was not ready."""
    deadline = time.monotonic() + timeout
    while True:
        if pid is not None and not process_alive(pid):
            raise NotReady(f"lsq-mock serve (pid {pid}) exited before it was ready")
        ready, reason = _ready_or_why_not(path, pid)
        if ready is not None:
            return ready
        if time.monotonic() >= deadline:
            raise NotReady(f"lsq-mock serve was not ready after {timeout:g} s: {reason}")
        time.sleep(POLL_SECONDS)


def _ready_or_why_not(path: Path, pid: int | None) -> tuple[Ready | None, str]:
    """The server of `path` if it is the one to talk to now, else why not (yet)."""
    try:
        ready = read_ready_file(path)
    except (OSError, ValueError) as error:
        return None, f"{path}: {error}"
    if ready is None:
        return None, f"no ready file {path} yet"
    if pid is not None and ready.pid != pid:
        return None, f"{path} names process {ready.pid}, not {pid} (left by an earlier run?)"
    if not process_alive(ready.pid):
        return None, f"{path} names process {ready.pid}, which has ended (an earlier run's?)"
    try:
        answer = AdminClient(ready.url, ca_dir=ready.ca_dir, timeout=HEALTH_SECONDS).health()
    except AdminError as error:
        return None, str(error)
    if answer.get("instance_id") != ready.instance_id:
        return None, f"{ready.url} is answered by another server, not the one of {path}"
    return ready, ""
