"""``operator``'s functions lowered as the operators they are: called (``operator.sub(a, b)``
is ``a - b``) and passed as values (``reduce(operator.mul, xs)`` folds with ``a * b``); the
ones that are not plain operators stay refused."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import make_unit

IMPORTS = ("import operator", "import functools", "from operator import add, not_, lt")


def translate(src: str):
    return RuleEngine().translate(make_unit(src, imports=IMPORTS))


@pytest.mark.parametrize(
    ("expr", "returns", "rust"),
    [
        ("operator.sub(a, b)", "int", "a - b"),
        ("operator.mul(a, operator.neg(b))", "int", "a * -b"),
        ("operator.lt(a, b)", "bool", "a < b"),
        ("operator.xor(a, b)", "int", "a ^ b"),
        ("operator.floordiv(a, b)", "int", "crate::pyrt::floordiv(a, b)"),
        ("add(a, b)", "int", "a + b"),
        ("not_(a)", "bool", "a == 0"),
        ("operator.contains([a], b)", "bool", "contains(&b)"),
        ("operator.truth(a)", "bool", "a != 0"),
    ],
)
def test_calls_are_the_operator(expr: str, returns: str, rust: str) -> None:
    tr = translate(f"def f(a: int, b: int) -> {returns}:\n    return {expr}\n")
    assert tr.ok, tr.reason
    assert rust in tr.rust, tr.rust


def test_values_are_lambdas() -> None:
    src = (
        "def f(xs: list[int]) -> list[int]:\n"
        "    total = functools.reduce(operator.mul, xs, 1)\n"
        "    return [total] + sorted(xs, key=operator.neg) + list(map(operator.abs, xs))\n"
    )
    tr = translate(src)
    assert tr.ok, tr.reason
    assert "|operator_a, operator_b| operator_a * operator_b" in tr.rust
    assert "|operator_a| -*operator_a" in tr.rust and "crate::pyrt::iabs(operator_a)" in tr.rust
    tr = translate("def g(xs: list[int]) -> bool:\n    return any(map(not_, xs))\n")
    assert tr.ok and "|operator_a| operator_a == 0" in tr.rust, tr.reason


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("operator.concat(a, b)", "call of operator.concat()"),  # TypeError for ints
        ("operator.add(a)", "call of operator.add()"),
        ("operator.is_(a, b)", "call of operator.is_()"),
        ("operator.add(*[a, b])", "*args/**kwargs in call operator.add"),
    ],
)
def test_other_forms_stay_refused(expr: str, reason: str) -> None:
    tr = translate(f"def f(a: int, b: int) -> int:\n    return {expr}\n")
    assert not tr.ok and reason in tr.reason, tr.reason
