"""The shared cache: Redis (or anything speaking its protocol), for multi-machine clusters.

Keys are `portalis:<namespace>:<key>`; `get_many` is one MGET, `put_many` one pipelined batch
of `SET key value PX ttl` (SETEX with millisecond resolution). `redis://` and `rediss://` (TLS)
URLs go to redis-py unchanged, so a password or ACL user (`redis://user:pw@host:6379/0`) and
redis-py's query options (`?ssl_ca_certs=/path/ca.pem`, `?socket_timeout=2`) work as documented
there. One standalone server (or a proxy in front of many): MGET across Redis Cluster slots is
not supported.

Faults never reach the caller. Sockets time out quickly (connect 0.5 s, I/O 2 s) and redis-py's
own retries are off; on a connection fault the cache counts an error, logs one warning, and
stays *down* for `retry_interval_s`, during which calls return at once as misses / dropped
writes (each counted as an error); the first call after that interval tries the server again.
A server unreachable at open starts the cache in that state (or raises `CacheUnavailable` if
`required`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from types import ModuleType
from typing import Any

from pipeline.cache.base import (
    ALL_NAMESPACES,
    CacheBackendMissing,
    CacheStats,
    CacheUnavailable,
    Counters,
    validate_namespace,
)
from pipeline.cache.urls import one_line, redact_url, scrub, url_secrets

log = logging.getLogger("pipeline.cache")

KEY_ROOT = "portalis"
_SCAN_BATCH = 1000


def import_redis() -> ModuleType:
    """The redis-py package, or an error that says how to install it."""
    try:
        import redis
    except ImportError:
        raise CacheBackendMissing(
            "redis:// caches need the 'redis' package: pip install 'portalis[redis]'"
        ) from None
    return redis


class _Link:
    """One process's client and health state for one server, shared by every cache object
    with the same URL and timeouts.

    A Dask task unpickles its own copy of the cache; sharing the link means one connection
    pool per worker process, and one outage is noticed, logged and waited out once per
    process rather than once per task.
    """

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key
        self.lock = threading.Lock()
        self.client: Any = None
        self.down = False
        self.down_until = 0.0
        self.users = 0


_LINKS: dict[tuple[Any, ...], _Link] = {}
_LINKS_LOCK = threading.Lock()


def _acquire(key: tuple[Any, ...]) -> _Link:
    with _LINKS_LOCK:
        link = _LINKS.get(key)
        if link is None:
            link = _LINKS[key] = _Link(key)
        link.users += 1
        return link


def _release(link: _Link) -> None:
    with _LINKS_LOCK:
        link.users -= 1
        if link.users > 0:
            return
        if _LINKS.get(link.key) is link:
            del _LINKS[link.key]
    with link.lock:
        client, link.client = link.client, None
    if client is not None:
        with contextlib.suppress(Exception):  # closing a dead connection is not news
            client.close()


class RedisCache:
    """`Cache` over a Redis server (see the module docstring)."""

    backend = "redis"

    def __init__(
        self,
        url: str,
        namespace: str = "default",
        ttl_s: float | None = 7 * 24 * 3600,
        required: bool = False,
        *,
        socket_timeout_s: float = 2.0,
        connect_timeout_s: float = 0.5,
        retry_interval_s: float = 5.0,
        probe: bool = True,
    ) -> None:
        self._redis = import_redis()
        self._secret_url = url
        self._secrets = url_secrets(url)
        self.url = redact_url(url)
        self.namespace = validate_namespace(namespace)
        self.prefix = f"{KEY_ROOT}:{self.namespace}:"
        self.ttl_s = ttl_s if ttl_s and ttl_s > 0 else None
        self.socket_timeout_s = socket_timeout_s
        self.connect_timeout_s = connect_timeout_s
        self.retry_interval_s = retry_interval_s
        self._link_ref: _Link | None = None
        self._counters = Counters()
        if probe:  # a deliberate open always asks the server, whatever the shared state says
            try:
                self._client().ping()
            except Exception as exc:
                message = f"Redis cache unavailable at {self.url}: {self._describe(exc)}"
                if required:
                    self.close()
                    raise CacheUnavailable(message) from None
                self._went_down(message)
            else:
                self._came_up()

    # -- plumbing ---------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"RedisCache(url={self.url!r}, namespace={self.namespace!r})"

    def __getstate__(self) -> dict[str, Any]:
        # The real URL travels (the worker must authenticate); it is never printed.
        return {
            "url": self._secret_url,
            "namespace": self.namespace,
            "ttl_s": self.ttl_s,
            "socket_timeout_s": self.socket_timeout_s,
            "connect_timeout_s": self.connect_timeout_s,
            "retry_interval_s": self.retry_interval_s,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        url, namespace, ttl_s = state.pop("url"), state.pop("namespace"), state.pop("ttl_s")
        # Connect lazily: unpickling in a worker must neither block nor raise.
        self.__init__(url, namespace, ttl_s, False, probe=False, **state)  # type: ignore[misc]

    def _link(self) -> _Link:
        if self._link_ref is None:
            key = (
                self._secret_url,
                self.socket_timeout_s,
                self.connect_timeout_s,
                self.retry_interval_s,
            )
            self._link_ref = _acquire(key)
        return self._link_ref

    def _client(self) -> Any:
        """The shared client (created on first use; redis-py's pool is thread- and fork-aware)."""
        link = self._link()
        with link.lock:
            if link.client is None:
                from redis.backoff import NoBackoff
                from redis.retry import Retry

                link.client = self._redis.Redis.from_url(
                    self._secret_url,
                    socket_timeout=self.socket_timeout_s,
                    socket_connect_timeout=self.connect_timeout_s,
                    retry=Retry(NoBackoff(), 0),
                    retry_on_timeout=False,
                    health_check_interval=0,
                )
            return link.client

    def _describe(self, exc: BaseException) -> str:
        """One line naming the fault, with any credential masked."""
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return one_line(scrub(text, self._secrets)).rstrip(".")

    def _is_connection_fault(self, exc: BaseException) -> bool:
        errors = self._redis.exceptions
        return isinstance(
            exc, errors.ConnectionError | errors.TimeoutError | OSError | TimeoutError
        )

    def _usable(self) -> bool:
        """False while the server is considered down; counts the skipped call as an error."""
        link = self._link()
        if not link.down or time.monotonic() >= link.down_until:
            return True
        self._counters.error(f"Redis cache down at {self.url}; call skipped")
        return False

    def _went_down(self, message: str) -> None:
        link = self._link()
        with link.lock:
            first = not link.down
            link.down = True
            link.down_until = time.monotonic() + self.retry_interval_s
        self._counters.error(message)
        if first:
            log.warning(
                "%s; continuing uncached (retrying every %.0f s)", message, self.retry_interval_s
            )
        else:
            log.debug("%s", message)

    def _came_up(self) -> None:
        link = self._link()
        if link.down:
            with link.lock:
                was_down, link.down = link.down, False
            if was_down:
                log.info("Redis cache at %s reachable again", self.url)

    def _fault(self, action: str, exc: BaseException) -> None:
        message = f"Redis cache {action} failed at {self.url}: {self._describe(exc)}"
        if self._is_connection_fault(exc):
            self._went_down(message)
        else:
            self._counters.error(message)
            log.debug("%s", message)

    # -- Cache ------------------------------------------------------------------------------

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        """One MGET for all keys; faults → {} (all misses)."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        if not self._usable():
            self._counters.lookup(0, len(keys))
            return {}
        try:
            values = self._client().mget([self.prefix + k for k in keys])
        except Exception as exc:
            self._fault("read", exc)
            self._counters.lookup(0, len(keys))
            return {}
        self._came_up()
        found = {k: bytes(v) for k, v in zip(keys, values, strict=True) if v is not None}
        self._counters.lookup(len(found), len(keys) - len(found))
        return found

    def put_many(self, items: dict[str, bytes]) -> None:
        """One pipelined batch of `SET ... PX ttl` (no MULTI); faults drop the batch."""
        if not items or not self._usable():
            return
        ttl_ms = max(1, int(self.ttl_s * 1000)) if self.ttl_s else None
        rows = [(self.prefix + key, bytes(value)) for key, value in items.items()]
        try:
            pipe = self._client().pipeline(transaction=False)
            for name, value in rows:
                pipe.set(name, value, px=ttl_ms)
            results = pipe.execute(raise_on_error=False)
        except Exception as exc:
            self._fault("write", exc)
            return
        self._came_up()
        failed = [r for r in results if isinstance(r, Exception)]
        if failed:
            self._fault(f"write of {len(failed)} of {len(items)} keys", failed[0])
        self._counters.wrote(len(items) - len(failed))

    def _scan(self, pattern: str) -> Any:
        return self._client().scan_iter(match=pattern, count=_SCAN_BATCH)

    def counters(self) -> CacheStats:
        return self._counters.snapshot(self.backend, self.url, self.namespace, 0, 0)

    def stats(self) -> CacheStats:
        """Entries and value bytes of our namespace (SCAN + pipelined STRLEN) plus counters."""
        entries = size = 0
        if self._usable():
            try:
                batch: list[bytes] = []
                client = self._client()

                def flush() -> int:
                    pipe = client.pipeline(transaction=False)
                    for name in batch:
                        pipe.strlen(name)
                    # raise_on_error=False: a foreign non-string under our prefix is skipped
                    results = pipe.execute(raise_on_error=False)
                    total = sum(n for n in results if isinstance(n, int))
                    batch.clear()
                    return total

                for name in self._scan(self.prefix + "*"):
                    entries += 1
                    batch.append(name)
                    if len(batch) >= _SCAN_BATCH:
                        size += flush()
                if batch:
                    size += flush()
                self._came_up()
            except Exception as exc:
                self._fault("stats", exc)
                entries = size = 0
        return self._counters.snapshot(self.backend, self.url, self.namespace, entries, size)

    def clear(self, namespace: str | None = None) -> int:
        """UNLINK every key of `namespace` (default: ours; `"*"`: every Portalis namespace)."""
        target = self.namespace if namespace is None else namespace
        if target == ALL_NAMESPACES:
            pattern = f"{KEY_ROOT}:*"
        else:
            pattern = f"{KEY_ROOT}:{validate_namespace(target)}:*"
        if not self._usable():
            return 0
        removed = 0
        try:
            client = self._client()
            batch: list[bytes] = []
            for name in self._scan(pattern):
                batch.append(name)
                if len(batch) >= _SCAN_BATCH:
                    removed += int(client.unlink(*batch))
                    batch.clear()
            if batch:
                removed += int(client.unlink(*batch))
            self._came_up()
        except Exception as exc:
            self._fault("clear", exc)
        return removed

    def close(self) -> None:
        """Let go of the shared client (closed when its last user lets go)."""
        link, self._link_ref = self._link_ref, None
        if link is not None:
            _release(link)
