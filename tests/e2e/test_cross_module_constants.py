"""Constants and functions of another module of the package (units/crossconst.py), through
the whole pipeline on the probe package tests/pkgprobe (src layout): LocalCluster, rule engine,
rustc and the verifier's sandbox, which imports the package as it ships."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

PROBE = Path(__file__).resolve().parents[1] / "pkgprobe"

# pkg/__init__.py replaces base.double and base.LIMIT before use.py imports them: use's
# names are not base's defs; a copy of those would be wrong
PATCHED = {
    "pyproject.toml": '[project]\nname = "patched"\nversion = "0.1"\n',
    "src/patched/__init__.py": "from . import base\n\nbase.double = abs\nbase.LIMIT = 3\n"
    "from . import use  # noqa: E402\n",
    "src/patched/base.py": "LIMIT = 100\n\n\ndef double(x: int) -> int:\n    return 2 * x\n",
    "src/patched/use.py": "from .base import LIMIT, double\n\n\n"
    "def quad(x: int) -> int:\n    return double(x) * 2\n\n\n"
    "def over(x: int) -> bool:\n    return x > LIMIT\n",
}


@pytest.mark.timeout(900)
def test_probe_package_across_modules(tmp_path: Path) -> None:
    patched = tmp_path / "patched"
    for rel, text in PATCHED.items():
        (patched / rel).parent.mkdir(parents=True, exist_ok=True)
        (patched / rel).write_text(text)
    cfg = RunConfig(verify={"examples_per_function": 5}, cache={"url": "none://"})
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        run([str(PROBE), str(patched)], str(tmp_path / "out"), cfg, client)
    every = [r for r in rows(tmp_path / "out") if r["kind"] == "function"]
    got = {r["qualname"]: r for r in every if r["repo"] == "pkgprobe"}
    # constants: relative and absolute imports, an `as` name, a package's re-export (`from
    # pprobe import MAX_ITEMS`, pprobe/__init__.py importing it from .limits); functions:
    # clip (reading its module's MAX_ITEMS), is_short, normalize nested in their callers
    for name in ("join_words", "long_enough", "tag", "count_vowels", "fits", "scaled"):
        assert got[name]["status"] == "verified", got[name]
    for name in ("clipped_len", "short_words", "same"):
        assert got[name]["status"] == "verified", got[name]
    text = next((tmp_path / "out" / "crates").rglob("pprobe/text.rs")).read_text()
    assert 'const SEPARATOR: &str = ", ";' in text
    assert "fn clip(n: i64) -> i64 {" in text  # the private copy, inside clipped_len
    # what may change is not carried: a dict, a name top-level code changes
    for name in ("width", "seen"):
        assert got[name]["status"] == "unsupported", got[name]
    # `MIN_LEN = 7` then `from .limits import MIN_LEN`: 2 at call time, never 7 (was a
    # mismatch: the assignment was taken for the module's constant)
    assert got["min_len_plus"]["status"] == "unsupported", got["min_len_plus"]
    assert "unknown name MIN_LEN" in got["min_len_plus"]["reason"]
    # names another module assigns are not carried
    other = {r["qualname"]: r for r in every if r["repo"] == "patched"}
    assert other["quad"]["status"] == "unsupported", other["quad"]
    assert other["over"]["status"] == "unsupported", other["over"]
    assert not [
        r
        for r in every
        if r["status"] in ("mismatch", "compile_error") and r["path"] != "src/patched/base.py"
    ]
