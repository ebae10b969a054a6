"""Cold vs warm (all cached) runs, for the SQLite and the Redis cache backends.

    .venv/bin/python benchmarks/bench_cold_warm.py [--workers 2] [--skip-stdlib]
                                                   [--limit-files N] [--backends sqlite,redis]

Corpora:

- ``examples``: examples/mathkit, examples/textkit, examples/datakit WITH verification (the
  default configuration of ``portalis run``);
- ``stdlib``: the running Python's standard library as one repository (the corpus of
  bench_scale.py; ``--limit-files N`` keeps N files spread evenly), verification OFF
  (``--no-exec``: verifying stdlib functions would execute stdlib code for hours).

For each corpus and backend: one LocalCluster (``pipeline.cluster.connect``, ``--workers``
single-threaded worker processes), whose workers first import the pipeline (so the cold run
is not charged for imports a warm run would not pay either; that warm-up is reported), then a
cold run with an empty cache (a fresh SQLite file in a temporary directory; for Redis a
redis-server this script starts on a free 127.0.0.1 port, flushed) and a warm re-run of the
same input with the same cache (every unit a hit). Both through ``pipeline.runner.run``.

Per run: the summary's graph time (``timings.graph_s``) and total (``timings.total_s``), the
wall time of ``run()``, and that wall plus the cluster's start-up (what one CLI invocation
on a fresh cluster would pay, less interpreter start); counts by status; cache hits, misses
and writes; and cache round trips, counted on the workers by a WorkerPlugin that wraps the
backends' ``get_many``/``put_many`` (calls and keys) — against the number of
``process_partition`` tasks (Dask task stream) — and, for Redis, the server's own
``INFO commandstats`` (MGET and SET calls) as a cross-check. Target: warm <= cold / 10.
Writes benchmarks/results/cold_warm.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil  # noqa: E402
from bench_cache import start_redis  # noqa: E402
from bench_scale import (  # noqa: E402
    _no_progress,
    code_digest,
    machine_busy_s,
    materialise,
    stdlib_files,
    task_stats,
    write_json,
)
from distributed import get_task_stream  # noqa: E402
from distributed.diagnostics.plugin import WorkerPlugin  # noqa: E402

from pipeline.cluster import connect  # noqa: E402
from pipeline.config import RunConfig  # noqa: E402
from pipeline.runner import RunHooks, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results" / "cold_warm.json"
EXAMPLES = ["examples/mathkit", "examples/textkit", "examples/datakit"]
TARGET_WARM_FRACTION = 0.1
PLUGIN = "bench-cache-calls"


class CacheCallCounter(WorkerPlugin):
    """Counts cache round trips on a worker: wraps ``get_many``/``put_many`` of both backends.

    Defined in the benchmark (cloudpickled to the workers); the pipeline is not modified.
    """

    name = PLUGIN

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def setup(self, worker: Any) -> None:
        from pipeline.cache.redis import RedisCache
        from pipeline.cache.sqlite import SQLiteCache

        self.reset()
        counts = self.counts
        for cls in (SQLiteCache, RedisCache):
            for method in ("get_many", "put_many"):
                original = getattr(cls, method)
                if getattr(original, "_bench_wrapped", False):
                    continue

                def wrapper(self_: Any, arg: Any, _orig: Any = original, _m: str = method) -> Any:
                    n = len(arg)
                    counts[f"{_m}_calls"] = counts.get(f"{_m}_calls", 0) + 1
                    counts[f"{_m}_keys"] = counts.get(f"{_m}_keys", 0) + n
                    if n:  # an empty call returns before touching the backend
                        counts[f"{_m}_round_trips"] = counts.get(f"{_m}_round_trips", 0) + 1
                    return _orig(self_, arg)

                wrapper._bench_wrapped = True  # type: ignore[attr-defined]
                setattr(cls, method, wrapper)

    def reset(self) -> None:
        self.counts.clear()


def _worker_counts(dask_worker: Any) -> dict[str, int]:
    return dict(dask_worker.plugins[PLUGIN].counts)


def _worker_reset(dask_worker: Any) -> None:
    dask_worker.plugins[PLUGIN].reset()


def _warm_imports() -> float:
    """Import what a task imports (engine, stages, verifier) in a worker; seconds taken."""
    started = time.perf_counter()
    import pipeline.stages  # noqa: F401
    import pipeline.verify  # noqa: F401
    from pipeline.translate import get_engine

    get_engine("rules")
    return time.perf_counter() - started


def cache_calls(client: Any) -> dict[str, int]:
    total: dict[str, int] = {}
    for counts in client.run(_worker_counts).values():
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    return total


class RedisStats:
    """INFO commandstats of our own redis-server (reset before each run)."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def reset(self) -> None:
        self.client.config_resetstat()

    def calls(self) -> dict[str, int]:
        info = self.client.info("commandstats")
        return {
            k.removeprefix("cmdstat_"): int(v["calls"])
            for k, v in info.items()
            if k.removeprefix("cmdstat_") in ("mget", "set", "get", "ping")
        }


