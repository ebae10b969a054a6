"""The in-process backend with a tiny random-weight model built by the test: loaded through
the real path (a local directory, and the S3 test server), once per process, batched; and a
whole pipeline run on a Dask worker with a GPU resource where the model's (wrong) answers are
all rejected while every row keeps a correct status."""

from __future__ import annotations

import io

import fsspec
import pyarrow.parquet as pq
from distributed import Client, LocalCluster

from pipeline.config import LearnedSettings, RunConfig
from pipeline.runner import run
from pipeline.translate.learned import local
from pipeline.translate.learned.backends import Message
from tests.translate.learned.conftest import write_repo

PROMPTS = [
    (Message("system", "Translate to Rust."), Message("user", f"def f{i}(x: int) -> int:"))
    for i in range(3)
]


def model_settings(model: str, **kw: object) -> LearnedSettings:
    base = {"model": model, "device": "cpu", "max_new_tokens": 12, "batch_size": 2}
    return LearnedSettings(enabled=True, **{**base, **kw})


def test_local_model_loads_once_and_generates_in_batches(tiny_model) -> None:
    backend = local.TransformersBackend(model_settings(str(tiny_model)), {})
    replies = backend.generate(PROMPTS)
    assert len(replies) == 3 and all(r.error == "" and r.gpu_s == 0.0 for r in replies)
    assert all(isinstance(r.text, str) for r in replies)
    first = local.loaded_models()[(str(tiny_model), "cpu")]
    assert backend.generate(PROMPTS[:1])[0].text == replies[0].text  # greedy: deterministic
    assert local.loaded_models()[(str(tiny_model), "cpu")] is first  # not loaded again
    assert first.model.dtype.is_floating_point and str(first.model.device) == "cpu"


def test_model_from_the_s3_test_server(tiny_model, s3_server) -> None:
    opts = s3_server.storage_options
    url = s3_server.url("models/tiny")
    fsspec.filesystem("s3", **opts).put(str(tiny_model) + "/", url + "/", recursive=True)
    backend = local.TransformersBackend(model_settings(url), opts)
    replies = backend.generate(PROMPTS[:2])
    assert [r.error for r in replies] == ["", ""]
    assert (url, "cpu") in local.loaded_models()


def test_missing_model_is_a_fault_for_every_prompt(tmp_path) -> None:
    backend = local.TransformersBackend(model_settings(str(tmp_path / "nothing")), {})
    replies = backend.generate(PROMPTS[:2])
    assert all(r.text == "" and "could not be loaded" in r.error for r in replies)


def test_pipeline_with_the_tiny_model_rejects_every_answer(tiny_model, tmp_path) -> None:
    repo = write_repo(tmp_path / "src")
    config = RunConfig.model_validate(
        {
            "engine": ["rules", "learned"],
            "learned": model_settings(str(tiny_model)).model_dump(exclude={"enabled"}),
            "cache": {"url": "none://"},
            "verify": {"examples_per_function": 10},
        }
    )
    assert config.learned.task_resources() == {"GPU": 1.0}
    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            resources={"GPU": 1},
            dashboard_address="127.0.0.1:0",
        ) as c,
        Client(c) as client,
    ):
        client.register_plugin(local.ModelPlugin(config.learned, {}))  # as the run does
        loaded = client.run(lambda: [id(m.model) for m in local.loaded_models().values()])
        summary = run([str(repo)], str(tmp_path / "out"), config, client)
        after = client.run(lambda: [id(m.model) for m in local.loaded_models().values()])
    # the plugin loaded the model when registered; the run's tasks used that one object
    assert len(next(iter(loaded.values()))) == 1 and after == loaded
    table = pq.read_table(io.BytesIO((tmp_path / "out/manifest.parquet").read_bytes()))
    rows = {r["qualname"]: r for r in table.to_pylist()}
    assert rows["double"]["status"] == "verified" and rows["double"]["attempts"] == 0
    for name in ("bits", "bits_plus", "bits_twice", "bits_minus", "padded", "tripled"):
        row = rows[name]
        assert row["status"] == "unsupported", row
        assert row["engine"].startswith("rules@")
        assert row["attempts"] == 2 and row["learned"] in ("refused", "compile_error"), row
        assert "PT013" in row["reason"] and "learned engine, 2 attempt(s)" in row["reason"]
    nbits = rows["nbits"]  # a copy of bits: not sent once bits failed
    assert (nbits["status"], nbits["attempts"]) == ("unsupported", 0)
    assert "not sent: its copy bitsmod:bits.py::bits was not verified" in nbits["reason"]
    assert summary.learned["units"] == 7 and "verified" not in summary.learned["outcomes"]
    assert summary.counts == {"unsupported": 7, "verified": 1}
    lib = (tmp_path / "out/crates/bitsmod/src/bits.rs").read_text()
    assert "pub fn double(" in lib and "fn bits" not in lib


def test_without_a_gpu_worker_the_run_goes_on_and_says_why(tiny_model, tmp_path) -> None:
    repo = write_repo(tmp_path / "src")
    config = RunConfig.model_validate(
        {
            "engine": ["rules", "learned"],
            "learned": {"model": str(tiny_model)},
            "cache": {"url": "none://"},
            "verify": {"enabled": False},
        }
    )
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        summary = run([str(repo)], str(tmp_path / "out"), config, client)
    assert summary.learned["available"] is False and "GPU" in summary.learned["reason"]
    assert summary.counts == {"compiled": 1, "unsupported": 7}
