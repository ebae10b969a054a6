"""Infinite generators (``while True``) as lazy ``impl Iterator`` values
(``front/generators.py``), and how the verifier observes them: the first ``callables.TAKE``
items on both sides (``itertools.islice`` / ``.take(k)``), compared as lists. Real engine, rustc
and verifier."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.records import Status
from pipeline.translate.rules.engine import RuleEngine
from pipeline.verify import VerifyOptions, verify_unit
from pipeline.verify.callables import TAKE
from tests.translate.rules.harness import compile_module

from .harness import make_unit

SOURCE = """
from typing import Dict, Iterable, Iterator, List, TypeVar

T = TypeVar("T")


def fibonacci_gen() -> Iterator[int]:
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def primes() -> Iterator[int]:
    composites: Dict[int, List[int]] = {}
    n = 2
    while True:
        if n not in composites:
            yield n
            composites[n * n] = [n]
        else:
            for p in composites.pop(n):
                composites.setdefault(n + p, []).append(p)
        n += 1


def stepper(start: int, step: int) -> Iterator[int]:
    n = start
    while True:
        yield n
        n += step
        if n % 3 == 0:
            yield -n
            n += 1
        elif n % 5 == 0:
            yield n * 10
        yield n * 2


def words(flag: bool) -> Iterator[str]:
    w = "ab"
    while True:
        yield w
        if flag:
            w = w + "é"
        else:
            w = w[1:] + w[0]


def countdown(n: int, stop: int) -> Iterator[int]:
    k = n
    while True:
        if k == stop:
            return
        yield k
        for d in range(3):
            if k * d > 1000:
                return
        k -= 1
        if k < -100:
            break


def powers(base: int) -> Iterator[int]:
    x = 1
    while True:
        yield x
        x = x * base


def take(n: int, items: Iterable[T]) -> List[T]:
    out = []
    for i, item in enumerate(items):
        if i >= n:
            break
        out.append(item)
    return out


def cycle_n(items: List[str], n: int) -> List[str]:
    def forever() -> Iterator[str]:
        while True:
            yield from items

    return take(n, forever()) if items else []


def ramp(items: List[int], step: int, n: int) -> List[int]:
    def forever() -> Iterator[int]:
        k = 0
        while True:
            yield from items
            k += step
            yield k

    out = []
    for i, x in enumerate(forever()):
        if i >= n:
            break
        out.append(x)
    return out


def fib_below(limit: int) -> List[int]:
    out = []
    for x in fibonacci_gen():
        if x >= limit or len(out) > 80:
            break
        out.append(x)
    return out
