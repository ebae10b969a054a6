"""Small process helpers shared by the Python sandbox and the Rust harness runner."""

from __future__ import annotations

import contextlib
import os
import resource
import select
import signal
import subprocess
import time
from dataclasses import dataclass

from pipeline.faults import Fault, killed_from_outside


def children_cpu() -> float:
    """CPU seconds of this process's reaped children so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def kill_group(proc: subprocess.Popen) -> None:
    """Kill a child started with ``start_new_session`` and everything it spawned; reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()
    proc.wait()


def wait_exit(proc: subprocess.Popen, what: str, grace_s: float = 1.0) -> int:
    """The exit code of a process that closed its pipes; killed if it lingers past grace.
    Raises :class:`Fault` when it died of a SIGKILL it did not get from us."""
    try:
        code = proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        return proc.returncode
    if killed_from_outside(code):
        raise Fault(f"{what} killed by SIGKILL from outside (out of memory?)")
    return code


def describe_exit(code: int) -> str:
    """``killed by signal 9`` / ``exited with code 3`` for a Popen return code."""
    return f"killed by signal {-code}" if code < 0 else f"exited with code {code}"


class LineReader:
    """Reads newline-terminated lines from a pipe fd with deadlines, keeping leftovers."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._buf = bytearray()
        self.eof = False

    def read_line(self, deadline: float) -> bytes | None:
        """The next line, or None on EOF (``self.eof`` set) or when ``deadline`` passes."""
        end = self._buf.find(b"\n")
        while end < 0:  # only new bytes are searched: a line of many MB stays linear
            remaining = deadline - time.monotonic()
            if self.eof or remaining <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                self.eof = True
                return None
            end = chunk.find(b"\n")
            if end >= 0:
                end += len(self._buf)
            self._buf += chunk
        line = bytes(self._buf[:end])
        del self._buf[: end + 1]
        return line


STARVED_WALL_FACTOR = 30  # a deadline waits at most this many times its limit of wall time
POLL_S = 0.05  # while an answer is awaited, how often the child's scheduling is looked at
MIN_STEP_S = 0.01  # a deadline that near is reached


@dataclass(frozen=True)
class SchedSample:
    """What the kernel says of a process's scheduling at one moment (``/proc/PID/schedstat``,
    its main thread): seconds run, seconds waited on a run queue (a wait is added once it
    ends), times run, and whether it is runnable now."""

    at: float  # time.monotonic()
    ran: float
    waited: float
    runs: int
    runnable: bool


def sched_sample(pid: int) -> SchedSample | None:
    """The process's :class:`SchedSample` now, or None where the kernel does not say."""
    try:
        with open(f"/proc/{pid}/schedstat", "rb") as fh:
            ran, waited, runs = fh.read().split()[:3]
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except (OSError, ValueError):
        return None
    state = stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3]
    return SchedSample(
        time.monotonic(), int(ran) / 1e9, int(waited) / 1e9, int(runs), state == b"R"
    )


def deepest_descendant(pid: int) -> int:
    """The last process of the chain of first children below ``pid`` (bubblewrap's sandboxed
    command below its own processes), or ``pid`` itself when it has none; from a scan of
    ``/proc`` (a few ms: done once per sandboxed child)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()  # after "pid (comm) "
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(name))
    while children.get(pid):
        pid = min(children[pid])
    return pid


STARVED = "starved of CPU"  # the words of every reason that a starved child gives


def starved_error(limit_s: float, waited_s: float) -> str:
    """The reason given for an answer that a starved child never gave."""
    return (
        f"{STARVED}: not {limit_s:g} s of running within {limit_s * STARVED_WALL_FACTOR:g} s"
        f" (it waited {waited_s:.1f} s for a CPU); the machine's, not the code's"
    )


class ChargedClock:
    """Deadlines for a child's answers that do not charge it the time it waited for a CPU.

    Each answer is due ``limit_s`` after the one before, counted in the child's own time: the
    wall clock less the time the child spent runnable but not running — a loaded machine, or
    a batch job's child at a low priority beside interactive work, otherwise turns a slow
    share of a CPU into a ``timeout`` verdict on the code. While an answer is awaited the
    child's scheduling is sampled every ``POLL_S`` (an answer within that costs nothing): the
    waits are the kernel's (``SchedSample.waited``: a wait counts once it ends), plus, for the
    wait going on, the time between samples after which the child is runnable and has not run
    since. The first ``POLL_S`` are charged whatever happened in them. The wall clock is
    capped at ``STARVED_WALL_FACTOR`` times the limit; a child that reaches the cap without
    having had its limit is ``starved``: that says something about the machine, never about
    the code. Where ``/proc/PID/schedstat`` cannot be read, or ``pid`` is None (the process
    doing the work is not known yet), the deadlines are plain wall-clock ones.
    """

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.starved = False  # the last read_line stopped at the wall-clock cap, starved
        self.waited = 0.0  # seconds the last read_line's deadline moved by

    def read_line(self, reader: LineReader, limit_s: float, slack_s: float = 0.0) -> bytes | None:
        """The next line from ``reader``, due ``limit_s`` (plus ``slack_s`` of wall time) from
        now, not counting the time the child waits for a CPU; None at EOF or past the deadline
        (``starved`` says which kind of deadline)."""
        start = time.monotonic()
        due = deadline = start + slack_s + limit_s
        cap = start + slack_s + limit_s * STARVED_WALL_FACTOR
        self.starved, self.waited = False, 0.0
        base: SchedSample | None = None
        last: SchedSample | None = None
        pending = 0.0  # the wait going on, as far as seen between samples
        while True:
            watch = self.pid is not None
            line = reader.read_line(min(deadline, time.monotonic() + POLL_S) if watch else due)
            if line is not None or reader.eof:
                return line
            now = time.monotonic()
            cur = sched_sample(self.pid) if self.pid is not None else None
            if cur is None:
                if now >= due:
                    return None  # nothing known of its scheduling: the wall clock decides
                self.pid = None  # gone, or no schedstat: wait for the wall clock
                continue
            if base is None or last is None:
                base = last = cur
            elif cur.runnable and (cur.ran, cur.runs) == (last.ran, last.runs):
                pending += cur.at - last.at  # runnable now, and never ran since (asleep before?)
            elif (cur.ran, cur.runs, cur.waited) != (last.ran, last.runs, last.waited):
                pending = 0.0  # the waits that ended are in cur.waited
            last = cur
            self.waited = cur.waited - base.waited + pending
            deadline = due + self.waited
            if deadline - now < MIN_STEP_S:
                return None  # it had its limit (within MIN_STEP_S): a real timeout
            if now >= cap:
                self.starved = True
                return None
            deadline = min(deadline, cap)
