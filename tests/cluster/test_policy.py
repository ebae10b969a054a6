"""The workload policy: size classes, queues, validation errors naming the field, scaling, and
Dask priorities actually reordering work on a real one-worker cluster."""

from __future__ import annotations

import time
from pathlib import Path

import distributed
import pytest
import yaml

from pipeline.cluster import PolicyError, connect, load_policy, submit_kwargs
from pipeline.cluster.policy import POLICY_ENV

REPO = Path(__file__).parents[2]


@pytest.fixture
def raw_policy() -> dict:
    return yaml.safe_load((REPO / "config" / "resource_allocation.yaml").read_text())


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_bundled_policy_classes_and_queues() -> None:
    policy = load_policy()
    assert list(policy.size_classes) == ["tiny", "small", "medium", "large", "xlarge"]
    expected = {
        0: "tiny", 100: "tiny", 101: "small", 1_000: "small", 1_001: "medium",
        10_000: "medium", 10_001: "large", 100_000: "large", 100_001: "xlarge",
        10**9: "xlarge",
    }  # fmt: skip
    for lines, name in expected.items():
        assert policy.size_class(lines).name == name, lines
    assert {q: policy.priority(q) for q in policy.queues} == {
        "interactive": 100,
        "batch": 50,
        "training": 30,
        "low_priority": 10,
    }
    assert policy.priority() == 50  # default queue: batch
    assert all(q.max_concurrent_jobs >= 1 for q in policy.queues.values())
    small = policy.size_class_named("small")
    assert small.partitions(0) == 1 and small.partitions(small.partition_lines + 1) == 2
    assert policy.task_kwargs("interactive", "tiny", retries=2) == {"priority": 100, "retries": 2}


def test_packaged_copy_matches_config() -> None:
    """The installed package reads its own copy; it must not drift from config/."""
    packaged = REPO / "pipeline" / "cluster" / "resource_allocation.yaml"
    assert packaged.read_text() == (REPO / "config" / "resource_allocation.yaml").read_text()
    assert load_policy(packaged) == load_policy()


def test_policy_env_override(tmp_path: Path, raw_policy: dict, monkeypatch: pytest.MonkeyPatch):
    raw_policy["queues"]["batch"]["priority"] = 55
    monkeypatch.setenv(POLICY_ENV, str(_write(tmp_path, raw_policy)))
    assert load_policy().priority("batch") == 55


def test_unknown_queue_and_class() -> None:
    policy = load_policy()
    with pytest.raises(PolicyError, match=r"unknown queue 'urgent'; known: interactive, batch"):
        policy.priority("urgent")
    with pytest.raises(PolicyError, match=r"unknown size class 'huge'"):
        policy.size_class_named("huge")
    with pytest.raises(PolicyError, match="total_lines must be >= 0"):
        policy.size_class(-1)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda p: p["size_classes"]["small"].update(partition_lines=0),
         r"size_classes\.small\.partition_lines: Input should be greater than 0 \(got 0\)"),
        (lambda p: p["size_classes"]["large"]["workers"].update(minimum=-1),
         r"size_classes\.large\.workers\.minimum: Input should be greater than or equal to 0"),
        (lambda p: p["size_classes"]["medium"]["workers"].update(minimum=20, maximum=10),
         r"size_classes\.medium\.workers: minimum \(20\) exceeds maximum \(10\)"),
        (lambda p: p["size_classes"]["medium"].update(max_lines=500),
         r"size_classes\.medium\.max_lines: must exceed small's 1000"),
        (lambda p: p["size_classes"]["xlarge"].update(max_lines=10**7),
         r"size_classes\.xlarge\.max_lines: the last class must be unbounded"),
        (lambda p: p["size_classes"]["tiny"].update(resources={"GPU": 0}),
         r"size_classes\.tiny\.resources: resource amounts must be positive: GPU"),
        (lambda p: p["size_classes"]["tiny"].update(partition_lines="many"),
         r"size_classes\.tiny\.partition_lines: Input should be a valid integer"),
        (lambda p: p["queues"]["batch"].update(max_concurrent_jobs=0),
         r"queues\.batch\.max_concurrent_jobs: Input should be greater than or equal to 1"),
        (lambda p: p["queues"]["interactive"].update(priority="high"),
         r"queues\.interactive\.priority: Input should be a valid integer"),
        (lambda p: p["queues"].pop("training"),
         r"queues: missing required queue\(s\) training"),
        (lambda p: p.update(default_queue="urgent"),
         r"default_queue: unknown queue 'urgent'"),
        (lambda p: p["queues"]["batch"].update(prio=5),
         r"queues\.batch\.prio: Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_validation_errors_name_the_field(tmp_path: Path, raw_policy: dict, edit, expected):
    edit(raw_policy)
    with pytest.raises(PolicyError, match=expected) as info:
        load_policy(_write(tmp_path, raw_policy))
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(tmp_path / "policy.yaml"))


