"""How a cache value is laid out: `PTLC` magic, a format version byte, zlib-compressed JSON.

The cache stores opaque bytes; the runner stores JSON-able dicts (a Translation and its
verdict). Anything under one of our keys that is not exactly this layout — another program's
value, a truncated write, an older format version, a decompression bomb — decodes to `None`,
which the caller treats as a miss. Decoding never raises.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

MAGIC = b"PTLC"
VERSION = 1
HEADER = MAGIC + bytes([VERSION])
#: Largest decoded JSON accepted (a cached translation is a few KiB; this bounds a bad value).
MAX_DECODED_BYTES = 32 * 1024 * 1024


def encode_entry(obj: dict[str, Any]) -> bytes:
    """Serialise a JSON-able dict (keys sorted, so equal dicts give equal bytes).

    Raises TypeError for a non-dict or a value JSON cannot represent: that is a caller bug,
    unlike a bad value read back from the store.
    """
    if not isinstance(obj, dict):
        raise TypeError(f"cache entries are dicts, not {type(obj).__name__}")
    text = json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return HEADER + zlib.compress(text.encode("utf-8"), 6)


def decode_entry(data: bytes | bytearray | memoryview | None) -> dict[str, Any] | None:
    """The dict `encode_entry` made, or None for anything else (never raises)."""
    try:
        if data is None:
            return None
        raw = bytes(data)
        if len(raw) <= len(HEADER) or not raw.startswith(HEADER):
            return None
        inflater = zlib.decompressobj()
        text = inflater.decompress(raw[len(HEADER) :], MAX_DECODED_BYTES)
        if inflater.unconsumed_tail or not inflater.eof or inflater.unused_data:
            return None  # too large, truncated, or trailing garbage
        obj = json.loads(text.decode("utf-8"))
    except Exception:
        return None
    return obj if isinstance(obj, dict) else None


def get_entries(cache: Any, keys: list[str]) -> dict[str, dict[str, Any]]:
    """`cache.get_many` + `decode_entry`: decoded values of the keys found; bad values omitted."""
    found = cache.get_many(keys)
    out: dict[str, dict[str, Any]] = {}
    for key, data in found.items():
        obj = decode_entry(data)
        if obj is not None:
            out[key] = obj
    return out


def put_entries(cache: Any, entries: dict[str, dict[str, Any]]) -> None:
    """`encode_entry` each value, then one `cache.put_many`."""
    cache.put_many({key: encode_entry(obj) for key, obj in entries.items()})
