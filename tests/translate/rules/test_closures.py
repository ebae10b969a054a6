"""Callables, lambdas and nested defs as closures: the Rust they become, what is refused and
why, and an end-to-end check that the translations compile and verify (real rustc, the real
verifier with its catalogue inputs and observed results)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.records import Status, TranslationStatus
from pipeline.translate.rules.engine import RuleEngine

from .harness import make_unit, rustc

IMPORTS = ("from typing import Callable, Dict, List, Tuple",)


def translate(source: str):  # a Translation
    return RuleEngine().translate(make_unit(source, imports=IMPORTS))


def rust_of(source: str) -> str:
    tr = translate(source)
    assert tr.ok, tr.reason
    return " ".join(tr.rust.split())


def test_callable_parameter_is_impl_fn_called_with_borrowed_str() -> None:
    rust = rust_of("""
    def group_by(items: List[str], key: Callable[[str], str]) -> Dict[str, List[str]]:
        out: Dict[str, List[str]] = {}
        for item in items:
            out.setdefault(key(item), []).append(item)
        return out
    """)
    assert "key: impl Fn(&str) -> String" in rust and "key(item)" in rust
    tr = translate("""
    def apply(f: Callable[[int], int], x: int) -> int:
        return f(f(x))
    """)
    (sig,) = tr.signatures
    assert [(p.py_type, p.mode) for p in sig.params] == [
        ("Callable[[int], int]", "value"),
        ("int", "value"),
    ]


def test_list_of_callables_parameter_is_a_slice_of_boxes() -> None:
    rust = rust_of("""
    def pipeline(value: int, steps: List[Callable[[int], int]]) -> int:
        for step in steps:
            value = step(value)
        return value
    """)
    assert "steps: &[Box<dyn Fn(i64) -> i64>]" in rust and "step(value)" in rust


def test_returned_lambda_and_nested_def_are_move_closures() -> None:
    lam = rust_of("""
    def make_multiplier(factor: float) -> Callable[[float], float]:
        return lambda x: x * factor
    """)
    assert "-> impl Fn(f64) -> f64 { move |x: f64| -> f64 { x * factor } }" in lam
    nested = rust_of("""
    def make_validator(lo: int, hi: int) -> Callable[[str], bool]:
        def validate(s: str) -> bool:
            return lo <= len(s) <= hi
        return validate
    """)
    assert "-> impl Fn(&str) -> bool {" in nested and "move |s: &str| -> bool" in nested
    assert "let validate" not in nested  # ``def f ...; return f`` is the closure itself


def test_nonlocal_state_makes_an_fnmut_owning_it() -> None:
    rust = rust_of("""
    def make_counter() -> Callable[[], int]:
        count = 0

        def increment() -> int:
            nonlocal count
            count += 1
            return count
        return increment
    """)
    assert "-> impl FnMut() -> i64" in rust and "let mut count" in rust
    assert "move || -> i64 { count += 1; count }" in rust


def test_curried_and_listed_closures_are_boxed() -> None:
    curry = rust_of("""
    def curry_add(a: int) -> Callable[[int], Callable[[int], int]]:
        return lambda b: lambda c: a + b + c
    """)
    assert "-> impl Fn(i64) -> Box<dyn Fn(i64) -> i64>" in curry
    assert "Box::new(move |c: i64| -> i64 { a + b + c }) as Box<dyn Fn(i64) -> i64>" in curry
    powers = rust_of("""
    def make_power_functions(n: int) -> List[Callable[[int], int]]:
        return [lambda x, p=p: x ** p for p in range(n)]
    """)
    assert "-> Vec<Box<dyn Fn(i64) -> i64>>" in powers and "move |x: i64|" in powers


def test_computed_callee_is_called_through_its_box() -> None:
    rust = rust_of("""
    def dispatch(op: str, a: float, b: float) -> float:
        table: Dict[str, Callable[[float, float], float]] = {
            "add": lambda x, y: x + y,
            "mul": lambda x, y: x * y,
        }
        if op not in table:
            raise KeyError(op)
        return table[op](a, b)
    """)
    assert "PyDict<String, Box<dyn Fn(f64, f64) -> f64>>" in rust
    assert "table.item(op)(a, b)" in rust


def test_immutable_captures_are_cloned_into_the_closure() -> None:
    rust = rust_of("""
    def make_greeter(greeting: str) -> Callable[[str], str]:
        return lambda name: greeting + name
    """)
    assert (
        "-> impl Fn(&str) -> String { { let greeting = greeting.to_string(); move |name: &str|"
        in rust
    )


def test_method_on_a_chosen_receiver_is_an_if() -> None:
    rust = rust_of("""
    def split(items: List[int], pred: Callable[[int], bool]) -> Tuple[List[int], List[int]]:
        yes, no = [], []
        for x in items:
            (yes if pred(x) else no).append(x)
        return yes, no
    """)
    assert "if pred(x) { yes.push(x); } else { no.push(x); }" in rust


REFUSED = {
    "late": (
        """
    def late(n: int) -> List[Callable[[int], int]]:
        return [lambda x: x + i for i in range(n)]
    """,
        "PT033",
        "captures i, a loop or comprehension variable that Python binds late",
    ),
    "rebound": (
        """
    def rebound(n: int) -> Callable[[int], int]:
        k = n

        def add(x: int) -> int:
            return x + k
        k = k + 1
        return add
    """,
        "PT033",
        "captures k, which is rebound",
    ),
    "shared": (
        """
    def shared() -> Callable[[int], int]:
        items: List[int] = []

        def add(x: int) -> int:
            items.append(x)
            return len(items)
        items.append(5)
        return add
    """,
        "PT033",
        "captures items, which the enclosing function changes in place",
    ),
    "called_state": (
        """
    def called_state() -> Callable[[], int]:
        c = 0

        def inc() -> int:
            nonlocal c
            c += 1
            return c
        inc()
        return inc
    """,
        "PT033",
        "changes captured state and is also called",
    ),
    "two_views": (
        """
    def two_views() -> Callable[[], int]:
        c = 0

        def inc() -> int:
            nonlocal c
            c += 1
            return c

        def get() -> int:
            return c
        get()
        return inc
    """,
        "PT033",
        "captures c, which is also used elsewhere",
    ),
    "borrowed": (
        """
    def borrowed(xs: List[int]) -> Callable[[int], int]:
        def at(i: int) -> int:
            return xs[i]
        return at
    """,
        "PT033",
        "captures xs of type list[int]",
    ),
    "direct_nonlocal": (
        """
    def direct_nonlocal(n: int) -> int:
        total = 0

        def add(x: int) -> None:
            nonlocal total
            total += x
        add(n)
        return total
    """,
        "PT010",
        "nonlocal in nested def add, which is called directly",
    ),
    "alias": (
        """
    def alias(f: Callable[[int], int]) -> Callable[[int], int]:
        g = f
        return g
    """,
        "PT033",
        "variable g holds a function made elsewhere",
    ),
    "nested_late": (
        """
    def nested_late(n: int) -> Callable[[int], List[Callable[[int], int]]]:
        def mk(m: int) -> List[Callable[[int], int]]:
            return [lambda x: x + i for i in range(m)]
        return mk
    """,
        "PT033",
        "captures i, a loop or comprehension variable",
    ),
    "inner_borrow": (
        """
    def joiner(sep: str) -> Callable[[str], Callable[[str], str]]:
        return lambda a: lambda b: a + sep + b
    """,
        "PT033",
        "inner lambda captures a, a borrowed argument",
    ),
    "shared_default": (
        """
    def shared_default(rows: List[List[int]]) -> List[Callable[[int], int]]:
        return [lambda i, r=r: r[i] for r in rows]
    """,
        "PT033",
        "lambda default r=r holds a mutable list[int]",
    ),
    "not_callable": (
        """
    def not_callable(xs: List[int]) -> int:
        return xs[0](1)
    """,
        "PT012",
        "call of a value of type int",
    ),
    "untyped": (
        """
    def untyped(f: Callable[..., int]) -> int:
        return f()
    """,
        "PT021",
        "Callable[..., int]",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refusals_name_the_construct(name: str) -> None:
    source, code, words = REFUSED[name]
    tr = translate(source)
    assert tr.status is TranslationStatus.REFUSED and not tr.ok
    (diag,) = tr.diagnostics
    assert diag.code == code and words in diag.message, diag
    assert diag.line is not None


VERIFIED = """
from typing import Callable, Dict, List, Optional, Tuple


