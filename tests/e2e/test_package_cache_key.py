"""A partition's verdicts depend on the rest of its package, which the verifier's sandbox
imports (units/packagefiles.py): an edit to a sibling module held by another partition must
recompute them, never reuse a cached verdict. Real LocalCluster, SQLite cache, rustc and
verifier."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

USER = """\
from pkg import util


def inc(x: int) -> int:
    return x + 1
"""


@pytest.mark.timeout(600)
def test_an_edited_sibling_recomputes_the_verdicts_of_its_importers(tmp_path: Path) -> None:
    pkg = tmp_path / "proj" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "util.py").write_text("SCALE = 3\n")
    (pkg / "user.py").write_text(USER)
    cfg = RunConfig(
        partition_lines=1,  # one file per partition: user.py's partition never holds util.py
        verify={"examples_per_function": 5},
        cache={"url": f"sqlite:///{tmp_path / 'cache.sqlite'}"},
    )
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        run([str(tmp_path / "proj")], str(tmp_path / "cold"), cfg, client)
        # the sibling now fails to import: so does user.py, in the sandbox as for any caller
        (pkg / "util.py").write_text("raise RuntimeError('util is broken')\n")
        run([str(tmp_path / "proj")], str(tmp_path / "edited"), cfg, client)
        run([str(tmp_path / "proj")], str(tmp_path / "again"), cfg, client)
    verdict = {
        out: {r["qualname"]: r for r in rows(tmp_path / out)}["inc"]
        for out in ("cold", "edited", "again")
    }
    assert verdict["cold"]["status"] == "verified", verdict["cold"]
    for out in ("edited", "again"):
        assert verdict[out]["status"] == "untested", verdict[out]
        assert "util is broken" in verdict[out]["reason"], verdict[out]
