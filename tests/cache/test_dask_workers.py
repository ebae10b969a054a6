"""The cache inside real Dask worker processes: pickled into tasks, re-opened there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.cache import Cache, get_entries, open_cache, put_entries
from tests.fixtures.servers import RedisServer


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=2, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def work(cache: Cache, part: int) -> tuple[int, int, int]:
    """A partition task: look up, compute the misses, write them back."""
    keys = [f"unit-{part}-{i}" for i in range(50)] + ["shared"]
    found = get_entries(cache, keys)
    put_entries(cache, {k: {"part": part, "key": k} for k in keys if k not in found})
    stats = cache.stats()
    return len(found), stats.errors, stats.writes


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
def test_tasks_share_the_cache(
    client: Client, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        url = f"sqlite://{tmp_path / 'dask.sqlite'}"
    else:
        url = request.getfixturevalue("redis_server").url
    cache = open_cache(url, namespace="dask", required=True)
    first = client.gather(client.map(work, [cache] * 8, range(8), pure=False))
    assert all(errors == 0 for _, errors, _ in first)
    assert sum(hits for hits, _, _ in first) <= 7  # only "shared" can hit on the first pass
    again = client.gather(client.map(work, [cache] * 8, range(8), pure=False))
    assert [hits for hits, _, _ in again] == [51] * 8  # second run: everything cached
    assert cache.stats().entries == 8 * 50 + 1
    cache.close()


def test_dead_redis_inside_workers_does_not_fail_tasks(
    client: Client, redis_server: RedisServer
) -> None:
    cache = open_cache(redis_server.url, namespace="dask-dead", required=True)
    redis_server.stop()
    results = client.gather(client.map(work, [cache] * 6, range(6), pure=False))
    assert [hits for hits, _, _ in results] == [0] * 6
    assert all(errors >= 1 for _, errors, _ in results)
