"""``*args`` and ``**kwargs`` parameters (issue 12, section 3): ``*args: T`` is one
``tuple[T, ...]`` parameter (Rust ``&[T]``), ``**kwargs: V`` one ``dict[str, V]`` (Rust
``&PyDict<String, V>``); callers in the module pack their extra arguments as Python binds them,
and the verifier calls Python with a varying number of positional and keyword arguments.
Real sharder, engine, rustc and verifier; a wrong translation of the convention is a mismatch."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.verify.child import call_with
from pipeline.verify.inputs import bind, keyword_safe
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    compiled_rust,
    verify_compiled,
)

SOURCE = """
def total(*xs: int) -> int:
    s = 0
    for x in xs:
        s += x
    return s * 10 + len(xs)


def label(first: str, *rest: str, sep: str = "-") -> str:
    return sep.join([first] + list(rest))


def pairs(base: int, **kw: int) -> list[str]:
    return [k + "=" + str(v + base) for k, v in kw.items()]


def largest(*values):
    best = values[0]
    for v in values:
        if v > best:
            best = v
    return best


def calls(a: int, b: int, xs: list[int]) -> int:
    n = total() + total(a) + total(a, b, 3) + total(*xs)
    return n + len(label("x", "y", sep="+")) + len(pairs(a, u=b, v=2)) + largest(b, a)


def spread_after(a: int, xs: list[int]) -> int:
    return total(a, *xs)


def too_many(a: int) -> list[str]:
    return pairs(a, a)


def counted(**kw):
    return len(kw)


def longest(*words):
    best = ""
    for w in words:
        if len(w) > len(best):
            best = w
    return best


def longest_demo() -> str:
    return longest("ab", "abc", "a")


class Acc:
    def __init__(self, base: int) -> None:
        self.base = base

    def add(self, *xs: int) -> int:
        return self.base + sum(xs)

    def tag(self, name: str, **kw: int) -> str:
        return name + ",".join(k + str(v + self.base) for k, v in kw.items())

    @staticmethod
    def most(*xs: int) -> int:
        return max(xs, default=-1)

    def grow(self, by: int, *, times: int = 1, cap: int = 100) -> int:
        return min(self.base + by * times, cap)


def use_acc(a: int, b: int) -> int:
    acc = Acc(a)
    n = acc.add(b, 2, 3) + acc.add() + len(acc.tag("t", x=b)) + Acc.most(a, b)
    return n + acc.grow(1) + acc.grow(2, cap=5) + acc.grow(3, times=b, cap=50)


def grow_by_position(a: int) -> int:
    return Acc(a).grow(1, 2)


def with_default(**kw: int) -> int:
    kw.setdefault("z", 1)
    return len(kw) * 10 + kw["z"]


def calls_with_default(a: int) -> int:
    return with_default(x=a) + with_default(z=a) + with_default()


def grows_values(**kw: list[int]) -> int:
    for v in kw.values():
        v.append(2)
    return len(kw)


class Special:
    def __init__(self, *parts: int) -> None:
        self.n = len(parts)


def in_method_like(x: int) -> int:
    def inner(*a: int) -> int:
        return len(a)

    return inner(x)
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("stars"), "stars.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "text"),
    [
        ("total", "pub fn total(xs: &[i64]) -> i64"),
        ("label", "pub fn label(first: &str, rest: &[String], sep: &str) -> String"),
        ("pairs", "pub fn pairs(base: i64, kw: &crate::pyrt::PyDict<String, i64>) -> Vec<String>"),
        ("largest", "pub fn largest(values: &[i64]) -> i64"),
        ("calls", "total(&vec![a, b, 3])"),
        ("spread_after", "total(&"),
        ("longest", "pub fn longest(words: &[String]) -> String"),
        ("Acc", "pub fn add(&self, xs: &[i64]) -> i64"),
        ("Acc", "pub fn grow(&self, by: i64, times: i64, cap: i64) -> i64"),
        ("use_acc", "acc.add(&vec![b, 2, 3])"),
        ("use_acc", "acc.grow(2, 1, 5)"),
        # Python's **kwargs is a new dict: changed in place, it is taken by value
        ("with_default", "pub fn with_default(mut kw: crate::pyrt::PyDict<String, i64>)"),
        ("calls_with_default", "with_default(crate::pyrt::PyDict::new())"),
    ],
)
def test_translated_and_verified(compiled, qualname: str, text: str) -> None:
    assert text in compiled_rust(compiled, qualname)
    assert_verifies(compiled, qualname)


