"""Choosing a backend by URL, the no-op cache, and credential masking."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pipeline.cache import CacheStats, NullCache, open_cache, redact_url
from pipeline.cache.registry import register_backend, scheme_of
from pipeline.cache.urls import scrub, url_secrets


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        (None, "sqlite"),
        ("", "sqlite"),
        ("/var/cache/p.sqlite", "sqlite"),
        ("rel/p.sqlite", "sqlite"),
        ("C:\\cache\\p.sqlite", "sqlite"),
        ("sqlite:///tmp/p.sqlite", "sqlite"),
        ("redis://h:6379/0", "redis"),
        ("REDIS://h", "redis"),
        ("rediss://:pw@h:6380/1", "rediss"),
        ("none://", "none"),
        ("none", "none"),
    ],
)
def test_scheme_of(url: str | None, scheme: str) -> None:
    assert scheme_of(url) == scheme


def test_unknown_scheme_lists_known_ones() -> None:
    with pytest.raises(ValueError, match="known: .*redis.*sqlite"):
        open_cache("memcached://h:11211")


def test_register_backend(tmp_path: Path) -> None:
    register_backend("nocache-test", "pipeline.cache.base:NullCache")
    assert isinstance(open_cache("nocache-test://x", namespace="n"), NullCache)
    with pytest.raises(ValueError):
        register_backend("bad", "no-colon")


def test_null_cache() -> None:
    cache = open_cache("none://", namespace="off")
    cache.put_many({"k": b"v"})
    assert cache.get_many(["k"]) == {}
    assert cache.clear() == 0
    stats = cache.stats()
    assert (stats.backend, stats.misses, stats.errors, stats.entries) == ("none", 1, 0, 0)
    assert isinstance(pickle.loads(pickle.dumps(cache)), NullCache)
    cache.close()


@pytest.mark.parametrize("namespace", ["", "a:b", "a*", "with space", "x" * 200])
def test_bad_namespaces_are_refused(namespace: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="namespace"):
        open_cache(str(tmp_path / "c.sqlite"), namespace=namespace)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://:s3cret@h:6379/0", "redis://:***@h:6379/0"),
        ("redis://alice:s3cret@h:6379/0", "redis://alice:***@h:6379/0"),
        ("rediss://alice:p%40ss@h/0?ssl_cert_reqs=none", "rediss://alice:***@h/0?ssl_cert_reqs=none"),
        ("redis://h:6379/0?password=s3cret&db=1", "redis://h:6379/0?password=***&db=1"),
        ("redis://alice@h:6379", "redis://alice@h:6379"),
        ("redis://h:6379/0", "redis://h:6379/0"),
        ("sqlite:///tmp/x.sqlite", "sqlite:///tmp/x.sqlite"),
        (None, ""),
    ],
)  # fmt: skip
def test_redact_url(url: str | None, expected: str) -> None:
    assert redact_url(url) == expected


def test_redact_url_survives_malformed_urls() -> None:
    assert "s3cret" not in redact_url("redis://:s3cret@[::1:6379/0")


def test_scrub_masks_encoded_and_decoded_password() -> None:
    secrets = url_secrets("redis://u:p%40ss@h/0")
    assert scrub("auth p@ss failed (p%40ss)", secrets) == "auth *** failed (***)"


def test_stats_add_up() -> None:
    a = CacheStats("redis", "u", "n", entries=5, bytes=50, hits=1, misses=2, writes=3, errors=0)
    b = CacheStats("redis", "u", "n", entries=7, bytes=70, hits=2, misses=1, writes=1, errors=4,
                   last_error="boom")  # fmt: skip
    total = a + b
    assert (total.hits, total.misses, total.writes, total.errors) == (3, 3, 4, 4)
    assert (total.entries, total.bytes, total.last_error) == (7, 70, "boom")
    assert sum([b], a) == total


def test_unknown_backend_option_names_the_cache_without_secrets() -> None:
    with pytest.raises(TypeError, match=r"redis://:\*\*\*@h:1/0.*no_such_option"):
        open_cache("redis://:s3cret@h:1/0", no_such_option=1)
