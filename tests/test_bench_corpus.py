"""benchmarks/bench_corpus.py still works: its CLI on a tiny repository writes a JSON report
whose fields are present and consistent. The engine's quality bars are not asserted here
(that is what the benchmark is for); only that the instrument measures correctly."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.compile.rustc import find_tool
from pipeline.records import Status

ROOT = Path(__file__).resolve().parents[1]
STATUSES = {s.value for s in Status}

TINY = '''\
"""A tiny module: some translatable functions, a class, a refused construct."""

from typing import List, Optional

LIMIT = 10


def add(a: int, b: int) -> int:
    """Sum.

    >>> add(2, 3)
    5
    """
    return a + b


def total(xs: List[int]) -> int:
    """>>> total([1, 2, 3])
    6
    """
    s = 0
    for x in xs:
        s += x
    return s


def shout(s: str) -> str:
    """>>> shout("hi")
    'HI!'
    """
    return s.upper() + "!"


def first_big(xs: List[int]) -> Optional[int]:
    """>>> first_big([1, 20, 3])
    20
    """
    for x in xs:
        if x > LIMIT:
            return x
    return None


def evaluate(expr: str) -> int:
    return eval(expr)


class Counter2:
    def __init__(self) -> None:
        self.n = 0

    def bump(self) -> int:
        self.n += 1
        return self.n
'''


def _load_bench():
    path = ROOT / "benchmarks" / "bench_corpus.py"
    spec = importlib.util.spec_from_file_location("bench_corpus_under_test", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _load_bench()


@pytest.fixture(scope="module")
def report(bench, tmp_path_factory) -> dict:
    repo = tmp_path_factory.mktemp("tinyrepo")
    (repo / "tiny.py").write_text(TINY, encoding="utf-8")
    (repo / "empty.py").write_text("", encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "corpus.json"
    crates = out.parent / "crates"
    code = bench.main(
        [
            "--corpus",
            str(repo),
            "--no-examples",
            "--examples-per-function",
            "2",
            "--repeat",
            "2",
            "--out",
            str(out),
            "--crate-dir",
            str(crates),
        ]
    )
    assert code == 0
    assert (crates / repo.name / "Cargo.toml").is_file()
    return json.loads(out.read_text(encoding="utf-8"))


def test_report_top_level(report):
    for key in ("engine", "config", "machine", "git", "corpus", "bars", "benchmark_seconds"):
        assert key in report, key
    assert "examples" not in report  # --no-examples
    assert report["config"]["examples_per_function"] == 2
    assert report["machine"]["cpus"] >= 1 and report["machine"]["python"]
    assert report["machine"]["rustc"].startswith("rustc")
    assert len(report["git"]["commit"]) == 40
    for bar in report["bars"].values():
        assert set(bar) == {"value", "bar", "met"} and isinstance(bar["met"], bool)


def test_counts_add_up(report):
    sec = report["corpus"]
    assert sec["units"] == 6  # 5 functions and 1 class
    assert sec["functions_incl_methods"] == 7  # the class holds 2 methods
    assert sec["units_by_kind"] == {"function": 5, "class": 1}
    counts = sec["status_counts"]
    assert set(counts) <= STATUSES
    assert sum(counts.values()) == sec["units"]
    assert sum(sec["status_counts_functions_incl_methods"].values()) == 7
    assert set(sec["status_counts_functions_incl_methods"]) <= STATUSES
    assert counts["unsupported"] >= 1  # eval() and the class are refused
    assert counts.get("verified", 0) >= 1
    assert sec["verified_share"] == pytest.approx(counts.get("verified", 0) / 6, abs=1e-4)
    # the empty file is a file row, not a unit
    assert [f["status"] for f in sec["files_without_units"]] == ["skipped"]
    # every unsupported unit is in the refusal tables, with a code and an example
    assert sum(r["count"] for r in sec["refusal_codes"]) == counts["unsupported"]
    assert sum(r["count"] for r in sec["refusal_messages"]) == counts["unsupported"]
    for r in sec["refusal_codes"]:
        assert r["code"].startswith("PT") and r["example"] and r["units"]
    assert len(sec["mismatches"]) == counts.get("mismatch", 0)
    assert len(sec["overflows"]) == counts.get("overflow", 0)
    assert len(sec["compile_errors"]) == counts.get("compile_error", 0)
    assert sum(r["count"] for r in sec["untested_reasons"]) == counts.get("untested", 0)


def test_timings_are_sane(report):
    sec = report["corpus"]
    t = sec["translate_time"]
    assert t["functions"]["n"] == 5 and t["all_units"]["n"] == 6
    assert 0 < t["functions"]["median_ms"] <= t["functions"]["p95_ms"] <= t["functions"]["max_ms"]
    assert t["functions"]["median_ms"] < 1000
    assert t["passes"] == 2
    v = sec["verification"]
    tested = sum(
        sec["status_counts"].get(s, 0)
        for s in ("verified", "mismatch", "overflow", "untested", "timeout")
    )
    assert v["units_tested"] == tested
    assert v["verify_wall_s"] > 0
    if sec["status_counts"].get("verified"):
        assert v["seconds_per_verified_unit"] > 0
        assert v["ratio_verify_to_translate_all_units"] > 0


def test_clippy_section(report):
    c = report["corpus"]["clippy"]
    if "error" in c["per_repo"].get("tinyrepo", {}):
        pytest.skip(f"cargo clippy unavailable: {c['per_repo']['tinyrepo']['error']}")
    compiled = sum(
        report["corpus"]["status_counts"].get(s, 0)
        for s in ("verified", "mismatch", "overflow", "untested", "timeout", "compiled")
    )
    assert c["compiled_units"] == compiled
    assert c["errors"] == 0  # the final crate builds
    assert c["warnings"] == sum(x["count"] for x in c["by_lint"])
    assert c["warnings_per_100_compiled_units"] >= 0


def _has_clippy() -> bool:
    try:
        proc = subprocess.run(
            [find_tool("cargo"), "clippy", "--version"], capture_output=True, text=True, timeout=60
        )
    except (RuntimeError, OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def test_clippy_counts_warnings(bench):
    """The counter finds a known lint and maps it to the unit whose comment precedes it."""
    if not _has_clippy():
        pytest.skip("cargo clippy unavailable")
    files = {
        "Cargo.toml": '[package]\nname = "lintme"\nversion = "0.1.0"\nedition = "2021"\n',
        "src/lib.rs": "pub mod m;\n",
        "src/m.rs": textwrap.dedent("""\
            // m.py::fine (lines 1-2)
            pub fn fine(x: i64) -> i64 {
                x + 1
            }

            // m.py::noisy (lines 4-5)
            pub fn noisy(x: i64) -> i64 {
                return x;
            }
            """),
    }
    c = bench.clippy(files)
    assert c["exit_code"] == 0 and c["errors"] == 0
    assert c["warnings"] == 1
    assert c["by_lint"][0]["lint"] == "clippy::needless_return"
    assert c["top_units"] == [{"unit": "m.py::noisy", "warnings": 1}]
    assert c["by_lint"][0]["example"].startswith("m.py::noisy (src/m.rs:8)")
