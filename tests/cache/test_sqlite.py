"""SQLite-specific behaviour: paths, WAL, concurrent worker processes, a broken store."""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from pipeline.cache import CacheUnavailable, decode_entry, default_sqlite_path, open_cache
from pipeline.cache import sqlite as sqlite_backend
from pipeline.cache.sqlite import SQLiteCache


def _writer(cache: SQLiteCache, worker: int, batches: int, size: int, start, results) -> None:
    """Run in a spawned process: write and read back overlapping keys, report counters."""
    try:
        start.wait(timeout=60)  # all processes hammer the file at the same time
        for b in range(batches):
            items = {f"w{worker}-{b}-{i}": f"{worker}:{b}:{i}".encode() for i in range(size)}
            items[f"shared-{b}"] = f"from {worker}".encode()  # every writer hits these rows
            cache.put_many(items)
            got = cache.get_many(list(items))
            if len(got) != len(items):
                raise AssertionError(f"worker {worker} batch {b}: read {len(got)} of {len(items)}")
        stats = cache.stats()
        cache.close()
        results.put((worker, stats.errors, stats.writes))
    except BaseException as exc:  # report instead of leaving the parent waiting
        results.put((worker, repr(exc), 0))


def test_concurrent_writer_processes(tmp_path: Path) -> None:
    cache = open_cache(str(tmp_path / "shared.sqlite"), namespace="mp", required=True)
    workers, batches, size = 4, 60, 20
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(workers), ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(cache, w, batches, size, start, results))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert [p.exitcode for p in procs] == [0] * workers
    assert sorted(errors for _, errors, _ in reports) == [0] * workers
    assert sum(writes for _, _, writes in reports) == workers * batches * (size + 1)
    assert cache.stats().entries == workers * batches * size + batches
    assert cache.stats().errors == 0


def test_threads_share_one_object(tmp_path: Path) -> None:
    cache = open_cache(str(tmp_path / "t.sqlite"), required=True)

    def work(n: int) -> None:
        for i in range(50):
            cache.put_many({f"{n}-{i}": b"x"})
            assert cache.get_many([f"{n}-{i}"]) == {f"{n}-{i}": b"x"}

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = cache.stats()
    assert (stats.entries, stats.errors, stats.hits) == (300, 0, 300)


def test_file_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite"
    open_cache(f"sqlite://{path}").put_many({"k": b"v"})
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    "form",
    ["sqlite://{p}", "sqlite:///{p}", "{p}", "sqlite:{p}"],
    ids=["sqlite-url", "sqlalchemy-absolute", "plain", "sqlite-colon"],
)
def test_url_forms(tmp_path: Path, form: str) -> None:
    path = tmp_path / "sub" / "c.sqlite"
    cache = open_cache(form.format(p=path))
    cache.put_many({"k": b"v"})
    assert path.exists()
    assert cache.url == f"sqlite://{path}"


def test_relative_path_is_resolved_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cache = open_cache("rel/c.sqlite")
    assert cache.url == f"sqlite://{tmp_path / 'rel' / 'c.sqlite'}"


def test_default_location_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_sqlite_path() == tmp_path / "xdg" / "portalis" / "cache.sqlite"
    cache = open_cache(None)
    cache.put_many({"k": b"v"})
    assert (tmp_path / "xdg" / "portalis" / "cache.sqlite").exists()
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_sqlite_path() == tmp_path / "home" / ".cache" / "portalis" / "cache.sqlite"


def test_expired_rows_are_purged_by_writers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite"
    cache = open_cache(str(path), ttl_s=0.05)
    cache.put_many({f"k{i}": b"v" for i in range(10)})
    time.sleep(0.1)
    monkeypatch.setattr(sqlite_backend, "_PURGE_PROBABILITY", 1.0)
    cache.put_many({"fresh": b"v"})
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 1


def test_unusable_location(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    url = str(blocker / "cache.sqlite")
    with pytest.raises(CacheUnavailable) as info:
        open_cache(url, required=True)
    assert "\n" not in str(info.value)
    caplog.set_level(logging.WARNING, logger="pipeline.cache")
    cache = open_cache(url)
    assert cache.get_many(["k"]) == {}
    cache.put_many({"k": b"v"})
    assert cache.stats().errors >= 3
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_corrupted_database_file_is_survivable(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not an SQLite database, just junk bytes" * 100)
    with pytest.raises(CacheUnavailable):
        open_cache(str(path), required=True)
    cache = open_cache(str(path))
    assert cache.get_many(["k"]) == {}
    cache.put_many({"k": b"v"})
    assert cache.clear() == 0
    assert cache.stats().errors >= 3


def test_copies_in_one_process_share_one_connection(tmp_path: Path) -> None:
    cache = open_cache(str(tmp_path / "c.sqlite"), required=True)
    copies = [pickle.loads(pickle.dumps(cache)) for _ in range(10)]
    conns = set()
    for i, copy in enumerate(copies):
        copy.put_many({f"k{i}": b"v"})
        conns.add(id(copy._handle().connection()))
    assert len(conns) == 1 and cache.stats().entries == 10
    for copy in copies:
        copy.close()
    assert cache.get_many(["k3"]) == {"k3": b"v"}  # the original still works


def test_rows_of_other_types_written_by_another_program(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite"
    cache = open_cache(str(path), namespace="ns", ttl_s=None, required=True)
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO entries (namespace, key, value, expires_at) VALUES ('ns', ?, ?, NULL)",
            [("text", "some text"), ("int", 42), ("real", 1.5)],
        )
    found = cache.get_many(["text", "int", "real"])
    assert found == {"text": b"some text"}
    assert decode_entry(found["text"]) is None
    assert cache.stats().errors == 0