def test_unreadable_policy(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy"):
        load_policy(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("queues: [unclosed\n")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(bad)


def test_submit_kwargs() -> None:
    assert submit_kwargs() == {}
    assert submit_kwargs(10, {}, 0) == {"priority": 10, "retries": 0}
    assert submit_kwargs(resources={"GPU": 1}) == {"resources": {"GPU": 1}}
    with pytest.raises(ValueError, match="must be positive"):
        submit_kwargs(resources={"GPU": 0})


def _stamp(tag: str, seconds: float) -> tuple[str, float]:
    time.sleep(seconds)
    return tag, time.monotonic()  # one worker process: one clock


def test_interactive_overtakes_queued_batch_and_scaling() -> None:
    policy = load_policy()
    with connect(workers=1, threads_per_worker=1) as handle:
        client = handle.client
        low = client.map(
            _stamp, [f"low-{i}" for i in range(8)], [0.25] * 8, pure=False,
            **policy.task_kwargs("low_priority", "tiny"),
        )  # fmt: skip
        deadline = time.monotonic() + 30  # let the worker start on the low-priority batch
        while not any(client.processing().values()) and time.monotonic() < deadline:
            time.sleep(0.02)
        urgent = client.map(
            _stamp, [f"hi-{i}" for i in range(3)], [0.01] * 3, pure=False,
            **policy.task_kwargs("interactive", "tiny"),
        )  # fmt: skip
        low_done = [t for _, t in client.gather(low)]
        urgent_done = [t for _, t in client.gather(urgent)]
        last_urgent = max(urgent_done)
        after = sum(t > last_urgent for t in low_done)
        # At most the running task and one queued on the worker may finish first.
        assert after >= len(low) - 2, (sorted(low_done), urgent_done)

        # apply_scaling: adapts an owned cluster, clamped to its machine-sized limits.
        limits = policy.apply_scaling(handle, policy.size_class(500_000))
        assert (limits.minimum, limits.maximum) == (1, 1)
        assert handle.cluster._adaptive.maximum == 1

        # A handle that does not own its cluster is left alone.
        with connect(handle.client) as borrowed:
            assert policy.apply_scaling(borrowed, "xlarge") is None
    assert isinstance(handle.cluster, distributed.LocalCluster)


def test_job_slots_cap_concurrent_jobs_per_queue() -> None:
    policy = load_policy()
    cap = policy.queue("training").max_concurrent_jobs
    with distributed.LocalCluster(
        n_workers=0, processes=False, dashboard_address="127.0.0.1:0"
    ) as cluster, distributed.Client(cluster, set_as_default=False) as client:  # fmt: skip
        slots = [policy.job_slot(client, "training") for _ in range(cap + 1)]
        assert all(slot.acquire(timeout=5) for slot in slots[:cap])
        assert not slots[cap].acquire(timeout=0.2), "one job too many must wait"
        other = policy.job_slot(client, "interactive")  # other queues have their own cap
        assert other.acquire(timeout=5)
        slots[0].release()
        assert slots[cap].acquire(timeout=5)
        for slot in [*slots[1:], other]:
            slot.release()