def apply_n_times(f: Callable[[int], int], n: int, x: int) -> int:
    for _ in range(n):
        x = f(x)
    return x


def count_if(items: List[int], pred: Callable[[int], bool]) -> int:
    return sum(1 for x in items if pred(x))


def pipeline(value: int, steps: List[Callable[[int], int]]) -> int:
    for step in steps:
        value = step(value)
    return value


def apply_all(ops: Dict[str, Callable[[int], int]], x: int) -> List[int]:
    out = []
    for _name, op in ops.items():
        out.append(op(x))
    return out


def make_adder(n: int) -> Callable[[int], int]:
    def add(x: int) -> int:
        return x + n
    return add


def compose(f: Callable[[int], int], g: Callable[[int], int]) -> Callable[[int], int]:
    return lambda x: f(g(x))


def make_counter(start: int) -> Callable[[], int]:
    count = start

    def increment() -> int:
        nonlocal count
        count += 2
        return count
    return increment


def memoize(f: Callable[[int], int]) -> Callable[[int], int]:
    cache: Dict[int, int] = {}

    def wrapper(x: int) -> int:
        if x not in cache:
            cache[x] = f(x)
        return cache[x]
    return wrapper


def make_offsets(n: int) -> List[Callable[[int], int]]:
    return [lambda x, k=k: x + k for k in range(n % 5)]


