"""The endpoint backend against a local OpenAI chat-completions server with scripted answers,
alone and through a whole pipeline run: a correct translation is verified, a wrong one is
caught as a mismatch and repaired, garbage is refused, a timeout is retried and then reported
as a fault — and the rule engine's verified unit is untouched."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess

import pyarrow.parquet as pq
from distributed import Client, Nanny, Scheduler, SpecCluster, get_task_stream

from pipeline.config import LearnedSettings, RunConfig
from pipeline.runner import run
from pipeline.similarity import minhash
from pipeline.translate.learned.backends import Message
from pipeline.translate.learned.endpoint import EndpointBackend
from tests.e2e.test_run_examples import CARGO
from tests.translate.learned.conftest import write_repo


def settings(url: str, **kw: object) -> LearnedSettings:
    base = {"backend": "endpoint", "url": url, "timeout_s": 1.0, "retries": 1, "backoff_s": 0.05}
    return LearnedSettings(enabled=True, **{**base, **kw})


def ask(name: str) -> tuple[Message, ...]:
    text = f"Translate this function from m.py:\n```python\ndef {name}(x: int) -> int:\n```"
    return (Message("system", "s"), Message("user", text))


def test_backend_answers_retries_and_reports_a_timeout_as_a_fault(chat_server) -> None:
    chat_server.slow_s = 1.5
    os.environ["PORTALIS_TEST_KEY"] = "sekret"
    try:
        backend = EndpointBackend(settings(chat_server.url, api_key_env="PORTALIS_TEST_KEY"), {})
        good, slow = backend.generate([ask("bits"), ask("bits_minus")])
    finally:
        del os.environ["PORTALIS_TEST_KEY"]
    assert good.error == "" and "pub fn bits(x: i64) -> i64" in good.text and good.tries == 1
    assert slow.text == "" and slow.tries == 2
    assert slow.error == "endpoint timed out after 1 s (2 tries)"
    slow_requests = [r for r in chat_server.requests if "bits_minus" in json.dumps(r)]
    assert len(slow_requests) == 2  # the first try and one retry
    assert chat_server.requests[0]["model"] == "default"
    assert chat_server.requests[0]["messages"][0] == {"role": "system", "content": "s"}


def test_unreachable_endpoint_is_a_fault_not_an_answer() -> None:
    backend = EndpointBackend(settings("http://127.0.0.1:9/v1", retries=0), {})
    (reply,) = backend.generate([ask("bits")])
    assert reply.text == "" and reply.error.startswith("endpoint unreachable: ConnectError")


def test_pipeline_routes_refused_units_through_the_endpoint(chat_server, tmp_path) -> None:
    repo = write_repo(tmp_path / "src")
    copies = tmp_path / "copies"  # a second repository with a renamed copy of `double`
    (copies / "other").mkdir(parents=True)
    (copies / "other/twice.py").write_text("def twice(y: int) -> int:\n    return 2 * y\n")
    config = RunConfig.model_validate(
        {
            "engine": ["rules", "learned"],
            "learned": settings(chat_server.url).model_dump(exclude={"enabled"}),
            "cache": {"url": f"sqlite://{tmp_path / 'cache.sqlite'}"},
            "verify": {"examples_per_function": 20},
            "similarity": {"enabled": True},
        }
    )
    # a CPU worker and a "GPU" worker: the learned tasks (resources GPU=1 here) run only on
    # the second; the other tasks may run on either
    config = config.model_copy(
        update={"learned": config.learned.model_copy(update={"resources": {"GPU": 1.0}})}
    )
    workers = {
        "cpu": {"cls": Nanny, "options": {"nthreads": 1}},
        "gpu": {"cls": Nanny, "options": {"nthreads": 1, "resources": {"GPU": 1}}},
    }
    scheduler = {"cls": Scheduler, "options": {"dashboard_address": "127.0.0.1:0"}}
    with (
        SpecCluster(workers=workers, scheduler=scheduler) as c,
        Client(c) as client,
        get_task_stream(client) as stream,
    ):
        summary = run([str(repo), str(copies / "other")], str(tmp_path / "out"), config, client)
        gpu_worker = next(
            addr for addr, w in client.scheduler_info()["workers"].items() if w["resources"]
        )
        asked = len(chat_server.requests)
        # again, with the cache: verified learned translations come from it, the rest is asked
        # again (faults and refusals are never cached)
        again = run([str(repo)], str(tmp_path / "again"), config, client)
    ran = {(t["key"].split("-")[0], t["worker"]) for t in stream.data}
    learned_on = {w for name, w in ran if name == "learn_partition"}
    assert learned_on == {gpu_worker}
    rows = {
        r["qualname"]: r
        for r in pq.read_table(
            io.BytesIO((tmp_path / "out/manifest.parquet").read_bytes())
        ).to_pylist()
    }
    double = rows["double"]
    assert (double["status"], double["attempts"], double["learned"]) == ("verified", 0, "")
    assert double["engine"].startswith("rules@")
    bits = rows["bits"]
    assert (bits["status"], bits["learned"], bits["attempts"]) == ("verified", "verified", 1)
    assert bits["engine"] == "learned@0.1.0+endpoint" and bits["inputs_matched"] > 0
    plus = rows["bits_plus"]  # wrong first (mismatch), repaired with the failing input
    assert (plus["status"], plus["learned"], plus["attempts"]) == ("verified", "verified", 2)
    repair = [r for r in chat_server.requests if "bits_plus" in json.dumps(r)][1]
    assert "differs from Python" in repair["messages"][-1]["content"]
    twice = rows["bits_twice"]  # garbage twice: refused, the rule engine's status stays
    assert (twice["status"], twice["learned"], twice["attempts"]) == ("unsupported", "refused", 2)
    assert "PT013" in twice["reason"] and "no Rust code in the reply" in twice["reason"]
    minus = rows["bits_minus"]  # timed out, retried: a fault, reported as such
    assert (minus["status"], minus["learned"], minus["attempts"]) == ("unsupported", "fault", 1)
    assert "PT064" in minus["codes"] and "timed out after 1 s (2 tries)" in minus["reason"]
    nbits = rows["nbits"]  # a renamed copy of bits: bits' Rust renamed, verified on its own
    assert (nbits["status"], nbits["learned"], nbits["attempts"]) == ("verified", "verified", 0)
    assert nbits["engine"] == "learned@0.1.0+endpoint" and nbits["inputs_matched"] > 0
    assert "reused the translation of bitsmod:bits.py::bits" in nbits["reason"]
    assert not any("def nbits" in json.dumps(r) for r in chat_server.requests)
    padded = rows["padded"]  # a default: the learned engine does not take it, nothing is sent
    assert (padded["status"], padded["learned"], padded["attempts"]) == (
        "unsupported",
        "not_taken",
        0,
    )
    assert "parameters with defaults" in padded["reason"] and "PT013" in padded["reason"]
    assert not any("def padded" in json.dumps(r) for r in chat_server.requests)
    assert summary.learned["outcomes"] == {"fault": 1, "not_taken": 1, "refused": 1, "verified": 3}
    assert summary.learned["verified_at_attempt"] == {"0": 1, "1": 1, "2": 1}
    assert summary.learned["available"] is True
    # near-duplicates across the two repositories: the report, the groups and the zarr store
    double_id, twice_id = double["unit_id"], rows["twice"]["unit_id"]
    assert summary.near_duplicates["exact_groups"] == 2  # double/twice, bits/nbits
    assert sorted([double_id, twice_id]) in summary.near_duplicates["largest"]
    assert summary.near_duplicates["near_duplicate_groups"] == 2  # and the bit_length family
    groups = json.loads((tmp_path / "out/similarity/groups.json").read_text())
    assert sorted([double_id, twice_id]) in groups["exact"]
    ids, sigs = minhash.load(str(tmp_path / "out/similarity/signatures.zarr"))
    assert sorted(ids) == sorted(r["unit_id"] for r in rows.values()) and sigs.shape[1] == 128
    lib = (tmp_path / "out/crates/bitsmod/src/bits.rs").read_text()
    assert "pub fn bits(" in lib and "pub fn bits_plus(" in lib and "pub fn nbits(n: i64)" in lib
    assert "pub fn bits_twice" not in lib
    built = subprocess.run(
        [CARGO, "build", "--offline", "-q"],
        cwd=tmp_path / "out/crates/bitsmod",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    later = chat_server.requests[asked:]
    assert {re.findall(r"def (\w+)\(x", json.dumps(r))[-1] for r in later} == {
        "bits_twice",
        "bits_minus",
    }
    rows2 = {
        r["qualname"]: r
        for r in pq.read_table(
            io.BytesIO((tmp_path / "again/manifest.parquet").read_bytes())
        ).to_pylist()
    }
    for name in ("bits", "bits_plus", "nbits"):
        assert (rows2[name]["status"], rows2[name]["attempts"]) == ("verified", 0)
        assert rows2[name]["engine"] == "learned@0.1.0+endpoint"
        assert "from the cache" in rows2[name]["reason"]
    assert again.learned["outcomes"] == summary.learned["outcomes"]