"""


def translate(source: str):  # a Translation
    return RuleEngine().translate(make_unit(textwrap.dedent(source)))


def test_lazy_iterator_shape() -> None:
    tr = translate("""
    def fibonacci_gen() -> Iterator[int]:
        a, b = 0, 1
        while True:
            yield a
            a, b = b, a + b
    """)
    assert tr.ok, tr.reason
    assert "pub fn fibonacci_gen() -> impl Iterator<Item = i64> {" in tr.rust
    assert "std::iter::from_fn(move || loop {" in tr.rust
    assert "return Some(a);" in tr.rust and "Vec::new()" not in tr.rust
    assert [s.returns for s in tr.signatures] == ["Iterator[int]"]


REFUSED = {
    "yield_in_for": (
        """
    def g(n: int) -> Iterator[int]:
        while True:
            for i in range(n):
                yield i
    """,
        "yield inside a nested loop or try of an infinite generator",
    ),
    "continue": (
        """
    def g(n: int) -> Iterator[int]:
        while True:
            yield n
            if n > 5:
                continue
    """,
        "continue in the `while True` loop",
    ),
    "late_variable": (
        """
    def g(n: int) -> Iterator[int]:
        while True:
            m = n * 2
            yield m
    """,
        "variable m first bound inside the `while True` loop",
    ),
    "yield_from_expression": (
        """
    def g(n: int) -> Iterator[int]:
        while True:
            yield from range(n)
    """,
        "yield from of an expression in an infinite generator",
    ),
    "yield_from_assigned": (
        """
    def g(n: int) -> Iterator[int]:
        xs = [1, 2]
        while True:
            yield from xs
            xs = xs + [n]
    """,
        "yield from xs (list[int]) in an infinite generator (only of a list its loop",
    ),
    "borrowed_param": (
        """
    def g(xs: List[int]) -> Iterator[int]:
        i = 0
        while True:
            yield xs[i % len(xs)]
            i += 1
    """,
        "parameter xs of type list[int] in an infinite generator",
    ),
    "setup_may_raise": (
        """
    def g(n: int) -> Iterator[int]:
        a = 10 // n
        while True:
            yield a
    """,
        "not an assignment of literals",
    ),
    "not_last": (
        """
    def g(n: int) -> Iterator[int]:
        if n > 0:
            while True:
                yield n
    """,
        "is not its last top-level statement",
    ),
    "nested_capture_changed": (
        """
    def g(items: List[str], n: int) -> List[str]:
        def forever() -> Iterator[str]:
            while True:
                yield from items
        out = []
        items.append("x")
        for s in forever():
            if len(out) >= n:
                break
            out.append(s)
        return out
    """,
        "items is changed after the infinite generator forever that reads it",
    ),
    "nested_two_borrows": (
        """
    def g(a: List[int], b: List[int], n: int) -> List[int]:
        def forever() -> Iterator[int]:
            while True:
                yield from a
                yield from b
        out = []
        for x in forever():
            if len(out) >= n:
                break
            out.append(x)
        return out
    """,
        "infinite generator forever reads several borrowed variables (a, b)",
    ),
    "both_branches": (
        """
    def g(n: int) -> Iterator[int]:
        while True:
            if n > 0:
                yield 1
            else:
                yield 2
    """,
        "if whose branches both yield",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_shapes_name_the_construct(name: str) -> None:
    source, words = REFUSED[name]
    tr = translate(source)
    assert not tr.ok
    (diag,) = tr.diagnostics
    assert diag.code == "PT010" and words in diag.message, diag
    assert diag.line is not None


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("lazy_generators"), "gens.py", SOURCE)


def _verify(done, qualname: str, crate_files: dict[str, str] | None = None):
    unit, tr = next((u, t) for u, t in done.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    crate = done.outcome.crate
    return verify_unit(
        crate.name,
        crate_files or crate.files,
        {done.rel: done.text},
        unit,
        tr,
        VerifyOptions(examples_per_function=12),
    )


@pytest.mark.parametrize("qualname", ["fibonacci_gen", "primes", "stepper", "words", "countdown"])
def test_first_items_verified(compiled, qualname: str) -> None:
    verdict, rows = _verify(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    if qualname == "countdown":  # return / break end the iterator early on some inputs
        assert any(r.python.count(",") < TAKE - 1 for r in rows), rows
        return
    assert rows and all(r.python.count(",") == TAKE - 1 for r in rows), rows[:3]
    if qualname == "primes":
        assert rows[0].python.endswith("61, 67, 71]")


def test_growth_beyond_i64_is_an_overflow(compiled) -> None:
    verdict, rows = _verify(compiled, "powers")
    assert verdict.status == Status.OVERFLOW, (verdict, rows[:3])
    assert any(r.outcome == "match" for r in rows)


@pytest.mark.parametrize("qualname", ["cycle_n", "ramp", "fib_below"])
def test_consumed_by_translated_code_verified(compiled, qualname: str) -> None:
    """A lazy iterator (a nested def reading the enclosing function's list, with
    ``yield from``) consumed by a loop that breaks or by a generic ``take``."""
    verdict, rows = _verify(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    assert any(r.python.count(",") >= 5 for r in rows), rows[:5]


def test_nested_generator_borrows_its_captured_list() -> None:
    tr = translate("""
    def cycle_n(items: List[str], n: int) -> List[str]:
        def forever() -> Iterator[str]:
            while True:
                yield from items

        out = []
        for s in forever():
            if len(out) >= n:
                break
            out.append(s)
        return out
    """)
    assert tr.ok, tr.reason
    assert "fn forever(items: &[String]) -> impl Iterator<Item = String> + '_ {" in tr.rust
    assert "if let Some(item) = items.get(pos).cloned() {" in tr.rust


def test_wrong_late_item_is_a_mismatch(compiled) -> None:
    """A translation right for the first items and wrong from the 13th on is caught: the
    observation goes past the first few items."""
    crate = compiled.outcome.crate
    files = dict(crate.files)
    key = next(k for k, v in files.items() if "pub fn fibonacci_gen" in v)
    good = "(a, b) = (b, a + b);"
    assert good in files[key]
    files[key] = files[key].replace(good, "(a, b) = (b, a + b - i64::from(b > 100));")
    verdict, rows = _verify(compiled, "fibonacci_gen", crate_files=files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
    assert rows[0].outcome == "mismatch" and rows[0].python.startswith("[0, 1, 1, 2, 3")
