"""procs.ChargedClock: a child's deadline does not count the time it waited for a CPU, so a
starved child is never judged ``timeout`` (real processes: a busy competitor and a child at
SCHED_IDLE pinned to one CPU)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

import pytest

from pipeline.verify.compare import Tolerance
from pipeline.verify.inputs import Case
from pipeline.verify.outcome import judge
from pipeline.verify.plan import CaseRun
from pipeline.verify.procs import (
    ChargedClock,
    LineReader,
    deepest_descendant,
    sched_sample,
)

pytestmark = pytest.mark.skipif(
    sched_sample(os.getpid()) is None, reason="no /proc/PID/schedstat on this kernel"
)

# burns `cpu` seconds of CPU, then prints one line; SCHED_IDLE on CPU `cpu_index`
CHILD = """
import os, sys, time
os.sched_setaffinity(0, {int(sys.argv[2])})
os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
sys.stdout.write("ready\\n"); sys.stdout.flush()
end = time.process_time() + float(sys.argv[1])
while time.process_time() < end:
    pass
sys.stdout.write("done\\n"); sys.stdout.flush()
"""
# a normal-priority busy loop on CPU `cpu_index` for `seconds` of wall time
COMPETITOR = """
import os, sys, time
os.sched_setaffinity(0, {int(sys.argv[2])})
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    pass
"""


def _spawn(script: str, *args: object, stdout: int | None = None) -> subprocess.Popen:
    argv = [sys.executable, "-c", script, *map(str, args)]
    return subprocess.Popen(argv, stdout=stdout)


def test_a_starved_child_gets_its_time_not_a_timeout() -> None:
    cpu = min(os.sched_getaffinity(0))
    child = _spawn(CHILD, 0.3, cpu, stdout=subprocess.PIPE)
    assert child.stdout is not None
    reader = LineReader(child.stdout.fileno())
    clock = ChargedClock(child.pid)
    try:
        assert clock.read_line(reader, 30.0) == b"ready"
        competitor = _spawn(COMPETITOR, 2.0, cpu)  # takes the CPU from the idle-class child
        try:
            # 0.3 s of CPU due within 0.5 s: only its waits behind the competitor let it finish
            line = clock.read_line(reader, 0.5)
        finally:
            competitor.kill()
            competitor.wait()
        assert line == b"done", (clock.starved, clock.waited)
        assert clock.waited > 0.0
    finally:
        child.kill()
        child.wait()


def test_a_child_that_had_its_time_times_out_and_is_not_starved() -> None:
    child = _spawn("import time\nwhile True:\n    time.sleep(0.01)\n", stdout=subprocess.PIPE)
    assert child.stdout is not None
    try:
        clock = ChargedClock(child.pid)
        assert clock.read_line(LineReader(child.stdout.fileno()), 0.3) is None
        assert not clock.starved
    finally:
        child.kill()
        child.wait()


def test_a_child_that_never_runs_is_starved_at_the_wall_clock_cap(monkeypatch) -> None:
    """A child stuck behind a competitor for the whole cap: ``starved``, not ``timeout``."""
    from pipeline.verify import procs

    monkeypatch.setattr(procs, "STARVED_WALL_FACTOR", 4)  # a cap of 4 × 0.25 s
    cpu = min(os.sched_getaffinity(0))
    child = _spawn(CHILD, 5.0, cpu, stdout=subprocess.PIPE)
    assert child.stdout is not None
    reader = LineReader(child.stdout.fileno())
    clock = ChargedClock(child.pid)
    try:
        assert clock.read_line(reader, 30.0) == b"ready"
        competitor = _spawn(COMPETITOR, 10.0, cpu)
        try:
            time.sleep(0.2)  # the competitor runs
            assert clock.read_line(reader, 0.25) is None
        finally:
            competitor.kill()
            competitor.wait()
        assert clock.starved, clock.waited
    finally:
        child.kill()
        child.wait()


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as fh:
            return fh.read().strip()
    except OSError:  # gone between the scan and the read
        return ""


def test_deepest_descendant_finds_the_command_below_its_wrappers() -> None:
    shell = subprocess.Popen(["bash", "-c", "sleep 30; true"])  # bash forks sleep
    try:
        # until bash has forked and its child has exec'd sleep (a loaded machine may take
        # seconds; between the fork and the exec the child is a second bash)
        end = time.monotonic() + 25
        while True:
            leaf = deepest_descendant(shell.pid)
            comm = _comm(leaf)
            if comm == "sleep" or time.monotonic() > end:
                break
            time.sleep(0.01)
        assert leaf != shell.pid and comm == "sleep", (leaf, shell.pid, comm)
    finally:
        shell.kill()
        shell.wait()
        subprocess.run(["pkill", "-P", str(shell.pid)], check=False)


def test_a_starved_rust_case_is_dropped_not_a_timeout() -> None:
    """The plan is not read for either row: a starved case never reaches the comparison."""
    py = {"status": "ok", "value": 1}
    starved = CaseRun(0, Case((1,), "generated"), ("1",), py=py, rust={"starved": "…"})
    timed_out = CaseRun(1, Case((1,), "generated"), ("1",), py=py, rust={"timeout": "…"})
    plan: Any = None
    assert judge(plan, starved, Tolerance())[0] == "dropped"
    assert judge(plan, timed_out, Tolerance()) == ("timeout", "Rust ran out of time")
    python_starved = CaseRun(2, Case((1,), "generated"), ("1",), py={"status": "starved"})
    assert judge(plan, python_starved, Tolerance())[0] == "dropped"


STARVING = '''
import os, time


def starve_and_burn(cpu: int, seconds: float) -> int:
    """Move to CPU ``cpu`` at SCHED_IDLE (behind any normal task there), then burn CPU."""
    os.sched_setaffinity(0, {cpu})
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return 1
'''


@pytest.mark.parametrize("isolate", [False, True])
def test_a_starved_python_call_is_answered_not_timed_out(tmp_path, isolate: bool) -> None:
    """Through the sandbox (and bubblewrap: the clock follows the Python below it): a call
    needing 0.3 s of CPU under a 0.5 s limit, stuck behind a busy competitor for 2 s."""
    from pipeline.verify import isolation
    from pipeline.verify.files import write_tree
    from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

    if isolate and isolation.probe() is not None:
        pytest.skip(f"bubblewrap unavailable: {isolation.probe()}")
    write_tree(tmp_path / "src", {"starving.py": STARVING})
    limits = SandboxLimits(call_timeout_s=0.5, cpu_s=10, memory_mb=512, isolate=isolate)
    cpu = min(os.sched_getaffinity(0))
    with PythonSandbox(tmp_path, [str(tmp_path / "src")], limits) as box:
        box.call("starving", "starve_and_burn", [cpu, 0.0])  # imported, the clock set up
        competitor = _spawn(COMPETITOR, 2.0, cpu)
        try:
            response = box.call("starving", "starve_and_burn", [cpu, 0.3])
        finally:
            competitor.kill()
            competitor.wait()
    assert response["status"] == "ok", response


def test_a_unit_left_untested_by_starvation_is_not_cached() -> None:
    """Its verdict says something about the machine: a re-run tries again (checks.not_cached,
    as for the verifier's own faults); a verdict on the code is kept."""
    from pipeline.checks import not_cached
    from pipeline.records import Status, VerifyVerdict
    from pipeline.verify.procs import starved_error

    starved = f"f: all 3 inputs dropped: Rust {starved_error(1.0, 29.5)}"
    assert not_cached(VerifyVerdict("u", Status.UNTESTED, reason=starved))
    assert not_cached(VerifyVerdict("u", Status.UNTESTED, reason="verifier failed: boom"))
    assert not not_cached(VerifyVerdict("u", Status.UNTESTED, reason="f: no usable inputs"))
    assert not not_cached(VerifyVerdict("u", Status.TIMEOUT, reason="f: Rust ran out of time"))
    assert not not_cached(VerifyVerdict("u", Status.VERIFIED))


def starved_import(cpu: int) -> str:
    """A module that, at import, moves to CPU ``cpu`` at SCHED_IDLE and burns 0.3 s of CPU."""
    return f"{STARVING}\nstarve_and_burn({cpu}, 0.3)\n"


@pytest.mark.parametrize("isolate", [False, True])
def test_a_starved_import_is_answered_not_an_import_error(
    tmp_path, monkeypatch, isolate: bool
) -> None:
    """The import's deadline counts the child's own time too, inside bubblewrap as well (its
    process is found from a first answer before the import): an import needing 0.3 s of CPU
    under a 0.5 s deadline, stuck behind a busy competitor for 2 s, imports; before, the
    isolated child's import had a wall-clock deadline and ended ``import_error``, cached."""
    from pipeline.verify import isolation, sandbox
    from pipeline.verify.files import write_tree

    if isolate and isolation.probe() is not None:
        pytest.skip(f"bubblewrap unavailable: {isolation.probe()}")
    cpu = min(os.sched_getaffinity(0))
    monkeypatch.setattr(sandbox, "IMPORT_TIMEOUT_FLOOR_S", 0.5)
    write_tree(tmp_path / "src", {"slow_import.py": starved_import(cpu)})
    limits = sandbox.SandboxLimits(call_timeout_s=0.1, cpu_s=10, memory_mb=512, isolate=isolate)
    with sandbox.PythonSandbox(tmp_path, [str(tmp_path / "src")], limits) as box:
        competitor = _spawn(COMPETITOR, 2.0, cpu)
        try:  # the module's import is the child's first request
            response = box.call("slow_import", "starve_and_burn", [cpu, 0.0])
        finally:
            competitor.kill()
            competitor.wait()
    assert response["status"] == "ok", response
