"""Latency of ``portalis serve`` under 100 concurrent users (Locust, headless).

    .venv/bin/python benchmarks/bench_serve.py [--users 100] [--seconds 30] [--workers 2]
        [--batch-slots N] [--scenarios new,...] [--no-fast-path] [--out FILE]

Starts a cluster (a LocalCluster of ``--workers`` worker processes of two threads, each with
one ``BATCH`` resource that every batch partition asks for, so one thread per worker stays free
for interactive tasks; without Dask's profiler, as ``portalis serve``'s own local cluster) in
one child process and the service (``service.batch_slots``: one per worker, unless
``--batch-slots``) in another, connected to it by
address as a deployment would be (``portalis serve --cluster tcp://...``; a fresh SQLite cache;
no API keys: the loopback-only local tenant, rate limits raised out of the way), then drives it
with ``locust --headless`` (``FastHttpUser``: the client's own CPU competes with the server's on
this machine) for each scenario, one after the other. Every Locust user waits 1-3 s between
requests (think time), so 100 users offer about 50 requests/s:

- ``cached``: one of 50 functions translated once before the run (the answer cache: one
  lookup, no task);
- ``new``: a function never seen before (a fresh constant in its body), no verification;
- ``new_verify``: the same with verification (isolated Python, rustc harness);
- ``batch_alone``: no request for ``--seconds`` while a batch job (``POST /v1/jobs`` of
  tests/corpus, 525 units, verified, at the batch priority; submitted by the first scenario
  that needs it, and left running) runs on the cluster: the job's own pace;
- ``cached_during_batch`` / ``new_during_batch``: ``cached`` / ``new`` again while that job
  runs on the same cluster: its tasks start their children (rustc, rustfmt, the verifier) at
  the batch queue's OS priority (``nice``, SCHED_BATCH: pipeline/childprio.py), the requests'
  at normal priority.

While the job runs, each scenario also says what the job got (``batch_job``): its progress
counters before and after (files: they move only when a partition of ~2,500 lines finishes),
the CPU seconds of the workers' own processes and of their children (rustc, the verifier's
Python and harness; the isolated Python child, killed with its group, as last sampled: a
lower bound), a sample every 0.25 s of the live children (how many, their nice, whether one
was running); ``batch_share`` puts each window's CPU rate beside ``batch_alone``'s. The interactive
p95 during a batch job only shows something if the job progresses meanwhile.

New functions without verification are translated in the service's interactive lane
(``service.fast_path``, service/lane.py), as ``portalis serve`` does by default;
``--no-fast-path`` sends them to the cluster as tasks of the ``interactive`` priority instead.

Per scenario: requests, failures, p50/p95/p99 (Locust's CSV), throughput; the batch job's
progress during its scenarios; load averages (the machine is shared: latency depends on what
else runs); and the CPU milliseconds per request of the service's process and of the cluster's
processes (scheduler, workers, and the rustc/rustfmt/verifier processes they ran), which do not
depend on the load; with the p50/p95 compute time of the request tasks (from the scheduler's
task stream: a request's latency less that is queueing and hops). Bars (issue 15): p95 < 500
ms for ``cached`` and ``new``, errors 0. Writes benchmarks/results/serve.json.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import psutil  # noqa: E402
import yaml  # noqa: E402
from bench_scale import code_digest, machine, write_json  # noqa: E402

from pipeline.cluster import load_policy  # noqa: E402
from pipeline.config import ServiceSettings  # noqa: E402

LOCUSTFILE = """
import os, random
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

SCENARIO = os.environ["BENCH_SCENARIO"]
CACHED = int(os.environ["BENCH_CACHED"])


def source(n):
    return f"def scaled_{n}(a: int, b: int) -> int:\\n    return a * {n} + b\\n"


class Developer(FastHttpUser):
    wait_time = between(1, 3)
    network_timeout = connection_timeout = 600.0  # FastHttpUser's own default is 60 s

    @task
    def translate(self):
        fresh = SCENARIO.startswith("new")
        n = random.randrange(10**6, 10**15) if fresh else random.randrange(CACHED)
        body = {"source": source(n), "verify": SCENARIO == "new_verify"}
        with self.client.post("/v1/translate", json=body, name=SCENARIO,
                              catch_response=True) as response:
            if response.status_code == 200 and response.json()["status"] in (None, "unsupported"):
                response.failure("no translation: " + response.text[:200])
