"""The interactive lane (service/lane.py) and the OS priority of the work beside it: while a
batch job runs on the service's cluster, its children (rustc, rustfmt, the verifier's Python
and harness) run lowered and the lane's run at normal priority, as the kernel reports them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest
from distributed import Client

from pipeline.service.lane import Lane, LaneFault
from tests.service.conftest import KEY_A, Service
from tests.service.test_api import GCD, REFUSED, post
from tests.test_childprio import SCHED

WATCHED = {"rustc", "rustfmt", "harness", "bwrap", "verifier"}


def processes() -> dict[int, tuple[int, str, int, str]]:
    """pid -> (parent pid, name, nice, scheduling class) of every process, read at once from
    ``/proc`` (a dying child is soon re-parented: a later read would lose its parent)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):  # ended meanwhile
            stat = (entry / "stat").read_text()
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            if name.startswith("python") and b"child.py" in (entry / "cmdline").read_bytes():
                name = "verifier"
            fields = stat.rsplit(")", 1)[1].split()
            found[int(entry.name)] = (int(fields[1]), name, int(fields[16]), SCHED[int(fields[38])])
    return found


def started_by(pid: int, table: dict[int, tuple[int, str, int, str]], starters: set[int]) -> int:
    """The first of ``starters`` among ``pid`` and its ancestors (-1: none)."""
    while pid in table and pid not in starters:
        pid = table[pid][0]
    return pid if pid in starters else -1


class Watcher:
    """Polls every process; records the priority of every rustc, rustfmt, harness, bwrap or
    verifier child (its Python) that a worker or a lane process started."""

    def __init__(self, workers: set[int], lanes: set[int]) -> None:
        self.sides = {"worker": workers, "lane": lanes}
        self.seen: dict[str, set[tuple[str, int, str]]] = {"worker": set(), "lane": set()}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.failed: list[BaseException] = []

    def _loop(self) -> None:
        try:
            while not self.stop.is_set():
                self._poll()
                time.sleep(0.01)
        except BaseException as exc:  # raised in the test by __exit__
            self.failed.append(exc)

    def _poll(self) -> None:
        table = processes()
        starters = set().union(*self.sides.values())
        for pid, (_, name, nice, scheduling) in table.items():
            if name not in WATCHED:
                continue
            starter = started_by(pid, table, starters)
            for side, pids in self.sides.items():
                if starter in pids:
                    self.seen[side].add((name, nice, scheduling))

    def __enter__(self) -> Watcher:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        if self.failed:
            raise self.failed[0]


def worker_pids(service: Service) -> set[int]:
    with Client(service.state.scheduler, timeout=60) as client:
        return set(client.run(os.getpid).values())


def lane_pids(service: Service) -> set[int]:
    spawned = {p.pid for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())}
    return spawned - worker_pids(service)


def wait_for_idle_workers(workers: set[int], timeout_s: float = 180.0) -> None:
    """Until no watched child runs under a worker: requests of earlier tests (a hostile
    submission's verification at the interactive priority) may still be running there."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        table = processes()
        watched = [pid for pid, (_, name, _, _) in table.items() if name in WATCHED]
        if all(started_by(pid, table, workers) == -1 for pid in watched):
            return
        time.sleep(0.2)
    raise AssertionError("the workers still run children of earlier requests")


def test_a_batch_job_s_children_run_lowered_and_the_lane_s_do_not(service: Service) -> None:
    repo = service.root / "priorities"
    repo.mkdir()
    (repo / "ops.py").write_text(  # its own functions: nothing of it is in the cache
        GCD.replace("gcd", "gcd_lowered") + "\n\n" + REFUSED.replace("2 * n", "5 * n")
    )
    headers = {"X-API-Key": KEY_A}
    workers = worker_pids(service)
    wait_for_idle_workers(workers)
    with Watcher(workers, lane_pids(service)) as watcher:
        job = httpx.post(f"{service.url}/v1/jobs", json={"source": str(repo)}, headers=headers)
        job_id, n = job.json()["id"], 0
        while httpx.get(f"{service.url}/v1/jobs/{job_id}", headers=headers).json()["state"] in (
            "queued",
            "running",
        ):
            n += 1
            source = f"def lane_{n}(x: int) -> int:\n    return x * {n}\n"
            assert post(service, {"source": source}).json()["status"] == "compiled"
    batch, lane = watcher.seen["worker"], watcher.seen["lane"]
    assert {(nice, scheduling) for _, nice, scheduling in batch} == {(10, "batch")}, batch
    assert {name for name, _, _ in batch} >= {"rustc", "verifier"}, batch
    assert {(nice, scheduling) for _, nice, scheduling in lane} == {(0, "normal")}, lane


def test_a_dead_lane_process_costs_no_answer(service: Service) -> None:
    assert post(service, {"source": "def warm_lane(x: int) -> int:\n    return x - 1\n"}).is_success
    before = lane_pids(service)
    assert len(before) == service.state.config.service.batch_slots
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    answer = post(service, {"source": "def after_kill(x: int) -> int:\n    return x - 2\n"})
    assert answer.status_code == 200 and answer.json()["status"] == "compiled"  # the cluster's
    answer = post(service, {"source": "def fresh_lane(x: int) -> int:\n    return x - 3\n"})
    assert answer.status_code == 200 and answer.json()["status"] == "compiled"
    assert lane_pids(service) and not lane_pids(service) & before  # a fresh pool


def test_lane_faults_and_timeouts_retire_the_pool() -> None:
    async def scenario() -> None:
        lane = Lane(1)
        try:
            first = await lane.run(os.getpid, timeout_s=120)
            with pytest.raises(LaneFault):
                await lane.run(os._exit, 3, timeout_s=120)
            second = await lane.run(os.getpid, timeout_s=120)
            with pytest.raises(TimeoutError):
                await lane.run(time.sleep, 5, timeout_s=0.5)
            third = await lane.run(os.getpid, timeout_s=120)  # not behind the sleep
            assert len({first, second, third}) == 3
        finally:
            lane.close()

    asyncio.run(scenario())
