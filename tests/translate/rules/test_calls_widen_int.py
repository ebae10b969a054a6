"""Callers wider than the annotation: an ``int`` parameter that the module's own calls
(doctests, calls in its code, traced tests) pass floats is typed ``float`` when every call
passes a number, recorded as ``x: float (calls widen int)``; otherwise refused naming both."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.records import Status
from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import compile_module, make_unit, rustc, verify_compiled

SOURCE = "def f(x: int, k: int) -> float:\n    return x * 2.0 + k\n"


def translate(*calls: str):  # a Translation
    unit = replace(make_unit(SOURCE), call_examples=tuple(("f", c) for c in calls))
    return RuleEngine().translate(unit)


def test_a_float_call_widens_only_that_parameter() -> None:
    tr = translate("f(2.5, 1)", "f(3, True)")
    assert tr.ok, tr.reason
    assert [p.py_type for p in tr.signatures[0].params] == ["float", "int"]
    assert tr.typing == ("x: float (calls widen int)",)
    assert "pub fn f(x: f64, k: i64) -> f64" in tr.rust


def test_int_calls_keep_the_annotation() -> None:
    tr = translate("f(1, 2)")
    assert tr.ok and tr.typing == ()
    assert [p.py_type for p in tr.signatures[0].params] == ["int", "int"]


def test_a_float_and_a_non_number_are_refused_naming_both() -> None:
    tr = translate("f(2.5, 1)", "f('a', 1)")
    assert not tr.ok
    assert "parameter x: int, but its calls pass float and str" in tr.reason


def test_an_int_result_where_floats_arrive_is_refused_not_narrowed() -> None:
    unit = make_unit("def g(x: int) -> int:\n    return x * 2\n")
    tr = RuleEngine().translate(replace(unit, call_examples=(("g", "g(0.5)"),)))
    assert not tr.ok
    assert "return expects int, got float" in tr.reason


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_widened_parameter_verifies_with_float_inputs(tmp_path) -> None:
    done = compile_module(
        tmp_path,
        "area.py",
        '''
def area(r: int) -> float:
    """>>> area(2.5)
    19.625
    """
    return 3.14 * r * r


def total() -> float:
    return area(1) + area(0.5)
''',
    )
    sig = next(t.signatures[0] for u, t in done.items if u.qualname == "area")
    assert sig.params[0].py_type == "float"
    verdict, rows = verify_compiled(done, "area", examples=20)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    assert any(r.origin == "doctest" and r.inputs == "2.5" and r.match for r in rows), rows
