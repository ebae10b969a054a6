"""Run original Python functions in a child process with limits (parent side).

One :class:`PythonSandbox` serves one ``verify_crate`` call: a scratch directory holding a copy
of the repository's sources, and one child process (``child.py``) that imports them and runs
one call per request. Each call has a deadline: wall clock, less the time the child waited
for a CPU (``procs.ChargedClock``: a starved child answers ``starved``, never ``timeout``); a
call that runs past it, or a child that dies (``os._exit``, a signal, the memory limit),
costs only that call: the child is killed with its process group and a fresh one serves the
next request.

Unisolated, this contains accidents, not attacks: the child runs as the same user, with cwd,
HOME and TMPDIR inside the scratch directory, stdin closed, and rlimits on address space, CPU
time, file size and core files (see docs/verification.md). With ``SandboxLimits.isolate`` the
child starts inside the bubblewrap layer of ``isolation.py``, a security boundary.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.childprio import command, own_session, session_nice
from pipeline.faults import ATTEMPTS, Fault
from pipeline.verify.isolation import wrap as isolated
from pipeline.verify.procs import (
    STARVED,
    ChargedClock,
    LineReader,
    deepest_descendant,
    describe_exit,
    kill_group,
    starved_error,
    wait_exit,
)

CHILD_SCRIPT = Path(__file__).with_name("child.py")
CHILD_READS = (CHILD_SCRIPT.parent, CHILD_SCRIPT.parents[1] / "codec.py")  # what child.py loads
IMPORT_TIMEOUT_FLOOR_S = 10.0
STOPPED = ("timeout", "starved", "crashed")  # answers after which the child is restarted
IMPORT_BYTES_PER_S = 100_000  # and one more second per 100 KB of the module's source


@dataclass(frozen=True)
class SandboxLimits:
    """Limits for the child: wall clock per call, CPU seconds per call, address space."""

    call_timeout_s: float
    cpu_s: int
    memory_mb: int
    isolate: bool = False  # run the child inside the bubblewrap layer (isolation.py)


def sandbox_env(scratch: Path) -> dict[str, str]:
    """A small environment whose HOME and temp directories point into the scratch dir."""
    home, tmp = scratch / "home", scratch / "tmp"
    home.mkdir(exist_ok=True)
    tmp.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "TMP": str(tmp),
        "TEMP": str(tmp),
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        # Thread pools of numeric libraries reserve address space per thread (RLIMIT_AS).
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def launch_child(
    scratch: Path, config: dict, pass_fds: tuple[int, ...], isolate: bool = False
) -> subprocess.Popen:
    """Start the child process: the one place that launches it. ``config`` is its JSON
    argument, ``pass_fds`` its two pipe ends; ``isolate``: inside the bubblewrap layer."""
    config = {**config, "session_nice": session_nice()}  # for bubblewrap's own session
    argv = [sys.executable, "-B", "-s", "-P", str(CHILD_SCRIPT), json.dumps(config)]
    env = sandbox_env(scratch)
    if isolate:
        argv = isolated(argv, scratch, [*map(str, CHILD_READS), *config["paths"]], env)
    with open(scratch / "child-stderr.log", "ab") as log:
        proc = subprocess.Popen(
            command(argv),
            pass_fds=pass_fds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            cwd=scratch / "work",
            env=env,
            start_new_session=True,
        )
    own_session(proc.pid)  # its session (bubblewrap's); the child sets the one bwrap makes
    return proc


class _Child:
    """One running child process and its two pipes."""

    def __init__(self, scratch: Path, paths: list[str], limits: SandboxLimits) -> None:
        req_r, self.req_w = os.pipe()
        self.resp_r, resp_w = os.pipe()
        config = {
            "request_fd": req_r,
            "response_fd": resp_w,
            "paths": paths,
            "memory_mb": limits.memory_mb,
            "cpu_s": limits.cpu_s,
        }
        try:
            self.proc = launch_child(scratch, config, (req_r, resp_w), limits.isolate)
        finally:
            os.close(req_r)
            os.close(resp_w)
        self.reader = LineReader(self.resp_r)
        self.imported: set[str] = set()
        # the process that runs the calls: inside the isolation layer, found after its first
        # answer (bubblewrap's processes are above it); until then deadlines are wall-clock
        self.unresolved = limits.isolate
        self.clock = ChargedClock(None if limits.isolate else self.proc.pid)

    def ask(
        self, request: dict, answers: int, timeout_s: float, charged: bool = True
    ) -> list[dict]:
        """Send one request and read up to ``answers`` responses, each due ``timeout_s``
        after the one before, not counting the time the child waited for a CPU
        (``procs.ChargedClock``); the list ends early with {"status": "timeout" | "starved" |
        "crashed"}."""
        try:
            data = (json.dumps(request, ensure_ascii=True) + "\n").encode()
            while data:
                data = data[os.write(self.req_w, data) :]
        except OSError:
            return [self._crashed()]
        out: list[dict] = []
        while len(out) < answers:
            out.append(self._answer(timeout_s, charged))
            if out[-1]["status"] in STOPPED:
                break
        return out

    def _answer(self, timeout_s: float, charged: bool) -> dict:
        clock = self.clock if charged else ChargedClock(None)  # None: the wall clock alone
        line = clock.read_line(self.reader, timeout_s)
        if line is None and self.reader.eof:
            return self._crashed()
        if line is None and clock.starved:
            return {"status": "starved", "error": starved_error(timeout_s, clock.waited)}
        if line is None:
            return {"status": "timeout", "error": f"no answer within {timeout_s:g} s"}
        if self.unresolved:  # once: a scan of /proc
            self.unresolved = False
            self.clock = ChargedClock(deepest_descendant(self.proc.pid))
        try:
            return json.loads(line)
        except ValueError:
            self.proc.kill()
            return {"status": "crashed", "error": "garbled answer from the Python child"}

    def _crashed(self) -> dict:
        code = wait_exit(self.proc, "Python child")
        return {"status": "crashed", "error": f"Python child {describe_exit(code)}"}

    def close(self) -> None:
        kill_group(self.proc)
        for fd in (self.req_w, self.resp_r):
            with contextlib.suppress(OSError):
                os.close(fd)


class PythonSandbox:
    """Runs calls in a (re)started child; see the module docstring."""

    def __init__(self, scratch: Path, paths: list[str], limits: SandboxLimits) -> None:
        self.scratch, self.paths, self.limits = scratch, paths, limits
        (scratch / "work").mkdir(exist_ok=True)
        self._child: _Child | None = None
        self._broken: dict[str, dict] = {}  # module -> its import failure, not retried
        self.restarts = 0

    def call(
        self, module: str, qualname: str, args: list[object], probe: dict | None = None
    ) -> dict:
        """Run ``module.qualname(*args)`` (args as codec trees); the child's response."""
        return self.calls(module, qualname, [args], probe)[0]

    def calls(
        self,
        module: str,
        qualname: str,
        cases: list[list[object]],
        probe: dict | None = None,
        stop: dict | None = None,
    ) -> list[dict]:
        """Run ``module.qualname(*args)`` for each case (args as codec trees) in one request;
        the child's responses, in order. The list stops after the first call that timed out
        or killed the child (the child is then restarted on the next request). A ``probe``
        (``callables.Observation``) applies a returned callable; ``stop`` (``{"after": n,
        "patience": k}``) ends the request early once coverage stops growing (child.py).

        The import of ``module`` gets its own, longer deadline, so a slow import is not
        charged to the first call.
        """
        imported = self._ensure_imported(module)
        if imported["status"] != "ok":
            return [imported] * len(cases)
        request: dict[str, object] = {
            "op": "calls",
            "module": module,
            "qualname": qualname,
            "cases": cases,
        }
        if probe is not None:
            request["probe"] = probe
        if stop is not None:
            request["stop"] = stop
        return self._ask(request, len(cases), self.limits.call_timeout_s)

    def run_tests_traced(self, request: dict, timeout_s: float) -> dict:
        """Run a repository's tests under the tracer (``tracer.py``; ``request`` without its
        op); the child's response, or {"status": "timeout" | "crashed"}."""
        # the wall clock alone: the suite's time is a budget, its end no verdict on the code
        [response] = self._ask({"op": "trace", **request}, 1, timeout_s, charged=False)
        return response

    def child_cpu(self) -> float:
        """CPU seconds of the running child so far (0 when none runs): it reports them itself,
        as one inside the isolation layer is not this process's child to reap."""
        if self._child is None:
            return 0.0
        [response] = self._ask({"op": "usage"}, 1, self.limits.call_timeout_s)
        return float(response.get("cpu_s", 0.0))

    def _ensure_imported(self, module: str) -> dict:
        if module in self._broken:
            return self._broken[module]
        child = self._running()
        if module in child.imported:
            return {"status": "ok"}
        timeout = max(IMPORT_TIMEOUT_FLOOR_S, 5 * self.limits.call_timeout_s)
        timeout += self._source_bytes(module) / IMPORT_BYTES_PER_S  # a huge module compiles long
        response = self._import(module, timeout)
        if response["status"] == "ok":
            self._running().imported.add(module)  # the child that answered (a retry's, maybe)
        elif response["status"] == "timeout":
            response = {
                "status": "import_error",
                "type": response["status"],
                "error": f"importing {module}: {response['error']}",
            }
        if response["status"] == "import_error":
            self._broken[module] = response
        return response

    def _import(self, module: str, timeout: float) -> dict:
        """The child's answer to importing ``module``. The child answers every exception of
        an import, ``SystemExit`` included, so a child that dies before answering failed as a
        process (its interpreter or the isolation layer could not start, it was killed under
        load...), which says nothing about the module: a fresh child tries again, and a death
        at every try raises :class:`Fault` (retried by the caller, then ``internal_error``,
        never cached), never an ``untested`` verdict."""
        for _ in range(ATTEMPTS):
            response = (
                self._started(timeout)
                or self._ask({"op": "import", "module": module}, 1, timeout)[0]
            )
            if response["status"] != "crashed":
                return response
        said = _last_line(self.scratch / "child-stderr.log")
        raise Fault(
            f"importing {module}: {response['error']} before answering, at each of"
            f" {ATTEMPTS} tries" + (f" (its stderr: {said})" if said else "")
        )

    def _started(self, timeout: float) -> dict | None:
        """None once the child has answered a first request, so its process is known and
        the import's deadline counts its own time (procs.ChargedClock): inside the isolation
        layer that process is found only from a first answer, and a plain wall-clock import
        deadline on a loaded machine judged the machine as ``import_error``. A child that
        does not answer a request that runs no user code within ``timeout`` seconds of wall
        time is ``starved`` (the machine's failure, never cached); one that dies, ``crashed``."""
        if not self._running().unresolved:
            return None
        [ready] = self._ask({"op": "usage"}, 1, timeout, charged=False)
        if ready["status"] == "ok":
            return None
        if ready["status"] == "timeout":
            return {"status": "starved", "error": f"{STARVED}: no answer within {timeout:g} s"}
        return ready

    def _source_bytes(self, module: str) -> int:
        """The size of ``module``'s source on the child's path (0 if not found there)."""
        rel = module.replace(".", "/")
        for root in self.paths:
            for candidate in (Path(root) / f"{rel}.py", Path(root) / rel / "__init__.py"):
                if candidate.is_file():
                    return candidate.stat().st_size
        return 0

    def _ask(
        self, request: dict, answers: int, timeout_s: float, charged: bool = True
    ) -> list[dict]:
        responses = self._running().ask(request, answers, timeout_s, charged)
        if responses[-1]["status"] in STOPPED:
            self._stop()
        return responses

    def _running(self) -> _Child:
        if self._child is None:
            self._child = _Child(self.scratch, self.paths, self.limits)
            self.restarts += 1
        return self._child

    def _stop(self) -> None:
        if self._child is not None:
            self._child.close()
            self._child = None

    def close(self) -> None:
        """Stop the child (the scratch directory belongs to the caller)."""
        self._stop()

    def __enter__(self) -> PythonSandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _last_line(log: Path) -> str:
    """The last non-empty line of a child's stderr log (at most 300 characters), or ""."""
    try:
        with open(log, "rb") as f:
            f.seek(max(0, f.seek(0, os.SEEK_END) - 4096))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""
