"""The embedded cache: one SQLite file, shared by every worker process on a machine.

Why it is safe with many processes: WAL journal (readers never block the writer), a 30 s busy
timeout (writers queue instead of failing), writes in `BEGIN IMMEDIATE` transactions (no
reader-to-writer upgrade deadlocks), one connection per process (re-opened after fork or
unpickling) guarded by a lock for Dask's worker threads.

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
        self.required = required
        self.busy_timeout_s = busy_timeout_s
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._counters = Counters()
        self._warned = False
        try:
            self._connection()
        except (sqlite3.Error, OSError) as exc:
            message = f"cannot open SQLite cache {self.url}: {one_line(str(exc))}"
            if required:
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
        # Re-open lazily in the receiving process; a worker must not fail to unpickle.
        self.__init__(  # type: ignore[misc]
            state["url"], state["namespace"], state["ttl_s"], False, state["busy_timeout_s"]
        )

    def _connection(self) -> sqlite3.Connection:
        """This process's connection, opened (and the schema created) on first use."""
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
            self._retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            conn.execute("PRAGMA synchronous = NORMAL")
            self._retry_locked(lambda: conn.executescript(_SCHEMA))
        except Exception:
            conn.close()
            raise
        self._conn, self._pid = conn, os.getpid()
        return conn

    def _retry_locked(self, action: Any) -> Any:
        """Run `action`, retrying "database is locked" (journal-mode switch and schema creation
        can report it without waiting on the busy handler when many processes start at once)."""
        deadline = time.monotonic() + self.busy_timeout_s
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01 + random.random() * 0.05)

    def _fault(self, message: str) -> None:
        """Count a backend fault; warn once per object, then only at debug level."""
        self._counters.error(message)
        if not self._warned:
            self._warned = True
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
            with self._lock:
                conn = self._connection()
                for start in range(0, len(keys), _CHUNK):
                    chunk = keys[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        "SELECT key, value FROM entries WHERE namespace = ? AND key IN "
                        f"({marks}) AND (expires_at IS NULL OR expires_at > ?)",
                        [self.namespace, *chunk, now],
                    ).fetchall()
                    found.update((k, bytes(v)) for k, v in rows)
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
            with self._lock:
                conn = self._connection()
                self._retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
                try:
                    conn.executemany(
                        "INSERT OR REPLACE INTO entries (namespace, key, value, expires_at) "
                        "VALUES (?, ?, ?, ?)",
                        rows,
                    )
                    if random.random() < _PURGE_PROBABILITY:
                        conn.execute(
                            "DELETE FROM entries WHERE expires_at IS NOT NULL AND expires_at <= ?",
                            (time.time(),),
                        )
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise
        except (sqlite3.Error, OSError) as exc:
            self._fault(f"SQLite cache write failed ({self.url}): {one_line(str(exc))}")
            return
        self._counters.wrote(len(rows))

    def stats(self) -> CacheStats:
        entries = size = 0
        try:
            with self._lock:
                row = (
                    self._connection()
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
        if target == ALL_NAMESPACES:
            count_sql, count_args = f"SELECT COUNT(*) FROM entries WHERE {live}", [time.time()]
            delete_sql, delete_args = "DELETE FROM entries", []
        else:
            count_sql = f"SELECT COUNT(*) FROM entries WHERE namespace = ? AND {live}"
            count_args = [target, time.time()]
            delete_sql, delete_args = "DELETE FROM entries WHERE namespace = ?", [target]
        try:
            with self._lock:
                conn = self._connection()
                self._retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
                try:
                    (count,) = conn.execute(count_sql, count_args).fetchone()
                    conn.execute(delete_sql, delete_args)
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                    raise
                return int(count)
        except (sqlite3.Error, OSError) as exc:
            self._fault(f"SQLite cache clear failed ({self.url}): {one_line(str(exc))}")
            return 0

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
            self._conn = None
