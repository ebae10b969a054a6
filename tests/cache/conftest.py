"""Fixtures for the cache tests: one factory that opens either backend on a fresh store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.cache import Cache, open_cache

CacheFactory = Callable[..., Cache]


@pytest.fixture(params=["sqlite", "redis"])
def cache_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty store of each backend (a real redis-server for "redis")."""
    if request.param == "sqlite":
        return f"sqlite://{tmp_path / 'cache.sqlite'}"
    return request.getfixturevalue("redis_server").url


@pytest.fixture
def make_cache(cache_url: str) -> Iterator[CacheFactory]:
    """`make_cache(namespace="default", ttl_s=60, **options)` on the test's store; closes all."""
    opened: list[Cache] = []

    def make(namespace: str = "default", ttl_s: float | None = 60, **options: object) -> Cache:
        cache = open_cache(cache_url, namespace=namespace, ttl_s=ttl_s, required=True, **options)
        opened.append(cache)
        return cache

    yield make
    for cache in opened:
        cache.close()