def measured_run(
    client: Any, sources: list[str], out: Path, config: RunConfig, redis_stats: RedisStats | None
) -> dict[str, Any]:
    client.run(_worker_reset)
    if redis_stats is not None:
        redis_stats.reset()
    with get_task_stream(client) as stream:
        t0, busy0 = time.perf_counter(), machine_busy_s()
        summary = run(sources, str(out), config, client, RunHooks(progress=_no_progress))
        wall = time.perf_counter() - t0
        busy = machine_busy_s() - busy0
    tasks = task_stats(stream.data)
    calls = cache_calls(client)
    partitions = tasks["by_kind"].get("process_partition", {}).get("tasks", 0)
    round_trips = calls.get("get_many_round_trips", 0) + calls.get("put_many_round_trips", 0)
    result: dict[str, Any] = {
        "wall_s": round(wall, 3),
        "graph_s": round(summary.timings["graph_s"], 3),
        "total_s": round(summary.timings["total_s"], 3),
        "timings": {k: round(v, 3) for k, v in summary.timings.items()},
        # CPU the whole machine used meanwhile (this run and everybody else's), in cores
        "machine_busy_cores": round(busy / wall, 2),
        "units": summary.functions,
        "counts": summary.counts,
        "cache_hits": summary.cache_hits,
        "cache": {
            k: summary.cache.get(k)
            for k in ("backend", "hits", "misses", "writes", "errors", "repos_unchanged")
        },
        "partitions": partitions,
        "tasks": {k: v for k, v in tasks.items() if k != "compute_s_total"},
        "cache_calls": calls,
        "cache_round_trips_per_partition": round(round_trips / partitions, 2)
        if partitions
        else None,  # None: every repository was finished by its cache probe
        "cache_round_trips_per_repo": round(round_trips / max(1, len(summary.repos)), 2),
        "units_per_lookup": round(
            calls.get("get_many_keys", 0) / max(1, calls.get("get_many_round_trips", 0)), 1
        ),
    }
    if redis_stats is not None:
        result["redis_commandstats"] = redis_stats.calls()
    return result


def cold_and_warm(
    client: Any,
    corpus: str,
    sources: list[str],
    verify: bool,
    backend: str,
    url: str,
    cluster_start_s: float,
    workdir: Path,
    redis_stats: RedisStats | None,
) -> dict[str, Any]:
    """A cold run (empty cache) then a warm run (same input, same cache) on one cluster."""
    config = RunConfig(
        scope="all",  # the stdlib's tests included, as before the library scope
        verify={"enabled": verify},
        cache={"url": url, "namespace": f"bench-{corpus}"},
    )
    cold = measured_run(client, sources, workdir / f"{corpus}-{backend}-cold", config, redis_stats)
    warm = measured_run(client, sources, workdir / f"{corpus}-{backend}-warm", config, redis_stats)
    for r in (cold, warm):
        r["wall_with_cluster_start_s"] = round(r["wall_s"] + cluster_start_s, 3)
    ratio_graph = warm["graph_s"] / cold["graph_s"]
    ratio_wall = warm["wall_s"] / cold["wall_s"]
    ratio_start = warm["wall_with_cluster_start_s"] / cold["wall_with_cluster_start_s"]
    expected_hits = warm["units"] - warm["counts"].get("skipped", 0)
    return {
        "backend": backend,
        "cold": cold,
        "warm": warm,
        "warm_over_cold_graph": round(ratio_graph, 4),
        "warm_over_cold_wall": round(ratio_wall, 4),
        "warm_over_cold_with_cluster_start": round(ratio_start, 4),
        "cold_over_warm_graph": round(1 / ratio_graph, 1),
        "target_warm_le_tenth_of_cold": {
            "graph_met": ratio_graph <= TARGET_WARM_FRACTION,
            "wall_met": ratio_wall <= TARGET_WARM_FRACTION,
            "with_cluster_start_met": ratio_start <= TARGET_WARM_FRACTION,
        },
        "all_warm_units_hit": warm["cache_hits"] == expected_hits,
    }


