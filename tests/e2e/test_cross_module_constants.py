"""Constants of another module of the package (units/crossconst.py), through the whole
pipeline on the probe package tests/pkgprobe (src layout): LocalCluster, rule engine, rustc and
the verifier's sandbox, which imports the package as it ships."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

PROBE = Path(__file__).resolve().parents[1] / "pkgprobe"


@pytest.mark.timeout(600)
def test_probe_package_constants_cross_modules(tmp_path: Path) -> None:
    cfg = RunConfig(verify={"examples_per_function": 5}, cache={"url": "none://"})
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        run([str(PROBE)], str(tmp_path / "out"), cfg, client)
    got = {r["qualname"]: r for r in rows(tmp_path / "out") if r["kind"] == "function"}
    # relative and absolute imports, an `as` name, a package's re-export (`from pprobe
    # import MAX_ITEMS`, pprobe/__init__.py importing it from .limits)
    for name in ("join_words", "long_enough", "tag", "count_vowels", "fits", "scaled"):
        assert got[name]["status"] == "verified", got[name]
    text = next((tmp_path / "out" / "crates").rglob("text.rs")).read_text()
    assert 'const SEPARATOR: &str = ", ";' in text
    # what may change is not carried: a dict, a name top-level code changes
    for name in ("width", "seen"):
        assert got[name]["status"] == "unsupported", got[name]
    # `MIN_LEN = 7` then `from .limits import MIN_LEN`: 2 at call time, never 7 (was a
    # mismatch: the assignment was taken for the module's constant)
    assert got["min_len_plus"]["status"] == "unsupported", got["min_len_plus"]
    assert "unknown name MIN_LEN" in got["min_len_plus"]["reason"]
    assert not [r for r in got.values() if r["status"] in ("mismatch", "compile_error")]