"""
THREADS = 2  # per worker
SCENARIOS = (
    "cached", "new", "new_verify", "batch_alone", "cached_during_batch", "new_during_batch"
)  # fmt: skip
BATCH_SCENARIOS = ("batch_alone", "cached_during_batch", "new_during_batch")
CACHED_FUNCTIONS = 50


def reserving_policy(workdir: Path) -> Path:
    """The workload policy with every size class asking for one ``BATCH`` slot per task: a
    worker of two threads and ``BATCH=1`` runs one batch partition at a time and keeps its
    other thread for interactive tasks (a task's priority orders the queue; it does not
    preempt a partition already running)."""
    policy = yaml.safe_load((ROOT / "config/resource_allocation.yaml").read_text())
    for size in policy["size_classes"].values():
        size["resources"] = {"BATCH": 1}
    path = workdir / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, sort_keys=False))  # classes go smallest first
    return path


def cluster_forever(address_file: Path, workers: int, nice: int) -> None:
    """Child process: the cluster, until killed; writes its scheduler's address. It runs
    ``nice`` nicer than the service, as portalis serve's own (``service.cluster_nice``)."""
    import dask
    from distributed import LocalCluster
    from distributed.diagnostics.task_stream import TaskStreamPlugin

    from pipeline.cluster.detached import LEAN

    if nice > 0:
        os.nice(nice)
    with (
        dask.config.set(LEAN),
        LocalCluster(  # as portalis serve's own local cluster
            n_workers=workers,
            threads_per_worker=THREADS,
            resources={"BATCH": 1},
            processes=True,
            dashboard_address="127.0.0.1:0",
        ) as cluster,
    ):
        cluster.scheduler.add_plugin(TaskStreamPlugin(cluster.scheduler))  # see task_stream()
        address_file.write_text(cluster.scheduler_address)
        while True:
            time.sleep(3600)


def serve_forever(
    url_file: Path, scheduler: str, slots: int, workdir: Path, fast_path: bool
) -> None:
    """Child process: the service on the cluster at ``scheduler``, until killed; writes its
    URL to ``url_file``."""
    from pipeline.config import RunConfig
    from pipeline.service.server import build_state, running

    config = RunConfig.model_validate(
        {
            "cache": {"url": f"sqlite:///{workdir / 'cache.sqlite'}"},
            "policy": str(reserving_policy(workdir)),
            "service": {
                "batch_slots": slots,
                "fast_path": fast_path,
                "tiers": {"default": {"requests_per_minute": 1e6, "burst": 100000}},
                "jobs_out": str(workdir / "jobs"),
                "source_roots": [str(ROOT / "tests")],
                "translate_timeout_s": 600,
            },
        }
    )
    state = build_state(config, scheduler, "127.0.0.1")
    signal.signal(signal.SIGTERM, _exit)  # stopped by terminate(): the lane's processes too
    with running(state) as url:
        url_file.write_text(url)
        while True:
            time.sleep(3600)


def _exit(*_: object) -> None:
    """SIGTERM in the service's child: leave through ``running`` (the service's shutdown
    closes its interactive lane), not by the default handler, which left the lane's processes
    running, orphaned, after each benchmark."""
    raise SystemExit(0)


