"""verify_crate as the runner calls it: inside Dask tasks, two at once in one worker process."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_crate
from tests.verify.crates import Fixture, sig

distributed = pytest.importorskip("dask.distributed")


def _fixture(crate: str) -> Fixture:
    fx = Fixture(crate=crate)
    fx.module(
        "m.py",
        "import os\n\ndef f(x: int) -> int:\n    return x * 2\n\n"
        "def g(x: int) -> int:\n    os._exit(1)\n",
        "pub fn f(x: i64) -> i64 { x * 2 }\npub fn g(x: i64) -> i64 { x }\n",
    )
    fx.unit("m.py", "f", sig("f"))
    fx.unit("m.py", "g", sig("g"))
    return fx


def test_verify_crate_in_concurrent_dask_tasks() -> None:
    options = VerifyOptions(examples_per_function=8)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        futures = []
        for crate in ("one", "two"):
            fx = _fixture(crate)
            futures.append(
                client.submit(
                    verify_crate,
                    fx.crate,
                    fx.crate_files(),
                    fx.python,
                    fx.items,
                    options,
                    pure=False,
                )
            )
        results = client.gather(futures)
    for verdicts in results:
        assert [v.status for v in verdicts] == [Status.VERIFIED, Status.UNTESTED]
        assert "Python crashed" in verdicts[1].reason  # the child died; the worker did not
