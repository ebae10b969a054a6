"""The one-file commands through the real CLI: translate and verify."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import _translate_summary
from pipeline.compile.rustc import find_tool

ROOT = Path(__file__).resolve().parents[1]
SOURCE = '''
def gcd(a: int, b: int) -> int:
    """
    >>> gcd(12, 18)
    6
    """
    while b:
        a, b = b, a % b
    return abs(a)


def lcm(a: int, b: int) -> int:
    return abs(a * b) // gcd(a, b) if a and b else 0


async def fetch(url: str) -> str:
    return url
'''


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def test_translate_writes_a_self_contained_rust_file(tmp_path: Path) -> None:
    src = tmp_path / "nums.py"
    src.write_text(SOURCE)
    out = tmp_path / "nums.rs"
    proc = cli("translate", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rust = out.read_text()
    assert "pub fn gcd(" in rust and "pub fn lcm(" in rust
    assert "// not translated: fetch:" in rust  # refused, with its diagnostic
    check = subprocess.run(
        [
            find_tool("rustc"),
            "--crate-type",
            "lib",
            "--edition",
            "2021",
            "--emit=metadata",
            "-o",
            str(tmp_path / "x.rmeta"),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    again = cli("translate", str(src))
    assert again.stdout == rust  # deterministic, stdout and file alike
    # verified by default, each function's status on stderr
    assert "verified: gcd" in proc.stderr.splitlines()
    assert "2 translated (verified), 0 left out, 1 refused" in proc.stderr
    refusals = [line for line in proc.stderr.splitlines() if line.startswith("refused: ")]
    assert len(refusals) == 1 and refusals[0].startswith("refused: fetch (PT"), refusals


def test_translate_leaves_out_what_is_not_verified(tmp_path: Path) -> None:
    src = tmp_path / "loops.py"
    src.write_text(
        "def double(n: int) -> int:\n    return 2 * n\n\n\n"
        "def spin(n: int) -> int:\n    while True:\n        n += 1\n"
    )
    proc = cli("translate", str(src))
    assert proc.returncode == 0, proc.stderr
    assert "pub fn double(" in proc.stdout and "pub fn spin(" not in proc.stdout
    assert "// loops.py::spin (lines 5-7)\n// left out: untested: spin: " in proc.stdout
    assert any(line.startswith("left out: spin (untested: ") for line in proc.stderr.splitlines())
    # --no-exec runs nothing: everything that compiled is written, reported unverified
    unverified = cli("translate", str(src), "--no-exec")
    assert "pub fn spin(" in unverified.stdout and "left out" not in unverified.stdout
    assert {"unverified: double", "unverified: spin"} <= set(unverified.stderr.splitlines())


def test_verify_prints_inputs_side_by_side(tmp_path: Path) -> None:
    src = tmp_path / "nums.py"
    src.write_text(SOURCE)
    proc = cli("verify", f"{src}::gcd", "--examples", "5")
    assert proc.returncode == 0, proc.stderr
    assert "12, 18" in proc.stdout and proc.stdout.strip().endswith("inputs match")
    assert "verified" in proc.stdout.splitlines()[-1]


def test_verify_unknown_function_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "nums.py"
    src.write_text(SOURCE)
    proc = cli("verify", f"{src}::nope")
    assert proc.returncode == 2 and "has no top-level function" in proc.stderr


QUIET_SCRIPT = """
import logging, subprocess, sys, warnings
logging.basicConfig()
from pipeline.cli import quiet_library_warnings
quiet_library_warnings(int(sys.argv[1]))
warnings.warn("noisy library", UserWarning)
subprocess.run([sys.executable, "-c", "import warnings; warnings.warn('noisy worker')"])
"""


@pytest.mark.parametrize("verbose", [0, 1])
def test_library_warnings_stay_out_of_the_output_unless_verbose(verbose: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    done = subprocess.run(
        [sys.executable, "-c", QUIET_SCRIPT, str(verbose)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert ("noisy library" in done.stderr) == bool(verbose)
    assert ("noisy worker" in done.stderr) == bool(verbose)


def test_translate_summary_counts_kept_functions_by_status() -> None:
    outcomes = [
        ("f", "verified", True, ""),
        ("g", "overflow", True, ""),
        ("h", "verified", True, ""),
        ("k", "mismatch", False, "first failing input: (3,)"),
    ]
    assert _translate_summary(outcomes, 2, no_exec=False) == (
        "1 translated (overflow), 2 translated (verified), 1 left out, 2 refused"
    )
    compiled = [("f", "compiled", True, ""), ("g", "compiled", True, "")]
    assert _translate_summary(compiled, 0, no_exec=True) == (
        "2 translated (unverified), 0 left out, 0 refused"
    )
    assert _translate_summary([], 1, no_exec=False) == "0 translated, 0 left out, 1 refused"


def test_translate_retries_an_overflowing_function_with_big_ints(tmp_path: Path) -> None:
    """As in a run (pipeline/widen.py): i64 overflows on large inputs, unbounded ints verify."""
    src = tmp_path / "fact.py"
    src.write_text(
        "def factorial(n):\n"
        '    """factorial(25) == 15511210043330985984000000"""\n'
        "    return 1 if n <= 1 else n * factorial(n - 1)\n"
    )
    proc = cli("translate", str(src))
    assert proc.returncode == 0, proc.stderr
    assert "verified: factorial" in proc.stderr.splitlines(), proc.stderr
    assert "1 translated (verified), 0 left out, 0 refused" in proc.stderr
    assert "pub fn factorial(n: &crate::pyrt::Int) -> crate::pyrt::Int" in proc.stdout
