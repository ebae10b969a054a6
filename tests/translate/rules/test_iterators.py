"""Iterator objects (``it = iter(xs)``, ``iterators.py``): the Rust shares one cursor between
``next()``, loops that break and resume, and consuming calls; every other use is refused.
Real engine, rustc and verifier."""

from __future__ import annotations

import textwrap

import pytest

from pipeline.records import Status
from pipeline.translate.rules.engine import RuleEngine
from pipeline.verify import VerifyOptions, verify_unit
from tests.translate.rules.harness import compile_module

from .harness import make_unit

SOURCE = """
from typing import Dict, Iterable, List, Optional, Tuple


def total(values: Iterable[int]) -> int:
    return sum(values)


def total_of_squares(n: int) -> int:
    return total(x * x for x in range(n % 1000)) + total([n])  # bounded: never beyond i64


def joined(words: Iterable[str]) -> str:
    return "-".join(words)


def pairwise_list(items: List[int]) -> List[Tuple[int, int]]:
    it = iter(items)
    ahead = iter(items)
    next(ahead, None)
    return list(zip(it, ahead))


def split_at_bar(words: List[str]) -> Tuple[List[str], List[str]]:
    it = iter(words)
    head = []
    for w in it:
        if w == "|":
            break
        head.append(w)
    return head, list(it)


def first_two(text: str) -> str:
    it = iter(text)
    a = next(it)
    b = next(it, "?")
    return a + b


def header_plus_rest(rows: List[int]) -> int:
    it = iter(rows)
    try:
        header = next(it)
    except StopIteration:
        return -1
    return header * 1000 + sum(it)


def take_three(n: int) -> List[int]:
    it = iter(range(n))
    return [next(it), next(it), next(it)]


def until_negative(values: List[int]) -> Tuple[bool, List[int]]:
    it = iter(values)
    seen = any(v < 0 for v in it)
    return seen, [v * 2 for v in it]


def numbered_tail(text: str, skip: int) -> List[str]:
    it = iter(text.split())
    while skip > 0 and next(it, None) is not None:
        skip -= 1
    return [f"{i}={k}" for i, k in enumerate(it)]


def first_even_then_rest(values: List[int]) -> Tuple[Optional[int], int]:
    it = iter(values)
    even = next((v for v in it if v % 2 == 0), None)
    return even, len(list(it))
"""


def translate(source: str, context: dict[str, str] | None = None):
    return RuleEngine().translate(make_unit(textwrap.dedent(source), context))


def test_passed_to_a_sibling_is_refused() -> None:
    tr = translate(
        """
    def f(xs: List[int]) -> int:
        it = iter(xs)
        return g(it)
    """,
        {"g": "def g(ys: List[int]) -> int:\n    return len(ys)\n"},
    )
    assert not tr.ok
    assert "argument ys of g expects list[int], got Iterator[int]" in (tr.diagnostics[0].message), (
        tr.diagnostics
    )


def test_one_cursor_in_rust() -> None:
    tr = translate("""
    def pairwise_list(items: List[int]) -> List[Tuple[int, int]]:
        it = iter(items)
        ahead = iter(items)
        next(ahead, None)
        return list(zip(it, ahead))
    """)
    assert tr.ok, tr.reason
    assert "let mut it = items.iter().copied();" in tr.rust
    assert "let _ = ahead.next();" in tr.rust
    assert "it.by_ref()" in tr.rust and ".zip(ahead.by_ref())" in tr.rust


ITERABLE_PARAMS = {
    "consumed_once": (
        "def f(xs: Iterable[int]) -> int:\n    return sum(xs)\n",
        "xs: impl IntoIterator<Item = i64>",
    ),
    "used_twice": (
        "def f(xs: Iterable[int]) -> int:\n    return sum(xs) + len(list(xs))\n",
        "xs: &[i64]",
    ),
    "in_a_loop": (
        "def f(xs: Iterable[int], n: int) -> int:\n    t = 0\n"
        "    for _ in range(n):\n        t += sum(xs)\n    return t\n",
        "xs: &[i64]",
    ),
    "generator": (
        "def f(xs: Iterable[int]) -> Iterator[int]:\n    for x in xs:\n        yield x\n",
        "xs: &[i64]",
    ),
    "mutable_items": (
        "def f(xs: Iterable[List[int]]) -> int:\n    return len(list(xs))\n",
        "xs: &[Vec<i64>]",
    ),
    "list_annotation": ("def f(xs: List[int]) -> int:\n    return sum(xs)\n", "xs: &[i64]"),
}


@pytest.mark.parametrize("name", sorted(ITERABLE_PARAMS))
def test_iterable_parameter_consumed_once_takes_an_iterator(name: str) -> None:
    """Only an ``Iterable`` the body consumes once, outside loops (a list argument and an
    iterator then agree), becomes ``impl IntoIterator``; verification passes it a list."""
    source, header = ITERABLE_PARAMS[name]
    tr = translate(source)
    assert tr.ok, tr.reason
    assert header in tr.rust, tr.rust
    mode = tr.signatures[0].params[0].mode
    assert mode == ("value" if "impl" in header else "ref")


