"""The optional Prefect flow: an actionable error without the extra; with it, a real flow on a
real Dask scheduler.

The extra is not in ``dev``, so CI skips the flow test (reported as skipped, with its reason).
Measured 2026-12-07 on the 2-core CI-like machine, against the dev venv (dask 2026.7.1,
FastAPI 0.165 from ``[serve]``):
- ``pip install 'prefect>=3.4' 'prefect-dask>=0.3.7'`` alone resolves to prefect 3.9.1, which
  requires ``fastapi<0.151`` and would downgrade FastAPI below ``[serve]``'s ``>=0.165``;
- with ``fastapi>=0.165`` kept, pip picks prefect 3.8.8 (10 s to resolve, 35 s to download and
  install 46 packages, 114 MB; downgrades cachetools 8.0.3 -> 7.3.3 and websockets 17.4 ->
  16.1.1), whose server then fails on import: ``TypeError: Body() got an unexpected keyword
  argument 'min_items'`` (prefect/server/api/concurrency_limits_v2.py) — the flow test fails;
- in an environment of its own (prefect 3.9.1, FastAPI 0.150: 120 MB, 71 s to install) the
  flow test passes, but took 503 s on that (busy) machine, most of it the ephemeral Prefect
  server: beyond CI's budget for one test.
So ``[prefect]`` and ``[serve]`` cannot share one environment today; install ``[prefect]``
where the flow runs, without ``[serve]``.
"""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HAS_PREFECT = all(importlib.util.find_spec(m) for m in ("prefect", "prefect_dask"))


@pytest.mark.skipif(HAS_PREFECT, reason="the [prefect] extra is installed here")
def test_missing_extra_names_it() -> None:
    with pytest.raises(ImportError, match=r"pip install 'portalis\[prefect\]'"):
        importlib.import_module("pipeline.prefect_flow")


@pytest.mark.skipif(
    not HAS_PREFECT,
    reason="needs pip install 'portalis[prefect]' (not in dev: conflicts with [serve]'s FastAPI)",
)
def test_flow_runs_on_the_same_cluster(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "prefect").mkdir()
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.setenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    from distributed import LocalCluster

    from pipeline.prefect_flow import portalis_flow
    from pipeline.preflight import PreflightError

    repo = tmp_path / "tiny"
    repo.mkdir()
    (repo / "ops.py").write_text("def double(x: int) -> int:\n    return 2 * x\n")
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as lc:
        summary = portalis_flow([str(repo)], str(tmp_path / "out"), lc.scheduler_address)
        assert summary["counts"] == {"verified": 1}
        assert (tmp_path / "out" / "_SUCCESS").exists()
        with pytest.raises(PreflightError, match="source not found"):
            portalis_flow([str(tmp_path / "missing")], str(tmp_path / "o2"), lc.scheduler_address)


def test_prefect_is_not_a_dev_dependency() -> None:
    """CI stays light: the extra exists, and dev does not pull it in."""
    text = (ROOT / "pyproject.toml").read_text()
    assert "\nprefect = [" in text
    dev = text[text.index("\ndev = [") :]
    dev = dev[: dev.index("]\n")]
    assert "prefect" not in dev
    assert subprocess.run([sys.executable, "-c", "import pipeline.cli"], cwd=ROOT).returncode == 0
