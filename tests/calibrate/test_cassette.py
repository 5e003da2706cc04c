"""The cassette format: versioned JSON Lines, written a whole line at a time, readable by its
owner only, read back with the line of any problem named."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path

import pytest

from lsq_mock.calibrate.cassette import (
    FORMAT,
    VERSION,
    CassetteError,
    CassetteWriter,
    decode_body,
    encode_body,
    header_line,
    read_cassette,
)

REQUEST = {"method": "GET", "path": "/v2/X", "query": "a=1", "headers": [["A", "b"]], "body": None}
RESPONSE = {"status": 200, "reason": "OK", "headers": [["Content-Type", "application/json"]]}


def exchange(seq: int, at: str = "2026-12-07T10:00:00.000000Z") -> dict[str, object]:
    return {
        "kind": "exchange",
        "seq": seq,
        "at": at,
        "elapsed_ms": 1.5,
        "request": REQUEST,
        "response": {**RESPONSE, "body": encode_body(b'{"ok": true}')},
    }


def test_a_written_cassette_reads_back_in_arrival_order(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    writer = CassetteWriter(
        path, header_line("https://api.leadsquared.com", writes_forwarded=False, version="9")
    )
    writer.write(exchange(2, "2026-12-07T10:00:02.000000Z"))
    writer.write(exchange(1, "2026-12-07T10:00:01.000000Z"))
    writer.write(
        {
            "kind": "refused",
            "seq": 3,
            "at": "2026-12-07T10:00:03Z",
            "request": REQUEST,
            "reason": "no",
        }
    )
    writer.close()
    cassette = read_cassette(path)
    assert cassette.header["format"] == FORMAT and cassette.header["version"] == VERSION
    assert [entry.seq for entry in cassette.entries] == [1, 2, 3]
    assert [entry.seq for entry in cassette.exchanges] == [1, 2]
    first = cassette.exchanges[0]
    assert first.request.query == "a=1" and first.request.header("a") == "b"
    assert first.response is not None and json.loads(first.response.body) == {"ok": True}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_bodies_that_are_not_utf8_round_trip_as_base64() -> None:
    data = b"\xff\x00binary"
    assert encode_body(data) == {"base64": "/wBiaW5hcnk="}
    assert decode_body(encode_body(data)) == data
    assert encode_body(b"") is None and decode_body(None) == b""


def test_a_cassette_is_never_overwritten_and_append_adds_to_it(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    CassetteWriter(
        path, header_line("http://127.0.0.1:1", writes_forwarded=True, version="9")
    ).close()
    with pytest.raises(FileExistsError):
        CassetteWriter(path, header_line("http://127.0.0.1:1", writes_forwarded=True, version="9"))
    writer = CassetteWriter(path, {}, append=True)
    writer.write(exchange(1))
    writer.close()
    assert len(read_cassette(path).exchanges) == 1


def test_an_empty_file_made_for_the_cassette_is_written_as_a_new_one(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.touch(mode=0o644)
    CassetteWriter(
        path, header_line("http://127.0.0.1:1", writes_forwarded=True, version="9")
    ).close()
    assert read_cassette(path).header["version"] == VERSION
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_concurrent_writers_never_interleave_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    writer = CassetteWriter(
        path, header_line("http://127.0.0.1:1", writes_forwarded=True, version="9")
    )
    threads = [
        threading.Thread(
            target=lambda n=n: [writer.write(exchange(n * 100 + i)) for i in range(50)]
        )
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.close()
    assert len(read_cassette(path).exchanges) == 400


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ([], "empty"),
        (["not json"], ":1: not JSON"),
        (['{"format": "other"}'], ":1: not an lsq-mock cassette"),
        ([json.dumps({"format": FORMAT, "version": 99})], ":1: cassette version 99"),
        ([json.dumps({"format": FORMAT, "version": VERSION}), "[1]"], ":2: not a JSON object"),
        (
            [json.dumps({"format": FORMAT, "version": VERSION}), '{"kind": "exchange"}'],
            ":2: not a cassette entry",
        ),
        (
            [json.dumps({"format": FORMAT, "version": VERSION}), '{"kind": "weird", "seq": 1}'],
            ":2: not a cassette entry",
        ),
    ],
)
def test_a_file_that_is_not_a_cassette_is_refused_with_its_line(
    tmp_path: Path, lines: list[str], problem: str
) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CassetteError, match=problem):
        read_cassette(path)
