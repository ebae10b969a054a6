"""Mutual recursion between functions of a module: the members of a call cycle are assumed
the signatures their annotations, literal calls and uses give (Copy types by value, others
borrowed) while the cycle is compiled, and each member's settled signature must be the assumed
one; every entry into the cycle (each member's own unit) then agrees, so a crate never holds
one member without the others. A member no annotation, call or use types refuses the whole
cycle, naming it."""

from __future__ import annotations

import ast

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    make_unit,
    rustc,
)

SOURCE = '''
from typing import List


def is_even(n: int) -> bool:
    """>>> is_even(10)
    True
    """
    if n <= 0:
        return n == 0
    return is_odd(n - 1)


def is_odd(n: int) -> bool:
    if n <= 0:
        return False
    return is_even(n - 1)


def count_words(parts: List[str], depth: int) -> int:
    if not parts:
        return 0
    return len(parts[0].split()) + count_rest(parts, depth + 1)


def count_rest(parts: List[str], depth: int) -> int:
    if depth > 50:
        return 0
    return count_words(parts[1:], depth)


def ping(n):
    if n <= 0:
        return 0
    return pong(n - 1) + 1


def pong(n: int) -> int:
    return ping(n // 2)


def zig(node):
    if node.done:
        return 0
    return zag(node) + 1


def zag(node) -> int:
    return zig(node)
'''

DEFS = {
    n.name: ast.get_source_segment(SOURCE, n)
    for n in ast.parse(SOURCE).body
    if isinstance(n, ast.FunctionDef)
}


def translate(name: str, *others: str):  # a Translation
    unit = make_unit(DEFS[name], context={o: DEFS[o] for o in others})
    return RuleEngine().translate(unit)


@pytest.mark.parametrize(
    ("name", "other"), [("is_even", "is_odd"), ("is_odd", "is_even"), ("count_rest", "count_words")]
)
def test_each_entry_into_a_typed_cycle_translates(name: str, other: str) -> None:
    tr = translate(name, other)
    assert tr.ok, tr.reason
    assert f"{other}(" in tr.rust


def test_borrowed_parameters_in_a_cycle() -> None:
    tr = translate("count_words", "count_rest")
    assert tr.ok, tr.reason
    assert "pub fn count_words(parts: &[String], depth: i64) -> i64" in tr.rust


@pytest.mark.parametrize(("name", "other"), [("ping", "pong"), ("pong", "ping")])
def test_a_member_typed_from_its_uses_joins_the_cycle(name: str, other: str) -> None:
    """``ping(n)`` compares ``n`` with an int and returns 0: ``n: int``, returns ``int``."""
    tr = translate(name, other)
    assert tr.ok, tr.reason
    assert f"fn {name}(n: i64) -> i64" in tr.rust


@pytest.mark.parametrize(("name", "other"), [("zig", "zag"), ("zag", "zig")])
def test_an_untyped_member_refuses_the_cycle_from_every_entry(name: str, other: str) -> None:
    tr = translate(name, other)
    assert not tr.ok
    assert "untyped parameter node (no annotation" in tr.reason


def test_a_member_settling_otherwise_is_refused() -> None:
    source = {
        "grow": "def grow(xs: List[int], n: int) -> int:\n"
        "    if n <= 0:\n        return len(xs)\n    return shrink(xs, n - 1)\n",
        "shrink": "def shrink(xs: List[int], n: int) -> int:\n"
        "    xs.append(n)\n    return grow(xs, n - 1)\n",
    }
    for name, other in (("grow", "shrink"), ("shrink", "grow")):
        unit = make_unit(source[name], context={other: source[other]})
        tr = RuleEngine().translate(unit)
        assert not tr.ok
        assert "mutual recursion through shrink: its translation takes or returns" in tr.reason


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_cycles_compile_and_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "cycles.py", SOURCE)
    ok = {u.qualname for u, t in done.items if t.ok}
    assert ok == {"is_even", "is_odd", "count_words", "count_rest", "ping", "pong"}, done.refused
    for name in ("is_even", "is_odd", "count_words", "ping", "pong"):
        assert_verifies(done, name, examples=15)
