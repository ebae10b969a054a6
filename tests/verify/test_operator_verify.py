"""``operator``'s functions through rustc and the real verifier: called and passed as values,
each verifies against CPython, and a wrong operator (``le`` printed as ``<``, a fold that
starts from 1, not its start) is caught as a mismatch."""

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
import functools
import operator
from itertools import accumulate
from operator import le, sub


def total(xs: list[int], start: int) -> int:
    return functools.reduce(operator.add, xs, start)


def ordered(xs: list[int]) -> bool:
    """>>> ordered([1, 1, 2])
    True
    """
    return all(le(a, b) for a, b in zip(xs, xs[1:]))


def steps(xs: list[int]) -> list[int]:
    return list(accumulate(xs, sub))


def signs(a: int, b: int) -> tuple[int, bool, int, int]:
    return operator.neg(a), operator.not_(b), operator.mod(a, b), operator.xor(a, b)
'''

WRONG = [
    ("total", "fold(start,", "fold(1,"),
    ("ordered", "a <= b", "a < b"),
    ("steps", "operator_a - operator_b", "operator_b - operator_a"),
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("operators"), "ops.py", SOURCE)


def test_operator_functions_verify(compiled) -> None:
    names = [u.qualname for u, _t in compiled.items]
    assert sorted(names) == ["ordered", "signs", "steps", "total"]
    for name in names:
        assert_verifies(compiled, name, examples=25, min_inputs=10)


@pytest.mark.parametrize(("name", "old", "new"), WRONG, ids=[w[0] for w in WRONG])
def test_wrong_operators_are_mismatches(compiled, name: str, old: str, new: str) -> None:
    assert_change_caught(compiled, name, old, new, examples=25)
