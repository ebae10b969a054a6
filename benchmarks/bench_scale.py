"""Scale: a cold run over the running Python's standard library, against the parse floor.

    .venv/bin/python benchmarks/bench_scale.py [--workers 2,1] [--limit-files N] [--out FILE]

Corpus: every ``.py`` file that Portalis's discovery keeps under
``sysconfig.get_paths()["stdlib"]`` (site-packages and venv/ are skipped by discovery), copied
into one temporary repository called ``stdlib``. ``--limit-files N`` keeps N files spread evenly
over the sorted list (for quick checks; the figures are then not comparable with the targets).

Measured in one process, one after the other:

- the *parse floor*: read + ``ast.parse`` of every file once, on one core, in this process
  (best of ``--parse-repeat`` passes; each pass parses every file exactly once);
- for each worker count in ``--workers``: a LocalCluster of that many single-threaded worker
  processes (``pipeline.cluster.connect``), then one cold ``pipeline.runner.run`` through the
  real runner API with an empty SQLite cache in a temporary directory and verification OFF
  (the equivalent of ``portalis run --no-exec``: verifying ~58K stdlib functions would execute
  stdlib code in sandboxes for hours; this benchmark measures load, shard, translate and the
  rustc compile check). Reported per run: wall time of ``run()`` (cluster start excluded and
  reported separately), functions/s and lines/s, peak RSS of the worker processes (psutil,
  sampled every 0.2 s; also with their rustc children), counts by status, worker restarts,
  and the scheduler's view: tasks by kind and median/p90 task compute time (Dask task stream).

Targets (2-core machine): cold (2 workers) <= 8 x parse floor; 2-vs-1 worker speed-up >= 1.7;
peak worker RSS <= 1.5 GiB; no ``worker_crash``. The result JSON records each target as met or
not. Writes benchmarks/results/scale.json (``--out`` to change).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil  # noqa: E402
from dask.utils import key_split  # noqa: E402
from distributed import get_task_stream  # noqa: E402

from pipeline.cluster import connect  # noqa: E402
from pipeline.config import RunConfig  # noqa: E402
from pipeline.records import FileRef  # noqa: E402
from pipeline.runner import RunHooks, run  # noqa: E402
from pipeline.sources import discover_repo, resolve_sources  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scale.json"
GIB = 1024**3

TARGET_COLD_OVER_PARSE = 8.0
TARGET_SPEEDUP = 1.7
TARGET_PEAK_RSS_GIB = 1.5


# -- corpus ----------------------------------------------------------------------------------


def stdlib_root() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def stdlib_files(limit: int | None = None) -> list[FileRef]:
    """The stdlib files discovery keeps, sorted by path; ``limit`` spreads N picks evenly."""
    with tempfile.TemporaryDirectory() as tmp:
        (repo,) = resolve_sources([str(stdlib_root())], Path(tmp))
        found = discover_repo(repo, RunConfig().exclude, scope="all")
        files = sorted(found.files, key=lambda f: f.path)
    if limit is not None and limit < len(files):
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    return files


def materialise(files: list[FileRef], dest: Path) -> Path:
    """Copy ``files`` (keeping their repository-relative paths) into ``dest``; returns it."""
    for ref in files:
        target = dest / ref.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ref.url, target)
    return dest


def corpus_stats(root: Path) -> dict[str, int]:
    """Files, lines, ast functions (def + async def, any depth) and unparsable files."""
    files = lines = functions = bad = 0
    for path in sorted(root.rglob("*.py")):
        files += 1
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines += text.count("\n") + 1
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            bad += 1
            continue
        functions += sum(
            isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) for n in ast.walk(tree)
        )
    return {"files": files, "lines": lines, "functions": functions, "unparsable_files": bad}


def parse_floor(root: Path, repeat: int) -> dict[str, Any]:
    """Best (and every) time of one pass reading and ``ast.parse``-ing every file, one core:
    wall seconds and this process's CPU seconds (the latter is robust to a shared machine)."""
    paths = sorted(root.rglob("*.py"))
    passes, cpu = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # stdlib tests have invalid escape sequences
        for _ in range(max(1, repeat)):
            started, cpu0 = time.perf_counter(), time.process_time()
            for path in paths:
                text = path.read_bytes().decode("utf-8", errors="replace")
                with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
                    ast.parse(text)
            passes.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu0)
    return {
        "seconds": round(min(passes), 3),
        "passes_s": [round(p, 3) for p in passes],
        "cpu_s": round(min(cpu), 3),
        "passes_cpu_s": [round(c, 3) for c in cpu],
    }


