"""The Cache contract, run against both backends (SQLite file and a real redis-server)."""

from __future__ import annotations

import pickle
import time

from pipeline.cache import ALL_NAMESPACES, Cache, decode_entry, encode_entry, get_entries

from .conftest import CacheFactory


def test_it_is_a_cache(make_cache: CacheFactory) -> None:
    assert isinstance(make_cache(), Cache)


def test_miss_then_hit(make_cache: CacheFactory) -> None:
    cache = make_cache()
    assert cache.get_many(["a", "b"]) == {}
    cache.put_many({"a": b"1", "b": b"\x00\xff binary"})
    assert cache.get_many(["a", "b", "c"]) == {"a": b"1", "b": b"\x00\xff binary"}
    stats = cache.stats()
    assert (stats.hits, stats.misses, stats.writes, stats.errors) == (2, 3, 2, 0)
    assert (stats.entries, stats.bytes) == (2, 1 + len(b"\x00\xff binary"))
    assert stats.hit_rate == 2 / 5


def test_empty_calls_and_duplicates(make_cache: CacheFactory) -> None:
    cache = make_cache()
    cache.put_many({})
    assert cache.get_many([]) == {}
    cache.put_many({"k": b"v"})
    assert cache.get_many(["k", "k"]) == {"k": b"v"}
    assert cache.stats().hits == 1


def test_overwrite_keeps_latest(make_cache: CacheFactory) -> None:
    cache = make_cache()
    cache.put_many({"k": b"old"})
    cache.put_many({"k": b"new"})
    assert cache.get_many(["k"]) == {"k": b"new"}
    assert cache.stats().entries == 1


def test_many_keys_in_one_call(make_cache: CacheFactory) -> None:
    cache = make_cache()
    items = {f"key-{i}": f"value-{i}".encode() for i in range(2500)}
    cache.put_many(items)
    assert cache.get_many(list(items)) == items
    assert cache.stats().entries == 2500


def test_entries_expire_after_ttl(make_cache: CacheFactory) -> None:
    short = make_cache(ttl_s=0.4)
    forever = make_cache(namespace="keep", ttl_s=None)
    short.put_many({"gone": b"1"})
    forever.put_many({"stays": b"2"})
    assert short.get_many(["gone"]) == {"gone": b"1"}
    time.sleep(0.6)
    assert short.get_many(["gone"]) == {}
    assert short.stats().entries == 0
    assert forever.get_many(["stays"]) == {"stays": b"2"}


def test_namespaces_are_isolated(make_cache: CacheFactory) -> None:
    a, b = make_cache("run-a"), make_cache("run-b")
    a.put_many({"k": b"from a"})
    b.put_many({"k": b"from b", "only-b": b"x"})
    assert a.get_many(["k", "only-b"]) == {"k": b"from a"}
    assert b.get_many(["k"]) == {"k": b"from b"}
    assert (a.stats().entries, b.stats().entries) == (1, 2)


def test_clear_one_namespace_or_all(make_cache: CacheFactory) -> None:
    a, b, c = make_cache("a"), make_cache("b"), make_cache("c")
    a.put_many({"1": b"x", "2": b"y"})
    b.put_many({"1": b"x"})
    c.put_many({"1": b"x", "2": b"y", "3": b"z"})
    assert a.clear() == 2  # its own namespace by default
    assert a.get_many(["1", "2"]) == {}
    assert b.get_many(["1"]) == {"1": b"x"}
    assert a.clear("b") == 1
    assert b.get_many(["1"]) == {}
    assert c.stats().entries == 3
    assert a.clear(ALL_NAMESPACES) == 3
    assert c.stats().entries == 0
    assert a.clear("nothing-here") == 0


def test_foreign_value_under_our_key_is_a_miss(make_cache: CacheFactory) -> None:
    cache = make_cache()
    good = encode_entry({"rust": "pub fn f() {}", "ok": True})
    cache.put_many({"good": good, "foreign": b"not ours", "truncated": good[:-3]})
    assert get_entries(cache, ["good", "foreign", "truncated", "absent"]) == {
        "good": {"rust": "pub fn f() {}", "ok": True}
    }
    assert decode_entry(cache.get_many(["foreign"])["foreign"]) is None


def test_survives_pickling(make_cache: CacheFactory) -> None:
    cache = make_cache("pickled", ttl_s=30)
    cache.put_many({"k": b"v"})
    copy = pickle.loads(pickle.dumps(cache))
    assert (copy.namespace, copy.url) == (cache.namespace, cache.url)
    assert copy.get_many(["k"]) == {"k": b"v"}
    copy.put_many({"k2": b"v2"})
    assert cache.get_many(["k2"]) == {"k2": b"v2"}
    assert copy.stats().hits == 1  # counters are per copy
    copy.close()


def test_close_then_reuse(make_cache: CacheFactory) -> None:
    cache = make_cache()
    cache.put_many({"k": b"v"})
    cache.close()
    assert cache.get_many(["k"]) == {"k": b"v"}


def test_repr_and_stats_are_printable(make_cache: CacheFactory) -> None:
    cache = make_cache("shown")
    assert "shown" in repr(cache)
    stats = cache.stats()
    assert stats.namespace == "shown" and stats.url == cache.url
    assert stats.as_dict()["entries"] == 0
