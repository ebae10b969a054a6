"""MinHash signatures for every function of the standard library (~59K, any depth), numpy on
the CPU against datasketch on the same shingles, and cupy on a GPU when one is there.

    .venv/bin/python benchmarks/bench_minhash.py [--limit-files N] [--datasketch-limit N]

Checks that the signatures are bit-identical (so every Jaccard estimate is the same) and
reports CPU seconds and functions per CPU second for: tokenising + shingling, signatures with numpy,
with datasketch (``MinHash.update_batch``, legacy scheme, same seed and permutations), with
cupy (``--xp cupy``: also run by benchmarks/gpu_check.sh), LSH near-duplicate groups and
exact-normalised groups, and writing the zarr store. Writes benchmarks/results/minhash.json.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import stdlib_files  # noqa: E402

from pipeline.similarity import minhash  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "minhash.json"


def functions(limit_files: int | None) -> tuple[list[str], list[str]]:
    """(ids, sources) of every def / async def of the stdlib files, any depth."""
    ids, sources = [], []
    for ref in stdlib_files(limit_files):
        try:
            text = Path(ref.url).read_text(encoding="utf-8")
            tree = ast.parse(text)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        lines = text.splitlines(keepends=True)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                ids.append(f"{ref.path}::{node.name}@{node.lineno}")
                sources.append("".join(lines[node.lineno - 1 : node.end_lineno]))
    return ids, sources


def timed(fn, *args):
    """(result, CPU seconds of this process): wall time on a shared machine measures the
    neighbours; the GPU run (cupy) is timed by the wall clock after a synchronise."""
    start = time.process_time()
    out = fn(*args)
    return out, time.process_time() - start


def datasketch_signatures(shingles: list[np.ndarray]) -> np.ndarray:
    from datasketch import MinHash

    rows = []
    for sh in shingles:
        m = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, hashfunc=int, scheme="legacy")
        m.update_batch(sh.tolist())
        rows.append(m.hashvalues.astype(np.uint32))
    return np.array(rows)


def cupy_module():
    """cupy when it imports and sees a device, else None."""
    try:
        import cupy
    except ImportError:
        return None
    return cupy if cupy.cuda.is_available() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-files", type=int, default=None)
    parser.add_argument("--datasketch-limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    ids, sources = functions(args.limit_files)
    n = len(ids)
    shingles, shingle_s = timed(lambda: [minhash.shingle_hashes(s) for s in sources])
    sigs, numpy_s = timed(minhash.signatures, shingles)
    k = n if args.datasketch_limit is None else min(n, args.datasketch_limit)
    ref, ds_s = timed(datasketch_signatures, shingles[:k])
    groups, lsh_s = timed(minhash.near_duplicate_groups, ids, sigs, 0.8)
    exact, exact_s = timed(minhash.exact_groups, ids, sources)
    with tempfile.TemporaryDirectory() as tmp:
        _, zarr_s = timed(minhash.save, os.path.join(tmp, "sigs.zarr"), ids, sigs)
    result = {
        "benchmark": "minhash",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "functions": n,
        "shingles": int(sum(len(s) for s in shingles)),
        "num_perm": minhash.NUM_PERM,
        "shingle_s": round(shingle_s, 3),
        "numpy_s": round(numpy_s, 3),
        "numpy_functions_per_s": round(n / numpy_s),
        "datasketch_functions": k,
        "datasketch_s": round(ds_s, 3),
        "datasketch_functions_per_s": round(k / ds_s),
        "speedup_vs_datasketch": round((ds_s / k) / (numpy_s / n), 1),
        "identical_to_datasketch": bool(np.array_equal(ref, sigs[:k])),
        "near_duplicate_groups_0_8": len(groups),
        "largest_near_duplicate_group": max((len(g) for g in groups), default=0),
        "units_in_near_duplicate_groups": sum(len(g) for g in groups),
        "lsh_s": round(lsh_s, 3),
        "exact_groups": len(exact),
        "exact_s": round(exact_s, 3),
        "zarr_write_s": round(zarr_s, 3),
    }
    cupy = cupy_module()
    if cupy is not None:
        minhash.signatures(shingles[:100], xp=cupy)  # warm-up: kernels compiled
        start = time.perf_counter()
        gpu = minhash.signatures(shingles, minhash.NUM_PERM, minhash.SEED, cupy)
        cupy.cuda.Device().synchronize()
        gpu_s = time.perf_counter() - start
        result.update(
            {
                "gpu": cupy.cuda.runtime.getDeviceProperties(0)["name"].decode(),
                "cupy_s": round(gpu_s, 3),
                "cupy_functions_per_s": round(n / gpu_s),
                "identical_cupy_numpy": bool(np.array_equal(gpu, sigs)),
            }
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    print(json.dumps(result, indent=2, sort_keys=True))
    if not result["identical_to_datasketch"] or not result.get("identical_cupy_numpy", True):
        sys.exit(1)


if __name__ == "__main__":
    main()
