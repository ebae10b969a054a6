"""Sources read from and outputs published to a real S3-compatible server (moto, over HTTP)."""

from __future__ import annotations

import io
import json

import fsspec
import pyarrow.parquet as pq
from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_run_examples import EXAMPLES


def test_run_from_s3_to_s3(s3_server) -> None:
    opts = s3_server.storage_options
    fs = fsspec.filesystem("s3", **opts)
    src = s3_server.url("src/mathkit")
    fs.put(str(EXAMPLES[0]), src, recursive=True)
    out = s3_server.url("runs/nightly")
    config = RunConfig(
        engine="tests.e2e.plugin_engines:SimpleEngine",
        storage_options=opts,
        cache={"url": "none://"},
        verify={"enabled": False},
    )
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        summary = run([src], out, config, client)
    assert summary.complete and summary.functions > 20
    marker = json.loads(fs.cat_file(f"{out}/_SUCCESS"))
    assert "manifest.parquet" in marker["files"]
    assert fs.exists(f"{out}/crates/mathkit/src/lib.rs")
    assert not fs.exists(f"{out}/.portalis-staging")
    table = pq.read_table(io.BytesIO(fs.cat_file(f"{out}/manifest.parquet")))
    assert set(table.column("repo").to_pylist()) == {"mathkit"}
    assert "testing" not in fs.cat_file(f"{out}/summary.json").decode()  # no credentials
