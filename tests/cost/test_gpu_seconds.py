"""GPU seconds of the learned engine's generation: every task of a learned chain records its
share in its worker sample; the run meter adds them up per worker and writes them to the
ledger, where they are summed per tenant. (Without a GPU here the model's replies carry the
seconds a GPU would have reported: the only test double is the GPU's figure itself.)"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.cost.ledger import read_records
from pipeline.cost.meter import RunMeter
from pipeline.cost.report import allocate
from pipeline.learn import LearnState, Step
from pipeline.metrics import Measured, WorkerSample
from pipeline.outputs import PartitionOutput
from pipeline.records import Translation, TranslationStatus
from pipeline.translate.learned.engine import Attempt
from tests.cost.records import known


def state() -> LearnState:
    return LearnState(PartitionOutput(repo="r"), [], {}, {}, {}, {}, {}, {})


def test_a_chain_step_records_the_gpu_seconds_of_what_it_generated() -> None:
    tr = Translation("r:m.py::f", "learned@0", TranslationStatus.TRANSLATED, rust="fn f() {}")
    answers = (Attempt(tr, gpu_s=1.25), Attempt(tr, gpu_s=0.75))
    generated = Step(lambda s: replace(s, generated=answers))(state())
    judged = Step(lambda s: replace(s, generated=()))(generated)
    assert [s.gpu_s for s in judged.samples] == [2.0, 0.0]  # judging costs no GPU time
    assert all(s.seconds >= 0 for s in judged.samples)


def test_gpu_seconds_reach_the_ledger_per_worker_and_tenant(tmp_path: Path) -> None:
    config = RunConfig(cost={"tenant": "default", "ledger": str(tmp_path / "ledger")})
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address="127.0.0.1:0") as lc,
        Client(lc, set_as_default=False) as client,
    ):
        worker = next(iter(client.scheduler_info()["workers"]))

        def sample(seconds: float, gpu_s: float) -> WorkerSample:
            return WorkerSample("host", worker, seconds, 1 << 20, [], gpu_s)

        meter = RunMeter(client, config, "run-gpu", str(tmp_path / "out"))
        with meter:
            chain = (sample(0.5, 2.0), sample(0.25, 0.0), sample(0.5, 1.5))
            value = meter.observe("learned", Measured("part", sample(0.25, 0.0), more=chain))
            assert value == "part"
            meter.finish([], [], True)
    (record,) = read_records(str(tmp_path / "ledger"))
    assert (record.worker, record.tenant, record.gpu_s) == (worker, "default", 3.5)
    by_tenant = allocate(str(tmp_path / "ledger"), "1d").rows
    assert [(r.name, r.as_dict()["gpu_s"]) for r in by_tenant] == [("default", 3.5)]


def test_records_written_before_gpu_seconds_existed_read_as_zero(tmp_path: Path) -> None:
    day = tmp_path / "ledger/2026-12-01"
    day.mkdir(parents=True)
    old = {k: v for k, v in asdict(known()[0]).items() if k != "gpu_s"}
    (day / "old.jsonl").write_text(json.dumps(old) + "\n")
    (record,) = read_records(str(tmp_path / "ledger"))
    assert record.gpu_s == 0.0 and record.run_id == old["run_id"]
