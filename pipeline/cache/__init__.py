"""Translation cache: content-hash keys → compressed JSON entries, in SQLite or Redis.

    cache = open_cache("redis://:pw@host:6379/0", namespace="run-config-a")
    keys = {unit.id: unit_key(unit, engine.id, options) for unit in units}
    hits = get_entries(cache, list(keys.values()))          # decoded; bad values are misses
    put_entries(cache, {keys[u.id]: entry for u, entry in fresh})

See `base` (contract and fault rules), `registry` (URLs), `keys` (what a key covers), `codec`
(value layout), `sqlite` and `redis` (backends).
"""

from pipeline.cache.base import (
    ALL_NAMESPACES,
    Cache,
    CacheBackendMissing,
    CacheStats,
    CacheUnavailable,
    NullCache,
)
from pipeline.cache.codec import decode_entry, encode_entry, get_entries, put_entries
from pipeline.cache.keys import KEY_VERSION, document_key, unit_key, unit_key_document
from pipeline.cache.registry import DEFAULT_TTL_S, open_cache, register_backend
from pipeline.cache.urls import default_sqlite_path, redact_url

__all__ = [
    "ALL_NAMESPACES",
    "DEFAULT_TTL_S",
    "KEY_VERSION",
    "Cache",
    "CacheBackendMissing",
    "CacheStats",
    "CacheUnavailable",
    "NullCache",
    "decode_entry",
    "default_sqlite_path",
    "document_key",
    "encode_entry",
    "get_entries",
    "open_cache",
    "put_entries",
    "redact_url",
    "register_backend",
    "unit_key",
    "unit_key_document",
]