REFUSED = {
    "rebound": (
        """
    def f(xs: List[int]) -> int:
        it = iter(xs)
        it = iter(xs[1:])
        return next(it)
    """,
        "iterator variable it bound other than once",
    ),
    "in_loop": (
        """
    def f(xs: List[int]) -> int:
        t = 0
        for _ in range(2):
            it = iter(xs)
            t += next(it, 0)
        return t
    """,
        "iterator variable it bound other than once",
    ),
    "returned": (
        """
    def f(xs: List[int]) -> List[int]:
        it = iter(xs)
        next(it, None)
        return it
    """,
        "return expects list[int], got Iterator[int]",
    ),
    "passed": (
        """
    def f(xs: List[int]) -> int:
        it = iter(xs)
        return len(it)
    """,
        "call of len() with these arguments",
    ),
    "stored": (
        """
    def f(xs: List[int]) -> int:
        it = iter(xs)
        box = [it]
        return len(box)
    """,
        "iterator it used as a value",
    ),
    "sentinel": (
        """
    def f(xs: List[int]) -> int:
        it = iter(xs.pop, 0)
        return next(it)
    """,
        "iter(callable, sentinel)",
    ),
    "unbound_iter": (  # the first item of a fresh iterator (test_next_of_iterators.py)
        """
    def f(xs: List[int]) -> int:
        return next(iter(xs))
    """,
        None,
    ),
    "unbound_iter_in_zip": (
        """
    def f(xs: List[int]) -> List[Tuple[int, int]]:
        return list(zip(xs, iter(xs)))
    """,
        "iter() outside a statement `name = iter(...)`",
    ),
    "mutated_source": (
        """
    def f(xs: List[int]) -> int:
        it = iter(xs)
        xs.append(1)
        return sum(it)
    """,
        "xs is changed in place",
    ),
    "rebound_source": (
        """
    def f(xs: List[int]) -> int:
        ys = xs[:]
        it = iter(ys)
        ys = [1]
        return sum(it) + len(ys)
    """,
        "ys is rebound after iter()",
    ),
    "mutable_items": (
        """
    def f(rows: List[List[int]]) -> int:
        it = iter(rows)
        return len(next(it))
    """,
        "iter() over list[int] items",
    ),
    "generator": (
        """
    def f(xs: List[int]) -> Iterator[int]:
        it = iter(xs)
        yield next(it)
    """,
        "a StopIteration leaving a generator becomes RuntimeError",
    ),
    "next_in_consuming_loop": (
        """
    def f(xs: List[int]) -> List[int]:
        it = iter(xs)
        out = []
        for x in it:
            out.append(x + next(it, 0))
        return out
    """,
        "used inside the loop that consumes it",
    ),
    "zip_twice": (
        """
    def f(xs: List[int]) -> List[Tuple[int, int]]:
        it = iter(xs)
        return list(zip(it, it))
    """,
        "consumed twice in one expression",
    ),
    "lambda": (
        """
    def f(xs: List[int]) -> List[int]:
        it = iter(xs)
        return list(map(lambda x: x + next(it, 0), range(3)))
    """,
        "used inside a lambda",
    ),
    "comprehension_body": (
        """
    def f(xs: List[int]) -> List[int]:
        it = iter(xs)
        return [next(it, 0) for _ in range(3)]
    """,
        "used inside a comprehension",
    ),
    "nested_def": (
        """
    def f(xs: List[int]) -> int:
        it = iter(xs)
        def g() -> int:
            return next(it, 0)
        return g()
    """,
        "used in nested def g",
    ),
    "membership": (
        """
    def f(xs: List[int]) -> bool:
        it = iter(xs)
        return 3 in it
    """,
        "iterator it used as a value",
    ),
    "stored_genexpr": (
        """
    def f(xs: List[int]) -> int:
        it = iter(xs)
        total = 0
        for x in (v * 2 for v in it):
            total += x
        return max(it, default=0) + total
    """,
        None,
    ),  # consumed by the loop, then by max(): exact, translated
    "optional_items": (
        """
    def f(xs: List[Optional[int]]) -> bool:
        it = iter(xs)
        return next(it, None) is None
    """,
        "next(..., None) over Optional items",
    ),
    "set_source": (
        """
    def f(xs: set[int]) -> int:
        it = iter(xs)
        return next(it)
    """,
        "iter() of a set",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_other_uses_are_refused_naming_the_use(name: str) -> None:
    source, words = REFUSED[name]
    tr = translate(source)
    if words is None:
        assert tr.ok, tr.reason
        return
    assert not tr.ok, tr.rust
    (diag,) = tr.diagnostics
    assert diag.code in ("PT012", "PT024", "PT030", "PT031") and words in diag.message, diag
    assert diag.line is not None


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("iterators"), "iters.py", SOURCE)


def _verify(done, qualname: str):
    unit, tr = next((u, t) for u, t in done.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    crate = done.outcome.crate
    return verify_unit(
        crate.name,
        crate.files,
        {done.rel: done.text},
        unit,
        tr,
        VerifyOptions(examples_per_function=30),
    )


@pytest.mark.parametrize(
    "qualname",
    [
        "total",
        "total_of_squares",
        "joined",
        "pairwise_list",
        "split_at_bar",
        "first_two",
        "header_plus_rest",
        "take_three",
        "until_negative",
        "numbered_tail",
        "first_even_then_rest",
    ],
)
def test_verified(compiled, qualname: str) -> None:
    verdict, rows = _verify(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    if qualname in ("first_two", "take_three"):  # short inputs raise StopIteration
        assert any(r.outcome == "match" and "StopIteration" in r.python for r in rows), rows
    if qualname == "header_plus_rest":  # ``except StopIteration`` catches the Rust panic
        assert any(r.outcome == "match" and r.python == "-1" for r in rows), rows
