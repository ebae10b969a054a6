"""Cost of differential verification per verified function, where it goes, and how it scales.

    .venv/bin/python benchmarks/bench_verify.py [--corpus DIR ...] [--trivial N]
                                                [--sizes 500,5000,60000] [--workers 2,1]
                                                [--examples N] [--out FILE]

Three sections, all with the default verification settings unless ``--examples`` is given:

- ``corpus``: each directory (default ``tests/corpus``; add e.g. the real-world packages'
  unpacked sources) run in this process as one partition (``process_partition`` then
  ``finalize_repo``, no Dask, no cache). Per verified function: its share of the verifier's
  wall time (ms; median and p95 over verified units); the total verification wall, the CPU
  seconds of this process and of its children (rustc, the Python child, the harness) during
  it, and the wall seconds of each verifier phase (plan = doctests + drawn inputs, and
  the Rust literals of doctest, call and user inputs; python; literals = the Rust literals of
  the drawn inputs the Python side ran; rustc_rlib = the rlib's build, rustc_rlib_wait =
  waiting for it; harness generation, rustc_harness, harness_run; compare). Phases
  overlap: the Python side runs while the rlib builds. ``phases_cpu_s``: the CPU seconds
  of each phase (the thread that ran it and the children it reaped: rustc, the harness,
  the Python child under ``python_child``); ``verify_cpu_per_verified_ms`` is their sum
  per verified function, without translation and the compile check that
  ``cpu_per_verified_ms`` includes.
- ``trivial``: one generated file of N one-line typed functions, the same way.
- ``sampled_slices`` (``--sample-slices N``): a generated file of N functions cut into
  slices as the runner would; its first, middle and last slice run in this process: CPU
  per function of each (with the Python child's own), and the whole file extrapolated.
- ``scale``: a generated file of N small typed functions (``max_file_bytes`` raised) run end
  to end by ``runner.run`` on a LocalCluster of 1 and of 2 single-threaded worker processes,
  verification on: wall seconds, ms per function, and the speed-up of 2 workers over 1. A
  file heavier than a partition is cut into slices, so both workers share it. ``scale_bars``:
  issue 17's bars on these rows (60,000 functions on 2 workers within 10 minutes, >= 1.7 x
  faster than on 1, ms per function within 1.5 x from the smallest size to the largest).

Writes JSON (default benchmarks/results/verify.json) and prints it. Timings on a shared
machine are noisy: the CPU seconds beside each wall time say how much of it was waiting.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from pipeline.cluster import load_policy  # noqa: E402
from pipeline.config import RunConfig, load_config  # noqa: E402
from pipeline.records import Status  # noqa: E402
from pipeline.runner import run  # noqa: E402
from pipeline.sources import discover_repo, resolve_sources  # noqa: E402
from pipeline.stages import finalize_repo, process_partition  # noqa: E402
from pipeline.units.partition import estimated_lines, with_slices  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "verify.json"
BAR_FUNCTIONS, BAR_WALL_S, BAR_SPEEDUP, BAR_FLAT = 60_000, 600.0, 1.7, 1.5  # issue 17
BODIES = (  # small typed functions the rule engine translates and the verifier checks
    "def f{i}(x: int) -> int:\n    return x * {k} + 1\n",
    "def f{i}(xs: list[int]) -> int:\n    return sum(xs) + {k}\n",
    "def f{i}(s: str) -> int:\n    return len(s) + {k}\n",
    "def f{i}(a: int, b: int) -> int:\n    return a - b if a > b else b - a + {k}\n",
)


def generated(path: Path, n: int, trivial: bool = False) -> Path:
    """A repository holding one file of ``n`` functions (one-line ``x + k`` when trivial)."""
    path.mkdir(parents=True)
    bodies = BODIES[:1] if trivial else BODIES
    text = "\n\n".join(bodies[i % len(bodies)].format(i=i, k=i % 97) for i in range(n))
    (path / "gen.py").write_text(text + "\n")
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cluster_cpu() -> float:
    """CPU seconds of this process and of its child processes (the LocalCluster's workers),
    each with the children it reaped (rustc, harnesses, Python children)."""
    total = 0.0
    me = psutil.Process()
    for proc in [me, *me.children()]:
        try:
            t = proc.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def _dist(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(values),
        "median_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * p95, 2),
        "mean_ms": round(1000 * statistics.fmean(ordered), 2),
    }


def sampled_slices(n: int, config: RunConfig) -> dict:
    """One generated file of ``n`` functions cut into slices as the runner cuts it (its size
    class's ``partition_lines``); the first, middle and last slice run in this process, one
    after the other as on one worker: CPU seconds per function of each (this process, its
    reaped children, and the Python child's own), and the file's total extrapolated."""
    with tempfile.TemporaryDirectory(prefix="bench-verify-slices-") as tmp:
        root = generated(Path(tmp) / f"gen{n}", n)
        size = (root / "gen.py").stat().st_size
        cfg = config.with_overrides(max_file_bytes=max(config.max_file_bytes, 2 * size))
        with tempfile.TemporaryDirectory(prefix="bench-verify-src-") as src:
            [repo] = resolve_sources([str(root)], Path(src))
            files = discover_repo(repo, cfg.exclude).files
            lines = estimated_lines(files[0].size)
            target = load_policy(cfg.policy).size_class(lines).partition_lines
            tasks = with_slices([files], lambda f: estimated_lines(f.size), target)
            count = len(tasks)
            rows = [_one_slice(files, cfg, (k, count)) for k in sorted({0, count // 2, count - 1})]
    per_fn = [r["cpu_ms_per_function"] for r in rows]
    return {
        "functions": n,
        "file_bytes": size,
        "slices": count,
        "sampled": rows,
        "cpu_ms_per_function_median": statistics.median(per_fn),
        "extrapolated_cpu_s": round(n * statistics.fmean(per_fn) / 1000, 1),
    }


def _one_slice(files: list, config: RunConfig, part: tuple[int, int]) -> dict:
    load = [round(x, 1) for x in os.getloadavg()]
    cpu, children = time.process_time(), _children_cpu()
    out = process_partition(files, config, cache=None, part=part)
    cpu, children = time.process_time() - cpu, _children_cpu() - children
    child = out.verify_phases.get("cpu:python_child", 0.0)
    units = len(out.translations) + sum(r.kind != "file" for r in out.records)
    total = cpu + children + child
    return {
        "slice": list(part),
        "units": units,
        "verdicts": dict(sorted(Counter(str(v.status) for v in out.verdicts.values()).items())),
        "cpu_s": round(total, 2),
        "cpu_s_python_child": round(child, 2),
        "cpu_ms_per_function": round(1000 * total / max(1, units), 2),
        "load_avg": [load, [round(x, 1) for x in os.getloadavg()]],
    }


def in_process(root: Path, config: RunConfig) -> dict:
    """One repository as one partition, in this process: verification cost per function."""
    with tempfile.TemporaryDirectory(prefix="bench-verify-src-") as tmp:
        [repo] = resolve_sources([str(root)], Path(tmp))
        files = discover_repo(repo, config.exclude).files
        load = [round(x, 1) for x in os.getloadavg()]
        cpu, children = time.process_time(), _children_cpu()
        part = process_partition(files, config, cache=None)
        cpu, children = time.process_time() - cpu, _children_cpu() - children
        result = finalize_repo(repo.name, config, None, part)
    units = [r for r in result.records if r.kind != "file"]
    verified = [r for r in units if r.status == Status.VERIFIED]
    n = max(1, len(verified))
    phases = dict(sorted(part.verify_phases.items()))
    verify_cpu = sum(v for k, v in phases.items() if k.startswith("cpu:"))
    return {
        "root": str(root),
        "units": len(units),
        "statuses": dict(sorted(Counter(str(r.status) for r in units).items())),
        "per_verified_function": _dist([r.verify_s for r in verified]),
        "verify_wall_s": round(part.verify_s, 2),
        "verify_wall_per_verified_ms": round(1000 * part.verify_s / n, 2),
        "cpu_s_this_process": round(cpu, 2),
        "cpu_s_children": round(children, 2),
        "cpu_per_verified_ms": round(1000 * (cpu + children) / n, 2),
        "phases_wall_s": {k: round(v, 2) for k, v in phases.items() if ":" not in k},
        "phases_cpu_s": {k[4:]: round(v, 2) for k, v in phases.items() if k.startswith("cpu:")},
        "verify_cpu_per_verified_ms": round(1000 * verify_cpu / n, 2),
        "load_avg": [load, [round(x, 1) for x in os.getloadavg()]],
    }


def end_to_end(root: Path, functions: int, workers: int, config: RunConfig) -> dict:
    """One whole run on a fresh LocalCluster of ``workers`` single-threaded processes."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-verify-out-") as out,
        LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address="127.0.0.1:0"
        ) as cluster,
        Client(cluster) as client,
    ):
        load = [round(x, 1) for x in os.getloadavg()]
        start, cpu = time.perf_counter(), _cluster_cpu()
        summary = run([str(root)], out, config, client)
        wall, cpu = time.perf_counter() - start, _cluster_cpu() - cpu
    return {
        "functions": functions,
        "workers": workers,
        "wall_s": round(wall, 2),
        "ms_per_function": round(1000 * wall / functions, 2),
        "counts": summary.counts,
        "verify_task_s": round(summary.timings.get("verify_s", 0.0), 2),
        "cpu_s": round(cpu, 2),
        "cpu_ms_per_function": round(1000 * cpu / functions, 2),
        "load_avg": [load, [round(x, 1) for x in os.getloadavg()]],
    }


