"""A float function returning an int on some path (``return 0``): Python returns the int
itself; the Rust returns the f64 equal to it (a literal as a float literal, another int through
``exact_float``, which raises where no f64 is exact), and the verifier compares Python's int
with it by value, only where an f64 holds it exactly."""

from __future__ import annotations

import pytest

from pipeline.pytypes import parse
from pipeline.records import Status
from pipeline.translate.rules.engine import RuleEngine
from pipeline.verify.compare import DoesNotFit, Tolerance, same, to_shape
from tests.translate.rules.harness import compile_module, make_unit, rustc, verify_compiled


def translate(source: str):  # a Translation
    return RuleEngine().translate(make_unit(source))


def test_int_literal_and_int_value_returned_as_float() -> None:
    tr = translate(
        "def f(x: float, n: int) -> float:\n"
        "    if x < 0:\n"
        "        return 0\n"
        "    if x > 9:\n"
        "        return n // 2\n"
        "    return x\n"
    )
    assert tr.ok, tr.reason
    rust = " ".join(tr.rust.split())
    assert "return 0.0;" in rust
    assert "return crate::pyrt::exact_float(crate::pyrt::floordiv(n, 2));" in rust


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("return True", "return expects float, got bool"),
        ("return 'a'", "return expects float, got str"),
        ("return 9007199254740993", "int 9007199254740993 returned as a float is not exact"),
    ],
)
def test_other_returns_stay_refused(body: str, reason: str) -> None:
    tr = translate(f"def f(x: float) -> float:\n    {body}\n")
    assert not tr.ok
    assert reason in tr.reason, tr.reason


def test_compare_takes_an_int_for_a_float_only_when_exact() -> None:
    t = parse("float")
    assert same(t, to_shape(t, 3), 3.0, Tolerance())
    with pytest.raises(DoesNotFit):
        to_shape(t, 2**53 + 1)


BODY = """
    if x < 0:
        return n
    if x == 0:
        return 0
    return x / 2
"""
SOURCE = (
    '''
def clamp_mean(x: float, n: int) -> float:
    """>>> clamp_mean(-1.0, 6)
    6
    >>> clamp_mean(0.0, 6)
    0
    """'''
    + BODY
    + '''

def clamp_big(x: float, n: int) -> float:
    """>>> clamp_big(-1.0, 9007199254740993)
    9007199254740993
    """'''
    + BODY
)


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_verified_and_a_rounding_translation_caught(tmp_path) -> None:
    done = compile_module(tmp_path, "mean.py", SOURCE)
    verdict, rows = verify_compiled(done, "clamp_mean", examples=20)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    assert {"-1.0, 6", "0.0, 6"} <= {r.inputs for r in rows if r.origin == "doctest"}
    # 2**53 + 1 has no exact f64: the Rust raises there (a representation limit, as i64's)
    verdict, rows = verify_compiled(done, "clamp_big", examples=20)
    assert verdict.status == Status.OVERFLOW, (verdict, rows[:3])
    files = dict(done.outcome.crate.files)
    path = next(p for p, text in files.items() if "exact_float(n)" in text)
    files[path] = files[path].replace("crate::pyrt::exact_float(n)", "(n as f64)")
    verdict, rows = verify_compiled(done, "clamp_big", files, examples=20)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])  # rounded: caught
    assert [r.inputs for r in rows if r.match is False] == ["-1.0, 9007199254740993"], rows
