"""Big-int mode of the rule engine (``RuleEngine(ints="big")``): every int is the runtime's
unbounded ``crate::pyrt::Int``; the default stays i64."""

from __future__ import annotations

import pytest

from pipeline.compile import check_repo
from pipeline.records import Unit
from pipeline.translate.rules.engine import BIG_NOTE, RuleEngine
from pipeline.translate.rules.types import intmode

from .harness import make_unit

FACTORIAL = """
def factorial(n: int) -> int:
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result
"""

ARITH = """
def arith(a: int, b: int, x: float) -> int:
    q = a // b - a % b + (-a) ** 2 + (a << 3) - (b >> 1) + (a & b | a ^ b)
    if a < x or abs(a) > 10**30:
        q += len("abc")
    return q
"""


def big(source: str):
    return RuleEngine("big").translate(make_unit(source))


def test_i64_stays_the_default() -> None:
    tr = RuleEngine().translate(make_unit(FACTORIAL))
    assert tr.ok and "i64" in tr.rust and "pyrt::Int" not in tr.rust
    assert tr.engine == "rules@" + RuleEngine.version and tr.typing == ()
    assert [p.py_type for p in tr.signatures[0].params] == ["int"]
    assert not intmode.big()  # the mode does not leak out of a translation


def test_big_mode_types_literals_loops_and_signature() -> None:
    tr = big(FACTORIAL)
    assert tr.ok, tr.reason
    assert "pub fn factorial(n: &crate::pyrt::Int) -> crate::pyrt::Int" in tr.rust
    assert "crate::pyrt::Int::from(1_i64)" in tr.rust
    assert "crate::pyrt::Int::range(" in tr.rust and "result *= &i;" in tr.rust
    assert "i64 " not in tr.rust.replace("_i64", "")
    sig = tr.signatures[0]
    assert [p.py_type for p in sig.params] == ["bigint"] and sig.returns == "bigint"
    assert tr.helpers == ("bigint",)
    assert tr.engine.endswith("+ints:big") and tr.typing == (BIG_NOTE,)


def test_big_mode_operators_go_through_the_runtime() -> None:
    tr = big(ARITH)
    assert tr.ok, tr.reason
    for method in ("floordiv", "modulo", "pow", "shl", "shr", "bitand", "bitor", "bitxor"):
        assert f"crate::pyrt::Int::{method}(" in tr.rust, method
    assert ".cmp_f64(x)" in tr.rust  # exact int/float comparison, as CPython
    assert 'crate::pyrt::Int::parse("1000000000000000000000000000000")' not in tr.rust
    assert "crate::pyrt::Int::from(30_i64)" in tr.rust  # 10**30 computed at run time
    assert "crate::pyrt::Int::from(" in tr.rust and ".abs()" in tr.rust
    assert " as i64)" in tr.rust  # len() made an Int: `Int::from(... as i64)`


def test_literals_beyond_i64_are_parsed() -> None:
    tr = big("def f(n: int) -> int:\n    return n + 123456789012345678901234567890\n")
    assert tr.ok, tr.reason
    assert 'crate::pyrt::Int::parse("123456789012345678901234567890")' in tr.rust
    refused = RuleEngine().translate(
        make_unit("def f(n: int) -> int:\n    return n + 123456789012345678901234567890\n")
    )
    assert not refused.ok and "does not fit in i64" in refused.reason


def test_classes_are_refused_precisely_in_big_mode() -> None:
    unit = Unit(
        id="t:m.py::P",
        repo="t",
        path="m.py",
        module="m",
        qualname="P",
        kind="class",
        source="class P:\n    def __init__(self, x: int) -> None:\n        self.x = x\n",
        first_line=1,
        last_line=3,
    )
    tr = RuleEngine("big").translate(unit)
    assert not tr.ok and "classes are not translated with unbounded ints" in tr.reason


def test_unknown_mode_is_an_error() -> None:
    with pytest.raises(ValueError, match="ints must be one of"):
        RuleEngine("i128")


BUILTINS = """
def calls(xs: list[int], s: str, x: float, n: int) -> int:
    q, r = divmod(n, 7)
    t = sum(xs) + max(n, q) - min(r, 3) + int(s) + int(x) + round(x) + math.floor(x)
    t += math.factorial(n) + math.comb(n, 3) + math.gcd(n, q) + math.isqrt(n)
    for i, v in enumerate(xs):
        t += i * v
    base = n
    base *= base
    return t + xs[n] + base
"""


def test_big_mode_builtins_and_machine_int_conversions() -> None:
    tr = big(BUILTINS)
    assert tr.ok, tr.reason
    rust = tr.rust
    assert "crate::pyrt::Int::divmod(" in rust
    assert ".sum::<crate::pyrt::Int>()" in rust
    assert "crate::pyrt::Int::parse(s)" in rust and "crate::pyrt::Int::from_f64(x)" in rust
    assert ".round_ties_even()" in rust and "crate::pyrt::Int::from_f64(x.floor())" in rust
    for fn in ("factorial", "comb", "gcd", "isqrt"):
        assert f"crate::pyrt::Int::{fn}(" in rust, fn
    assert ".map(crate::pyrt::Int::from)" in rust  # enumerate's count as Python ints
    assert ".as_index()" in rust  # xs[n]: a checked conversion, IndexError beyond i64
    assert "base *= &base.clone();" in rust  # no aliasing of the target


PARTITIONS = """
def partitions(n: int, grid: list[list[int]]) -> int:
    table = [1] + [0] * n
    for part in range(1, n + 1):
        for total in range(part, n + 1):
            table[total] += table[total - part]
    grid[0][0] *= grid[0][1] + table[n]
    return table[n] + grid[0][0]
"""


def test_augmented_index_target_reads_its_right_side_first() -> None:
    """``table[i] += table[j]`` on big ints: the right side is computed (and owned) before the
    place is borrowed mutably, else rustc rejects it (E0502)."""
    tr = big(PARTITIONS)
    assert tr.ok, tr.reason
    assert "let rhs = table.at((&total - &part).as_index()).clone();" in tr.rust
    assert "*table.at_mut(total.as_index()) += &rhs;" in tr.rust


def test_big_mode_translations_compile() -> None:
    units = [make_unit(s) for s in (FACTORIAL, ARITH, BUILTINS, PARTITIONS)]
    items = [(u, RuleEngine("big").translate(u)) for u in units]
    outcome = check_repo("t", items, RuleEngine().runtime_source, format=False)
    assert outcome.failed == {}
