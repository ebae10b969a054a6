"""Types from the repository's own tests: run them traced, keep the literal calls they make.

``trace_tests`` copies a local repository into a scratch directory and runs its tests (pytest,
else unittest discovery) in the verification sandbox's child (``sandbox.py``: cwd, HOME and
TMPDIR in the scratch directory, rlimits, a wall-clock deadline, killed with its process
group) under the profiler of ``tracer.py``, inside the bubblewrap layer when verification
uses it. What comes back are the calls the tests made of the library's module-level
functions with literal arguments, ``(module, function, source)``: the same evidence as a
literal call in another module (``units/crossmod.py``), which ``stages.finalize_repo`` feeds
to the units refused for want of it; the wave that translates them again is cached under
those calls, so traced values are keyed into the cache by content.

A suite that hangs (the deadline), crashes, cannot import a package or writes files costs
only this evidence: the calls recorded before are kept, the note says what happened, and the
run goes on. Verification off (``--no-exec``) runs nothing, tracing included.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

IGNORED_DIRS = ("__pycache__", ".git", ".hg", ".tox", ".nox", ".venv", "venv", "node_modules")
MAX_CALLS = 16  # per function, as for literal calls in code (units/callsites.py)
MAX_SOURCE = 300  # characters of one call's source


@dataclass(frozen=True)
class TraceSettings:
    timeout_s: float = 120.0  # wall clock for the whole suite
    memory_mb: int = 1024
    isolate: bool = False  # inside the bubblewrap layer (isolation.py), as verification runs


@dataclass(frozen=True)
class Traced:
    """What tracing a repository's tests gave: calls ``(module, function, source)`` in the
    order recorded, and a one-line note on how it went."""

    calls: tuple[tuple[str, str, str], ...] = ()
    note: str = ""
    complete: bool = False  # the suite ran to its end (a result worth caching)


def trace_tests(
    root: str,
    import_root: str,
    library: list[tuple[str, str]],
    tests: list[str],
    settings: TraceSettings,
) -> Traced:
    """Run the ``tests`` (repo-relative paths) of the local repository at ``root`` traced;
    ``library``: (repo-relative path, module) of the files whose functions are recorded."""
    if not tests:
        return Traced(note="no tests to trace")
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="portalis-trace-", ignore_cleanup_errors=True) as tmp:
        scratch = Path(tmp)
        work = scratch / "work"
        shutil.copytree(root, work, symlinks=True, ignore=shutil.ignore_patterns(*IGNORED_DIRS))
        out = scratch / "tmp" / "trace.json"  # tmp: writable inside the isolation layer too
        out.parent.mkdir()
        request = {
            "root": str(work),
            "tests": tests,
            "files": {str(work / path): module for path, module in library},
            "out": str(out),
            "max_calls": MAX_CALLS,
            "max_source": MAX_SOURCE,
            "cpu_s": int(settings.timeout_s) + 1,
        }
        paths = [str(work / import_root) if import_root else str(work), str(work)]
        cpu_s = int(settings.timeout_s) + 1
        limits = SandboxLimits(settings.timeout_s, cpu_s, settings.memory_mb, settings.isolate)
        with PythonSandbox(scratch, list(dict.fromkeys(paths)), limits) as box:
            response = box.run_tests_traced(request, settings.timeout_s)
        recorded = _read(out)
    took = time.monotonic() - start
    calls = tuple(
        (module, fn, text)
        for key, texts in recorded.get("calls", {}).items()
        for module, _, fn in [key.partition(":")]
        for text in texts
    )
    functions = sum(1 for texts in recorded.get("calls", {}).values() if texts)
    how = _how(response, settings)
    note = f"{how}; {len(calls)} calls of {functions} functions kept, {took:.1f} s"
    return Traced(calls, note, response.get("status") == "ok")


def _read(out: Path) -> dict:
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("calls"), dict) else {}


def _how(response: dict, settings: TraceSettings) -> str:
    status = response.get("status")
    if status == "ok":
        return f"{response.get('runner')} exit {response.get('exit')}"
    if status == "timeout":
        return f"tests stopped after {settings.timeout_s:g} s (calls seen before kept)"
    return f"tests {status}: {str(response.get('error', ''))[:200]}"
