"""Build the crate and its harness with rustc, and run the harness under limits.

The crate is compiled once as an rlib with ``-C overflow-checks=on`` (i64 overflow panics, as
Python's unbounded ints would otherwise silently differ); the harness is one binary per crate.
Both are built without optimisation: the inputs are small, and build time dominates.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.childprio import command, own_session
from pipeline.compile.rustc import ToolMissing, find_tool
from pipeline.faults import tool_fault
from pipeline.verify.procs import (
    STARVED,
    ChargedClock,
    LineReader,
    describe_exit,
    kill_group,
    starved_error,
    wait_exit,
)

COMMON_FLAGS = (
    "--edition",
    "2021",
    "-C",
    "overflow-checks=on",
    "-C",
    "debuginfo=0",
    "-C",
    "strip=debuginfo",
    "--error-format=json",
    "--cap-lints",
    "allow",
)
RLIB_OPT_LEVEL = "0"  # builds fastest; inputs are small, so run time hardly matters
# ... except for unbounded ints (pyrt's Int, the big-int retry of overflowed units): their
# limb loops run ~15x slower unoptimised than CPython's, and would time out where Python does not
BIG_INT_OPT_LEVEL = "2"
BIG_INT_MARKER = "pub struct Int {"
HARNESS_START_SLACK_S = 1.0
ROW_MARKER = b"\x1eportalis-row "


def rustc_path() -> str:
    """rustc on PATH, else the rustup default location (``compile.rustc.find_tool``)."""
    try:
        return find_tool("rustc")
    except ToolMissing:
        return str(Path.home() / ".cargo" / "bin" / "rustc")  # fails at its start, as before


@dataclass
class BuildResult:
    """Outcome of one rustc call: success, and its error diagnostics (message, line)."""

    ok: bool
    errors: list[tuple[str, int | None]] = field(default_factory=list)
    seconds: float = 0.0

    def first_error(self) -> str:
        return self.errors[0][0] if self.errors else "rustc failed"


def start_rustc(args: list[str], cwd: Path) -> subprocess.Popen:
    """Start rustc in the background (its JSON diagnostics on stderr)."""
    proc = subprocess.Popen(
        command([rustc_path(), *COMMON_FLAGS, *args]),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    own_session(proc.pid)
    return proc


def finish_rustc(proc: subprocess.Popen, started: float, span_file: str = "") -> BuildResult:
    """Wait for rustc; collect error messages with the line of their primary span when it lies
    in ``span_file`` (None otherwise)."""
    _, stderr = proc.communicate()
    errors = []
    for raw in stderr.splitlines():
        try:
            diag = json.loads(raw)
        except ValueError:
            continue
        if diag.get("level") != "error":
            continue
        spans = [
            s
            for s in diag.get("spans", [])
            if s.get("is_primary") and s.get("file_name") == span_file
        ]
        line = spans[0]["line_start"] if spans else None
        errors.append((diag.get("rendered") or diag.get("message", ""), line))
    fault = tool_fault("rustc", proc.returncode, stderr, bool(errors))
    if fault is not None:
        raise fault
    return BuildResult(proc.returncode == 0, errors, time.monotonic() - started)


def opt_level(runtime_source: str) -> str:
    """The opt-level of a crate (and of its runtime) whose ``pyrt`` text is given."""
    return BIG_INT_OPT_LEVEL if BIG_INT_MARKER in runtime_source else RLIB_OPT_LEVEL


def linked(rlib: Path | None) -> list[str]:
    """rustc arguments that link a prebuilt runtime crate (``runtime.py``), if any."""
    if rlib is None:
        return []
    crate = rlib.stem.removeprefix("lib")
    return ["--extern", f"{crate}={rlib}", "-L", f"dependency={rlib.parent}"]


def start_rlib(
    crate: str, crate_dir: Path, out_dir: Path, opt: str, runtime: Path | None = None
) -> tuple[subprocess.Popen, float]:
    """Start compiling ``crate_dir/src/lib.rs`` into ``out_dir/lib<crate>.rlib`` at ``opt``
    (:func:`opt_level`), linking the prebuilt ``runtime`` rlib when given."""
    args = [
        *linked(runtime),
        "--crate-type",
        "lib",
        "--crate-name",
        crate,
        "-C",
        f"opt-level={opt}",
        "src/lib.rs",
        "-o",
        str(out_dir / f"lib{crate}.rlib"),
    ]
    return start_rustc(args, crate_dir), time.monotonic()


def build_harness(
    crate: str, source: str, out_dir: Path, runtime: Path | None = None, data: str = ""
) -> BuildResult:
    """Compile ``source`` into ``out_dir/harness`` linking ``lib<crate>.rlib`` (and the
    prebuilt ``runtime`` rlib that it links, when given); ``data``: its input data, which
    it includes (``harness.inputs``)."""
    (out_dir / "harness.rs").write_text(source, encoding="utf-8")
    (out_dir / "harness.inputs").write_text(data, encoding="utf-8")
    args = [
        *linked(runtime),
        "--crate-type",
        "bin",
        "--crate-name",
        "portalis_harness",
        "-C",
        "opt-level=0",
        "--extern",
        f"{crate}={out_dir / f'lib{crate}.rlib'}",
        "-L",
        str(out_dir),
        "harness.rs",
        "-o",
        "harness",
    ]
    return finish_rustc(start_rustc(args, out_dir), time.monotonic(), "harness.rs")


@dataclass(frozen=True)
class HarnessLimits:
    """Per-case time limit (wall clock, less the time the harness waited for a CPU:
    procs.ChargedClock), and the rlimits the harness sets on itself."""

    call_timeout_s: float
    cpu_s: int
    memory_mb: int


def run_harness(
    binary: Path, ids: list[int], fn_of: dict[int, int], limits: HarnessLimits, cwd: Path
) -> dict[int, dict]:
    """Run ``ids`` through the harness; one result row per id.

    Rows are the harness's JSON lines, or ``{"timeout": …}`` for the case that ran past its
    deadline, ``{"starved": …}`` for one that never got its time on a CPU (procs.ChargedClock;
    the rest of that function's cases get ``{"skipped": …}`` after either), or ``{"crashed":
    …}`` for a case during which the process died; after any, the harness is restarted on the
    remaining ids.
    """
    results: dict[int, dict] = {}
    pending = list(ids)
    while pending:
        done = _run_once(binary, pending, limits, cwd, results)
        pending = pending[done:]
        if not pending:
            break
        stuck = pending.pop(0)
        results[stuck] = _failure_row(results.pop(stuck, None), limits)
        why = {"timeout": "an earlier input timed out", "starved": STARVED_SKIP}
        kind = next((k for k in why if k in results[stuck]), None)
        if kind is not None:
            skipped = [i for i in pending if fn_of[i] == fn_of[stuck]]
            results.update({i: {"skipped": why[kind]} for i in skipped})
            pending = [i for i in pending if fn_of[i] != fn_of[stuck]]
    return results


STARVED_SKIP = f"an earlier input was {STARVED}"


def _failure_row(row: dict | None, limits: HarnessLimits) -> dict:
    if row is not None and ("crashed" in row or "starved" in row):
        return row
    return {"timeout": f"no result within {limits.call_timeout_s:g} s"}


def parse_row(line: bytes) -> dict | None:
    """The harness row in ``line`` (after ``ROW_MARKER``), or None for any other output."""
    at = line.find(ROW_MARKER)
    if at < 0:
        return None
    try:
        row = json.loads(line[at + len(ROW_MARKER) :])
    except ValueError:
        return None
    return row if isinstance(row, dict) and isinstance(row.get("c"), int) else None


def harness_exit(code: int) -> str:
    """How the harness died; a SIGABRT is Rust aborting, which it does (never unwinding) on a
    stack overflow and on an allocation that fails under the harness's memory limit."""
    said = f"harness {describe_exit(code)}"
    if code == -signal.SIGABRT:
        return f"{said} (SIGABRT: stack overflow, or an allocation past the memory limit)"
    return said


