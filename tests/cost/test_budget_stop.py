"""A budget hard stop mid-run: completed work kept, exit code 4, the same command resumes.

Real parts: the CLI in a child process, a LocalCluster of worker processes, the SQLite cache,
the ledger on disk. The local instance type is priced at $1 per second so that a few seconds
of work make a budget of $5 stop the run after its first partitions, however fast the machine (at
best ~17 % is done when the projection passes it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.cost import report
from pipeline.cost.ledger import read_records
from tests.e2e.test_fault_tolerance import make_repo
from tests.e2e.test_run_examples import ROOT

EXIT_BUDGET = 4
PRICING = """version: 1
instance_types:
  local: {cpus: 1, memory_gib: 64, on_demand: 3600.0}
"""
TENANTS = """version: 1
tiers:
  small: {{gpu_quota: 0, budgets: {{daily: {daily}}}, hard_stop: true}}
tenants:
  acme: {{tier: small}}
"""


def portalis_run(repo: Path, out: Path, cfg: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", str(repo), "--out", str(out)]
        + ["--workers", "1", "--config", str(cfg), "--tenant", "acme", "--job", "nightly"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.mark.timeout(600)
def test_hard_stop_then_the_same_command_resumes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", files=12, funcs=8)
    (tmp_path / "pricing.yaml").write_text(PRICING)
    tenants = tmp_path / "tenants.yaml"
    tenants.write_text(TENANTS.format(daily=5))
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(
        "engine: tests.e2e.plugin_engines:SlowEngine\npartition_lines: 20\n"
        f"verify: {{enabled: false}}\ncache: {{url: 'sqlite:///{tmp_path / 'c.sqlite'}'}}\n"
        f"cost: {{pricing: {tmp_path / 'pricing.yaml'}, tenants: {tenants}}}\n"
    )
    out = tmp_path / "out"

    stopped = portalis_run(repo, out, cfg)
    assert stopped.returncode == EXIT_BUDGET, stopped.stderr
    assert "daily budget of tenant acme ($5.00) would be exceeded" in stopped.stderr
    assert (out / "_INCOMPLETE").exists() and not (out / "_SUCCESS").exists()
    first = json.loads((out / "summary.json").read_text())
    assert first["complete"] is False and first["cost"]["budget_stop"]
    assert first["cost"]["usd"] > 0

    tenants.write_text(TENANTS.format(daily=10**9))  # a raised budget: the same command again
    resumed = portalis_run(repo, out, cfg)
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "_SUCCESS").exists()
    second = json.loads((out / "summary.json").read_text())
    assert second["complete"] is True and second["cost"]["budget_stop"] is None
    assert second["cache_hits"] > 0  # the work finished before the stop was not redone
    rows = pq.read_table(out / "manifest.parquet").to_pylist()
    units = [r for r in rows if r["kind"] != "file"]
    assert len(units) == 12 * 8 and {r["status"] for r in units} == {"compiled"}

    records = read_records(str(out / "ledger"))
    assert {r.run_id for r in records} == {first["run_id"], second["run_id"]}
    assert {(r.tenant, r.job) for r in records} == {("acme", "nightly")}
    recorded = first["cost"]["usd"] + second["cost"]["usd"]
    assert sum(r.cost_usd for r in records) == pytest.approx(recorded)
    assert report.allocate(str(out / "ledger"), "1d").total_cost_usd == pytest.approx(recorded)
    for r in records:  # $1 per second for a 1-thread worker (share 1): cost = its seconds
        assert (r.threads, r.share) == (1, 1.0)
        assert r.cost_usd == pytest.approx(r.provisioned_s)
