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
from collections import defaultdict

import pyarrow.parquet as pq
from dask.utils import key_split
from distributed import Client, Nanny, Scheduler, SpecCluster, get_task_stream
from distributed.diagnostics.plugin import SchedulerPlugin

from pipeline.config import LearnedSettings, RunConfig
from pipeline.runner import run
from pipeline.similarity import minhash
from pipeline.translate.learned.backends import Message
from pipeline.translate.learned.endpoint import EndpointBackend
from tests.e2e.test_run_examples import CARGO
from tests.translate.learned.conftest import write_repo


class Restrictions(SchedulerPlugin):
    """On the scheduler: the resources each kind of task asked for, as it started."""

    name = "test-restrictions"

    def __init__(self) -> None:
        self.seen: dict[str, set] = defaultdict(set)

    async def start(self, scheduler) -> None:
        self.scheduler = scheduler

    def transition(self, key, start, finish, *args, **kwargs) -> None:
        if finish == "processing":
            ts = self.scheduler.tasks[key]
            wanted = tuple(sorted((ts.resource_restrictions or {}).items()))
            self.seen[key_split(key)].add(wanted)


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
    widths = tmp_path / "widths"  # a third, with a renamed copy of `bits`: another partition
    (widths / "widths").mkdir(parents=True)
    (widths / "widths/width.py").write_text("def width(v: int) -> int:\n    return v.bit_count()\n")
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
        client.register_plugin(Restrictions())
        sources = [str(repo), str(copies / "other"), str(widths)]
        summary = run(sources, str(tmp_path / "out"), config, client)
        restrictions = client.run_on_scheduler(
            lambda dask_scheduler: dask_scheduler.plugins[Restrictions.name].seen
        )
        gpu_worker = next(
            addr for addr, w in client.scheduler_info()["workers"].items() if w["resources"]
        )
        asked = len(chat_server.requests)
        # again, with the cache: verified learned translations come from it, the rest is asked
        # again (faults and refusals are never cached)
        again = run([str(repo)], str(tmp_path / "again"), config, client)
    ran = {(t["key"].split("-")[0], t["worker"]) for t in stream.data}
    assert {w for name, w in ran if name == "learn_generate"} == {gpu_worker}
    # only generation asks for the GPU: compiling and verifying leave it free
    assert restrictions["learn_generate"] == {(("GPU", 1.0),)}
    for name in ("learn_prepare", "learn_judge", "learn_reuse", "learn_finish"):
        assert restrictions[name] == {()}, (name, restrictions)
    rows = {
        r["qualname"]: r
        for r in pq.read_table(
            io.BytesIO((tmp_path / "out/manifest.parquet").read_bytes())
        ).to_pylist()
    }
    double = rows["double"]
    assert (double["status"], double["attempts"], double["learned"]) == ("verified", 0, "")
    assert double["engine"].startswith("rules@")
    # bits, width (another repository: another partition) and nbits are copies up to
    # renaming: the partition that sent its copy first asked the model once; the others
    # got that Rust, renamed, and were verified on their own
    sent = [
        n
        for n in ("bits", "width")
        if any(f"def {n}(" in json.dumps(r) for r in chat_server.requests)
    ]
    assert len(sent) == 1, sent
    source = rows[sent[0]]
    assert source["attempts"] == 1
    for name in ("bits", "width", "nbits"):
        row = rows[name]
        assert (row["status"], row["learned"]) == ("verified", "verified"), row
        assert row["engine"] == "learned@0.1.0+endpoint" and row["inputs_matched"] > 0
        if name != sent[0]:
            assert row["attempts"] == 0
            assert f"reused the translation of {source['unit_id']}" in row["reason"]
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
    assert not any("def nbits" in json.dumps(r) for r in chat_server.requests)
    padded = rows["padded"]  # a default: an ordinary parameter of the Rust function
    assert (padded["status"], padded["learned"], padded["attempts"]) == ("verified", "verified", 1)
    prompt = [r for r in chat_server.requests if "def padded" in json.dumps(r)][0]
    assert "Parameters with defaults (x) are ordinary" in prompt["messages"][-1]["content"]
    # unannotated, typed from its doctest; the wrong first answer is caught as a mismatch
    tripled = rows["tripled"]
    assert (tripled["status"], tripled["learned"], tripled["attempts"]) == (
        "verified",
        "verified",
        2,
    )
    asks = [r for r in chat_server.requests if "def tripled" in json.dumps(r)]
    assert "x: int (from its calls tripled(5))" in asks[0]["messages"][-1]["content"]
    assert "return: int (from its doctests" in asks[0]["messages"][-1]["content"]
    assert "differs from Python" in asks[1]["messages"][-1]["content"]
    assert summary.learned["outcomes"] == {"fault": 1, "refused": 1, "verified": 6}
    assert summary.learned["verified_at_attempt"] == {"0": 2, "1": 2, "2": 2}
    assert summary.learned["available"] is True
    # near-duplicates across the two repositories: the report, the groups and the zarr store
    double_id, twice_id = double["unit_id"], rows["twice"]["unit_id"]
    assert summary.near_duplicates["exact_groups"] == 2  # double/twice, bits/nbits
    assert sorted([double_id, twice_id]) in summary.near_duplicates["largest"]
    assert summary.near_duplicates["near_duplicate_groups"] == 2  # and the bit_count family
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
    assert again.learned["outcomes"] == {"fault": 1, "refused": 1, "verified": 5}
