"""verify_one and format_side_by_side (the future `portalis verify PATH.py::func`)."""

from __future__ import annotations

from pipeline.verify import Row, VerifyOptions, format_side_by_side, verify_one
from tests.verify.crates import Fixture, sig

PYTHON = '''
def sign(x: int) -> int:
    """
    >>> sign(-3)
    -1
    """
    return (x > 0) - (x < 0)


def clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(x, hi))
'''

RUST = """
pub fn sign(x: i64) -> i64 { if x > 0 { 1 } else if x < 0 { -1 } else { 1 } }
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 { lo.max(x.min(hi)) }
"""


def _fixture() -> tuple[Fixture, object]:
    fx = Fixture(crate="solo", with_pyrt=False)
    fx.module("tools/num.py", PYTHON, RUST)
    unit = fx.unit(
        "tools/num.py", "sign", sig("sign"), sig("clamp", "x: float; lo: float; hi: float", "float")
    )
    return fx, unit


def test_verify_one_gives_a_row_per_input_for_the_named_function() -> None:
    fx, unit = _fixture()
    _, translation = fx.items[0]
    rows = verify_one(
        fx.crate,
        fx.crate_files(),
        fx.python,
        unit,
        translation,
        VerifyOptions(examples_per_function=12),
        py_name="sign",
    )
    assert rows and all(isinstance(r, Row) and r.function == "sign" for r in rows)
    assert rows[0].origin == "doctest" and rows[0].inputs == "-3" and rows[0].match
    zero = next(r for r in rows if r.inputs == "0")
    assert (zero.python, zero.rust, zero.match) == ("0", "1", False)
    text = format_side_by_side(rows)
    assert "python" in text.splitlines()[0] and "DIFF" in text
    assert text.splitlines()[-1].endswith("(0 dropped or skipped)")


def test_verify_one_without_a_name_covers_every_entry_point() -> None:
    fx, unit = _fixture()
    _, translation = fx.items[0]
    rows = verify_one(
        fx.crate,
        fx.crate_files(),
        fx.python,
        unit,
        translation,
        VerifyOptions(examples_per_function=5),
    )
    assert {r.function for r in rows} == {"sign", "clamp"}
    assert all(r.match for r in rows if r.function == "clamp")
