"""Small process helpers shared by the Python sandbox and the Rust harness runner."""

from __future__ import annotations

import contextlib
import os
import resource
import select
import signal
import subprocess
import time

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
        while b"\n" not in self._buf:
            remaining = deadline - time.monotonic()
            if self.eof or remaining <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                self.eof = True
                return None
            self._buf += chunk
        line, _, rest = bytes(self._buf).partition(b"\n")
        self._buf = bytearray(rest)
        return line