def start(args: list[str], ready: Path) -> tuple[subprocess.Popen, str]:
    """This script again with ``args`` (a child mode); waits for it to write ``ready``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, __file__, *args], env=env, cwd=ready.parent)
    deadline = time.monotonic() + 180
    while not (ready.exists() and ready.read_text()):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{args[0]} did not start")
        time.sleep(0.5)
    return proc, ready.read_text()


def cpu_seconds(pid: int) -> float:
    """CPU seconds of a process, its live descendants and the children they have reaped."""
    total = 0.0
    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            t = proc.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
    return total


def tree_cpu(procs: list[psutil.Process]) -> float:
    """CPU seconds of ``procs`` and everything below them (live, or reaped by them)."""
    total = 0.0
    for root in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            for proc in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    t = proc.cpu_times()
                    total += t.user + t.system + t.children_user + t.children_system
    return total


class BatchMeter:
    """What the batch job's processes get during a window: CPU seconds of the cluster's
    worker processes themselves (the partition's translation runs in a worker thread, beside
    Dask's own work) and of the children they start (rustc, rustfmt, the verifier's Python
    and harness, at the batch queue's OS priority: with the fast path, no request starts a
    child on the cluster, so in ``new``/``cached`` scenarios these are the batch job's alone).

    Children the workers reap count exactly (their CPU moves into the worker's children
    times). The verifier's Python child inside bubblewrap is not theirs to reap and is killed
    with its group when its verification ends, so its CPU never reaches those times: a thread
    samples every live child every ``every`` seconds, and such a child (one whose parent is
    ``bwrap``) counts with the CPU it had when last seen (a lower bound). The samples also
    give the per-process view: by command name, how many, CPU seen, nice, and how many
    samples found one runnable."""

    def __init__(self, cluster_pid: int, every: float = 0.25) -> None:
        self.workers = psutil.Process(cluster_pid).children()  # worker processes (and helpers)
        self.every = every
        self._stop = threading.Event()
        # pid -> [name, nice, CPU at first sight in the window, CPU last seen, under bwrap]
        self._seen: dict[int, list[Any]] = {}
        self._samples = 0
        self._runnable = 0  # samples with at least one batch child running or runnable
        self._thread: threading.Thread | None = None

    def split(self) -> tuple[float, float]:
        """(workers' own CPU, their children's CPU), in seconds so far."""
        own = 0.0
        for w in self.workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                t = w.cpu_times()
                own += t.user + t.system
        return own, tree_cpu(self.workers) - own

    def __enter__(self) -> BatchMeter:
        self._start = self.split()
        self._sample_once(first=True)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        self._sample_once()
        own, kids = self.split()
        self.own_cpu_s = round(own - self._start[0], 2)
        self.reaped_cpu_s = round(kids - self._start[1], 2)
        self.unreaped_cpu_s = round(
            sum(last - first for _, _, first, last, bwrapped in self._seen.values() if bwrapped),
            2,
        )

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self._sample_once()

    def _sample_once(self, first: bool = False) -> None:
        self._samples += 1
        running = False
        for w in self.workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                for p in w.children(recursive=True):
                    with contextlib.suppress(psutil.NoSuchProcess), p.oneshot():
                        t = p.cpu_times()
                        cpu = t.user + t.system
                        running |= p.status() == psutil.STATUS_RUNNING
                        if p.pid in self._seen:
                            self._seen[p.pid][3] = cpu
                            continue
                        parent = p.parent()
                        bwrapped = parent is not None and parent.name() == "bwrap"
                        start = cpu if first else 0.0  # a child born in the window: all of it
                        self._seen[p.pid] = [p.name(), p.nice(), start, cpu, bwrapped]
        self._runnable += running

    def view(self, wall_s: float) -> dict[str, Any]:
        by_name: dict[str, dict[str, Any]] = {}
        for name, nice, first, last, _ in self._seen.values():
            entry = by_name.setdefault(name, {"processes": 0, "cpu_s_seen": 0.0, "nice": []})
            entry["processes"] += 1
            entry["cpu_s_seen"] = round(entry["cpu_s_seen"] + last - first, 2)
            if nice not in entry["nice"]:
                entry["nice"].append(nice)
        children = self.reaped_cpu_s + self.unreaped_cpu_s
        return {
            "wall_s": round(wall_s, 1),
            "workers_own_cpu_s": self.own_cpu_s,
            "children_cpu_s": round(children, 2),
            "children_reaped_cpu_s": self.reaped_cpu_s,
            "children_isolated_cpu_s_seen": self.unreaped_cpu_s,
            "cpu_s_per_s": round((self.own_cpu_s + children) / wall_s, 3),
            "children_cpu_s_per_s": round(children / wall_s, 3),
            "samples": self._samples,
            "samples_with_a_child_running": self._runnable,
            "children_seen": by_name,
        }


def warm(url: str) -> dict[str, Any]:
    """Translate the cached scenario's functions once (and warm every worker's imports)."""
    started = time.perf_counter()
    with httpx.Client(timeout=600) as client:
        for n in range(CACHED_FUNCTIONS):
            source = f"def scaled_{n}(a: int, b: int) -> int:\n    return a * {n} + b\n"
            response = client.post(f"{url}/v1/translate", json={"source": source})
            response.raise_for_status()
    return {"functions": CACHED_FUNCTIONS, "seconds": round(time.perf_counter() - started, 1)}


def locust(
    url: str, scenario: str, users: int, seconds: int, workdir: Path, pids: dict[str, int]
) -> dict[str, Any]:
    locustfile = workdir / "locustfile.py"
    locustfile.write_text(LOCUSTFILE)
    prefix = workdir / scenario
    env = {**os.environ, "BENCH_SCENARIO": scenario, "BENCH_CACHED": str(CACHED_FUNCTIONS)}
    locust_bin = shutil.which("locust") or str(Path(sys.executable).with_name("locust"))
    cmd = [
        locust_bin, "-f", str(locustfile), "--headless", "-u", str(users), "-r", str(users),
        "-t", f"{seconds}s", "--stop-timeout", "120", "--host", url, "--csv", str(prefix),
        "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    load_before = os.getloadavg()
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=False, capture_output=True)
    wall = time.perf_counter() - started
    cpu = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
    with open(f"{prefix}_stats.csv", newline="") as fh:
        row = next((r for r in csv.DictReader(fh) if r["Name"] == scenario), None)
    if row is None:  # no request finished: Locust writes no row for the scenario
        return {"users": users, "seconds": seconds, "wall_s": round(wall, 1), "requests": 0}
    requests = int(row["Request Count"])
    return {
        "users": users,
        "seconds": seconds,
        "wall_s": round(wall, 1),
        "requests": requests,
        "failures": int(row["Failure Count"]),
        "requests_per_s": round(float(row["Requests/s"]), 2),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "max_ms": float(row["Max Response Time"]),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "cpu_ms_per_request": {
            name: round(seconds * 1000 / max(requests, 1), 2) for name, seconds in cpu.items()
        },
    }


def batches(url: str) -> tuple[float, float]:
    """Micro-batches sent to the cluster so far, and the requests they answered."""
    text = httpx.get(f"{url}/metrics", timeout=60).text
    values = {
        line.split()[0]: float(line.split()[1])
        for line in text.splitlines()
        if line.startswith("portalis_serve_batch_size_")
    }
    return values.get("portalis_serve_batch_size_count", 0), values.get(
        "portalis_serve_batch_size_sum", 0
    )


def idle_cpu(pids: dict[str, int], seconds: float = 10) -> dict[str, float]:
    """CPU milliseconds per second each part spends with no request at all (Dask's own
    heartbeats and monitors): the floor under the per-request figures."""
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    time.sleep(seconds)
    return {
        name: round((cpu_seconds(pid) - before[name]) * 1000 / seconds, 1)
        for name, pid in pids.items()
    }


def drain(scheduler: str, timeout_s: float = 600) -> float:
    """Wait until no request's task is left on the cluster (a request Locust gave up on at the
    end of a scenario would otherwise run on into the next); the seconds it took."""
    from distributed import Client

    started = time.monotonic()
    with Client(scheduler, timeout=60) as client:
        while time.monotonic() - started < timeout_s:
            keys = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.tasks))
            if not any(str(k).startswith("serve-translate-") for k in keys):
                break
            time.sleep(1)
    return round(time.monotonic() - started, 1)


def task_stream(scheduler: str) -> list[dict[str, float]]:
    """Every request task the scheduler's task stream holds: when it started computing (on
    the worker's clock) and for how long, in seconds."""
    from distributed import Client

    def collect(dask_scheduler: Any) -> list[dict[str, float]]:
        return [
            {"start": s["start"], "compute_s": s["stop"] - s["start"]}
            for msg in dask_scheduler.plugins["task-stream"].buffer
            if str(msg["key"]).startswith("serve-translate-")
            for s in msg["startstops"]
            if s["action"] == "compute"
        ]

    with Client(scheduler, timeout=60) as client:
        return client.run_on_scheduler(collect)