def _run_once(
    binary: Path, ids: list[int], limits: HarnessLimits, cwd: Path, results: dict[int, dict]
) -> int:
    """One harness process over ``ids``; returns how many finished before it stopped.

    When it stops early, ``results[ids[done]]`` holds ``{"crashed": …}`` if the process died
    (nothing is stored when it merely ran past the deadline).
    """
    argv = [str(binary), str(limits.memory_mb), str(limits.cpu_s), *map(str, ids)]
    proc = subprocess.Popen(
        command(argv),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    own_session(proc.pid)
    assert proc.stdout is not None
    reader = LineReader(proc.stdout.fileno())
    clock = ChargedClock(proc.pid)  # nice and chrt exec the harness: the same process
    slack = HARNESS_START_SLACK_S
    done = 0
    try:
        while done < len(ids):
            line = clock.read_line(reader, limits.call_timeout_s, slack)
            if line is None:
                break
            row = parse_row(line)
            if row is None:
                continue  # output of the function under test, not of the harness
            results[row.pop("c")] = row
            done += 1
            slack = 0.0
        if done < len(ids) and reader.eof:
            results[ids[done]] = {"crashed": harness_exit(wait_exit(proc, "harness"))}
        elif done < len(ids) and clock.starved:
            results[ids[done]] = {"starved": starved_error(limits.call_timeout_s, clock.waited)}
    finally:
        kill_group(proc)
        proc.stdout.close()
    return done
