"""What a function prints is verified too, through rustc and the real verifier: both sides'
stdout and stderr are captured per call and compared exactly. Correct printing functions verify
(f-string float formats, ``sep=``/``end=``, ``*xs``, printing and returning, printing then
raising); a Rust that prints other text (to stdout or stderr) while returning the right value
is a mismatch showing both texts; ``print(..., file=sys.stderr)`` is refused by the engine."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
    verify_compiled,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
import sys


def report(name: str, score: float) -> None:
    print(f"{name}: {score:.2f}")


def table(a: int, b: int) -> int:
    print(a, b, sep=",", end=";")
    print(a * b)
    return a + b


def stars(xs: list[int]) -> None:
    print(*xs, sep="-")


def loud_div(a: int, b: int) -> int:
    print("dividing", a, b)
    return a // b


def warn(x: int) -> int:
    print(x, file=sys.stderr)
    return x
"""

PRINTING = ("report", "table", "stars", "loud_div")

# (function, Rust text, wrong Rust text): each prints other text, its return value unchanged
WRONG = [
    ("report", "fmt_fixed(score, 2)", "fmt_fixed(score, 3)"),
    ("table", 'print!("{a},{b};")', 'print!("{a}, {b};")'),
    ("table", 'print!("{a},{b};")', 'println!("{a},{b};")'),
    ("stars", '.join("-")', '.join(",")'),
    ("loud_div", '"{} {a} {b}", "dividing"', '"{} {b} {a}", "dividing"'),
    ("stars", "pub fn stars(xs: &[i64]) {", 'pub fn stars(xs: &[i64]) {\neprintln!("debug");'),
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("printing"), "printing.py", SOURCE)


def test_printing_functions_verify_on_their_output(compiled) -> None:
    for name in PRINTING:
        _, rows = assert_verifies(compiled, name, examples=16, min_inputs=10)
        printed = [r for r in rows if "; printed " in r.python]
        assert printed and all(r.python.endswith(r.rust[-20:]) for r in printed), rows[:3]
    _, rows = verify_compiled(compiled, "loud_div", examples=16)
    raised = [r for r in rows if r.python.startswith("raised ZeroDivisionError")]
    assert raised and all("printed 'dividing" in r.rust for r in raised), rows[:3]


@pytest.mark.parametrize(("name", "old", "new"), WRONG, ids=[f"{w[0]}-{w[2]}" for w in WRONG])
def test_other_printed_text_is_a_mismatch(compiled, name: str, old: str, new: str) -> None:
    verdict, rows = assert_change_caught(compiled, name, old, new, examples=16)
    stream = " to stderr" if "eprintln!" in new else ""
    assert f"printed output{stream} differs at character" in verdict.reason, verdict
    assert "Python printed" in verdict.reason and "Rust printed" in verdict.reason, verdict
    bad = next(r for r in rows if r.outcome == "mismatch")
    assert bad.inputs in verdict.reason or bad.inputs[:70] in verdict.reason, (bad, verdict)


def test_printing_to_stderr_is_refused(compiled) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == "warn")
    assert not tr.ok and "print()" in tr.reason, tr.reason
