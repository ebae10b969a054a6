"""Untyped parameters typed from calls in other modules of the repository: a real package run
through the whole pipeline (LocalCluster, rule engine, rustc, verifier, SQLite cache)."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

A = """\
def scale(xs, k):
    return [x * k for x in xs]


def lonely(q):
    return q.frob(1)  # no use types q: an unknown method


def twice(v):
    return v * 2
"""

B = '''\
"""Reports built on pkg.a.

>>> scale([2, 5], -1)
[-2, -5]
"""

from pkg import a
from .a import scale


def totals() -> int:
    return len(scale([1, 2], 3))


a.twice(4)
'''

C = """\
import pkg.a as helpers

helpers.twice(2.5)
"""


def make_package(root: Path) -> Path:
    pkg = root / "proj" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(A)
    (pkg / "b.py").write_text(B)
    (pkg / "c.py").write_text(C)
    return root / "proj"


def config(tmp: Path) -> RunConfig:
    # one file per partition: the calls and their callee meet only at the repository's end
    return RunConfig(
        partition_lines=1,
        verify={"examples_per_function": 5},
        cache={"url": f"sqlite:///{tmp / 'cache.sqlite'}"},
    )


def by_name(out: Path) -> dict[str, dict]:
    return {r["qualname"]: r for r in rows(out) if r["kind"] == "function"}


@pytest.mark.timeout(600)
def test_calls_in_other_modules_type_parameters(tmp_path: Path) -> None:
    repo = make_package(tmp_path)
    cfg = config(tmp_path)
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        cold = run([str(repo)], str(tmp_path / "cold"), cfg, client)
        warm = run([str(repo)], str(tmp_path / "warm"), cfg, client)
        (repo / "pkg" / "c.py").write_text(C.replace("2.5", "3"))
        changed = run([str(repo)], str(tmp_path / "changed"), cfg, client)
    got = by_name(tmp_path / "cold")
    assert got["scale"]["status"] == "verified", got["scale"]
    crate = next((tmp_path / "cold" / "crates").rglob("a.rs")).read_text()
    assert "pub fn scale(xs: &[i64], k: i64) -> Vec<i64>" in crate
    assert got["lonely"]["status"] == "unsupported"
    assert got["lonely"]["reason"] == (
        "PT020 line 5: untyped parameter q (no annotation, no typed default, and no call "
        "with a literal for it in its repository)"
    )
    # pkg/b.py passes an int, pkg/c.py a float: Python keeps each value's type
    assert got["twice"]["status"] == "unsupported"
    assert "untyped parameter v: its calls pass int and float" in got["twice"]["reason"]
    assert "pub fn twice" not in crate
    # warm: the repository is finished by its probe, nothing is translated again
    assert warm.cache["repos_unchanged"] == 1
    again = by_name(tmp_path / "warm")
    assert {k: (r["status"], r["reason"]) for k, r in again.items()} == {
        k: (r["status"], r["reason"]) for k, r in got.items()
    }
    assert got["scale"]["translate_s"] > 0 and again["scale"]["translate_s"] == 0
    assert (next((tmp_path / "warm" / "crates").rglob("a.rs")).read_text()) == crate
    # c.py now passes an int too: twice is typed and verified; scale comes from the cache
    assert cold.cache_hits == 0 and changed.cache["repos_unchanged"] == 0
    now = by_name(tmp_path / "changed")
    assert now["twice"]["status"] == "verified", now["twice"]
    assert now["scale"]["status"] == "verified" and now["scale"]["translate_s"] == 0
    assert (
        "pub fn twice(v: i64) -> i64"
        in next((tmp_path / "changed" / "crates").rglob("a.rs")).read_text()
    )