def scale(sizes: list[int], workers: list[int], config: RunConfig) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-verify-gen-") as tmp:
        for n in sizes:
            root = generated(Path(tmp) / f"gen{n}", n)
            size = (root / "gen.py").stat().st_size
            cfg = config.with_overrides(max_file_bytes=max(config.max_file_bytes, 2 * size))
            by_workers = {}
            for w in workers:  # each row printed as it comes: a 60,000-function run is long
                by_workers[w] = end_to_end(root, n, w, cfg)
                print(json.dumps(by_workers[w]), flush=True)
            for w, row in by_workers.items():
                if 1 in by_workers and w != 1:
                    row["speedup_over_1"] = round(by_workers[1]["wall_s"] / row["wall_s"], 2)
                    row["cpu_ratio_to_1"] = round(row["cpu_s"] / by_workers[1]["cpu_s"], 2)
                rows.append(row)
    return rows


def scale_bars(rows: list[dict]) -> dict:
    """Issue 17's bars on the end-to-end rows: the largest file on 2 workers within
    BAR_WALL_S, 2 workers BAR_SPEEDUP x faster than 1 on it, and wall time per function
    flat across sizes (largest / smallest ms per function, per worker count, within
    BAR_FLAT; below 1 the big file is cheaper per function: ``met_both_ways`` asks the
    spread in either direction)."""
    bars: dict = {}
    for w in sorted({r["workers"] for r in rows}):
        mine = sorted((r for r in rows if r["workers"] == w), key=lambda r: r["functions"])
        if len(mine) > 1:
            per_fn = [r["ms_per_function"] for r in mine]
            spread = per_fn[-1] / per_fn[0]
            bars[f"flat_{w}w"] = {
                "sizes": [r["functions"] for r in mine],
                "ms_per_function": per_fn,
                "largest_over_smallest": round(spread, 2),
                "max_over_min": round(max(per_fn) / min(per_fn), 2),
                "met": spread <= BAR_FLAT,
                "met_both_ways": max(per_fn) / min(per_fn) <= BAR_FLAT,
            }
    big = [r for r in rows if r["workers"] == 2 and r["functions"] >= BAR_FUNCTIONS]
    for row in big:
        bars[f"wall_{row['functions']}_2w"] = {
            "wall_s": row["wall_s"],
            "met": row["wall_s"] <= BAR_WALL_S,
        }
        if "speedup_over_1" in row:
            bars[f"speedup_{row['functions']}"] = {
                "value": row["speedup_over_1"],
                "met": row["speedup_over_1"] >= BAR_SPEEDUP,
            }
    return bars


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="*", default=[str(ROOT / "tests" / "corpus")])
    parser.add_argument("--trivial", type=int, default=300, help="one-line functions (0: off)")
    parser.add_argument("--sizes", default="500,5000", help="generated file sizes ('': off)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument(
        "--sample-slices", type=int, default=0, help="a file of N functions, 3 of its slices"
    )
    parser.add_argument("--examples", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    config = load_config(None).with_overrides(cache__url="none://")
    if args.examples is not None:
        config = config.with_overrides(verify__examples_per_function=args.examples)
    result: dict = {
        "benchmark": "verify",
        "commit": _git_commit(),
        "examples_per_function": config.verify.examples_per_function,
        "corpus": [in_process(Path(c), config) for c in args.corpus],
    }
    if args.trivial:
        with tempfile.TemporaryDirectory(prefix="bench-verify-triv-") as tmp:
            root = generated(Path(tmp) / "trivial", args.trivial, trivial=True)
            result["trivial"] = in_process(root, config)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workers = [int(w) for w in args.workers.split(",") if w]
    result["scale"] = scale(sizes, workers, config) if sizes else []
    result["scale_bars"] = scale_bars(result["scale"])
    if args.sample_slices:
        result["sampled_slices"] = sampled_slices(args.sample_slices, config)
    result["machine"] = {
        "cpus": os.cpu_count(),
        "load_avg_at_end": [round(x, 1) for x in os.getloadavg()],
        "python": platform.python_version(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
