"""Redis-specific behaviour against a real redis-server: layout, faults, credentials."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import time

import pytest
import redis

from pipeline.cache import CacheBackendMissing, CacheUnavailable, decode_entry, open_cache
from tests.fixtures.servers import RedisServer, free_port

FAST = {"retry_interval_s": 0.3}


def raw_client(server: RedisServer) -> redis.Redis:
    return redis.Redis(host=server.host, port=server.port, password=server.password)


def test_keys_are_prefixed_and_carry_a_ttl(redis_server: RedisServer) -> None:
    cache = open_cache(redis_server.url, namespace="ns1", ttl_s=100, required=True)
    cache.put_many({"abc": b"v"})
    raw = raw_client(redis_server)
    assert raw.keys("*") == [b"portalis:ns1:abc"]
    assert 99_000 <= raw.pttl("portalis:ns1:abc") <= 100_000
    cache.close()


def test_foreign_value_written_by_someone_else_is_a_miss(redis_server: RedisServer) -> None:
    cache = open_cache(redis_server.url, namespace="ns1", required=True)
    raw_client(redis_server).set("portalis:ns1:k", b"\x89PNG not an entry")
    raw_client(redis_server).set("other:app:k", b"not ours at all")
    assert decode_entry(cache.get_many(["k"])["k"]) is None
    raw_client(redis_server).rpush("portalis:ns1:a-list", b"x")  # not even a string
    assert cache.get_many(["a-list"]) == {}
    assert cache.stats().entries == 2  # only our namespace is counted
    assert cache.stats().errors == 0
    assert cache.clear() == 2
    assert raw_client(redis_server).get("other:app:k") == b"not ours at all"


def test_unreachable_at_start_warns_once_and_misses(caplog: pytest.LogCaptureFixture) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    caplog.set_level(logging.WARNING, logger="pipeline.cache")
    started = time.monotonic()
    cache = open_cache(url, namespace="x")
    for _ in range(5):
        assert cache.get_many(["a", "b"]) == {}
        cache.put_many({"a": b"1"})
    assert time.monotonic() - started < 2.0
    stats = cache.stats()
    assert stats.errors >= 10 and stats.misses == 10 and stats.hits == 0
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()
    assert cache.clear() == 0


def test_unreachable_and_required_raises_one_line() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    started = time.monotonic()
    with pytest.raises(CacheUnavailable) as info:
        open_cache(url, required=True)
    assert time.monotonic() - started < 2.0
    message = str(info.value)
    assert "\n" not in message and url in message


def test_server_killed_mid_run_then_back(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="pipeline.cache")
    cache = open_cache(redis_server.url, namespace="run", required=True, **FAST)
    cache.put_many({"a": b"1"})
    assert cache.get_many(["a"]) == {"a": b"1"}

    redis_server.stop()
    started = time.monotonic()
    for i in range(20):
        assert cache.get_many(["a", f"k{i}"]) == {}
        cache.put_many({f"k{i}": b"x"})
    assert cache.stats().entries == 0
    assert time.monotonic() - started < 3.0, "a dead server must not stall the run"
    stats = cache.stats()
    assert stats.errors >= 40 and stats.hits == 1 and stats.misses == 40
    assert "down" in stats.last_error or "failed" in stats.last_error
    downs = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(downs) == 1, [r.getMessage() for r in downs]

    redis_server.start()  # empty again, same port
    time.sleep(FAST["retry_interval_s"] + 0.1)
    cache.put_many({"b": b"2"})
    assert cache.get_many(["b"]) == {"b": b"2"}
    assert any("reachable again" in r.getMessage() for r in caplog.records)
    cache.close()


def test_pickled_copy_of_a_dead_cache_does_not_raise(redis_server: RedisServer) -> None:
    cache = open_cache(redis_server.url, namespace="w", required=True)
    redis_server.stop()
    copy = pickle.loads(pickle.dumps(cache))  # what a Dask worker receives
    assert copy.get_many(["a"]) == {}
    copy.put_many({"a": b"1"})
    assert copy.stats().errors >= 2


def test_password_in_url_works_and_never_shows(
    redis_server_with_password: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    server = redis_server_with_password
    secret = server.password
    assert secret and secret in server.url
    caplog.set_level(logging.DEBUG, logger="pipeline.cache")
    cache = open_cache(server.url, namespace="auth", required=True, **FAST)
    cache.put_many({"k": b"v"})
    assert cache.get_many(["k"]) == {"k": b"v"}
    assert "***" in cache.url and secret not in cache.url
    assert secret not in repr(cache)
    assert secret not in str(cache.stats())

    server.stop()  # faults now: their messages must not leak either
    cache.get_many(["k"])
    cache.put_many({"k": b"v"})
    stats = cache.stats()
    assert stats.errors >= 2 and secret not in str(stats) and secret not in stats.last_error
    assert all(secret not in r.getMessage() for r in caplog.records)
    cache.close()


def test_wrong_or_missing_password(
    redis_server_with_password: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    server = redis_server_with_password
    wrong = f"redis://:not-the-{server.password}-either@127.0.0.1:{server.port}/0"
    with pytest.raises(CacheUnavailable) as info:
        open_cache(wrong, required=True)
    assert "not-the-" not in str(info.value) and "***" in str(info.value)
    with pytest.raises(CacheUnavailable):
        open_cache(server.url_without_password, required=True)

    caplog.set_level(logging.WARNING, logger="pipeline.cache")
    cache = open_cache(wrong)
    assert cache.get_many(["k"]) == {}
    assert cache.stats().errors >= 1
    assert all("not-the-" not in r.getMessage() for r in caplog.records)


def test_acl_user_in_url(redis_server_with_password: RedisServer) -> None:
    server = redis_server_with_password
    raw_client(server).acl_setuser(
        "portalis", enabled=True, passwords=["+acl-secret"], keys=["portalis:*"],
        commands=["+@all"],
    )  # fmt: skip
    url = f"redis://portalis:acl-secret@127.0.0.1:{server.port}/0"
    cache = open_cache(url, namespace="acl", required=True)
    cache.put_many({"k": b"v"})
    assert cache.get_many(["k"]) == {"k": b"v"}
    assert cache.url == f"redis://portalis:***@127.0.0.1:{server.port}/0"
    cache.close()


def test_missing_redis_package_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # makes `import redis` fail
    with pytest.raises(CacheBackendMissing, match=r"portalis\[redis\]"):
        open_cache("redis://127.0.0.1:1/0")


def test_copies_in_one_process_share_connection_and_outage(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    """What a worker sees: one unpickled copy per task, one pool and one warning per outage."""
    cache = open_cache(redis_server.url, namespace="tasks", required=True)
    blob = pickle.dumps(cache)
    copies = [pickle.loads(blob) for _ in range(20)]
    for i, copy in enumerate(copies):
        copy.put_many({f"k{i}": b"v"})
    assert cache.stats().entries == 20
    assert len({id(c._client()) for c in copies}) == 1  # one client (pool) per process
    caplog.set_level(logging.WARNING, logger="pipeline.cache")
    redis_server.stop()
    for copy in copies:
        assert copy.get_many(["k0"]) == {}
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert sum(c.stats().errors for c in copies) >= 20
    for copy in copies:
        copy.close()
    cache.close()


def test_tls_with_password(redis_tls_server: RedisServer) -> None:
    server = redis_tls_server
    assert server.url.startswith("rediss://") and server.password
    cache = open_cache(server.url, namespace="tls", required=True)
    cache.put_many({"k": b"over tls"})
    assert cache.get_many(["k"]) == {"k": b"over tls"}
    assert cache.url.startswith("rediss://:***@") and server.password not in repr(cache)
    cache.close()
    untrusted = server.url.split("?", 1)[0]  # no CA file: the self-signed cert is refused
    with pytest.raises(CacheUnavailable) as info:
        open_cache(untrusted, required=True)
    assert server.password not in str(info.value)
    plain = f"redis://:{server.password}@127.0.0.1:{server.port}/0"
    with pytest.raises(CacheUnavailable):
        open_cache(plain, required=True, socket_timeout_s=0.5)


def test_hung_server_costs_one_timeout_then_nothing(redis_server: RedisServer) -> None:
    """A frozen server (SIGSTOP) is worse than a dead one: calls must time out quickly once,
    then be skipped until the retry interval passes."""
    cache = open_cache(
        redis_server.url, namespace="hung", required=True,
        socket_timeout_s=0.3, retry_interval_s=0.5,
    )  # fmt: skip
    cache.put_many({"k": b"v"})
    assert redis_server.process is not None
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert cache.get_many(["k"]) == {}
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            assert cache.get_many(["k"]) == {}
            cache.put_many({"k2": b"v"})
        rest = time.monotonic() - started
    finally:
        os.kill(redis_server.process.pid, signal.SIGCONT)
    assert first < 1.5, first
    assert rest < 0.3, rest
    assert cache.stats().errors >= 101
    time.sleep(0.6)
    assert cache.get_many(["k"]) == {"k": b"v"}  # the server is back, and so is the cache
    cache.close()
