"""A finite generator is collected at its call (a ``Vec``); Python runs it lazily. Consumed in
part (``any()``, a loop that breaks or returns, ``zip`` with a shorter iterable), bound and not
used on every path (an early return, a ``try`` around the binding only), or read while the
caller changes its argument, the two differ when the generator raises or changes an argument:
each such use is refused naming the generator (analysis/eagergen.py), while a generator whose
body can neither raise nor change an argument stays translated in every consumed form. Every
refused function here was a ``mismatch`` under verification before (and compiled wrong under
``--no-exec``). Functions returning ``map``/``filter``/``iter`` (front/iterreturns.py) are
generators too, and fall under the same rules."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.analysis import eagergen
from pipeline.translate.rules.diagnostics import Where
from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.front.lower import lower_function
from tests.translate.rules.harness import assert_verifies, compile_module, make_unit, rustc

SOURCE = """
import itertools
from typing import List


def halves(xs: List[int]):
    for x in xs:
        yield 10 // x


def positives(xs: List[int]):
    for x in xs:
        if x > 0:
            yield x


def mapped(xs: List[int]):
    return map(lambda x: 10 // x, xs)


def ident(xs: List[int]):
    return iter(xs)


def paired(xs: List[int], ys: List[int]):
    return zip(xs, ys)


def whole(xs: List[int]) -> int:
    g = halves(xs)
    n = len(xs)
    return sum(g) + n


def first_big(xs: List[int]) -> int:
    for x in positives(xs):
        if x > 3:
            return x
    return -1


def any_big(xs: List[int]) -> bool:
    return any(x > 3 for x in positives(xs))


def first_pair(xs: List[int], ys: List[int]) -> int:
    for a, b in paired(xs, ys):
        if a == b:
            return a
    return -1


def any_half(xs: List[int]) -> bool:
    return any(h > 3 for h in halves(xs))


def break_half(xs: List[int]) -> int:
    n = 0
    for h in mapped(xs):
        if h > 3:
            break
        n += h
    return n


def zipped(xs: List[int]) -> List[int]:
    return [a + b for a, b in zip(halves(xs), [1, 2])]


def early(xs: List[int], flag: bool) -> int:
    g = halves(xs)
    if not flag:
        return 0
    return sum(g)


def ternary(xs: List[int], flag: bool) -> int:
    g = mapped(xs)
    return sum(g) if flag else 0


def guarded(xs: List[int]) -> List[int]:
    try:
        g = halves(xs)
    except ZeroDivisionError:
        return [-1]
    return list(g)


def grow(v: List[int]) -> int:
    n = 0
    for x in ident(v):
        if len(v) < 10:
            v.append(x)
        n += x
    return n


def caught(xs: List[int]) -> int:
    try:
        for h in halves(xs):
            if h < 0:
                raise ValueError("negative")
    except ValueError:
        return -1
    return 0


def caught_sum(xs: List[int]) -> int:
    try:
        return sum(halves(xs))
    except ZeroDivisionError:
        return -1


def numbered(xs: List[int]) -> List[int]:
    return [i * h for i, h in enumerate(halves(xs), 1)]


def reused(xs: List[int]) -> int:
    g = mapped(xs)
    return sum(g) + sum(g)
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_whole_or_total_consumption_verifies_and_partial_is_refused(tmp_path) -> None:
    done = compile_module(tmp_path, "gens.py", SOURCE)
    for name in ("halves", "mapped", "ident", "paired", "whole", "first_big", "any_big"):
        assert_verifies(done, name)
    for name in ("first_pair", "caught_sum", "numbered"):
        assert_verifies(done, name)
    for name, why in (
        ("any_half", "halves() consumed only in part, by any()"),
        ("break_half", "mapped() consumed by a loop that may stop early"),
        ("zipped", "halves() consumed only in part, by zip() with other iterables"),
        ("early", "halves() bound to a variable, and a path leaves before its use"),
        ("ternary", "mapped() bound to a variable used only on some paths"),
        ("guarded", "halves() bound to a variable used only on some paths"),
        ("grow", "v, which it reads lazily, is changed in place"),
        ("reused", "mapped() bound to g, which is used more than once"),
        ("caught", "halves() consumed inside a try while the caller's code runs"),
    ):
        tr = next(t for u, t in done.items if u.qualname == name)
        assert not tr.ok and why in tr.reason, (name, tr.reason)


@pytest.mark.parametrize(
    ("body", "total"),
    [
        ("for x in xs:\n        if x > 0:\n            yield x", True),
        ("for i, x in enumerate(xs):\n        yield (i, x * 2, str(x))", True),
        ("for x in xs:\n        yield 10 // x", False),
        ("for i in range(len(xs)):\n        yield xs[i]", False),
        ("for x in xs:\n        yield g(x)", False),
        ("while xs:\n        yield xs.pop()", False),
        ("for x in xs:\n        assert x\n        yield x", False),
    ],
)
def test_total_bodies(body: str, total: bool) -> None:
    fn = lower_function(f"def f(xs: list[int]):\n    {body}\n", Where(1), {})
    assert eagergen.total(fn) is total


def test_rewritten_iterator_returns_are_one_shot() -> None:
    context = {"mapped": "def mapped(xs: List[int]):\n    return map(abs, xs)\n"}
    tr = RuleEngine().translate(
        make_unit(
            "def f(xs: List[int]) -> int:\n    g = mapped(xs)\n    return sum(g) + max(g)\n",
            context,
        )
    )
    assert not tr.ok and "bound to g, which is used more than once" in tr.reason, tr.reason


def test_a_method_returning_an_iterator_stays_refused(tmp_path) -> None:
    """Only top-level functions are rewritten: ``obj.m()`` results are not seen by the
    one-shot checks, so a method returning ``map(...)`` stays refused as before."""
    source = (
        "from typing import List\n\n\nclass Bag:\n"
        "    def __init__(self, xs: List[int]) -> None:\n        self.xs = xs\n\n"
        "    def halves(self):\n        return map(lambda x: 10 // x, self.xs)\n"
    )
    done = compile_module(tmp_path, "bag.py", source)
    tr = next(t for u, t in done.items if u.qualname == "Bag")
    assert not tr.ok and "returns an iterator" in tr.reason, tr.reason


def test_a_generator_method_is_refused(tmp_path) -> None:
    """A method that yields: ``g = obj.m(); sum(g) + sum(g)`` is ``sum(g) + 0`` in Python and
    was twice the sum in Rust (a mismatch, compiled wrong under --no-exec)."""
    source = (
        "from typing import List\n\n\nclass Bag:\n"
        "    def __init__(self, xs: List[int]) -> None:\n        self.xs = xs\n\n"
        "    def halves(self):\n        for x in self.xs:\n            yield x // 2\n\n"
        "    def twice(self) -> int:\n        g = self.halves()\n        return sum(g) + sum(g)\n"
    )
    done = compile_module(tmp_path, "bag.py", source)
    tr = next(t for u, t in done.items if u.qualname == "Bag")
    assert not tr.ok and "method Bag.halves is a finite generator" in tr.reason, tr.reason
