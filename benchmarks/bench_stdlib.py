"""The stdlib through the CLI, whole process timed, against the ``ast.parse`` floor of its files.

    .venv/bin/python benchmarks/bench_stdlib.py [--source /usr/lib/python3.11] [--workers 2]
                                                [--modes verify,no-exec] [--out FILE]

Measured in one invocation, one after the other (issue 17's bars):

- the *floors*, one core, in this process, best of ``--parse-repeat`` passes over the files
  ``portalis run --scope all`` discovers under ``--source``: ``ast.parse`` of each file's
  bytes (``parse_bytes``: the issue's floor), and reading, decoding and parsing each file as
  ``bench_scale.py`` does (``read_decode_parse``: a slower floor);
- per mode, one cold ``portalis run SOURCE --scope all --workers N --cache none://`` as a
  child process (``verify``: verification on, the default; ``no-exec``: ``--no-exec``): the
  wall time of the whole process (interpreter start, cluster start, the run, the manifest and
  the crate written), the CPU seconds of it and its children, and the summary's counts.

Targets: verification on <= 8 x the ``parse_bytes`` floor; ``--no-exec`` <= 6 x. Both ratios
are reported against both floors. Writes benchmarks/results/stdlib.json (``--out``).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.config import RunConfig  # noqa: E402
from pipeline.sources import discover_repo, resolve_sources  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "stdlib.json"
PORTALIS = Path(sys.executable).with_name("portalis")
TARGETS = {"verify": 8.0, "no-exec": 6.0}  # x the parse_bytes floor


def discovered(source: Path) -> list[Path]:
    """The files ``portalis run --scope all`` translates under ``source``, sorted."""
    with tempfile.TemporaryDirectory() as tmp:
        (repo,) = resolve_sources([str(source)], Path(tmp))
        found = discover_repo(repo, RunConfig().exclude, scope="all")
        return sorted(Path(f.url) for f in found.files)


def floors(paths: list[Path], repeat: int) -> dict[str, Any]:
    """Best wall and CPU seconds of one pass over ``paths``, one core, for each floor."""
    blobs = [p.read_bytes() for p in paths]

    def parse_bytes() -> None:
        for blob in blobs:
            with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
                ast.parse(blob)

    def read_decode_parse() -> None:
        for path in paths:
            text = path.read_bytes().decode("utf-8", errors="replace")
            with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
                ast.parse(text)

    result = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences in old test files
        for fn in (parse_bytes, read_decode_parse):
            walls, cpus = [], []
            for _ in range(max(1, repeat)):
                start, cpu = time.perf_counter(), time.process_time()
                fn()
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            result[fn.__name__] = {
                "seconds": round(min(walls), 6),
                "cpu_s": round(min(cpus), 6),
                "passes_s": [round(w, 3) for w in walls],
            }
    result["files"] = len(paths)
    result["bytes"] = sum(len(b) for b in blobs)
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_run(source: Path, workers: int, mode: str, workdir: Path) -> dict[str, Any]:
    """One cold ``portalis run`` as a child process, timed from spawn to exit."""
    out = workdir / f"out-{mode}"
    cmd = [str(PORTALIS), "run", str(source), "--scope", "all", "--workers", str(workers)]
    cmd += ["--cache", "none://", "--out", str(out)]
    cmd += ["--no-exec"] if mode == "no-exec" else []
    load = [round(x, 2) for x in os.getloadavg()]
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    summary = json.loads((out / "summary.json").read_text()) if done.returncode == 0 else {}
    return {
        "mode": mode,
        "command": " ".join(["portalis", *cmd[1:]]),
        "returncode": done.returncode,
        "stderr_tail": done.stderr[-2000:] if done.returncode else "",
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "timings": {k: round(v, 2) for k, v in summary.get("timings", {}).items()},
        "counts": summary.get("counts", {}),
        "load_avg": [load, [round(x, 2) for x in os.getloadavg()]],
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("/usr/lib/python3.11"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="verify,no-exec")
    parser.add_argument("--parse-repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    paths = discovered(args.source)
    floor = floors(paths, args.parse_repeat)
    print(json.dumps({"floors": floor}), file=sys.stderr, flush=True)
    runs = {}
    with tempfile.TemporaryDirectory(prefix="bench-stdlib-") as tmp:
        for mode in [m for m in args.modes.split(",") if m]:
            row = runs[mode] = cli_run(args.source, args.workers, mode, Path(tmp))
            for name in ("parse_bytes", "read_decode_parse"):
                row[f"over_{name}"] = round(row["wall_s"] / floor[name]["seconds"], 2)
            if mode in TARGETS:
                row["target"] = f"<= {TARGETS[mode]} x parse_bytes"
                row["met"] = row["over_parse_bytes"] <= TARGETS[mode]
            print(json.dumps(row), file=sys.stderr, flush=True)
    result = {
        "benchmark": "stdlib",
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "source": str(args.source),
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "floors": floor,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