def test_signature_records_the_stars(compiled) -> None:
    """The FnSig spells ``*xs`` / ``**kw`` so the verifier spreads them; an untyped ``*args``
    is the tuple its uses read (the typing says so)."""
    sigs = {s.py_name: s for _u, t in compiled.items if t.ok for s in t.signatures}
    assert [(p.name, p.py_type) for p in sigs["total"].params] == [("*xs", "tuple[int, ...]")]
    assert [p.name for p in sigs["pairs"].params] == ["base", "**kw"]
    assert [p.name for p in sigs["label"].params] == ["first", "*rest", "sep"]
    tr = next(t for u, t in compiled.items if u.qualname == "largest")
    assert "values: tuple[int, ...] (usage)" in tr.typing
    tr = next(t for u, t in compiled.items if u.qualname == "longest")  # its call in the module
    assert "words: tuple[str, ...] (calls)" in tr.typing


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        ("too_many", "PT012 line 35: call of pairs passes too many arguments"),
        (
            "counted",
            "PT020 line 38: untyped parameter **kw: its uses read it as list[~T], "
            "not as a dict of str keys",
        ),
        (
            "grow_by_position",
            "PT012 line 79: call of Acc.grow passes a keyword-only parameter by position",
        ),
        (
            "grows_values",
            "PT030 line 91: **kw is changed in place and holds mutable values (list[int]): "
            "Python's dict is new for each call, its values are the caller's",
        ),
        (
            "Special",
            "PT015 line 98: *parts parameter of a special method (__init__, operators) "
            "is not supported",
        ),
        (
            "in_method_like",
            "PT015 line 103: *a parameter of a nested def is not supported",
        ),
    ],
)
def test_still_refused_with_reason(compiled, qualname: str, words: str) -> None:
    assert dict(compiled.refused)[qualname] == words


def _mutated(done, name: str, old: str, new: str) -> dict[str, str]:
    files = dict(done.outcome.crate.files)
    key = next(k for k, v in files.items() if f"pub fn {name}(" in v)
    start = files[key].index(f"pub fn {name}(")
    assert old in files[key][start:], files[key][start:]
    files[key] = files[key][:start] + files[key][start:].replace(old, new, 1)
    return files


@pytest.mark.parametrize(
    ("qualname", "old", "new"),
    [
        # the last positional argument of a call is dropped: seen once two or more are passed
        ("total", "for &x in xs {", "for &x in &xs[..xs.len().min(1)] {"),
        # the first keyword of the call is lost
        ("pairs", "kw.iter()", "kw.iter().skip(1)"),
        # a method's collected arguments, one lost
        ("add", "xs.iter().copied()", "xs.iter().copied().skip(1)"),
    ],
)
def test_a_wrong_calling_convention_is_a_mismatch(compiled, qualname, old, new) -> None:
    files = _mutated(compiled, qualname, old, new)
    unit = "Acc" if qualname == "add" else qualname
    verdict, rows = verify_compiled(compiled, unit, files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


def test_python_is_called_with_spread_arguments() -> None:
    def f(a, *rest, sep="-", **kw):
        return (a, rest, sep, kw)

    assert call_with(f, [1, (2, 3), "+", {"x": 4}]) == (1, (2, 3), "+", {"x": 4})
    assert call_with(f, [1, (), "-", {}]) == (1, (), "-", {})


def test_literal_calls_bind_as_python_does() -> None:
    names = ["a", "*rest", "sep", "**kw"]
    assert bind(names, [1, 2, 3], {"sep": "+", "x": 4}) == {
        "a": 1,
        "*rest": (2, 3),
        "sep": "+",
        "**kw": {"x": 4},
    }
    assert bind(names, [1], {"a": 2}) is None  # a given twice: TypeError in Python
    assert bind(["a", "b"], [1, 2, 3], {}) is None
    assert bind(["a", "**kw"], [1, 2], {}) is None
    assert keyword_safe(names, (1, (), "-", {"a": 1, "sep": 2, "z": 3})) == (
        1,
        (),
        "-",
        {"z": 3},
    )
