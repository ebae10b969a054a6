"""A walrus Python evaluates first in a statement's test or value, hoisted into an assignment
before it (front/walrus.py): translated, compiled, verified, and a wrong loop bound caught."""

from __future__ import annotations

import ast

import pytest

from pipeline.records import Status
from pipeline.translate.rules.front import walrus

from .harness import (
    ENGINE,
    compile_module,
    compiled_rust,
    crate_with_change,
    make_unit,
    rustc,
    verify_compiled,
)


def hoisted(source: str) -> str:
    return ast.unparse(walrus.hoist(ast.parse(source).body[0]))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "def f(s):\n    if (n := len(s)) > 3 and n < 9:\n        return n\n",
            "def f(s):\n    n = len(s)\n    if n > 3 and n < 9:\n        return n",
        ),
        (
            "def f(s):\n    y = (m := s * 2) + m\n    return y\n",
            "def f(s):\n    m = s * 2\n    y = m + m\n    return y",
        ),
        (
            "def f(xs):\n    while (x := len(xs)) < 5:\n        xs.append(x)\n",
            "def f(xs):\n    while True:\n        x = len(xs)\n        if not x < 5:\n"
            "            break\n        xs.append(x)",
        ),
        (
            "def f(s):\n    (n := len(s))\n    return n\n",
            "def f(s):\n    n = len(s)\n    return n",
        ),
        (  # nested: the walrus inside the walrus's own value goes first
            "def f(s):\n    if not (a := (b := s + 1) * 2):\n        return b\n",
            "def f(s):\n    b = s + 1\n    a = b * 2\n    if not a:\n        return b",
        ),
    ],
)
def test_leftmost_walrus_is_hoisted(source: str, expected: str) -> None:
    assert hoisted(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        # behind a short circuit: evaluated only when `a > 0`
        "def f(a: int, b: int) -> int:\n    if a > 0 and (c := a + b) > 3:\n        return c\n"
        "    return 0\n",
        # right of an operand Python evaluates before it
        "def f(a: int) -> int:\n    if a < (c := a * 2):\n        return c\n    return 0\n",
        # a while with an else: `break` and the test turning false would look the same
        "def f(a: int) -> int:\n    while (c := a) > 9:\n        a -= 1\n    else:\n"
        "        a = 0\n    return a\n",
        # an augmented assignment reads its target before its value
        "def f(a: int) -> int:\n    a += (a := 5)\n    return a\n",
    ],
)
def test_other_walruses_stay_refused(source: str) -> None:
    tr = ENGINE.translate(make_unit(source))
    assert not tr.ok
    assert "walrus (:=) other than as a whole comprehension condition" in tr.reason


SOURCE = """
def first_even_long(words: list[str], n: int) -> int:
    i = 0
    while (k := len(words) - i) > 0:
        if (w := len(words[i])) > n and w % 2 == 0:
            return w
        i += 1
    return -k


def grow(xs: list[int]) -> int:
    total = 0
    while (x := len(xs)) < 5:
        xs.append(x)
        if x == 2:
            continue
        total += x
    return total
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_verified_and_a_wrong_loop_test_caught(tmp_path) -> None:
    done = compile_module(tmp_path, "walk.py", SOURCE)
    assert "loop {" in compiled_rust(done, "grow")
    for name in ("first_even_long", "grow"):
        verdict, rows = verify_compiled(done, name, examples=30)
        assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    files = crate_with_change(done, "if x >= 5 {", "if x >= 4 {")
    verdict, rows = verify_compiled(done, "grow", files, examples=30)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
