"""The embedded cache: one SQLite file, shared by every worker process on a machine.

Why it is safe with many processes: WAL journal (readers never block the writer), a 30 s busy
timeout (writers queue instead of failing), writes in `BEGIN IMMEDIATE` transactions (no
reader-to-writer upgrade deadlocks), one connection per process and file, shared by every copy
of the cache there (each Dask task unpickles its own), re-opened after a fork, and guarded by a
lock for Dask's worker threads.

Keep the file on a local disk: WAL needs shared memory between the processes, which network
filesystems (NFS, SMB) do not provide; a multi-machine cluster wants the Redis backend.

Layout: `entries(namespace, key, value, expires_at)`; `expires_at` is Unix time (NULL: never).
Expired rows are invisible to reads and purged now and then by writers.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.cache.base import (
    ALL_NAMESPACES,
    CacheStats,
    CacheUnavailable,
    Counters,
    validate_namespace,
)
from pipeline.cache.urls import one_line, sqlite_path_from_url

log = logging.getLogger("pipeline.cache")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    namespace  TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      BLOB NOT NULL,
    expires_at REAL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_expiry ON entries (expires_at);
"""
_CHUNK = 500  # keys per statement: well under SQLite's bound-parameter limit
_PURGE_PROBABILITY = 0.02  # a write purges expired rows about once in 50 calls
# its own generator: the global one is not touched from cache threads (hypothesis, drawing
# verifier inputs in the same process, checks that the global random state stays put)
_JITTER = random.Random()


def _retry_locked(action: Any, timeout_s: float) -> Any:
    """Run `action`, retrying "database is locked" for up to `timeout_s` (switching to WAL and
    creating the schema can report it without waiting on the busy handler when many processes
    start at once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + _JITTER.random() * 0.05)


def _as_bytes(value: object) -> bytes | None:
    """A stored value as bytes; a row someone wrote with another type is text or nothing."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape")
    return None  # an integer or real under our key: a miss


class _Handle:
    """One process's connection to one database file, shared by every cache object on it.

    A Dask task unpickles its own copy of the cache; sharing the handle means one connection
    (and one schema check, one warning) per worker process instead of per task.
    """

    def __init__(self, path: Path, busy_timeout_s: float) -> None:
        self.path = path
        self.busy_timeout_s = busy_timeout_s
        self.lock = threading.RLock()  # sqlite3 connections are not safe across threads
        self.users = 0
        self.warned = False
        self._conn: sqlite3.Connection | None = None
        self._pid = -1

    def connection(self) -> sqlite3.Connection:
        """The open connection (call with `lock` held); opened, schema created, on first use."""
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        # After a fork the inherited connection belongs to the parent: drop it, don't close it.
        self._conn = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(self.path),
            timeout=self.busy_timeout_s,
            isolation_level=None,  # autocommit; transactions are explicit
            check_same_thread=False,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_s * 1000)}")
            _retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"), self.busy_timeout_s)
            conn.execute("PRAGMA synchronous = NORMAL")
            _retry_locked(lambda: conn.executescript(_SCHEMA), self.busy_timeout_s)
        except BaseException:
            conn.close()
            raise
        self._conn, self._pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        with self.lock:
            if self._conn is not None and self._pid == os.getpid():
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
            self._conn = None


_HANDLES: dict[tuple[str, float], _Handle] = {}
_HANDLES_LOCK = threading.Lock()


def _acquire(path: Path, busy_timeout_s: float) -> _Handle:
    with _HANDLES_LOCK:
        handle = _HANDLES.get((str(path), busy_timeout_s))
        if handle is None:
            handle = _HANDLES[(str(path), busy_timeout_s)] = _Handle(path, busy_timeout_s)
        handle.users += 1
        return handle


def _release(handle: _Handle) -> None:
    with _HANDLES_LOCK:
        handle.users -= 1
        if handle.users > 0:
            return
        if _HANDLES.get((str(handle.path), handle.busy_timeout_s)) is handle:
            del _HANDLES[(str(handle.path), handle.busy_timeout_s)]
    handle.close()


