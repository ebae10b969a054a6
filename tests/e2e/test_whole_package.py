"""A package as it ships (src/ layout, packaging settings, tests, docs, build scripts) run
through the whole pipeline: LocalCluster, rule engine, rustc, the verifier's sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

FILES = {
    "pyproject.toml": '[tool.setuptools]\npackage-dir = {"" = "src"}\n',
    # importing shipped.core runs this, which needs `shipped` importable from src/
    "src/shipped/__init__.py": "from shipped.core import double\n",
    "src/shipped/core.py": "def double(x: int) -> int:\n    return 2 * x\n",
    # no annotation, no literal call in the library: typed by its body, and by what its tests
    # pass; it imports a sibling module: its verification needs the whole package
    "src/shipped/untyped.py": "import shipped.core\n\n\ndef triple(x):\n    return 3 * x\n\n\n"
    "def join(a, b):\n    return a + b\n\n\ndef ident(x):\n    return x\n",
    "tests/test_core.py": "from shipped import double\n"
    "from shipped.untyped import ident, join, triple\n"
    "\n\ndef test_double() -> None:\n    assert double(2) == 4\n\n\n"
    "def test_triple() -> None:\n    assert triple(5) == 15\n\n\n"
    "def test_join() -> None:\n    assert join('ab', 'c') == 'abc'\n\n\n"
    "def test_ident() -> None:\n    assert ident(1) == 1 and ident('a') == 'a'\n",
    "tests/conftest.py": "def helper(n: int) -> int:\n    return n\n",
    "docs/conf.py": "def setup(app: int) -> int:\n    return app\n",
    "setup.py": "def version() -> str:\n    return '1'\n",
    "noxfile.py": "def lint(n: int) -> int:\n    return n\n",
}


def make_package(root: Path) -> Path:
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


@pytest.mark.timeout(600)
def test_src_layout_package_is_imported_and_only_its_library_translated(tmp_path: Path) -> None:
    repo = make_package(tmp_path / "shipped")
    cfg = RunConfig(verify={"examples_per_function": 5}, cache={"url": "none://"})
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        library = run([str(repo)], str(tmp_path / "lib"), cfg, client)
        everything = run(
            [str(repo)], str(tmp_path / "all"), cfg.with_overrides(scope="all"), client
        )
        noexec_cfg = cfg.with_overrides(verify__enabled=False)
        noexec = run([str(repo)], str(tmp_path / "noexec"), noexec_cfg, client)
    got = {r["qualname"]: r for r in rows(tmp_path / "lib") if r["kind"] != "file"}
    assert set(got) == {"double", "triple", "join", "ident"}
    assert got["double"]["status"] == "verified", got["double"]
    # the tests ran traced: triple(5) typed x, and the Rust says so
    assert got["triple"]["status"] == "verified", got["triple"]
    assert "pytest exit 0; 5 calls of 4 functions kept" in library.traces["shipped"]
    crate = tmp_path / "lib" / library.crates["shipped"] / "src/src/shipped/untyped.rs"
    assert "pub fn triple(x: i64) -> i64" in crate.read_text()
    # its body alone says int (usage); its tests pass strs, and the traced calls decide
    assert got["join"]["status"] == "verified", got["join"]
    assert "pub fn join(a: &str, b: &str) -> String" in crate.read_text()
    assert got["join"]["typing"] == "a: str (calls); b: str (calls)"  # the manifest says why
    # calls that disagree (an int, a str) are refused as evidence; its body alone types it
    assert got["ident"]["status"] == "verified", got["ident"]
    assert library.not_library_files == {"build": 2, "docs": 1, "tests": 2}
    aside = {r["path"]: r for r in rows(tmp_path / "lib") if r["kind"] == "file"}
    assert aside["tests/test_core.py"]["status"] == "skipped"
    assert aside["tests/test_core.py"]["reason"].startswith(
        "PT901 not library code (tests; import root src/, from pyproject.toml "
        "[tool.setuptools] package-dir)"
    )
    # asked for, the rest is translated too (and counted as units)
    names = {r["qualname"] for r in rows(tmp_path / "all") if r["kind"] != "file"}
    assert {"double", "helper", "setup", "version", "lint", "test_double"} <= names
    # --no-exec executes nothing, the tests included: no trace, triple refused
    assert noexec.traces == {}
    left = {r["qualname"]: r for r in rows(tmp_path / "noexec") if r["kind"] != "file"}
    assert left["triple"]["status"] == "compiled"  # typed from its body alone (usage)
    noexec_crate = tmp_path / "noexec" / noexec.crates["shipped"] / "src/src/shipped/untyped.rs"
    assert "pub fn join(a: i64, b: i64) -> i64" in noexec_crate.read_text()
    assert everything.not_library_files == {}
