"""Call forms that type untyped parameters (``pow(a, b, m)``: ints; ``pow(a, b)``: as
``a ** b``; ``int(s, base)`` / ``int(s, base=b)``: a str and an int), the runtime's
three-argument ``pow`` (negative exponents are modular inverses, Python 3.8+), and an empty
list's item grown by ``.append`` before anything else says its type. Unit tests on the
engine, then real rustc and the real verifier."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    compiled_rust,
    make_unit,
    rustc,
)


@pytest.mark.parametrize(
    "src, typing",
    [
        ("def f(a, b, m):\n    return pow(a, b, m)\n", ["a: int", "b: int", "m: int"]),
        ("def f(s, b):\n    return int(s, b)\n", ["s: str", "b: int"]),
        ("def f(s):\n    return int(s, base=16)\n", ["s: str"]),
        ("def f(a, b, p):\n    return pow(a, b) % p\n", ["a: int", "b: int", "p: int"]),
    ],
)
def test_call_forms_type_untyped_parameters(src: str, typing: list[str]) -> None:
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert [t.removesuffix(" (usage)") for t in tr.typing] == typing


SOURCE = '''
def inverse(a, b, m):
    """>>> inverse(3, -1, 7)
    5
    >>> inverse(3, -1, -7)
    -2
    >>> inverse(3, -9223372036854775808, 7)
    4
    >>> inverse(2, -1, 4)
    Traceback (most recent call last):
    ValueError: base is not invertible for the given modulus
    >>> inverse(2, 5, 0)
    Traceback (most recent call last):
    ValueError: pow() 3rd argument cannot be 0
    """
    return pow(a, b, m)


def rotate(matrix):
    """>>> rotate([[1, 2], [3, 4]])
    [[3, 1], [4, 2]]
    """
    new = []
    for row in reversed(matrix):
        for i, elem in enumerate(row):
            try:
                new[i].append(elem)
            except IndexError:
                new.insert(i, [])
                new[i].append(elem)
    return new


def parse(s):
    """>>> parse("101")
    262
    """
    return int(s, 2) + int(s, base=16)
'''


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_three_argument_pow_and_int_with_a_base_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "forms.py", SOURCE)
    assert "crate::pyrt::powmod(a, b, m)" in compiled_rust(done, "inverse")
    assert_verifies(done, "inverse", min_inputs=5)
    assert_verifies(done, "parse")
    assert "pub fn rotate(matrix: &[Vec<i64>]) -> Vec<Vec<i64>>" in compiled_rust(done, "rotate")
    assert_verifies(done, "rotate")


def test_growing_an_unknown_item_as_a_deque_is_refused() -> None:
    src = "def f(n: int):\n    new = []\n    new[0].append(n)\n    new.append(deque())\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "method list[list[int]].append()" in tr.reason, tr.reason