def _parse_files(paths: list[str]) -> float:
    """Seconds to parse ``paths`` once in this process (a pool task of parallel_ceiling)."""
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    for path in paths:
        with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
            ast.parse(Path(path).read_bytes())
    return time.perf_counter() - started


def parallel_ceiling(root: Path, n: int, repeat: int = 2) -> dict[str, Any]:
    """What ``n`` processes can get out of this machine right now: the same pure-Python work
    (``ast.parse`` of 150 files spread over the corpus) run by 1 process, then by ``n``
    processes at once.
    ``ceiling`` = n x (time alone) / (wall of the n together): n on an idle n-core machine,
    less when other tenants hold cores. Bounds any n-worker speed-up measured meanwhile."""
    every = [str(p) for p in sorted(root.rglob("*.py"))]
    paths = every[:: max(1, len(every) // 150)]
    paths = (paths * (150 // len(paths) + 1))[:150] if paths else []  # ~1-2 s of parsing
    ctx = multiprocessing.get_context("spawn")
    values = []
    with ctx.Pool(n) as pool:
        pool.map(_parse_files, [paths[:3]] * n)  # start-up and imports
        for _ in range(repeat):
            alone = pool.apply(_parse_files, (paths,))
            started = time.perf_counter()
            pool.map(_parse_files, [paths] * n, chunksize=1)
            values.append(round(n * alone / (time.perf_counter() - started), 2))
    return {"processes": n, "ceiling": round(statistics.median(values), 2), "values": values}


# -- measuring a run -------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes and of their reaped children (rustc, rustfmt)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
    return total


def code_digest() -> dict[str, str]:
    """The commit and a digest of pipeline/*.py as the workers will import them: other people
    commit to this working tree, and a change between two runs voids their comparison."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted((root / "pipeline").rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    return {"git_head": head, "pipeline_sha256": digest.hexdigest()[:16]}


def machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy (all processes, all cores) since boot."""
    t = psutil.cpu_times()
    return (
        sum(t)
        - t.idle
        - getattr(t, "iowait", 0.0)
        - getattr(t, "guest", 0.0)
        - getattr(t, "guest_nice", 0.0)
    )


class RssSampler:
    """Polls the RSS of the worker processes every ``interval_s`` (and, every fifth sample, of
    their children: rustc) in a thread of this (the driver's) process."""

    def __init__(self, pids: list[int], interval_s: float = 0.2) -> None:
        self.pids, self.interval_s = pids, interval_s
        self.peak_worker = 0  # the largest single worker process
        self.peak_worker_total = 0  # all workers together
        self.peak_with_children = 0  # one worker plus its children (rustc), the largest
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        procs = {}
        for pid in self.pids:
            with contextlib.suppress(psutil.NoSuchProcess):
                procs[pid] = psutil.Process(pid)
        while not self._stop.is_set():
            total = 0
            for proc in procs.values():
                try:
                    rss = proc.memory_info().rss
                    kids = 0
                    if self.samples % 5 == 0:  # listing children scans /proc: once a second
                        for child in proc.children(recursive=True):
                            with contextlib.suppress(psutil.Error):
                                kids += child.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peak_worker = max(self.peak_worker, rss)
                self.peak_with_children = max(self.peak_with_children, rss + kids)
            self.peak_worker_total = max(self.peak_worker_total, total)
            self.samples += 1
            self._stop.wait(self.interval_s)


def task_kind(key: object) -> str:
    """``process_partition`` (the runner keys these ``partition-<repo>-<uuid>``) or the
    function name Dask puts in the key (``finalize_repo``, ``finalize_failed``)."""
    text = key if isinstance(key, str) else str(key[0] if isinstance(key, tuple) else key)
    if text.startswith("partition-"):
        return "process_partition"
    return key_split(text)


def task_stats(records: list[dict]) -> dict[str, Any]:
    """Tasks by kind and compute durations, from the Dask task stream."""
    durations: dict[str, list[float]] = {}
    busy: dict[str, float] = {}  # worker -> compute seconds
    first: dict[str, float] = {}  # worker -> first compute start
    last: dict[str, float] = {}  # worker -> last compute stop
    last_part: dict[str, float] = {}  # worker -> end of its last partition
    for rec in records:
        spans = [ss for ss in rec.get("startstops", ()) if ss.get("action") == "compute"]
        compute = sum(ss["stop"] - ss["start"] for ss in spans)
        durations.setdefault(task_kind(rec["key"]), []).append(compute)
        worker = str(rec.get("worker", ""))
        busy[worker] = busy.get(worker, 0.0) + compute
        for ss in spans:
            first[worker] = min(first.get(worker, ss["start"]), ss["start"])
            last[worker] = max(last.get(worker, ss["stop"]), ss["stop"])
            if task_kind(rec["key"]) == "process_partition":
                last_part[worker] = max(last_part.get(worker, ss["stop"]), ss["stop"])
    every = sorted(d for ds in durations.values() for d in ds)
    span = (max(last.values()) - min(first.values())) if last else 0.0

    def pct(values: list[float], q: float) -> float:
        return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 1)

    return {
        "tasks": len(every),
        "by_kind": {
            k: {
                "tasks": len(v),
                "median_ms": round(1000 * statistics.median(v), 1),
                "max_ms": round(1000 * max(v), 1),
            }
            for k, v in sorted(durations.items())
        },
        "median_task_ms": round(1000 * statistics.median(every), 1) if every else None,
        "p90_task_ms": pct(every, 0.9) if every else None,
        "min_task_ms": round(1000 * every[0], 1) if every else None,
        "compute_s_total": round(sum(every), 2),
        # how well the workers were kept busy: compute / (workers x first start..last stop),
        # and the partition tail: from the first worker running out of partitions to the last
        # partition's end (one worker idle meanwhile)
        "workers_seen": len(busy),
        "busy_fraction": round(sum(busy.values()) / (len(busy) * span), 3) if span else None,
        "partition_tail_s": round(max(last_part.values()) - min(last_part.values()), 2)
        if last_part
        else None,
    }


def scale_config(cache_dir: Path, verify: bool = False) -> RunConfig:
    return RunConfig(
        scope="all",  # the whole stdlib, its tests included, as before the library scope
        verify={"enabled": verify},
        cache={"url": f"sqlite:///{cache_dir / 'cache.sqlite'}", "namespace": "bench"},
    )


def quiet() -> RunHooks:
    return RunHooks(progress=_no_progress)


def _no_progress(**kwargs: Any) -> Any:
    from tqdm import tqdm

    return tqdm(disable=True, **kwargs)


def cold_run(repo: Path, workers: int, workdir: Path) -> dict[str, Any]:
    """One cluster of ``workers`` workers, one cold run (fresh cache), measured."""
    started = time.perf_counter()
    with connect(None, workers=workers) as handle:
        client = handle.client
        client.wait_for_workers(workers, timeout=120)
        cluster_start_s = time.perf_counter() - started
        pids = sorted(client.run(os.getpid).values())
        cache_dir = workdir / f"cache-{workers}w"
        cache_dir.mkdir()
        config = scale_config(cache_dir)
        load_before = os.getloadavg()
        with RssSampler(pids) as rss, get_task_stream(client) as stream:
            t0, cpu0, driver0 = time.perf_counter(), cpu_seconds(pids), time.process_time()
            busy0 = machine_busy_s()
            summary = run([str(repo)], str(workdir / f"out-{workers}w"), config, client, quiet())
            wall = time.perf_counter() - t0
            cpu_workers = cpu_seconds(pids) - cpu0
            cpu_driver = time.process_time() - driver0
            others = max(0.0, machine_busy_s() - busy0 - cpu_workers - cpu_driver)
        load_after = os.getloadavg()
        pids_after = sorted(client.run(os.getpid).values())
        tasks = task_stats(stream.data)
    return {
        "workers": workers,
        "threads_per_worker": 1,
        "cluster_start_s": round(cluster_start_s, 2),
        "wall_s": round(wall, 2),
        "cpu_s": {
            "workers_incl_rustc": round(cpu_workers, 2),
            "driver_incl_scheduler": round(cpu_driver, 2),
            "total": round(cpu_workers + cpu_driver, 2),
            # CPU the rest of the (shared) machine used meanwhile, in cores on average
            "other_tenants_cores": round(others / wall, 2),
        },
        "timings": {k: round(v, 2) for k, v in summary.timings.items()},
        "units": summary.functions,
        "unit_lines": summary.lines,
        "counts": summary.counts,
        "complete": summary.complete,
        "cache": {
            k: summary.cache.get(k) for k in ("backend", "hits", "misses", "writes", "errors")
        },
        "peak_worker_rss_gib": round(rss.peak_worker / GIB, 3),
        "peak_all_workers_rss_gib": round(rss.peak_worker_total / GIB, 3),
        "peak_worker_with_rustc_gib": round(rss.peak_with_children / GIB, 3),
        "rss_samples": rss.samples,
        "worker_restarts": len(set(pids_after) - set(pids)),
        "scheduler": tasks,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
        "summary_obj": summary,
    }


def rates(result: dict[str, Any], corpus: dict[str, int]) -> None:
    wall = result["wall_s"]
    result["functions_per_s"] = round(corpus["functions"] / wall, 1)
    result["units_per_s"] = round(result["units"] / wall, 1)
    result["lines_per_s"] = round(corpus["lines"] / wall)


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "memory_gib": round(psutil.virtual_memory().total / GIB, 1),
        "note": "shared machine: other jobs ran alongside; see loadavg per run",
    }


def bench(
    workers: list[int], limit: int | None, parse_repeat: int, workdir: Path
) -> dict[str, Any]:
    files = stdlib_files(limit)
    repo = materialise(files, workdir / "stdlib")
    corpus = corpus_stats(repo)
    corpus["source"] = str(stdlib_root())
    corpus["limit_files"] = limit
    floor = parse_floor(repo, parse_repeat)
    print(f"corpus: {corpus}\nparse floor: {floor}", file=sys.stderr, flush=True)
    code_before = code_digest()
    top = max(workers)
    ceilings = [parallel_ceiling(repo, top)] if top > 1 else []
    runs: dict[str, dict[str, Any]] = {}
    for n in workers:
        result = cold_run(repo, n, workdir)
        result["code"] = code_digest()  # as of the end of this run
        result.pop("summary_obj")
        rates(result, corpus)
        result["over_parse_floor"] = round(result["wall_s"] / floor["seconds"], 2)
        result["cpu_over_parse_floor_cpu"] = round(result["cpu_s"]["total"] / floor["cpu_s"], 2)
        runs[f"{n}w"] = result
        print(
            f"{n} worker(s): wall {result['wall_s']} s, {result['counts']}",
            file=sys.stderr,
            flush=True,
        )
    if top > 1:
        ceilings.append(parallel_ceiling(repo, top))
    out: dict[str, Any] = {
        "benchmark": "scale",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "verify": "off (--no-exec): verifying stdlib functions would execute stdlib code "
        "in sandboxes for hours; measures load/shard/translate/compile-check",
        "cache": "sqlite, fresh and empty per run (cold)",
        "code": {
            "before": code_before,
            "changed_during_benchmark": any(r["code"] != code_before for r in runs.values()),
        },
        "corpus": corpus,
        "parse_floor": floor,
        "parallel_ceiling": {
            "what": f"speed-up {top} processes of pure-Python parsing got over 1 on this "
            f"machine, before the runs and after them (shared machine: < {top} "
            f"when other jobs hold cores)",
            "before": ceilings[0] if ceilings else None,
            "after": ceilings[-1] if ceilings else None,
        },
        "runs": runs,
    }
    out["targets"] = targets(runs, limit)
    if ceilings and "speedup_2w_vs_1w" in out["targets"]:
        ceiling = min(c["ceiling"] for c in ceilings)
        out["targets"]["speedup_2w_vs_1w"]["machine_ceiling_min"] = ceiling
    return out


def targets(runs: dict[str, dict[str, Any]], limit: int | None) -> dict[str, Any]:
    t: dict[str, Any] = {"full_corpus": limit is None}
    two, one = runs.get("2w"), runs.get("1w")
    if two is not None:
        t["cold_over_parse_floor"] = {
            "value": two["over_parse_floor"],
            "target": f"<= {TARGET_COLD_OVER_PARSE}",
            "met": two["over_parse_floor"] <= TARGET_COLD_OVER_PARSE,
        }
    if two is not None and one is not None:
        speedup = round(one["wall_s"] / two["wall_s"], 2)
        t["speedup_2w_vs_1w"] = {
            "value": speedup,
            "target": f">= {TARGET_SPEEDUP}",
            "met": speedup >= TARGET_SPEEDUP,
        }
    if runs:
        peak = max(r["peak_worker_rss_gib"] for r in runs.values())
        t["peak_worker_rss_gib"] = {
            "value": peak,
            "target": f"<= {TARGET_PEAK_RSS_GIB}",
            "met": peak <= TARGET_PEAK_RSS_GIB,
        }
        crashes = sum(r["counts"].get("worker_crash", 0) for r in runs.values())
        t["no_worker_crash"] = {"value": crashes, "target": "0", "met": crashes == 0}
    return t


def write_json(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2) + "\n")
    tmp.replace(path)


def parse_workers(text: str) -> list[int]:
    values = [int(x) for x in text.split(",") if x.strip()]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("--workers: comma-separated counts >= 1, e.g. 2,1")
    return values


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers",
        type=parse_workers,
        default=[2, 1],
        help="worker counts to run, in order (default 2,1)",
    )
    parser.add_argument(
        "--limit-files",
        type=int,
        default=None,
        help="only N stdlib files, spread evenly (quick check)",
    )
    parser.add_argument("--parse-repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        result = bench(args.workers, args.limit_files, args.parse_repeat, Path(tmp))
    write_json(result, args.out)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