def compute_ms(tasks: list[dict[str, float]], since: float) -> dict[str, float]:
    """p50/p95 of the compute time of the tasks that started after ``since``: the part of
    a request's latency spent inside its task, the rest being queueing and hops."""
    times = sorted(t["compute_s"] * 1000 for t in tasks if t["start"] >= since)
    if not times:
        return {}
    return {"tasks": len(times), "p50": quantile(times, 0.5), "p95": quantile(times, 0.95)}


def quantile(ordered: list[float], q: float) -> float:
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def batch_progress(
    before: dict[str, Any] | None, after: dict[str, Any], meter: dict[str, Any]
) -> dict[str, Any]:
    """The batch job during one window: its progress counters before and after, the files it
    finished, and its processes' CPU (``BatchMeter``)."""
    done = after["files_done"] - (before or {}).get("files_done", 0)
    return {
        "before": before,
        "after": after,
        "files_finished": done,
        "files_per_s": round(done / meter["wall_s"], 3),
        **meter,
    }


def batch_share(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The batch job's pace in each window with interactive load, relative to its pace in
    ``batch_alone`` (CPU seconds per second of its processes; a window where the job had
    finished, or ran out of work for a slot, understates it: see ``after.state``)."""
    alone = runs.get("batch_alone", {}).get("batch_job")
    share: dict[str, Any] = {}
    for name, run in runs.items():
        job = run.get("batch_job")
        if job is None:
            continue
        share[name] = {
            "cpu_s_per_s": job["cpu_s_per_s"],
            "children_cpu_s_per_s": job["children_cpu_s_per_s"],
            "files_finished": job["files_finished"],
            "state_after": job["after"]["state"],
        }
        if alone and alone["cpu_s_per_s"] > 0 and name != "batch_alone":
            share[name]["cpu_rate_vs_alone"] = round(job["cpu_s_per_s"] / alone["cpu_s_per_s"], 3)
    return share


def job_view(url: str, job_id: str) -> dict[str, Any]:
    view = httpx.get(f"{url}/v1/jobs/{job_id}", timeout=60).json()
    return {"state": view["state"], **view["progress"]}


def bench(
    users: int,
    seconds: int,
    workers: int,
    slots: int,
    scenarios: list[str],
    fast_path: bool,
    cluster_nice: int,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "code": code_digest(),
        "workers": workers,
        "batch_slots": slots,
        "fast_path": fast_path,
        "cluster_nice": cluster_nice,
        "batch_children": dataclasses.asdict(load_policy(None).queue("batch").children),
        "think_time_s": [1, 3],
        "scenarios": {},
    }
    with tempfile.TemporaryDirectory(prefix="portalis-bench-serve-") as tmp:
        workdir = Path(tmp)
        cluster, scheduler = start(["--cluster", str(workdir / "scheduler"), "-w", str(workers),
                                    "--cluster-nice", str(cluster_nice)],
                                   workdir / "scheduler")  # fmt: skip
        service, url = start(
            [
                "--serve",
                str(workdir / "url"),
                "--scheduler",
                scheduler,
                "--batch-slots",
                str(slots),
                "--fast-path" if fast_path else "--no-fast-path",
            ],
            workdir / "url",
        )
        pids = {"service": service.pid, "cluster": cluster.pid}
        try:
            result["warm_up"] = warm(url)
            result["idle_cpu_ms_per_s"] = idle_cpu(pids)
            job = None
            for scenario in scenarios:
                if scenario in BATCH_SCENARIOS and job is None:
                    corpus = {"source": str(ROOT / "tests" / "corpus")}
                    job = httpx.post(f"{url}/v1/jobs", json=corpus, timeout=60).json()["id"]
                    time.sleep(5)  # its partitions are queued on the workers
                before = job_view(url, job) if job else None
                sent, since = batches(url), time.time()
                started = time.perf_counter()
                with BatchMeter(cluster.pid) as meter:
                    if scenario == "batch_alone":  # the job's own pace, no request at all
                        time.sleep(seconds)
                        run = {"seconds": seconds, "loadavg_after": list(os.getloadavg())}
                    else:
                        run = locust(url, scenario, users, seconds, workdir, pids)
                if job:
                    run["batch_job"] = batch_progress(
                        before, job_view(url, job), meter.view(time.perf_counter() - started)
                    )
                run["drained_after_s"] = drain(scheduler)
                run["task_compute_ms"] = compute_ms(task_stream(scheduler), since)
                count, size = (b - a for a, b in zip(sent, batches(url), strict=True))
                if count:
                    mean = round(size / count, 1)
                    run["micro_batches"] = {"tasks": int(count), "mean_size": mean}
                result["scenarios"][scenario] = run
                print(scenario, json.dumps(run), flush=True)
        finally:
            for proc in (service, cluster):
                proc.terminate()
                proc.wait(timeout=60)
    result["batch_share"] = batch_share(result["scenarios"])
    result["bars"] = {
        name: {"p95_ms": run["p95_ms"], "p95_under_500ms": run["p95_ms"] < 500,
               "errors": run["failures"]}
        for name, run in result["scenarios"].items()
        if name in ("cached", "new") and "p95_ms" in run
    }  # fmt: skip
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("-w", "--workers", type=int, default=2)
    parser.add_argument(
        "--batch-slots", type=int, help="service.batch_slots (default: one per worker)"
    )
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument(
        "--fast-path",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="service.fast_path: translation-only misses in the service's own processes",
    )
    parser.add_argument(
        "--cluster-nice",
        type=int,
        default=ServiceSettings().cluster_nice,
        help="service.cluster_nice: the cluster runs this much nicer than the service",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/serve.json")
    parser.add_argument("--cluster", type=Path, help=argparse.SUPPRESS)  # child processes
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cluster is not None:
        cluster_forever(args.cluster, args.workers, args.cluster_nice)
        return {}
    if args.serve is not None:
        serve_forever(
            args.serve, args.scheduler, args.batch_slots, args.serve.parent, args.fast_path
        )
        return {}
    slots = args.batch_slots or args.workers
    scenarios = args.scenarios.split(",")
    result = bench(
        args.users, args.seconds, args.workers, slots, scenarios, args.fast_path, args.cluster_nice
    )
    write_json(result, args.out)
    return result


if __name__ == "__main__":
    main()
