"""A Python child that dies while importing the module under test is a fault of the machinery
(the child answers every exception of an import itself): retried with a fresh child, then an
``internal_error`` naming the cause, never an ``untested`` verdict, never cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import codec
from pipeline.cache import open_cache
from pipeline.config import RunConfig
from pipeline.faults import Fault
from pipeline.records import FileRef
from pipeline.stages import process_partition
from pipeline.verify.files import write_tree
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

# dies at its first import in a sandbox (a marker in the child's cwd, the scratch dir's work/)
FLAKY = """import os
if not os.path.exists("imported-once"):
    open("imported-once", "w").close()
    os._exit(1)

def add(x):
    return x + 1
"""
DIES = """import os, sys
sys.stderr.write("cannot start: out of process slots\\n")
sys.stderr.flush()
os._exit(1)
"""


def sandbox(tmp_path: Path) -> PythonSandbox:
    write_tree(tmp_path / "src", {"flaky.py": FLAKY, "dies.py": DIES})
    limits = SandboxLimits(call_timeout_s=1.0, cpu_s=5, memory_mb=256)
    return PythonSandbox(tmp_path, [str(tmp_path / "src")], limits)


def test_a_child_that_died_at_import_is_retried_with_a_fresh_one(tmp_path: Path) -> None:
    with sandbox(tmp_path) as box:
        answer = box.call("flaky", "add", [codec.encode(2)])
        assert answer["status"] == "ok" and codec.decode(answer["value"]) == 3
        assert box.restarts == 2  # the child that died, then the one that answered


def test_a_child_that_dies_at_every_import_is_a_fault_naming_its_stderr(tmp_path: Path) -> None:
    with sandbox(tmp_path) as box, pytest.raises(Fault) as fault:
        box.call("dies", "f", [])
    said = str(fault.value)
    assert "importing dies: Python child exited with code 1" in said
    assert "cannot start: out of process slots" in said


SOURCE = '''import os

if os.path.exists({marker!r}):  # the machine's fault, outside the sources
    os._exit(1)


def gcd(a: int, b: int) -> int:
    """
    >>> gcd(12, 18)
    6
    """
    while b:
        a, b = b, a % b
    return abs(a)
'''


def test_a_fault_at_import_is_never_cached_and_a_rerun_verifies(tmp_path: Path) -> None:
    marker = tmp_path / "machine-at-fault"
    marker.touch()
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "m.py").write_text(SOURCE.format(marker=str(marker)))
    refs = [FileRef("r", "m.py", str(repo / "m.py"), (repo / "m.py").stat().st_size)]
    cfg = RunConfig(
        verify={"examples_per_function": 5, "isolation": "off"},  # the child sees the marker
        cache={"url": f"sqlite:///{tmp_path}/c.sqlite"},
    )
    cache = open_cache(cfg.cache.url)
    faulted = process_partition(refs, cfg, cache).verdicts["r:m.py::gcd"]
    assert faulted.status == "internal_error", faulted
    assert "importing m: Python child exited with code 1" in (faulted.reason or "")
    marker.unlink()  # the machine recovers; the sources are the same
    again = process_partition(refs, cfg, cache)  # its translation is reused, not the fault
    assert again.verdicts["r:m.py::gcd"].status == "verified"
