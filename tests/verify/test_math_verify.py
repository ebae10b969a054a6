"""``math.frexp`` and ``math.modf`` through rustc and the real verifier: they verify against
CPython, and a wrong helper (a subnormal's exponent off by one, a whole part rounded down
instead of toward zero, a fraction that loses its sign: 0.0 for -0.0) is caught as a
mismatch."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = '''
import math


def parts(x: float) -> tuple[float, int, float, float]:
    """>>> parts(5e-324)
    (0.5, -1073, 5e-324, 0.0)
    >>> parts(-3.0)
    (-0.75, 2, -0.0, -3.0)
    """
    m, e = math.frexp(x)
    f, w = math.modf(x)
    return m, e, f, w
'''

WRONG = [
    ("parts", "return (m, e - 54);", "return (m, e - 53);"),
    ("parts", "let whole = x.trunc();", "let whole = x.floor();"),
    ("parts", "((x - whole).copysign(x), whole)", "(x - whole, whole)"),
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("math"), "m.py", SOURCE)


def test_frexp_and_modf_verify(compiled) -> None:
    assert_verifies(compiled, "parts", examples=25, min_inputs=10)


@pytest.mark.parametrize(("name", "old", "new"), WRONG, ids=["subnormal", "floor", "zero-sign"])
def test_wrong_math_helpers_are_mismatches(compiled, name: str, old: str, new: str) -> None:
    assert_change_caught(compiled, name, old, new, examples=25)
