"""Resources on mixed workers: a GPU task runs only where a worker declares GPU, CPU tasks do not
queue behind it, and check_resources refuses requests no worker can serve."""

from __future__ import annotations

import time
from collections.abc import Iterator

import distributed
import pytest
from distributed import Nanny, Scheduler, SpecCluster

from pipeline.cluster import ResourceUnavailable, check_resources, connect, submit_kwargs


def _whoami(seconds: float, tag: int) -> tuple[str, int]:
    time.sleep(seconds)
    return distributed.get_worker().name, tag


@pytest.fixture(scope="module")
def mixed_client() -> Iterator[distributed.Client]:
    """A scheduler with one plain CPU worker and one worker declaring resources GPU=1, each a
    separate Nanny process with one thread (as `dask worker --resources GPU=1` would be)."""
    cluster = SpecCluster(
        scheduler={
            "cls": Scheduler,
            "options": {"host": "127.0.0.1", "dashboard_address": "127.0.0.1:0"},
        },
        workers={
            "cpu": {"cls": Nanny, "options": {"host": "127.0.0.1", "nthreads": 1}},
            "gpu": {
                "cls": Nanny,
                "options": {"host": "127.0.0.1", "nthreads": 1, "resources": {"GPU": 1}},
            },
        },
    )
    client = distributed.Client(cluster, set_as_default=False)
    client.wait_for_workers(2, timeout=60)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_gpu_tasks_only_on_gpu_worker_and_cpu_tasks_do_not_wait(
    mixed_client: distributed.Client,
) -> None:
    with connect(mixed_client) as handle:  # wrapping a caller's client: not owned
        assert not handle.owned and not handle.owns_client
        client = handle.client
        gpu = client.map(_whoami, [1.5, 1.5], [0, 1], pure=False,
                         **submit_kwargs(priority=50, resources={"GPU": 1}))  # fmt: skip
        cpu = client.map(_whoami, [0.05] * 4, range(4), pure=False, **submit_kwargs(priority=50))
        for future in cpu:
            future.result(timeout=30)
        # The second GPU task cannot finish before ~3 s: CPU work did not queue behind it.
        assert not gpu[-1].done(), "CPU tasks should finish while the GPU queue is still busy"
        assert {name for name, _ in client.gather(gpu)} == {"gpu"}
        assert {name for name, _ in client.gather(cpu)} <= {"cpu", "gpu"}


def test_check_resources(mixed_client: distributed.Client) -> None:
    workers = mixed_client.scheduler_info()["workers"]
    gpu_addr = next(a for a, w in workers.items() if w["name"] == "gpu")
    assert check_resources(mixed_client, {"GPU": 1}) == [gpu_addr]
    assert len(check_resources(mixed_client, None)) == 2
    with pytest.raises(ResourceUnavailable) as info:
        check_resources(mixed_client, {"TPU": 1})
    message = str(info.value)
    assert "no worker offers resources {'TPU': 1}" in message and "GPU=1" in message
    with pytest.raises(ResourceUnavailable, match="GPU"):
        check_resources(mixed_client, {"GPU": 2}, timeout=0.3)


def test_check_resources_without_workers() -> None:
    """An adaptive cluster may have no workers yet: plain tasks pass, resource requests fail
    after the timeout with a one-line hint."""
    with distributed.LocalCluster(
        n_workers=0, processes=False, dashboard_address="127.0.0.1:0"
    ) as cluster, distributed.Client(cluster, set_as_default=False) as client:  # fmt: skip
        assert check_resources(client, {}) == []
        started = time.monotonic()
        with pytest.raises(ResourceUnavailable, match="no workers are connected") as info:
            check_resources(client, {"GPU": 1}, timeout=0.5)
        assert time.monotonic() - started >= 0.5
        assert "\n" not in str(info.value)
