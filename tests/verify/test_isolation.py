"""The bubblewrap isolation layer against hostile code: every attempt is contained (and reported
as the call's outcome), the sandbox keeps answering, and the host sees no effect."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import codec
from pipeline.config import RunConfig
from pipeline.records import FileRef
from pipeline.stages import finalize_repo, process_partition
from pipeline.verify import isolation
from pipeline.verify.files import write_tree
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits, sandbox_env

if isolation.probe() is not None:  # CI installs bubblewrap (scripts/setup.sh); say why not
    pytest.fail(f"bubblewrap isolation unavailable: {isolation.probe()}", pytrace=False)

HOSTILE = """
import os, signal, socket, time

def ok(x):
    return x + 1

def connect(port):
    socket.create_connection(("127.0.0.1", port), timeout=0.5).sendall(b"leak")
    return "connected"

def environment():
    return sorted(os.environ)

def read(path):
    with open(path) as fh:
        return fh.read()

def write(path):
    with open(path, "w") as fh:
        fh.write("escaped")
    return os.path.exists(path)

def forks():
    n = 0
    while True:
        try:
            pid = os.fork()
        except OSError:
            return n
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        n += 1

def bomb():
    while True:
        try:
            os.fork()
        except OSError:
            pass

def spin():
    while True:
        pass

def allocate():
    return len(bytearray(1 << 30))

def signal_parent(pid):
    os.kill(pid, signal.SIGUSR1)
    return "signalled"

def kill_everything():
    os.kill(-1, signal.SIGKILL)
    return "still here"
