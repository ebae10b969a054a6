"""A worker killed mid-run loses nothing; a unit that kills its worker is isolated."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import dask
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run


def make_repo(
    root: Path, files: int, funcs: int, crash_in: int | None = None, poison: str = "crash_me"
) -> Path:
    root.mkdir()
    for i in range(files):
        body = "".join(f"def f{i}_{j}() -> int:\n    return {j}\n\n" for j in range(funcs))
        if i == crash_in:
            body += f"def {poison}() -> int:\n    return 0\n"
        (root / f"mod{i:02d}.py").write_text(body)
    return root


def config(engine: str, tmp: Path, partition_lines: int = 20) -> RunConfig:
    return RunConfig(
        engine=f"tests.e2e.plugin_engines:{engine}",
        partition_lines=partition_lines,
        cache={"url": "none://"},
        verify={"enabled": False},
    )


def rows(out: Path) -> list[dict]:
    return pq.read_table(out / "manifest.parquet").to_pylist()


@pytest.mark.timeout(300)
def test_poison_unit_is_isolated_as_worker_crash(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", files=6, funcs=3, crash_in=2)
    # worker-saturation 1.0: a worker holds only the task it runs, so a worker's death is
    # blamed on that task alone; with Dask's default (1.1) a task merely queued behind the
    # poison is blamed too and can be isolated as a crash itself (seen once in CI).
    with (
        dask.config.set(
            {
                "distributed.scheduler.allowed-failures": 1,
                "distributed.scheduler.worker-saturation": 1.0,
            }
        ),
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        cfg = config("CrashyEngine", tmp_path, partition_lines=1)  # one file per partition
        summary = run([str(repo)], str(tmp_path / "out"), cfg, client)
    by_path = {}
    for r in rows(tmp_path / "out"):
        by_path.setdefault(r["path"], []).append(r)
    assert [r["status"] for r in by_path["mod02.py"]] == ["worker_crash"]
    assert "KilledWorker" in by_path["mod02.py"][0]["reason"]
    others = [r for p, rs in by_path.items() if p != "mod02.py" for r in rs]
    assert len(others) == 15 and {r["status"] for r in others} == {"compiled"}
    assert summary.complete


def test_worker_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", files=12, funcs=5)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        pids = list(client.run(os.getpid).values())
        kill = lambda: (time.sleep(1.0), os.kill(pids[0], signal.SIGKILL))  # noqa: E731
        killer = threading.Thread(target=kill)
        killer.start()
        summary = run([str(repo)], str(tmp_path / "out"), config("SlowEngine", tmp_path), client)
        killer.join()
        assert pids[0] not in client.run(os.getpid).values()  # the worker really died
    statuses = [r["status"] for r in rows(tmp_path / "out") if r["kind"] == "function"]
    assert len(statuses) == 60 and set(statuses) == {"compiled"}
    assert summary.complete


@pytest.mark.timeout(300)
def test_hanging_unit_is_restarted_and_reported_as_timeout(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", files=4, funcs=2, crash_in=1, poison="hang_me")
    cfg = config("HangingEngine", tmp_path).with_overrides(partition_timeout_s=3.0)
    # worker-saturation 1.0: a worker holds only the task it runs, so a worker's death is
    # blamed on that task alone; with Dask's default (1.1) a task merely queued behind the
    # poison is blamed too and can be isolated as a crash itself (seen once in CI).
    with (
        dask.config.set(
            {
                "distributed.scheduler.allowed-failures": 1,
                "distributed.scheduler.worker-saturation": 1.0,
            }
        ),
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        summary = run([str(repo)], str(tmp_path / "out"), cfg, client)
    by_path: dict[str, list[dict]] = {}
    for r in rows(tmp_path / "out"):
        by_path.setdefault(r["path"], []).append(r)
    assert [r["status"] for r in by_path["mod01.py"]] == ["timeout"]
    assert "time limit" in by_path["mod01.py"][0]["reason"]
    others = [r for p, rs in by_path.items() if p != "mod01.py" for r in rs]
    assert len(others) == 6 and {r["status"] for r in others} == {"compiled"}
    assert summary.complete
