"""``runner.submit``: a run in a thread of the driver, on the run's own client (not a default
one), that exposes its Dask futures as it submits them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster, default_client

from pipeline.config import RunConfig
from pipeline.runner import RunHooks, submit
from pipeline.translate import UnknownEngine

SOURCE = """\
def double(x: int) -> int:
    return 2 * x


def inc(x: int) -> int:
    return x + 1
"""


def test_submit_runs_on_a_client_that_is_not_the_default(tmp_path: Path) -> None:
    repo = tmp_path / "tiny"
    (repo / "tiny").mkdir(parents=True)
    (repo / "tiny/ops.py").write_text(SOURCE)
    seen: list = []
    config = RunConfig(cache={"url": "none://"})
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address="127.0.0.1:0") as lc,
        Client(lc, set_as_default=False) as client,
    ):
        with pytest.raises(ValueError, match="No clients found"):
            default_client()  # nothing may fall back on a default client
        handle = submit(
            [str(repo)], str(tmp_path / "out"), config, client, RunHooks(submitted=seen.extend)
        )
        summary = handle.result(timeout=300)
        assert handle.done()
        deadline = time.monotonic() + 10
        while handle.futures() and time.monotonic() < deadline:  # no widget: let go at once
            time.sleep(0.05)
        assert handle.futures() == []
    assert summary.counts == {"verified": 2}
    keys = handle.keys()
    assert [str(f.key) for f in seen] == keys  # the caller's own hook still sees each one
    kinds = [k.split("-")[0] for k in keys]
    assert kinds == ["partition", "finalize_repo"], keys
    assert (tmp_path / "out/_SUCCESS").exists()


def test_submit_hands_the_run_error_to_result(tmp_path: Path) -> None:
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address="127.0.0.1:0") as lc,
        Client(lc, set_as_default=False) as client,
    ):
        handle = submit([str(tmp_path)], str(tmp_path / "out"), RunConfig(engine="nope"), client)
        with pytest.raises(UnknownEngine):
            handle.result(timeout=60)
