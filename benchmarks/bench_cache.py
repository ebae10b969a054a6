"""Throughput of the cache backends: put_many / get_many of N entries, SQLite vs Redis.

    .venv/bin/python benchmarks/bench_cache.py [--n 10000] [--batch 500] [--repeat 3]

Values are real cache entries (`encode_entry` of a translation-sized dict, ~0.5 KiB
compressed). Each backend is measured writing all N entries in batches of `--batch` (one
partition's worth, one round trip each) and in one call, then reading them back (all hits) and
reading N absent keys (all misses). Starts its own redis-server on a free loopback port (skips
Redis, saying so, when the binary is missing). Best of `--repeat` runs. Writes
benchmarks/results/cache.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.cache import Cache, encode_entry, open_cache  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "cache.json"


def entry(i: int) -> bytes:
    """A value shaped like the runner's: a translation plus its verdict."""
    rust = "\n".join(
        f'    let v{j} = a.checked_add({i + j}).expect("overflow");' for j in range(12)
    )
    return encode_entry(
        {
            "translation": {
                "unit_id": f"repo:pkg/mod{i % 97}.py::fn_{i}",
                "engine": "rules@0.1.0",
                "ok": True,
                "rust": f"pub fn fn_{i}(a: i64) -> i64 {{\n{rust}\n    a\n}}\n",
                "uses": [],
                "helpers": ["py_floordiv"],
                "signatures": [
                    {
                        "py_name": f"fn_{i}",
                        "rust_name": f"fn_{i}",
                        "returns": "int",
                        "params": [{"name": "a", "py_type": "int", "mode": "value"}],
                    }
                ],  # fmt: skip
                "diagnostics": [],
                "seconds": 0.0012,
                "status": "",
            },
            "verdict": {"status": "verified", "inputs_tried": 20, "inputs_matched": 20},
        }
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    exe = shutil.which("redis-server")
    if exe is None:
        print("redis-server not installed: Redis skipped", file=sys.stderr)
        return None
    port = free_port()
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir), "--loglevel", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


def best_of(repeat: int, setup: Callable[[], None], action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        setup()
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def measure(cache: Cache, items: dict[str, bytes], batch: int, repeat: int) -> dict[str, object]:
    keys = list(items)
    absent = [f"absent-{k}" for k in keys]
    batches = [dict(list(items.items())[i : i + batch]) for i in range(0, len(keys), batch)]
    key_batches = [keys[i : i + batch] for i in range(0, len(keys), batch)]
    n, size = len(keys), sum(map(len, items.values()))

    def clear() -> None:
        cache.clear()

    def nothing() -> None:
        return None

    def put_batched() -> None:
        for b in batches:
            cache.put_many(b)

    def get_batched() -> None:
        for k in key_batches:
            cache.get_many(k)

    timings = {
        "put_batched_s": best_of(repeat, clear, put_batched),
        "put_one_call_s": best_of(repeat, clear, lambda: cache.put_many(items)),
        "get_hits_batched_s": best_of(repeat, nothing, get_batched),
        "get_hits_one_call_s": best_of(repeat, nothing, lambda: cache.get_many(keys)),
        "get_misses_one_call_s": best_of(repeat, nothing, lambda: cache.get_many(absent)),
    }
    assert len(cache.get_many(keys)) == n, "benchmark read back fewer entries than it wrote"
    stats = cache.stats()
    out: dict[str, object] = {k: round(v, 4) for k, v in timings.items()}
    for name, seconds in timings.items():
        out[name.removesuffix("_s") + "_per_s"] = round(n / seconds) if seconds else None
    out["mb_written_per_s_batched"] = round(size / timings["put_batched_s"] / 1e6, 1)
    out["entries"], out["bytes"], out["errors"] = stats.entries, stats.bytes, stats.errors
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    items = {f"{i:064x}": entry(i) for i in range(args.n)}
    result: dict[str, object] = {
        "benchmark": "cache",
        "n": args.n,
        "batch": args.batch,
        "repeat": args.repeat,
        "value_bytes_mean": round(sum(map(len, items.values())) / args.n),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "backends": {},
    }
    backends: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        sqlite = open_cache(f"sqlite://{Path(tmp) / 'bench.sqlite'}", "bench", required=True)
        backends["sqlite"] = measure(sqlite, items, args.batch, args.repeat)
        sqlite.close()
        started = start_redis(Path(tmp))
        if started is not None:
            proc, url = started
            try:
                redis_cache = open_cache(url, "bench", required=True)
                backends["redis"] = measure(redis_cache, items, args.batch, args.repeat)
                redis_cache.close()
                version = subprocess.run(
                    ["redis-server", "--version"], capture_output=True, text=True
                ).stdout.split()
                result["redis_server"] = next(
                    (w[2:] for w in version if w.startswith("v=")), "unknown"
                )
            finally:
                proc.kill()
                proc.wait(timeout=10)
        else:
            backends["redis"] = {"skipped": "redis-server not installed"}
    result["backends"] = backends
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = args.out.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(result, indent=2) + "\n")
    tmp_out.replace(args.out)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
