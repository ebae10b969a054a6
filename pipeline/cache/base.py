"""The cache contract: the `Cache` protocol, its statistics, its errors and the no-op cache.

A cache maps string keys (see `pipeline.cache.keys.unit_key`) to opaque bytes (see
`pipeline.cache.codec`) inside a *namespace*, with a time-to-live. Backends are chosen by URL
(see `pipeline.cache.registry.open_cache`). Every backend obeys the same fault rules so that the
runner never has to guard a cache call:

- `get_many` / `put_many` never raise for backend faults (server gone, disk full, locked
  database): they count an error in `stats().errors` and behave as a miss / a dropped write.
- Objects are picklable: a copy shipped to a Dask worker re-opens its backend lazily from the
  URL there, with fresh counters (hits/misses/errors are per process copy; add `CacheStats`
  together to aggregate).
- `url`, `repr()`, `stats()` and every log line or error message carry credentials masked.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass
from typing import Protocol, runtime_checkable

#: Pass as `namespace` to `Cache.clear` to remove the entries of every Portalis namespace.
ALL_NAMESPACES = "*"

_NAMESPACE_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,128}$")


class CacheUnavailable(RuntimeError):
    """A cache that was `required` could not be opened; the message is one line, no secrets."""


class CacheBackendMissing(ImportError):
    """The Python package a cache scheme needs is not installed (message says which extra)."""


def validate_namespace(namespace: str) -> str:
    """Return `namespace` if it is a safe key segment (letters, digits, `_.-`), else raise.

    Namespaces end up inside Redis key patterns (`SCAN MATCH portalis:<ns>:*`), so glob
    characters and `:` are refused rather than escaped.
    """
    if not isinstance(namespace, str) or not _NAMESPACE_RE.match(namespace):
        raise ValueError(
            f"invalid cache namespace {namespace!r}: use 1-128 letters, digits, '_', '.' or '-'"
        )
    return namespace


@dataclass(frozen=True, slots=True)
class CacheStats:
    """A snapshot of one cache namespace.

    `entries` and `bytes` describe what the backend holds now (live entries only, values'
    sizes); `hits`, `misses`, `writes` and `errors` count this process's calls on this cache
    object since it was opened (or unpickled). `last_error` is the most recent fault, redacted.
    """

    backend: str
    url: str  # redacted
    namespace: str
    entries: int = 0
    bytes: int = 0
    hits: int = 0
    misses: int = 0
    writes: int = 0
    errors: int = 0
    last_error: str = ""

    @property
    def hit_rate(self) -> float:
        looked_up = self.hits + self.misses
        return self.hits / looked_up if looked_up else 0.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __add__(self, other: CacheStats) -> CacheStats:
        """Aggregate the counters of copies of one cache (e.g. returned by Dask workers).

        `entries`/`bytes` are a property of the shared store, not of the copies, so the larger
        snapshot is kept rather than summed.
        """
        if not isinstance(other, CacheStats):
            return NotImplemented
        return CacheStats(
            backend=self.backend,
            url=self.url,
            namespace=self.namespace,
            entries=max(self.entries, other.entries),
            bytes=max(self.bytes, other.bytes),
            hits=self.hits + other.hits,
            misses=self.misses + other.misses,
            writes=self.writes + other.writes,
            errors=self.errors + other.errors,
            last_error=other.last_error or self.last_error,
        )


@runtime_checkable
class Cache(Protocol):
    """What the runner uses. Keys are strings; values are bytes; calls never raise on faults."""

    url: str  # redacted: safe to print
    namespace: str

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        """Values of the live keys among `keys` (missing/expired keys absent); one round trip."""
        ...

    def put_many(self, items: dict[str, bytes]) -> None:
        """Store all items with the cache's TTL; one round trip."""
        ...

    def counters(self) -> CacheStats:
        """This object's hit/miss/write/error counters only (no backend query; entries and
        bytes are 0): cheap enough to call after every task."""
        ...

    def stats(self) -> CacheStats:
        """Entries/bytes of this namespace plus this object's hit/miss/write/error counters."""
        ...

    def clear(self, namespace: str | None = None) -> int:
        """Remove the entries of `namespace` (default: this cache's; `"*"`: all); return count."""
        ...

    def close(self) -> None:
        """Release connections; the object may be used again (it re-opens lazily)."""
        ...


class Counters:
    """Thread-safe hit/miss/write/error counters shared by the backends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self.errors = 0
        self.last_error = ""

    def lookup(self, hits: int, misses: int) -> None:
        with self._lock:
            self.hits += hits
            self.misses += misses

    def wrote(self, n: int) -> None:
        with self._lock:
            self.writes += n

    def error(self, message: str) -> None:
        with self._lock:
            self.errors += 1
            self.last_error = message

    def snapshot(
        self, backend: str, url: str, namespace: str, entries: int, size: int
    ) -> CacheStats:
        with self._lock:
            return CacheStats(
                backend=backend,
                url=url,
                namespace=namespace,
                entries=entries,
                bytes=size,
                hits=self.hits,
                misses=self.misses,
                writes=self.writes,
                errors=self.errors,
                last_error=self.last_error,
            )


class NullCache:
    """The cache of `--no-cache` (`none://`): stores nothing, every lookup misses, no errors."""

    backend = "none"

    def __init__(
        self,
        url: str | None = "none://",
        namespace: str = "default",
        ttl_s: float | None = None,
        required: bool = False,
        **_: object,
    ) -> None:
        self.url = "none://"
        self.namespace = validate_namespace(namespace)
        self._counters = Counters()

    def __repr__(self) -> str:
        return f"NullCache(namespace={self.namespace!r})"

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (NullCache, (self.url, self.namespace))

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        self._counters.lookup(0, len(keys))
        return {}

    def put_many(self, items: dict[str, bytes]) -> None:
        return None

    def counters(self) -> CacheStats:
        return self._counters.snapshot(self.backend, self.url, self.namespace, 0, 0)

    def stats(self) -> CacheStats:
        return self._counters.snapshot(self.backend, self.url, self.namespace, 0, 0)

    def clear(self, namespace: str | None = None) -> int:
        return 0

    def close(self) -> None:
        return None
