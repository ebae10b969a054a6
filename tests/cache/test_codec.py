"""The value layout: round trips, and every kind of bad bytes decoding to None."""

from __future__ import annotations

import json
import zlib

import pytest

from pipeline.cache import codec
from pipeline.cache.codec import HEADER, MAGIC, MAX_DECODED_BYTES, decode_entry, encode_entry

ENTRY = {
    "translation": {"unit_id": "r:m.py::f", "ok": True, "rust": "pub fn f() -> i64 { 1 }"},
    "verdict": {"status": "verified", "inputs_tried": 3},
    "unicode": "ünïcödé ✓",
}


def test_round_trip_and_determinism() -> None:
    data = encode_entry(ENTRY)
    assert data.startswith(MAGIC) and data[len(MAGIC)] == 1
    assert decode_entry(data) == ENTRY
    reordered = dict(reversed(list(ENTRY.items())))
    assert encode_entry(reordered) == data  # keys sorted: equal dicts, equal bytes
    assert decode_entry(memoryview(data)) == ENTRY
    assert decode_entry(bytearray(data)) == ENTRY


def test_compresses() -> None:
    big = {"rust": "let x = 1;\n" * 2000}
    assert len(encode_entry(big)) < len(json.dumps(big)) / 10


@pytest.mark.parametrize(
    "bad",
    [
        None,
        b"",
        b"PTLC",
        HEADER,
        b"garbage that is not ours",
        b"PTLC\x02" + zlib.compress(b"{}"),  # a future format version
        HEADER + b"not zlib at all",
        HEADER + zlib.compress(b"{not json"),
        HEADER + zlib.compress(b"[1, 2, 3]"),  # JSON, but not a dict
        HEADER + zlib.compress(b'"just a string"'),
        HEADER + zlib.compress(b"\xff\xfe invalid utf-8"),
        HEADER + zlib.compress(b"{}") + b"trailing",
        HEADER + zlib.compress(json.dumps(ENTRY).encode())[:-4],  # truncated write
        json.dumps(ENTRY).encode(),  # plain JSON from some other tool
    ],
)
def test_bad_bytes_decode_to_none(bad: bytes | None) -> None:
    assert decode_entry(bad) is None


def test_decompression_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_DECODED_BYTES >= 1 << 20  # real entries are KiBs; the bound is far above
    monkeypatch.setattr(codec, "MAX_DECODED_BYTES", 1 << 20)  # keep the test fast
    bomb = HEADER + zlib.compress(b'{"a":"' + b"x" * (1 << 20) + b'"}', 9)
    assert len(bomb) < 5_000
    assert decode_entry(bomb) is None
    fits = HEADER + zlib.compress(b'{"a":"' + b"x" * 1000 + b'"}')
    assert decode_entry(fits) == {"a": "x" * 1000}


def test_encode_rejects_caller_bugs() -> None:
    with pytest.raises(TypeError):
        encode_entry(["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        encode_entry({"obj": object()})
    with pytest.raises(ValueError):
        encode_entry({"nan": float("nan")})