def curry_add(a: int) -> Callable[[int], Callable[[int], int]]:
    return lambda b: lambda c: a + b * 10 + c * 100


def dispatch(op: str, a: int, b: int) -> int:
    table: Dict[str, Callable[[int, int], int]] = {
        "": lambda x, y: x + y,
        "a": lambda x, y: x * y % 1009,
    }
    if op not in table:
        return -1
    return table[op](a, b)


def applied(a: int, b: int) -> int:
    return curry_add(a)(b)(a)


def adder_maker(n: int) -> Callable[[int], Callable[[int], int]]:
    def mk(m: int) -> Callable[[int], int]:
        return lambda x: x * 100 + m * 10 + n
    return mk


def maybe_adder(n: int) -> Optional[Callable[[int], int]]:
    if n < 0:
        return None
    return lambda x: x + n


def make_greeter(greeting: str) -> Callable[[str], str]:
    return lambda name: f"{greeting}, {name}!"


def make_prefixer(prefix: str) -> Callable[[str], bool]:
    def check(s: str) -> bool:
        return s.startswith(prefix)
    return check


def make_wrappers(tags: List[str]) -> List[Callable[[str], str]]:
    return [lambda s, t=t: t + s + t for t in tags]


def partition_by(items: List[int], pred: Callable[[int], bool]) -> Tuple[List[int], List[int]]:
    yes, no = [], []
    for x in items:
        (yes if pred(x) else no).append(x)
    return yes, no
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_closure_forms_compile_and_verify(tmp_path: Path) -> None:
    from pipeline import onefile
    from pipeline.verify import VerifyOptions, verify_unit

    path = tmp_path / "hof.py"
    path.write_text(VERIFIED)
    done = onefile.compile_file(str(path), str(tmp_path), "rules")
    assert hasattr(done, "items"), done
    assert not done.refused, done.refused
    crate = done.outcome.crate
    statuses = {}
    for unit, translation in done.items:
        verdict, rows = verify_unit(
            crate.name,
            crate.files,
            {done.rel: done.text},
            unit,
            translation,
            VerifyOptions(examples_per_function=12),
        )
        statuses[unit.qualname] = verdict.status
        assert verdict.status == Status.VERIFIED, (unit.qualname, verdict, rows[:3])
    assert len(statuses) == 18
