"""Replay every attack of issue 12 against `lsq-mock serve` under each server, and fail on any
unexpected 5xx, hang, error body that is not the JSON envelope, or RSS past the budget.

    python benchmarks/abuse.py                          # every server, about three minutes
    python benchmarks/abuse.py --servers waitress --bodies 200

Per server: malformed requests and chunks (docs/transport-errors.md), chunked bodies around
the size limit, NaN / Infinity / 1e400 / lone surrogates / deep nesting on every admin route
and lone surrogates on /v2/, a body of 42,500 bad values, the hostile bodies of issue 24 (a
million bad values, tens of thousands of rows, a hundred thousand unknown keys: each just under
2 MiB, timed, RSS sampled; then all of them from four clients at once), hundreds of maximal
bodies with RSS sampled, the clock moved back and forth under a rate limit, secrets in
--log-requests, control characters in `lsq-mock check --junit` and `lsq-mock requests`, a
webhook that never answers. Capacity: /_mock/health and a new API client must be answered
within two seconds beside 2,000 idle connections (RSS printed), clients stalled mid-body, and
API calls sleeping on latency faults. The attacks themselves are written once, in tests/support/.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_memory import CLIENTS, IN_FLIGHT_MIB_PER_CLIENT, maximal_bodies, parse_size, rss_mib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from abuse_bodies import check_hostile_bodies  # noqa: E402
from abuse_capacity import check_capacity  # noqa: E402
from abuse_cli import run_cli, secrets  # noqa: E402

from lsq_mock.api.guard import CLIENT_HEADER  # noqa: E402
from lsq_mock.contract.violations import MAX_COUNTED, MAX_VIOLATIONS  # noqa: E402
from lsq_mock.serving.wsgi_servers import SERVER_NAMES  # noqa: E402
from support.attacks import (  # noqa: E402  (tests/ is put on the path just above)
    ADMIN_BODIES,
    ADMIN_ROUTES,
    CHUNKED,
    LIMIT,
    SURROGATE_BODIES,
    TRANSPORT_ATTACKS,
    chunked,
)
from support.calls import JSON  # noqa: E402
from support.paths import BULK_UPDATE, CREATE  # noqa: E402
from support.seeded import DEMO, LEAD  # noqa: E402
from support.served import QUERY, SERVERS, Served, served  # noqa: E402
from support.stalling import Stalling  # noqa: E402

JOURNAL_BYTES = "16MiB"
"""The budget the abuse runs under: small, so that a few hundred bodies fill it."""
PROMPT_SECONDS = 1.0
"""How soon a malformed chunk must be answered."""
HANG_SECONDS = 10.0
"""A call unanswered this long is a hang."""
ADMIN_CLIENT = {CLIENT_HEADER: "abuse"}
"""What a state change of the admin API without a JSON body must carry (the guard's rule)."""
NASTY_PATH = "/v2/%00%1B[31mred%7F"


class Abuse:
    """One server under attack, and what went wrong."""

    def __init__(self, server: Served, name: str, bodies: int):
        self.server = server
        self.name = name
        self.bodies = bodies
        self.address = server.address
        self.problems: list[str] = []
        self.notes: list[str] = []

    # --- calls, each checked --------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = HANG_SECONDS,
        expect: int | None = None,
        may_close: bool = False,
    ) -> tuple[int, Any]:
        """Make a call; a hang, an unexpected 5xx or an error that is not the envelope is a
        problem, and so is a closed connection unless `may_close`. The status and the JSON
        answer (None if it did not come)."""
        connection = http.client.HTTPConnection(*self.address, timeout=timeout)
        data = body.encode() if isinstance(body, str) else body
        try:
            connection.request(method, path, data, headers or {})
            answer = connection.getresponse()
            status, raw = answer.status, answer.read()
            content_type = answer.getheader("Content-Type", "")
        except TimeoutError:
            self.problems.append(f"hang: {method} {path[:60]} unanswered in {timeout:g} s")
            return 0, None
        except (OSError, http.client.HTTPException) as error:
            if not may_close:
                self.problems.append(f"{method} {path[:60]}: {error!r}")
            return 0, None
        finally:
            connection.close()
        return status, self.checked(f"{method} {path[:60]}", status, content_type, raw, expect)

    def raw(self, name: str, request: bytes, timeout: float = HANG_SECONDS) -> tuple[int, Any]:
        """Send a request written by hand; the status and the JSON answer, checked as `call`."""
        try:
            answer = self.server.raw(request, timeout=timeout)
        except TimeoutError:
            self.problems.append(f"hang: {name} unanswered in {timeout:g} s")
            return 0, None
        head, _, body = answer.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        if not status_line.startswith("HTTP/1."):
            self.problems.append(f"{name}: no status line: {answer[:80]!r}")
            return 0, None
        headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)}
        status = int(status_line.split()[1])
        return status, self.checked(name, status, headers.get("content-type", ""), body, None)

    def checked(
        self, what: str, status: int, content_type: str, raw: bytes, expect: int | None
    ) -> Any:
        try:
            answer = json.loads(raw, parse_constant=_refuse) if raw else None
        except ValueError:
            answer = None
        if expect is not None and status != expect:
            self.problems.append(f"{what}: {status}, expected {expect}: {raw[:150]!r}")
        expected_5xx = status == expect or _injected(answer) or status in (501, 505)
        if status >= 500 and not expected_5xx:
            self.problems.append(f"unexpected {status} for {what}: {raw[:150]!r}")
        if status >= 400 and not (
            content_type.startswith("application/json")
            and isinstance(answer, dict)
            and answer.get("Status") == "Error"
        ):
            self.problems.append(f"{what}: {status} without the envelope: {raw[:150]!r}")
        return answer

    def admin_answers_strict_json(self) -> None:
        """Every reading admin endpoint answers standard JSON (no NaN, no lone surrogate)."""
        for path in ("config", "faults", "events", "activities", "clock"):
            _, answer = self.call("GET", f"/_mock/{path}", expect=200)
            with suppress(TypeError, ValueError, UnicodeEncodeError):
                json.dumps(answer, ensure_ascii=False, allow_nan=False).encode()
                continue
            self.problems.append(f"GET /_mock/{path} answered what is not standard JSON")

    # --- the attacks ------------------------------------------------------------------------

    def transport(self) -> None:
        """Every malformed request: the envelope and status the server is documented to give;
        a malformed chunk within PROMPT_SECONDS. granian answers what it refuses itself with a
        bare status (docs/transport-errors.md; tests/test_granian.py holds it): not replayed."""
        if self.name not in SERVERS:
            self.notes.append("transport: granian answers malformed requests with a bare status")
            return
        for name, (request, expected) in TRANSPORT_ATTACKS.items():
            started = time.monotonic()
            status, answer = self.raw(name, request.encode("latin-1"))
            took = time.monotonic() - started
            want, fragment = expected[self.name]
            if status and (status != want or fragment not in str(answer)):
                self.problems.append(f"{name}: {status} {answer}, expected {want} {fragment!r}")
            if name.startswith("chunk") and took > PROMPT_SECONDS:
                self.problems.append(f"{name}: answered in {took:.2f} s, not under a second")

    def chunked_limit(self) -> None:
        """A chunked body at the limit is read whole; one byte over is 413, never cut short."""
        for size, want in ((LIMIT, 400), (LIMIT + 1, 413), (LIMIT * 3 // 2, 413)):
            body = b"[]" + b" " * (size - 2)
            status, _ = self.raw(f"chunked {size} bytes", CHUNKED.encode() + chunked(body))
            if status and status != want:
                self.problems.append(f"chunked body of {size} bytes: {status}, expected {want}")

    def strict_json(self) -> None:
        """What Python's json lets through is a 400 on every admin route and on /v2/."""
        for method, route in ADMIN_ROUTES:
            for name, (body, fragment) in ADMIN_BODIES.items():
                status, answer = self.call(method, route, body, JSON, expect=400)
                if status == 400 and fragment not in str(answer):
                    self.problems.append(f"{name} on {route}: {answer}")
        for path, body in SURROGATE_BODIES.values():
            self.call("POST", f"{path}?{QUERY}", body, JSON, expect=400)
        self.admin_answers_strict_json()

    def violations(self) -> None:
        """42,500 bad values: answered, journaled with at most 100 violations, the rest counted
        up to the cap, which the journal says was reached."""
        fields = [{"SchemaName": "mx_Custom_2", "Value": n} for n in range(1700)]
        rows = [{"ProspectActivityId": DEMO, "Fields": fields} for _ in range(25)]
        self.call("DELETE", "/_mock/requests", headers=ADMIN_CLIENT, expect=200)
        started = time.monotonic()
        self.call("POST", f"{BULK_UPDATE}?{QUERY}", json.dumps(rows), JSON, expect=200)
        took = time.monotonic() - started
        _, journal = self.call("GET", "/_mock/requests", expect=200)
        entry = (journal or {"requests": [{}]})["requests"][-1]
        described, omitted = len(entry.get("contract", [])), entry.get("contract_omitted", 0)
        if described > MAX_VIOLATIONS or omitted < MAX_COUNTED:
            self.problems.append(f"42,500 bad values: {described} described, {omitted} omitted")
        if not entry.get("contract_omitted_capped"):
            self.problems.append("42,500 bad values: the journal does not say it stopped counting")
        self.notes.append(
            f"42,500 bad values answered in {took:.2f} s, {described} described, more than "
            f"{omitted} omitted"
        )

    def hostile(self) -> None:
        """Issue 24's hostile bodies (abuse_bodies.py)."""
        check_hostile_bodies(self)

    def memory(self) -> None:
        """Maximal bodies until the journal is full and past; RSS within its bound."""
        pid = self.server.process.pid
        start = rss_mib(pid)
        bound = start + 2 * parse_size(JOURNAL_BYTES) / 1024**2
        bound += CLIENTS * IN_FLIGHT_MIB_PER_CLIENT
        kinds = maximal_bodies()
        expected = {"note": 200, "chunked-note": 200, "not-json": 400, "unknown-path": 404}
        peak = start
        for number in range(self.bodies):
            name, path, headers, body = kinds[number % len(kinds)]
            if headers.get("chunked"):
                status, _ = self.raw(name, _chunked_request(path, body))
                if status and status != expected[name]:
                    self.problems.append(f"{name}: {status}, expected {expected[name]}")
            else:
                # granian answers a body the app leaves unread (an unknown path) and closes the
                # connection: a client still sending it sees the close (docs/transport-errors.md).
                unread = self.name == "granian" and name == "unknown-path"
                self.call("POST", path, body, headers, expect=expected[name], may_close=unread)
            peak = max(peak, rss_mib(pid))
        _, config = self.call("GET", "/_mock/config", expect=200)
        self.notes.append(
            f"{self.bodies} maximal bodies: RSS {start:.0f} MiB before, {peak:.0f} MiB at most "
            f"(bound {bound:.0f}: that, journal_bytes {(config or {}).get('journal_bytes')} x 2 "
            "and the requests in flight)"
        )
        if peak > bound:
            self.problems.append(f"RSS {peak:.0f} MiB past its bound of {bound:.0f} MiB")

    def clock(self) -> None:
        """The clock moved back and forth never jams a rate limit of 1 call in 5 s."""
        self.call("PATCH", "/_mock/config", '{"rate_limit": {"calls": 1, "seconds": 5}}', JSON)
        one = json.dumps({"RelatedProspectId": LEAD, "ActivityEvent": 203})
        now = datetime.now(UTC).replace(tzinfo=None)
        steps: list[tuple[dict[str, Any] | None, int]] = [
            (None, 200),
            ({"set": f"{now - timedelta(hours=1):%Y-%m-%d %H:%M:%S}"}, 200),
            (None, 429),
            ({"advance": 3600}, 200),
            ({"advance": -10}, 200),
            ({"real": True}, 200),  # the call 10 s back has left the window
        ]
        for move, want in steps:
            if move is not None:
                self.call("POST", "/_mock/clock", json.dumps(move), JSON, expect=200)
            status, _ = self.call("POST", f"{CREATE}?{QUERY}", one, JSON)
            if status != want:
                self.problems.append(f"clock moved {move}: the next call {status}, not {want}")
        self.call("PATCH", "/_mock/config", '{"rate_limit": {"calls": 0, "seconds": 5}}', JSON)

    def outputs(self) -> None:
        """A path of control characters leaves `lsq-mock check --junit` and `requests` sound."""
        self.call("GET", f"{NASTY_PATH}?{QUERY}", expect=404)
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "lsq.xml"
            check = run_cli("check", "--url", self.server.url, "--junit", str(report))
            try:
                ET.parse(report)
            except (ET.ParseError, OSError) as error:
                self.problems.append(f"lsq-mock check --junit wrote no well-formed XML: {error}")
        shown = run_cli("requests", "--url", self.server.url).stdout + check.stdout
        if any(char in shown for char in "\x00\x1b\x7f"):
            self.problems.append("lsq-mock requests or check printed raw control characters")

    def webhook(self) -> None:
        """A receiver that never answers: events past the queue are dropped and counted, and
        clearing the URL answers at once and hangs up on the receiver."""
        receiver = Stalling()
        try:
            self.call("PATCH", "/_mock/config", json.dumps({"webhook_url": receiver.url}), JSON)
            rows = json.dumps(
                [{"ProspectActivityId": DEMO, "ActivityNote": f"n{n}"} for n in range(25)]
            )
            for _ in range(42):
                self.call("POST", f"{BULK_UPDATE}?{QUERY}", rows, JSON, expect=200)
            _, events = self.call("GET", "/_mock/events", expect=200)
            status = (events or {}).get("webhook") or {}
            if not status.get("dropped"):
                self.problems.append(f"webhook: a full queue dropped nothing: {status}")
            self.call("PATCH", "/_mock/config", '{"webhook_url": null}', JSON, timeout=3)
            if not receiver.hung_up.wait(3):
                self.problems.append("webhook: the old sender did not stop when the URL changed")
            self.notes.append(
                f"webhook to a silent receiver: {status.get('pending')} pending, "
                f"{status.get('dropped')} dropped"
            )
        finally:
            receiver.close()

    def capacity(self) -> None:
        """/_mock/health beside idle, stalled and sleeping clients (abuse_capacity.py)."""
        check_capacity(self)


@contextmanager
def abused(server: str, bodies: int) -> Iterator[Abuse]:
    args = ("--server", server, "--seed", "default", "--rate-limit", "0")
    with served(*args, "--bulk-rate-limit", "0", "--journal-bytes", JOURNAL_BYTES) as handle:
        yield Abuse(handle, server, bodies)


def _chunked_request(path: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + chunked(body)


def _refuse(name: str) -> Any:
    raise ValueError(f"{name} in an answer")


def _injected(answer: Any) -> bool:
    message = answer.get("ExceptionMessage", "") if isinstance(answer, dict) else ""
    return str(message).startswith("Injected fault")


ATTACKS = [
    "secrets",
    "transport",
    "chunked_limit",
    "strict_json",
    "violations",
    "hostile",
    "memory",
    "clock",
    "outputs",
    "webhook",
    "capacity",
]
"""The attacks in the order they run (`secrets` starts servers of its own)."""


def main() -> int:
    """Run every attack under each server; print what was found; 1 if anything went wrong."""
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--servers", nargs="+", choices=SERVER_NAMES, default=list(SERVER_NAMES))
    parser.add_argument("--bodies", type=int, default=400, help="maximal bodies for the RSS run")
    parser.add_argument("--attacks", nargs="+", choices=ATTACKS, default=ATTACKS, help="(all)")
    options = parser.parse_args()
    failed = False
    for server in options.servers:
        started = time.monotonic()
        problems = secrets(server) if "secrets" in options.attacks else []
        notes: list[str] = []
        with abused(server, options.bodies) as abuse:
            attacks: list[Callable[[], None]] = [
                getattr(abuse, name) for name in ATTACKS[1:] if name in options.attacks
            ]
            for attack in attacks:
                before = len(abuse.problems)
                attack()
                found = len(abuse.problems) - before
                print(
                    f"{server}: {attack.__name__}: {'ok' if not found else f'{found} problem(s)'}"
                )
            problems += abuse.problems
            notes += abuse.notes
            if abuse.server.process.poll() is not None:
                problems.append("the server died")
        print(f"{server}: {time.monotonic() - started:.0f} s")
        for note in notes:
            print(f"  {note}")
        for problem in problems[:30]:
            print(f"  PROBLEM {problem}")
        failed |= bool(problems)
    print("abuse: FAILED" if failed else "abuse: every attack was answered as it should be")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
