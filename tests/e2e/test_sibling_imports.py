"""A module that imports a sibling held by another partition: the partition's verifier has only
its own files, so the import fails there; the repository's wave verifies the unit again with
every file of the repository (wave._import_failures). Real LocalCluster, rustc and verifier."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import rows

UTIL = """\
SCALE = 3


def helper(x: int) -> int:
    return x * SCALE
"""

USER = """\
from pkg import util
from pkg.util import helper


def inc(x: int) -> int:
    return x + 1
"""


@pytest.mark.timeout(600)
def test_a_sibling_in_another_partition_is_importable(tmp_path: Path) -> None:
    pkg = tmp_path / "proj" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "util.py").write_text(UTIL)
    (pkg / "user.py").write_text(USER)
    cfg = RunConfig(
        partition_lines=1,  # one file per partition
        verify={"examples_per_function": 5},
        cache={"url": f"sqlite:///{tmp_path / 'cache.sqlite'}"},
    )
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        run([str(tmp_path / "proj")], str(tmp_path / "cold"), cfg, client)
        run([str(tmp_path / "proj")], str(tmp_path / "warm"), cfg, client)
    for out in ("cold", "warm"):
        got = {r["qualname"]: r for r in rows(tmp_path / out) if r["kind"] == "function"}
        assert got["inc"]["status"] == "verified", (out, got["inc"])
        assert got["helper"]["status"] == "verified", (out, got["helper"])
