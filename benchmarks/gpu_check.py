"""The checks of benchmarks/gpu_check.sh (see there); run it through that script.

Each check records ok/failed and its figures in benchmarks/results/gpu_check.json; a failed
check does not stop the others.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_minhash import functions  # noqa: E402

from pipeline.similarity import minhash  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "gpu_check.json"


def stack() -> dict:
    import cupy
    import dask_cuda
    import torch

    assert cupy.cuda.is_available(), "cupy sees no CUDA device"
    assert torch.cuda.is_available(), "torch sees no CUDA device (a CPU-only torch?)"
    return {
        "gpu": torch.cuda.get_device_name(0),
        "cupy": cupy.__version__,
        "dask_cuda": dask_cuda.__version__,
        "torch": torch.__version__,
    }


def minhash_equality(limit_files: int | None) -> dict:
    import cupy

    ids, sources = functions(limit_files)
    shingles = [minhash.shingle_hashes(s) for s in sources]
    start = time.perf_counter()
    cpu = minhash.signatures(shingles)
    cpu_s = time.perf_counter() - start
    minhash.signatures(shingles[:200], xp=cupy)  # warm-up
    start = time.perf_counter()
    gpu = minhash.signatures(shingles, xp=cupy)
    cupy.cuda.Device().synchronize()
    gpu_s = time.perf_counter() - start
    same = bool(np.array_equal(cpu, gpu))
    assert same, f"cupy and numpy signatures differ on {int((cpu != gpu).any(axis=1).sum())} units"
    return {
        "functions": len(ids),
        "shingles": int(sum(len(s) for s in shingles)),
        "numpy_s": round(cpu_s, 3),
        "cupy_s": round(gpu_s, 3),
        "speedup": round(cpu_s / gpu_s, 1),
        "identical": same,
    }


def pipeline_on_gpu() -> dict:
    import pyarrow.parquet as pq
    from dask_cuda import LocalCUDACluster
    from distributed import Client

    from pipeline.config import RunConfig
    from pipeline.runner import run
    from pipeline.translate.learned import local
    from tests.translate.learned.conftest import build_tiny_model, write_repo

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        model = build_tiny_model(root / "model")
        repo = write_repo(root / "src")
        config = RunConfig.model_validate(
            {
                "engine": ["rules", "learned"],
                "learned": {"model": str(model), "device": "cuda", "max_new_tokens": 32},
                "cache": {"url": "none://"},
                "verify": {"examples_per_function": 20},
            }
        )
        started = time.perf_counter()
        with (
            LocalCUDACluster(
                n_workers=1, resources={"GPU": 1}, dashboard_address="127.0.0.1:0"
            ) as cluster,
            Client(cluster) as client,
        ):
            summary = run([str(repo)], str(root / "out"), config, client)
            held = client.run(
                lambda: [
                    (str(m.model.device), str(m.model.dtype), round(m.load_s, 2))
                    for m in local.loaded_models().values()
                ]
            )
        took = time.perf_counter() - started
        table = pq.read_table(io.BytesIO((root / "out/manifest.parquet").read_bytes()))
    rows = {r["qualname"]: r for r in table.to_pylist()}
    routed = [r for r in rows.values() if r["attempts"]]
    models = [m for per_worker in held.values() for m in per_worker]
    assert rows["double"]["status"] == "verified", rows["double"]
    assert len(routed) == 6 and all(r["status"] == "unsupported" for r in routed), routed
    assert all(r["gpu_s"] > 0 for r in routed), [r["gpu_s"] for r in routed]
    assert summary.cost["gpu_s"] > 0, summary.cost  # into the ledger, for the tenant
    assert models and all(d.startswith("cuda") and t == "torch.bfloat16" for d, t, _ in models)
    return {
        "run_s": round(took, 1),
        "counts": summary.counts,
        "learned": summary.learned,
        "ledger_gpu_s": summary.cost["gpu_s"],
        "models_on_workers": models,
    }


def check(name: str, fn: Callable[[], dict], results: dict) -> None:
    start = time.perf_counter()
    try:
        results[name] = {"ok": True, **fn()}
    except Exception as exc:
        results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        traceback.print_exc()
    results[name]["seconds"] = round(time.perf_counter() - start, 1)
    print(name, json.dumps(results[name], sort_keys=True), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="GPU check (see gpu_check.sh)")
    parser.add_argument("--limit-files", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    results: dict = {"benchmark": "gpu_check"}
    check("stack", stack, results)
    check("minhash", lambda: minhash_equality(args.limit_files), results)
    check("pipeline", pipeline_on_gpu, results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    failed = [k for k, v in results.items() if isinstance(v, dict) and not v["ok"]]
    print("gpu_check:", "FAILED " + ", ".join(failed) if failed else "all checks passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
