"""``detached_local``: the local cluster of ``portalis serve`` with its scheduler in a process
of its own, its workers lean (no statistical profiler), closed with the block."""

from __future__ import annotations

import os

import dask
import psutil
import pytest
from distributed import Client

from pipeline.cluster.detached import detached_local
from pipeline.cluster.errors import ClusterConnectError


def test_the_scheduler_runs_in_its_own_process_and_closes_with_the_block() -> None:
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with detached_local(workers=1) as address:
        with Client(address, timeout=60) as client:
            scheduler_pid = client.run_on_scheduler(os.getpid)
            worker_pids = set(client.run(os.getpid).values())
            assert client.submit(sum, [1, 2, 3]).result() == 6
            profiling = client.run(dask.config.get, "distributed.worker.profile.enabled")
            assert list(profiling.values()) == [False]  # LEAN reached the worker
        hosted = {p.pid for p in psutil.Process().children(recursive=True)} - before
        assert scheduler_pid != os.getpid() and scheduler_pid in hosted
        assert len(worker_pids) == 1 and worker_pids <= hosted
    for pid in {scheduler_pid, *worker_pids}:  # gone: the cluster closed with the block
        with pytest.raises(psutil.NoSuchProcess):
            psutil.Process(pid).status()


def test_a_cluster_that_cannot_start_is_a_one_line_error() -> None:
    with (
        pytest.raises(ClusterConnectError, match="workers must be at least 1"),
        detached_local(workers=0),
    ):
        pass


def test_a_nicer_cluster_runs_its_scheduler_and_workers_lowered() -> None:
    """``portalis serve``'s own cluster (``service.cluster_nice``): its processes run nicer
    than the service, read from the kernel."""
    own = os.getpriority(os.PRIO_PROCESS, 0)
    with detached_local(workers=1, nice=5) as address, Client(address, timeout=60) as client:
        pids = [client.run_on_scheduler(os.getpid), *client.run(os.getpid).values()]
        assert [psutil.Process(pid).nice() for pid in pids] == [own + 5] * len(pids)
