"""Child processes start at their task's OS priority: read back from the kernel
(``/proc/<pid>/stat``) of a real rustc and a real (isolated) verifier child, not inferred from
timings."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from pipeline import childprio
from pipeline.childprio import AtPriority, ChildPriority
from pipeline.cluster import load_policy
from pipeline.verify import isolation
from pipeline.verify.files import write_tree
from pipeline.verify.procs import kill_group
from pipeline.verify.rustc import start_rustc
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

SCHED = {0: "normal", 1: "fifo", 2: "rr", 3: "batch", 5: "idle", 6: "deadline"}
LOWERED = ChildPriority(10, "batch")
PROBE = """
def priority():
    with open("/proc/self/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return [int(fields[16]), int(fields[38])]


def session_nice():
    with open("/proc/self/autogroup") as fh:
        return int(fh.read().split()[-1])
"""
AUTOGROUP = Path("/proc/self/autogroup").exists()  # a kernel with sched_autogroup


def session_nice(pid: int) -> int:
    """The nice of the scheduler's group of ``pid``'s session (``/autogroup-N nice K``)."""
    return int(Path(f"/proc/{pid}/autogroup").read_text().split()[-1])


def stat_priority(pid: int) -> tuple[int, str]:
    """(nice, scheduling class) of a process, from ``/proc/<pid>/stat`` (fields 19 and 41)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[16]), SCHED[int(fields[38])]


def rustc_priority(crate: Path) -> tuple[int, str]:
    """Start a real rustc on ``crate``; its priority once it runs as rustc (the prefix's
    ``nice`` and ``chrt`` exec into it)."""
    proc = start_rustc(["--crate-type", "lib", "--emit=metadata", "lib.rs"], crate)
    try:
        deadline = time.monotonic() + 60
        while Path(f"/proc/{proc.pid}/comm").read_text().strip() != "rustc":
            assert time.monotonic() < deadline, "rustc did not start"
            time.sleep(0.001)
        if AUTOGROUP:  # a lowered child's session weighs no more than its nice says
            lowered = childprio.current().nice > 0
            assert session_nice(proc.pid) == (stat_priority(proc.pid)[0] if lowered else 0)
        return stat_priority(proc.pid)
    finally:
        kill_group(proc)


@pytest.fixture
def crate(tmp_path: Path) -> Path:
    (tmp_path / "lib.rs").write_text("pub fn f() -> i64 { 1 }\n" * 2000)  # runs a while
    return tmp_path


def test_prefix() -> None:
    assert ChildPriority().prefix() == []
    words = LOWERED.prefix()
    assert words[1:3] == ["-n", "10"] and words[4:] == ["--batch", "0"]
    assert Path(words[0]).name == "nice" and Path(words[3]).name == "chrt"


def test_a_task_s_rustc_runs_at_its_priority_and_others_at_normal(crate: Path) -> None:
    assert rustc_priority(crate) == (0, "normal")
    assert AtPriority(rustc_priority, LOWERED)(crate) == (10, "batch")
    assert AtPriority(rustc_priority, ChildPriority(19, "idle"))(crate) == (19, "idle")
    assert rustc_priority(crate) == (0, "normal")  # reset when the task ends


def test_threads_a_task_starts_carry_its_priority(crate: Path) -> None:
    seen: list[tuple[int, str]] = []

    def task() -> None:
        thread = threading.Thread(target=childprio.carried(lambda: seen.append(probe())))
        thread.start()
        thread.join()

    def probe() -> tuple[int, str]:
        return rustc_priority(crate)

    AtPriority(task, LOWERED)()
    assert seen == [(10, "batch")]


@pytest.mark.parametrize("isolate", [False, True])
def test_the_verifier_s_python_child_runs_lowered(tmp_path: Path, isolate: bool) -> None:
    if isolate and isolation.probe() is not None:  # CI installs bubblewrap; say why not
        pytest.fail(f"bubblewrap unavailable: {isolation.probe()}", pytrace=False)
    write_tree(tmp_path / "src", {"probe.py": PROBE})
    limits = SandboxLimits(call_timeout_s=10.0, cpu_s=10, memory_mb=512, isolate=isolate)

    def priority() -> list[int]:
        with PythonSandbox(tmp_path, [str(tmp_path / "src")], limits) as box:
            return box.call("probe", "priority", [])["value"]

    assert AtPriority(priority, LOWERED)() == [10, 3]
    assert priority() == [0, 0]


@pytest.mark.skipif(not AUTOGROUP, reason="this kernel has no sched_autogroup")
@pytest.mark.parametrize("isolate", [False, True])
def test_the_verifier_s_python_child_s_session_is_lowered(tmp_path: Path, isolate: bool) -> None:
    """The child runs in a session of its own (bubblewrap's, or the parent's
    ``start_new_session``): that session's scheduler group gets the child's nice."""
    if isolate and isolation.probe() is not None:
        pytest.fail(f"bubblewrap unavailable: {isolation.probe()}", pytrace=False)
    write_tree(tmp_path / "src", {"probe.py": PROBE})
    limits = SandboxLimits(call_timeout_s=10.0, cpu_s=10, memory_mb=512, isolate=isolate)

    def group_nice() -> int:
        with PythonSandbox(tmp_path, [str(tmp_path / "src")], limits) as box:
            return box.call("probe", "session_nice", [])["value"]

    assert AtPriority(group_nice, LOWERED)() == min(19, os.nice(0) + 10)
    assert group_nice() == 0  # at normal priority a new session is left as the kernel made it


def test_the_policy_s_queues() -> None:
    policy = load_policy(None)
    assert policy.queue("interactive").children == childprio.NORMAL
    assert policy.queue("batch").children == LOWERED
    assert policy.queue("low_priority").children == ChildPriority(19, "batch")