def one_backend(
    backend: str,
    url: str,
    corpora: list[tuple[str, list[str], bool]],
    workers: int,
    workdir: Path,
    redis_stats: RedisStats | None,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """One cluster for this backend; every corpus cold then warm on it."""
    started = time.perf_counter()
    with connect(None, workers=workers) as handle:
        client = handle.client
        client.wait_for_workers(workers, timeout=120)
        cluster_start_s = time.perf_counter() - started
        imports = client.run(_warm_imports)
        client.register_plugin(CacheCallCounter(), name=PLUGIN)
        cluster = {
            "cluster_start_s": round(cluster_start_s, 2),
            "worker_import_warmup_s": round(max(imports.values()), 2),
        }
        results = {}
        for name, sources, verify in corpora:
            res = cold_and_warm(
                client, name, sources, verify, backend, url, cluster_start_s, workdir, redis_stats
            )
            results[name] = res
            print(
                f"{name}/{backend}: cold {res['cold']['graph_s']} s, warm "
                f"{res['warm']['graph_s']} s (graph)",
                file=sys.stderr,
                flush=True,
            )
    return cluster, results


def redis_version() -> str:
    out = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout
    return next((w[2:] for w in out.split() if w.startswith("v=")), "unknown")


def bench(
    workers: int,
    backends: list[str],
    examples: list[str],
    skip_stdlib: bool,
    limit: int | None,
    workdir: Path,
) -> dict[str, Any]:
    corpora: list[tuple[str, list[str], bool]] = []
    if examples:
        corpora.append(("examples", [str(ROOT / p) for p in examples], True))
    if not skip_stdlib:
        repo = materialise(stdlib_files(limit), workdir / "stdlib")
        corpora.append(("stdlib", [str(repo)], False))
    result: dict[str, Any] = {
        "benchmark": "cold_warm",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "memory_gib": round(psutil.virtual_memory().total / 1024**3, 1),
            "note": "shared machine: other jobs ran alongside",
            "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        },
        "code_before": code_digest(),
        "workers": workers,
        "threads_per_worker": 1,
        "target": "warm <= cold / 10",
        "clusters": {},
        "corpora": {},
    }
    for name, _sources, verify in corpora:
        entry: dict[str, Any] = {"verify": verify, "backends": {}}
        if name == "stdlib":
            entry["sources"] = ["<copy of the stdlib discovery keeps>"]
            entry["limit_files"] = limit
            entry["verify_note"] = (
                "off (--no-exec): verifying stdlib functions would execute stdlib code for hours"
            )
        else:
            entry["sources"] = examples
        result["corpora"][name] = entry
    redis_proc = None
    try:
        for backend in backends:
            stats = None
            if backend == "sqlite":
                url = f"sqlite:///{workdir / 'cache.sqlite'}"
            else:
                started = start_redis(workdir)
                if started is None:
                    result["clusters"][backend] = {"skipped": "redis-server not installed"}
                    continue
                redis_proc, url = started
                result["redis_server"] = redis_version()
                stats = RedisStats(url)
            cluster, per_corpus = one_backend(backend, url, corpora, workers, workdir, stats)
            result["clusters"][backend] = cluster
            for name, res in per_corpus.items():
                result["corpora"][name]["backends"][backend] = res
    finally:
        if redis_proc is not None:
            redis_proc.kill()
            redis_proc.wait(timeout=10)
    result["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    result["code_after"] = code_digest()
    result["code_changed_during_benchmark"] = result["code_after"] != result["code_before"]
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--backends", default="sqlite,redis", help="comma-separated: sqlite, redis (default both)"
    )
    parser.add_argument(
        "--examples",
        nargs="*",
        default=EXAMPLES,
        metavar="DIR",
        help="example repositories, verified (default: the three bundled; none: skip them)",
    )
    parser.add_argument("--skip-stdlib", action="store_true", help="examples only")
    parser.add_argument(
        "--limit-files", type=int, default=None, help="only N stdlib files, spread evenly"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "redis"}
    if unknown or not backends:
        parser.error(f"--backends: unknown {sorted(unknown)}; use sqlite, redis")
    with tempfile.TemporaryDirectory(prefix="bench-cold-warm-") as tmp:
        result = bench(
            args.workers, backends, args.examples, args.skip_stdlib, args.limit_files, Path(tmp)
        )
    write_json(result, args.out)
    import json

    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