"""


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PythonSandbox, Path]]:
    scratch = tmp_path_factory.mktemp("scratch")
    write_tree(scratch / "src", {"hostile.py": HOSTILE})
    limits = SandboxLimits(call_timeout_s=1.0, cpu_s=5, memory_mb=256, isolate=True)
    with PythonSandbox(scratch, [str(scratch / "src")], limits) as sandbox:
        yield sandbox, scratch


def call(box: tuple[PythonSandbox, Path], name: str, *args: object) -> dict:
    response = box[0].call("hostile", name, [codec.encode(a) for a in args])
    assert box[0].call("hostile", "ok", [1])["value"] == 2  # and the sandbox still answers
    return response


def test_no_network(box, tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.3)
        port = server.getsockname()[1]
        response = call(box, "connect", port)
        with pytest.raises(TimeoutError):
            server.accept()
    assert response["status"] == "raised"
    assert response["type"] in ("OSError", "ConnectionRefusedError")


def test_no_inherited_environment_or_files(box, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PORTALIS_TEST_SECRET", "hunter2")
    config = tmp_path / "service.yaml"
    config.write_text("api_key: hunter2\n")
    names = call(box, "environment")["value"]
    assert "PORTALIS_TEST_SECRET" not in names and "PATH" in names
    assert set(names) <= set(sandbox_env(box[1])) | {"PWD"}  # PWD: set by bwrap's --chdir
    for path in (config, Path.home() / ".bashrc", Path("/etc/hostname"), Path(__file__)):
        response = call(box, "read", str(path))
        assert response["status"] == "raised", path
        assert response["type"] in ("FileNotFoundError", "PermissionError"), response


def test_writes_stay_in_scratch(box, tmp_path: Path) -> None:
    outside = tmp_path / "escaped.txt"
    assert call(box, "write", str(outside))["status"] == "raised"
    in_private_tmp = Path("/tmp") / f"portalis-escape-{uuid.uuid4().hex}"
    assert call(box, "write", str(in_private_tmp))["value"] is True  # its own tmpfs
    sources = box[1] / "src" / "hostile.py"
    assert call(box, "write", str(sources))["type"] in ("OSError", "PermissionError")
    assert call(box, "write", "here.txt")["value"] is True  # cwd: the scratch work dir
    assert not outside.exists() and not in_private_tmp.exists()
    assert sources.read_text() == HOSTILE
    assert (box[1] / "work" / "here.txt").read_text() == "escaped"


def _sandbox_processes(scratch: Path) -> list[str]:
    ps = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True)
    return [line for line in ps.stdout.splitlines() if str(scratch) in line and "bwrap" not in line]


def test_fork_bomb_is_capped_and_reaped(box) -> None:
    response = call(box, "forks")
    assert response["status"] == "ok" and 0 <= response["value"] < isolation.MAX_PROCS
    assert call(box, "bomb")["status"] == "timeout"
    box[0].close()  # the PID namespace goes with the child: nothing it forked survives
    assert _sandbox_processes(box[1]) == []


def test_infinite_loop_and_huge_allocation(box) -> None:
    assert call(box, "spin")["status"] == "timeout"
    assert call(box, "allocate")["status"] == "resource"


def test_signals_cannot_reach_the_parent(box) -> None:
    received: list[int] = []
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: received.append(signum))
    try:
        response = call(box, "signal_parent", os.getpid())
        everything = call(box, "kill_everything")  # no process it may signal but itself
    finally:
        signal.signal(signal.SIGUSR1, previous)
    assert response["status"] == "raised" and response["type"] == "ProcessLookupError"
    assert everything["status"] == "raised" and everything["type"] == "ProcessLookupError"
    assert received == []


def test_required_isolation_is_refused_where_bwrap_is_missing(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on PATH
    isolation.probe.cache_clear()
    try:
        assert "bwrap" in (isolation.probe() or "")
        assert isolation.wanted("auto") is False
        with pytest.raises(isolation.IsolationUnavailable, match="bwrap"):
            isolation.wanted("on")
        assert isolation.describe("auto").startswith("none: unavailable: bwrap")
        assert isolation.describe("on").startswith("refused: bwrap")
    finally:
        monkeypatch.undo()
        isolation.probe.cache_clear()
    assert isolation.wanted("off") is False and isolation.wanted("auto") is True
    assert isolation.describe("auto") == isolation.describe("on") == "bubblewrap"
    assert isolation.describe("off") == "none: verify.isolation is off"


def test_without_root_the_layer_is_unavailable_and_says_so() -> None:
    """A sandbox uid of its own needs root: as another user ``auto`` runs unisolated, and
    ``describe`` (what summary.json reports) says why."""
    code = "from pipeline.verify.isolation import describe; print(describe('auto'))"
    done = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "PATH": os.environ["PATH"]},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "none: unavailable: needs root to run each sandbox as its own uid"
    )


IMPORT_TIME = """
import socket

def double(x: int) -> int:
    return 2 * x

try:
    with open({marker!r}, "w") as fh:
        fh.write("escaped")
except OSError:
    pass
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=0.5).close()
except OSError:
    pass
"""


@pytest.mark.parametrize("mode", ["auto", "off"])
def test_batch_runs_isolate_import_time_code(tmp_path: Path, mode: str) -> None:
    """The measured hole: a verified module's import-time code wrote outside its scratch
    directory and reached a loopback port during a run. Isolated by default; ``off`` shows
    what it did."""
    marker = tmp_path / "marker.txt"
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.2)
        port = server.getsockname()[1]
        repo = tmp_path / "repo"
        repo.mkdir()
        source = repo / "mod.py"
        source.write_text(IMPORT_TIME.format(marker=str(marker), port=port))
        config = RunConfig().with_overrides(
            cache__url="none://", verify__examples_per_function=3, verify__isolation=mode
        )
        ref = FileRef("repo", "mod.py", str(source), source.stat().st_size)
        result = finalize_repo("repo", config, None, process_partition([ref], config))
        try:
            server.accept()[0].close()
            connected = True
        except TimeoutError:
            connected = False
    [row] = [r for r in result.records if r.qualname == "double"]
    assert row.status == "verified", row.reason
    assert result.isolation == {isolation.describe(mode): 1}  # what summary.json counts
    assert (marker.exists(), connected) == ((False, False) if mode == "auto" else (True, True))
