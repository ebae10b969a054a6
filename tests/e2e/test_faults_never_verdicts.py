"""Faults of the machinery are retried and never become verdicts, nor cached.

The way it happened: a real run (rule engine, verification on, 2 worker processes, SQLite
cache) while a killer SIGKILLs, at random moments, a worker and rustc / harness / Python
child processes of the workers. Every unit's status must equal an undisturbed run's, the
cache must hold nothing of the faults, and a warm re-run must agree too. A rustc that keeps
dying ends as ``internal_error`` naming the cause, and nothing of it is cached.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import threading
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from pipeline.cache.codec import decode_entry
from pipeline.config import RunConfig
from pipeline.runner import run

ROOT = Path(__file__).resolve().parents[2]
REPO = ROOT / "examples" / "mathkit"
CHILDREN = ("rustc", "harness", "child.py")  # what the verifier and the compile check start
# what a fault leaves in a row or verdict: its status, its code, the words of its reason
FAULT_MARKS = (
    "'internal_error'",
    "'worker_crash'",
    "PT997",
    "fault (after",
    "verifier failed",
    "killed by signal",
    "from outside",
)


def config(cache_url: str) -> RunConfig:
    return RunConfig(
        engine="rules",
        partition_lines=120,  # several partitions over the two workers
        cache={"url": cache_url, "namespace": "faults"},
        verify={"examples_per_function": 12},
    )


def statuses(out: Path) -> dict[str, str]:
    return {r["unit_id"]: r["status"] for r in pq.read_table(out / "manifest.parquet").to_pylist()}


def faults_in_cache(db: Path) -> list[str]:
    """The cache entries (their verdicts, compile outcomes and rows) that hold a fault."""
    with sqlite3.connect(db) as conn:
        values = [v for (v,) in conn.execute("SELECT value FROM entries")]
    found = []
    for value in values:
        entry = decode_entry(value) or {}
        judged = {k: v for k, v in entry.items() if k not in ("translation", "translations")}
        text = repr(judged)
        found += [text[:300] for mark in FAULT_MARKS if mark in text]
    return found


class Killer(threading.Thread):
    """SIGKILLs, at random moments, one worker and up to ``children`` of the workers' rustc,
    harness and Python child processes (fewer kills than a step's retries: every step must
    succeed in the end)."""

    def __init__(self, worker_pids: list[int], children: int, seed: int) -> None:
        super().__init__(daemon=True)
        self.workers, self.left = worker_pids, children
        self.rnd = random.Random(seed)
        self.killed: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        # the worker dies mid-task: once its work has children, after a random delay (a fixed
        # delay let a fast machine finish the run before any worker was killed)
        worker_at = time.monotonic() + self.rnd.uniform(0.0, 1.5)
        while not self.stop.wait(self.rnd.uniform(0.05, 0.4)):
            found = self._children()
            if self.workers and found and time.monotonic() >= worker_at:
                self._kill(self.workers.pop(self.rnd.randrange(len(self.workers))), "worker")
                found = self._children()
            if self.left and found and self.rnd.random() < 0.5:
                proc = self.rnd.choice(found)
                self._kill(proc.pid, " ".join(proc.cmdline()[:1]))
                self.left -= 1

    def _children(self) -> list[psutil.Process]:
        out = []
        for pid in self.workers:
            try:
                for proc in psutil.Process(pid).children(recursive=True):
                    line = " ".join(proc.cmdline())
                    if any(name in line for name in CHILDREN):
                        out.append(proc)
            except psutil.Error:
                continue
        return out

    def _kill(self, pid: int, what: str) -> None:
        try:
            os.kill(pid, signal.SIGKILL)
            self.killed.append(what)
        except ProcessLookupError:
            pass


@pytest.mark.timeout(600)
def test_random_kills_leave_every_status_as_an_undisturbed_run(tmp_path: Path) -> None:
    db = tmp_path / "cache.sqlite"
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        calm = run([str(REPO)], str(tmp_path / "calm"), config("none://"), client)
        killer = Killer(list(client.run(os.getpid).values()), children=2, seed=17)
        killer.start()
        try:
            hit = run([str(REPO)], str(tmp_path / "hit"), config(f"sqlite:///{db}"), client)
        finally:
            killer.stop.set()
            killer.join()
        warm = run([str(REPO)], str(tmp_path / "warm"), config(f"sqlite:///{db}"), client)
    assert "worker" in killer.killed and len(killer.killed) >= 2, killer.killed
    expected = statuses(tmp_path / "calm")
    assert "verified" in expected.values()
    assert statuses(tmp_path / "hit") == expected, killer.killed
    assert statuses(tmp_path / "warm") == expected
    assert faults_in_cache(db) == []
    assert calm.complete and hit.complete and warm.complete


def _dying_rustc(bin_dir: Path) -> None:
    """A ``rustc`` on PATH that is killed by SIGKILL as soon as it starts."""
    bin_dir.mkdir()
    script = bin_dir / "rustc"
    script.write_text("#!/bin/sh\nkill -9 $$\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_a_rustc_that_keeps_dying_is_an_internal_error_never_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dying_rustc(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    db = tmp_path / "cache.sqlite"
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "m.py").write_text("def add(a: int, b: int) -> int:\n    return a + b\n")
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0"
        ) as c,
        Client(c) as client,
    ):
        run([str(repo)], str(tmp_path / "out"), config(f"sqlite:///{db}"), client)
    [row] = pq.read_table(tmp_path / "out" / "manifest.parquet").to_pylist()
    assert row["status"] == "internal_error"
    assert "rustc killed by signal 9 (SIGKILL)" in row["reason"]
    assert faults_in_cache(db) == []
