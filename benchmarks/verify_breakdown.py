"""Where verification's time goes, function by function (issue 17).

    .venv/bin/python benchmarks/verify_breakdown.py [DIR] [--top N] [--out FILE]

Runs DIR (default ``tests/corpus``) as one partition in this process, as
``bench_verify.py``'s corpus section does, with counters wrapped around the verifier's
transport: per tested function, the bytes of the Python child's answers and of the Rust
harness's rows, the CPU this process spent decoding each (``json.loads``), the CPU of its
comparison (``outcome.rows_for``, as ``api`` calls it), the wall time of its Python calls
and how they ended (ok, raised, timeout, resource, covered...); per harness process, the
ids it was given, how many it answered before it stopped (a timeout or a crash restarts it
on the rest) and its CPU. Counters only: no verdict changes. The wrappers are this
script's own (module attributes replaced in this process), so the figures are of the code
as it runs.

Writes JSON (default ``benchmarks/results/verify_breakdown.json``) and prints the top
functions by bytes moved, by Python wall and by compare CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pipeline.verify.api as api  # noqa: E402
import pipeline.verify.rustc as rustc  # noqa: E402
import pipeline.verify.sandbox as sandbox  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.sources import discover_repo, resolve_sources  # noqa: E402
from pipeline.stages import process_partition  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "verify_breakdown.json"


class Counters:
    """Per-function counters; harness rows are attributed once their verify call's plans
    are judged (case ids are unique only within one ``verify_crate`` call)."""

    def __init__(self) -> None:
        self.fn: dict[str, Counter] = defaultdict(Counter)
        self.current = "?"  # the function whose Python calls run now
        self.rows: list[tuple[int, int, float]] = []  # (case id, bytes, decode CPU s)
        self.owner: dict[int, str] = {}  # case id -> function, this verify call
        self.harness: list[dict] = []

    def flush(self) -> None:
        """Attribute the finished verify call's harness rows to their functions."""
        for case, size, cpu in self.rows:
            c = self.fn[self.owner.get(case, "?unjudged")]
            c["rust_bytes"] += size
            c["rust_decode_cpu_s"] += cpu
            c["rust_rows"] += 1
        self.rows, self.owner = [], {}


def instrument(counters: Counters) -> None:
    """Replace the verifier's transport and judging functions with counting wrappers."""

    class Json:  # json as the sandbox and the harness runner use it, with loads counted
        def __init__(self, side: str) -> None:
            self.side = side

        def loads(self, text: str | bytes) -> object:
            start = time.thread_time()
            value = json.loads(text)
            cpu = time.thread_time() - start
            if self.side == "python":
                c = counters.fn[counters.current]
                c["py_bytes"] += len(text)
                c["py_decode_cpu_s"] += cpu
            elif isinstance(value, dict) and isinstance(value.get("c"), int):
                counters.rows.append((value["c"], len(text), cpu))
            return value

        def __getattr__(self, name: str) -> object:
            return getattr(json, name)

    sandbox.json = Json("python")  # type: ignore[assignment]
    rustc.json = Json("rust")  # type: ignore[assignment]

    calls = sandbox.PythonSandbox.calls

    def counted_calls(self, module, qualname, cases, *args, **kwargs):  # type: ignore[no-untyped-def]
        counters.current = qualname
        start = time.perf_counter()
        out = calls(self, module, qualname, cases, *args, **kwargs)
        c = counters.fn[qualname]
        c["py_wall_s"] += time.perf_counter() - start
        c["py_cases_sent"] += len(cases)
        c.update(f"py_{r.get('status')}" for r in out)
        return out

    sandbox.PythonSandbox.calls = counted_calls  # type: ignore[method-assign]

    rows_for = api.rows_for  # api's own reference: the one _verdicts calls

    def counted_rows_for(plan, tol):  # type: ignore[no-untyped-def]
        start = time.thread_time()
        out = rows_for(plan, tol)
        counters.fn[plan.sig.py_name]["compare_cpu_s"] += time.thread_time() - start
        counters.owner.update((run.id, plan.sig.py_name) for run in plan.cases)
        return out

    api.rows_for = counted_rows_for

    run = api._run

    def counted_run(*args, **kwargs):  # type: ignore[no-untyped-def]
        counters.flush()  # the previous verify call is judged by now
        return run(*args, **kwargs)

    api._run = counted_run

    run_once = rustc._run_once

    def counted_run_once(binary, ids, limits, cwd, results):  # type: ignore[no-untyped-def]
        before = os.times()
        done = run_once(binary, ids, limits, cwd, results)
        after = os.times()
        cpu = (after.children_user + after.children_system) - (
            before.children_user + before.children_system
        )
        counters.harness.append({"ids": len(ids), "answered": done, "cpu_s": round(cpu, 2)})
        return done

    rustc._run_once = counted_run_once


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(ROOT / "tests" / "corpus"))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    counters = Counters()
    instrument(counters)
    config = load_config(None).with_overrides(cache__url="none://")
    load = [round(x, 1) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="verify-breakdown-") as tmp:
        [repo] = resolve_sources([args.root], Path(tmp))
        files = discover_repo(repo, config.exclude).files
        cpu = time.process_time()
        part = process_partition(files, config, cache=None)
        cpu = time.process_time() - cpu
    counters.flush()
    per_fn = {k: {n: round(v, 3) for n, v in sorted(c.items())} for k, c in counters.fn.items()}
    totals: Counter = Counter()
    for c in counters.fn.values():
        totals.update(c)

    def top(key: str) -> list[list]:
        ranked = sorted(per_fn.items(), key=lambda kv: -kv[1].get(key, 0.0))[: args.top]
        return [[name, c.get(key, 0.0)] for name, c in ranked]

    result = {
        "benchmark": "verify_breakdown",
        "root": args.root,
        "process_cpu_s": round(cpu, 2),
        "phases_cpu_s": {
            k[4:]: round(v, 2) for k, v in sorted(part.verify_phases.items()) if k[:4] == "cpu:"
        },
        "totals": {k: round(v, 2) for k, v in sorted(totals.items())},
        "harness_processes": counters.harness,
        "top_bytes": sorted(
            ([n, c.get("py_bytes", 0) + c.get("rust_bytes", 0)] for n, c in per_fn.items()),
            key=lambda x: -x[1],
        )[: args.top],
        "top_python_wall_s": top("py_wall_s"),
        "top_compare_cpu_s": top("compare_cpu_s"),
        "top_decode_cpu_s": sorted(
            (
                [n, round(c.get("py_decode_cpu_s", 0) + c.get("rust_decode_cpu_s", 0), 3)]
                for n, c in per_fn.items()
            ),
            key=lambda x: -x[1],
        )[: args.top],
        "per_function": dict(sorted(per_fn.items())),
        "load_avg": [load, [round(x, 1) for x in os.getloadavg()]],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "per_function"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
