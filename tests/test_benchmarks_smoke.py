"""The benchmark scripts still run: each on a tiny input, checking the JSON it writes.

Slow, full-size runs belong to the benchmarks themselves (see benchmarks/README.md); these only
keep the scripts from rotting when the runner, the cache or the cluster layer changes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench_scale  # noqa: E402


def run_script(name: str, *args: str, timeout: float = 120) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, str(BENCH / name), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_bench_scale_tiny(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    run_script(
        "bench_scale.py",
        "--limit-files",
        "5",
        "--workers",
        "1",
        "--parse-repeat",
        "1",
        "--out",
        str(out),
    )
    result = json.loads(out.read_text())
    assert result["benchmark"] == "scale" and result["verify"].startswith("off")
    corpus = result["corpus"]
    assert corpus["files"] == 5 and corpus["limit_files"] == 5
    assert corpus["lines"] > 0 and corpus["functions"] >= 0
    assert result["parse_floor"]["seconds"] > 0 and result["parse_floor"]["cpu_s"] > 0
    run = result["runs"]["1w"]
    for field in (
        "wall_s",
        "cluster_start_s",
        "functions_per_s",
        "lines_per_s",
        "peak_worker_rss_gib",
        "over_parse_floor",
        "cpu_over_parse_floor_cpu",
    ):
        assert run[field] > 0, field
    assert run["complete"] and run["workers"] == 1 and run["worker_restarts"] == 0
    assert sum(run["counts"].values()) > 0
    assert "verified" not in run["counts"]  # --no-exec: nothing is executed
    assert run["cache"]["backend"] == "sqlite" and run["cache"]["hits"] == 0  # cold
    sched = run["scheduler"]
    assert sched["by_kind"]["process_partition"]["tasks"] >= 1
    assert sched["by_kind"]["finalize_repo"]["tasks"] == 1
    assert sched["tasks"] == sum(k["tasks"] for k in sched["by_kind"].values())
    assert sched["median_task_ms"] > 1
    assert 0 < sched["busy_fraction"] <= 1.01 and sched["partition_tail_s"] == 0  # 1 worker
    assert run["cpu_s"]["total"] > 0 and run["cpu_s"]["other_tenants_cores"] >= 0
    targets = result["targets"]
    assert targets["full_corpus"] is False
    assert {"peak_worker_rss_gib", "no_worker_crash"} <= set(targets)  # ratio: 2w only


def test_bench_scale_targets_and_task_kinds() -> None:
    runs = {
        "2w": {
            "wall_s": 10.0,
            "over_parse_floor": 7.5,
            "peak_worker_rss_gib": 0.4,
            "counts": {"compiled": 3},
        },
        "1w": {
            "wall_s": 18.0,
            "over_parse_floor": 13.5,
            "peak_worker_rss_gib": 1.6,
            "counts": {"worker_crash": 1},
        },
    }
    t = bench_scale.targets(runs, None)
    assert t["full_corpus"] is True
    assert t["cold_over_parse_floor"]["met"] is True
    assert t["speedup_2w_vs_1w"] == {"value": 1.8, "target": ">= 1.7", "met": True}
    assert t["peak_worker_rss_gib"]["met"] is False and t["peak_worker_rss_gib"]["value"] == 1.6
    assert t["no_worker_crash"] == {"value": 1, "target": "0", "met": False}
    assert bench_scale.task_kind("partition-stdlib-0123abcd") == "process_partition"
    assert bench_scale.task_kind("finalize_repo-8f2e3c1a-77aa-4bb1-9e0d") == "finalize_repo"


def test_bench_cold_warm_tiny(tmp_path: Path) -> None:
    out = tmp_path / "cold_warm.json"
    have_redis = shutil.which("redis-server") is not None
    backends = "sqlite,redis" if have_redis else "sqlite"
    repo = tmp_path / "tinyrepo" / "tiny"  # verified like the examples, in ~1 s
    repo.mkdir(parents=True)
    (repo / "__init__.py").write_text("")
    (repo / "ops.py").write_text(
        "def add(a: int, b: int) -> int:\n    return a + b\n\n\n"
        "def double(x: int) -> int:\n    return add(x, x)\n"
    )
    run_script(
        "bench_cold_warm.py",
        "--examples",
        str(repo.parent),
        "--limit-files",
        "3",
        "--backends",
        backends,
        "--out",
        str(out),
        timeout=180,
    )
    result = json.loads(out.read_text())
    assert result["benchmark"] == "cold_warm"
    assert set(result["corpora"]) == {"examples", "stdlib"}
    assert result["corpora"]["examples"]["verify"] is True
    examples = result["corpora"]["examples"]["backends"]
    assert all(r["cold"]["counts"].get("verified") == 2 for r in examples.values())
    assert result["corpora"]["stdlib"]["verify"] is False
    assert result["corpora"]["stdlib"]["limit_files"] == 3
    for corpus in result["corpora"].values():
        assert set(corpus["backends"]) == set(backends.split(","))
        for name, res in corpus["backends"].items():
            cold, warm = res["cold"], res["warm"]
            assert cold["cache"]["backend"] == name
            assert cold["cache_hits"] == 0 and cold["cache"]["writes"] > 0
            assert res["all_warm_units_hit"], (name, warm["counts"], warm["cache_hits"])
            assert warm["cache"]["misses"] == 0 and warm["cache"]["errors"] == 0
            # warm: the repository is unchanged, so its cache probe finishes it (no partition
            # tasks): one lookup of all partitions, one of the formatted crate
            assert cold["partitions"] >= 1 and warm["partitions"] == 0
            assert cold["cache"]["repos_unchanged"] == 0 and warm["cache"]["repos_unchanged"] == 1
            assert cold["cache_calls"]["get_many_round_trips"] >= cold["partitions"]
            assert warm["cache_round_trips_per_partition"] is None
            assert warm["cache_calls"]["get_many_round_trips"] == 2
            assert warm["cache_round_trips_per_repo"] == 2
            for run in (cold, warm):
                assert 0 < run["graph_s"] <= run["total_s"] <= run["wall_s"] + 0.5
                assert run["wall_with_cluster_start_s"] > run["wall_s"]
                assert run["machine_busy_cores"] >= 0
            assert res["warm_over_cold_graph"] > 0
            assert set(res["target_warm_le_tenth_of_cold"]) == {
                "graph_met",
                "wall_met",
                "with_cluster_start_met",
            }
            if name == "redis":
                assert (
                    warm["redis_commandstats"]["mget"]
                    == warm["cache_calls"]["get_many_round_trips"]
                )
    for backend in backends.split(","):
        assert result["clusters"][backend]["cluster_start_s"] > 0


@pytest.mark.parametrize("script", ["bench_scale.py", "bench_cold_warm.py", "bench_serve.py"])
def test_help(script: str) -> None:
    run_script(script, "--help", timeout=60)


def test_bench_minhash_tiny(tmp_path: Path) -> None:
    out = tmp_path / "minhash.json"
    run_script("bench_minhash.py", "--limit-files", "3", "--out", str(out))
    result = json.loads(out.read_text())
    assert result["functions"] > 0 and result["identical_to_datasketch"] is True


def test_bench_verify_tiny(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "m.py").write_text("def inc(x: int) -> int:\n    return x + 1\n")
    out = tmp_path / "verify.json"
    run_script(
        "bench_verify.py",
        "--corpus",
        str(corpus),
        "--trivial",
        "3",
        "--sizes",
        "",
        "--examples",
        "3",
        "--out",
        str(out),
    )
    result = json.loads(out.read_text())
    [section] = result["corpus"]
    assert section["statuses"] == {"verified": 1}
    assert section["per_verified_function"]["n"] == 1
    assert {"plan", "python", "rustc_harness", "harness_run", "compare"} <= set(
        section["phases_wall_s"]
    )
    assert result["trivial"]["statuses"] == {"verified": 3} and result["scale"] == []


def test_bench_stdlib_tiny(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "m.py").write_text("def f(x: int) -> int:\n    return x + 1\n")
    out = tmp_path / "stdlib.json"
    run_script(
        "bench_stdlib.py",
        "--source",
        str(source),
        "--workers",
        "1",
        "--modes",
        "no-exec",
        "--parse-repeat",
        "1",
        "--out",
        str(out),
        timeout=300,
    )
    result = json.loads(out.read_text())
    assert result["floors"]["files"] == 1
    assert result["floors"]["parse_bytes"]["seconds"] > 0
    run = result["runs"]["no-exec"]
    assert run["returncode"] == 0 and run["counts"] == {"compiled": 1}, run
    assert run["over_parse_bytes"] > 1 and run["target"] == "<= 6.0 x parse_bytes"
