"""A run killed with SIGKILL resumes from the cache; SIGINT stops gracefully."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.cache import open_cache
from tests.e2e.test_fault_tolerance import make_repo
from tests.e2e.test_run_examples import ROOT, tree_digest


def start(repo: Path, out: Path, cache: Path, cfg: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "run",
            str(repo),
            "--out",
            str(out),
            "--workers",
            "2",
            "--config",
            str(cfg),
            "--cache",
            f"sqlite:///{cache}",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def write_config(path: Path) -> Path:
    path.write_text(
        "engine: tests.e2e.plugin_engines:SlowEngine\npartition_lines: 20\n"
        "verify:\n  enabled: false\n"
    )
    return path


def wait_for_cache(cache: Path, entries: int = 16, timeout: float = 60) -> None:
    """Wait until the run has cached some (not all) of its units."""
    deadline = time.monotonic() + timeout
    while True:
        assert time.monotonic() < deadline, "the run never wrote to its cache"
        if cache.exists():
            handle = open_cache(f"sqlite:///{cache}")
            try:
                if handle.stats().entries >= entries:
                    return
            finally:
                handle.close()
        time.sleep(0.05)


def test_sigkill_then_resume_is_byte_identical(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", files=40, funcs=8)
    cfg = write_config(tmp_path / "cfg.yaml")
    ref = start(repo, tmp_path / "ref", tmp_path / "ref.sqlite", cfg)
    assert ref.wait(timeout=300) == 0, ref.stderr.read()

    cache = tmp_path / "c.sqlite"
    victim = start(repo, tmp_path / "out", cache, cfg)
    wait_for_cache(cache)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    assert not (tmp_path / "out" / "_SUCCESS").exists()

    again = start(repo, tmp_path / "out", cache, cfg)
    assert again.wait(timeout=300) == 0, again.stderr.read()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert 0 < summary["cache_hits"] < 320
    assert tree_digest(tmp_path / "out" / "crates") == tree_digest(tmp_path / "ref" / "crates")
    a = pq.read_table(tmp_path / "out" / "manifest.parquet").select(["unit_id", "status"])
    b = pq.read_table(tmp_path / "ref" / "manifest.parquet").select(["unit_id", "status"])
    assert a.equals(b)


def test_sigint_writes_partial_manifest_and_exits_3(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", files=60, funcs=8)
    cache = tmp_path / "c.sqlite"
    proc = start(repo, tmp_path / "out", cache, write_config(tmp_path / "cfg.yaml"))
    wait_for_cache(cache)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=120) == 3, proc.stderr.read()
    out = tmp_path / "out"
    assert (out / "_INCOMPLETE").exists() and not (out / "_SUCCESS").exists()
    assert json.loads((out / "summary.json").read_text())["complete"] is False
    assert (out / "manifest.parquet").exists()
