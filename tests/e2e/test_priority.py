"""Two runs sharing one scheduler: an interactive run submitted while a batch run fills the
cluster finishes first (queue priorities become Dask task priorities)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import make_repo


def pending_partitions(client: Client, repo: str) -> int:
    def count(dask_scheduler, prefix=f"partition-{repo}-") -> int:
        return sum(
            1
            for key, ts in dask_scheduler.tasks.items()
            if str(key).startswith(prefix) and ts.state != "memory"
        )

    return client.run_on_scheduler(count)


@pytest.mark.parametrize("queue", ["interactive", "batch"])
def test_interactive_run_overtakes_a_running_batch_run(tmp_path: Path, queue: str) -> None:
    bulk = make_repo(tmp_path / "bulk", files=24, funcs=3)  # 24 one-file partitions
    urgent = make_repo(tmp_path / "urgent", files=6, funcs=3)

    def config(priority: str) -> RunConfig:
        return RunConfig(
            engine="tests.e2e.plugin_engines:SlowEngine",
            partition_lines=1,
            priority=priority,
            cache={"url": "none://"},
            verify={"enabled": False},
        )

    with (
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        batch = threading.Thread(
            target=run, args=([str(bulk)], str(tmp_path / "out-b"), config("batch"), client)
        )
        batch.start()
        deadline = time.monotonic() + 60
        while pending_partitions(client, "bulk") in (0, 24):  # submitted, and started
            assert time.monotonic() < deadline, "the batch run never started"
            time.sleep(0.05)
        run([str(urgent)], str(tmp_path / "out-u"), config(queue), client)
        left = pending_partitions(client, "bulk")
        batch.join()
    if queue == "interactive":
        assert left >= 12, left  # it jumped the queue: most of the batch run was still to do
    else:
        assert left == 0, left  # same priority: first come, first served (the control case)