class SQLiteCache:
    """`Cache` over a local SQLite file (see the module docstring)."""

    backend = "sqlite"

    def __init__(
        self,
        url: str | None = None,
        namespace: str = "default",
        ttl_s: float | None = 7 * 24 * 3600,
        required: bool = False,
        busy_timeout_s: float = 30.0,
    ) -> None:
        self.path: Path = sqlite_path_from_url(url).absolute()
        # Workers re-open from this: None keeps "each machine's default"; paths are absolute so
        # a worker with another working directory opens the same file.
        self._url_arg = None if url is None else f"sqlite://{self.path}"
        self.url = f"sqlite://{self.path}"
        self.namespace = validate_namespace(namespace)
        self.ttl_s = ttl_s if ttl_s and ttl_s > 0 else None
        self.busy_timeout_s = busy_timeout_s
        self._counters = Counters()
        self._handle_ref: _Handle | None = None
        try:
            handle = self._handle()
            with handle.lock:
                handle.connection()
        except (sqlite3.Error, OSError) as exc:
            message = f"cannot open SQLite cache {self.url}: {one_line(str(exc))}"
            if required:
                self.close()
                raise CacheUnavailable(message) from None
            self._fault(message)

    # -- plumbing ---------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"SQLiteCache(url={self.url!r}, namespace={self.namespace!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {
            "url": self._url_arg,
            "namespace": self.namespace,
            "ttl_s": self.ttl_s,
            "busy_timeout_s": self.busy_timeout_s,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        # A worker must not fail to unpickle: never `required` there.
        self.__init__(  # type: ignore[misc]
            state["url"], state["namespace"], state["ttl_s"], False, state["busy_timeout_s"]
        )

    def _handle(self) -> _Handle:
        if self._handle_ref is None:
            self._handle_ref = _acquire(self.path, self.busy_timeout_s)
        return self._handle_ref

    def _fault(self, message: str) -> None:
        """Count a backend fault; warn once per process and file, then only at debug level."""
        self._counters.error(message)
        handle = self._handle()
        if not handle.warned:
            handle.warned = True
            log.warning("%s; continuing without caching what fails", message)
        else:
            log.debug("%s", message)

    # -- Cache ------------------------------------------------------------------------------

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        """Live values for `keys`; one SELECT per 500 keys inside one read transaction."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        found: dict[str, bytes] = {}
        now = time.time()
        try:
            handle = self._handle()
            with handle.lock:
                conn = handle.connection()
                for start in range(0, len(keys), _CHUNK):
                    chunk = keys[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        "SELECT key, value FROM entries WHERE namespace = ? AND key IN "
                        f"({marks}) AND (expires_at IS NULL OR expires_at > ?)",
                        [self.namespace, *chunk, now],
                    ).fetchall()
                    found.update((k, b) for k, v in rows if (b := _as_bytes(v)) is not None)
        except (sqlite3.Error, OSError) as exc:
            self._fault(f"SQLite cache read failed ({self.url}): {one_line(str(exc))}")
            self._counters.lookup(0, len(keys))
            return {}
        self._counters.lookup(len(found), len(keys) - len(found))
        return found

    def put_many(self, items: dict[str, bytes]) -> None:
        """Upsert all items in one IMMEDIATE transaction; occasionally purge expired rows."""
        if not items:
            return
        expires = time.time() + self.ttl_s if self.ttl_s else None
        rows = [(self.namespace, k, sqlite3.Binary(bytes(v)), expires) for k, v in items.items()]
        try:
            with self._write_transaction() as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO entries (namespace, key, value, expires_at) "
                    "VALUES (?, ?, ?, ?)",
                    rows,
                )
                if _JITTER.random() < _PURGE_PROBABILITY:
                    conn.execute(
                        "DELETE FROM entries WHERE expires_at IS NOT NULL AND expires_at <= ?",
                        (time.time(),),
                    )
        except (sqlite3.Error, OSError) as exc:
            self._fault(f"SQLite cache write failed ({self.url}): {one_line(str(exc))}")
            return
        self._counters.wrote(len(rows))

    def counters(self) -> CacheStats:
        return self._counters.snapshot(self.backend, self.url, self.namespace, 0, 0)

    def stats(self) -> CacheStats:
        entries = size = 0
        try:
            handle = self._handle()
            with handle.lock:
                row = (
                    handle.connection()
                    .execute(
                        "SELECT COUNT(*), COALESCE(SUM(LENGTH(value)), 0) FROM entries "
                        "WHERE namespace = ? AND (expires_at IS NULL OR expires_at > ?)",
                        (self.namespace, time.time()),
                    )
                    .fetchone()
                )
                entries, size = int(row[0]), int(row[1])
        except (sqlite3.Error, OSError) as exc:
            self._fault(f"SQLite cache stats failed ({self.url}): {one_line(str(exc))}")
        return self._counters.snapshot(self.backend, self.url, self.namespace, entries, size)

    def clear(self, namespace: str | None = None) -> int:
        """Delete the live and expired rows of `namespace` (default: ours; `"*"`: all)."""
        target = self.namespace if namespace is None else namespace
        if target != ALL_NAMESPACES:
            validate_namespace(target)
        live = "(expires_at IS NULL OR expires_at > ?)"
        count_args: list[object]
        delete_args: list[object]
        if target == ALL_NAMESPACES:
            count_sql, count_args = f"SELECT COUNT(*) FROM entries WHERE {live}", [time.time()]
            delete_sql, delete_args = "DELETE FROM entries", []
        else:
            count_sql = f"SELECT COUNT(*) FROM entries WHERE namespace = ? AND {live}"
            count_args = [target, time.time()]
            delete_sql, delete_args = "DELETE FROM entries WHERE namespace = ?", [target]
        try:
            with self._write_transaction() as conn:
                (count,) = conn.execute(count_sql, count_args).fetchone()
                conn.execute(delete_sql, delete_args)
            return int(count)
        except (sqlite3.Error, OSError) as exc:
            self._fault(f"SQLite cache clear failed ({self.url}): {one_line(str(exc))}")
            return 0

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction on the shared connection: committed, or rolled back."""
        handle = self._handle()
        with handle.lock:
            conn = handle.connection()
            _retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"), self.busy_timeout_s)
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Let go of the shared connection (closed when its last user lets go)."""
        handle, self._handle_ref = self._handle_ref, None
        if handle is not None:
            _release(handle)
