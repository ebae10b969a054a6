"""Parameters used as functions (usage.py, rule 7): ``f(x)``, ``key=f``, ``map(f, xs)`` and
``filter(f, xs)`` type an untyped parameter as a ``Callable`` of its arguments' and result's
types (``impl Fn`` in Rust); the typing is recorded, the real verifier passes catalogue
functions and verifies, catches a wrong body, and refutes a typing Python rejects."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.translate.rules.analysis import usage
from pipeline.translate.rules.diagnostics import Refusal, Where
from pipeline.translate.rules.front import lower
from pipeline.verify import VerifyOptions, verify_unit
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
)

SOURCE = """
def apply_all(f, xs):
    return [f(x) for x in xs]


def count_if(pred, xs):
    n = 0
    for x in xs:
        if pred(x):
            n += 1
    return n


def sort_by(xs, key):
    return sorted(xs, key=key)


def twice(f, x):
    return f(f(x))


def keep(pred, xs):
    return list(filter(pred, xs))


def shout_each(f, words):
    return [f(w.upper()) for w in words]


def combine(f, a, b):
    return f(a, b) + 1


def split_at(pred, xs):
    out = []
    buf = []
    it = iter(xs)
    for item in it:
        if pred(item):
            out.append(buf)
            buf = []
        else:
            buf.append(item)
    out.append(buf)
    return out


def half(x: int) -> float:
    return x / 2


def on_half(f, x: int):
    return f(half(x))
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("callables"), "callables_mod.py", SOURCE)


def _assumed(src: str) -> list[str]:
    fn = lower.lower_function(src, Where(1), {}, frozenset())
    return [a.render() for a in usage.apply(fn, usage.untyped(fn), lambda name: None)]


@pytest.mark.parametrize(
    ("src", "want"),
    [
        (
            "def f(g, xs):\n    return [g(x) for x in xs]\n",
            ["g: Callable[[int], int] (usage)", "xs: list[int] (usage)"],
        ),
        (  # the result tested for truth: a predicate
            "def f(p, xs):\n    return [x for x in xs if p(x)]\n",
            ["p: Callable[[int], bool] (usage)", "xs: list[int] (usage)"],
        ),
        (  # a str argument
            "def f(g, s):\n    return g(s.strip())\n",
            ["g: Callable[[str], int] (usage)", "s: str (usage)"],
        ),
        (  # a float result
            "def f(g, x):\n    return g(x) * 1.5\n",
            ["g: Callable[[int], float] (usage)", "x: int (usage)"],
        ),
        ("def f(g):\n    return g() + 1\n", ["g: Callable[[], int] (usage)"]),
        (
            "def f(g, a, b):\n    return g(a, b)\n",
            ["g: Callable[[int, int], int] (usage)", "a: int (usage)", "b: int (usage)"],
        ),
        (
            "def f(xs, key):\n    return max(xs, key=key)\n",
            ["xs: list[int] (usage)", "key: Callable[[int], int] (usage)"],
        ),
        (
            "def f(g, xs):\n    return list(map(g, xs))\n",
            ["g: Callable[[int], int] (usage)", "xs: list[int] (usage)"],
        ),
        (
            "def f(g, ws):\n    return list(filter(g, ws))\n",
            ["g: Callable[[int], bool] (usage)", "ws: list[int] (usage)"],
        ),
        (  # iter(xs) yields the items of xs
            "def f(p, xs):\n    it = iter(xs)\n    return [x for x in it if p(x)]\n",
            ["p: Callable[[int], bool] (usage)", "xs: list[int] (usage)"],
        ),
        (
            "def f(xs):\n    t = 0\n    for x in iter(xs):\n        t += x\n    return t\n",
            ["xs: list[int] (usage)"],
        ),
    ],
)
def test_a_parameter_called_is_a_callable(src: str, want: list[str]) -> None:
    assert _assumed(src) == want


def test_a_parameter_called_with_keywords_stays_untyped() -> None:
    fn = lower.lower_function("def f(g, x):\n    return g(x, y=1)\n", Where(1), {}, frozenset())
    usage.apply(fn, usage.untyped(fn), lambda name: None)
    assert fn.params[0].ann is None


@pytest.mark.parametrize(
    ("src", "named"),
    [
        ("def f(g, x):\n    return g(x) + len(g)\n", "called as a function and len()"),
        ("def f(g, x):\n    return g(x) + g(x, x)\n", "called with 1 and with 2 arguments"),
    ],
)
def test_a_callable_used_otherwise_is_refused_naming_both(src: str, named: str) -> None:
    with pytest.raises(Refusal) as info:
        _assumed(src)
    assert info.value.code == "PT020" and named in info.value.message


@pytest.mark.parametrize(
    ("qualname", "typing", "signature"),
    [
        (
            "apply_all",
            ("f: Callable[[int], int] (usage)", "xs: list[int] (usage)"),
            "pub fn apply_all(f: impl Fn(i64) -> i64, xs: &[i64]) -> Vec<i64>",
        ),
        (
            "count_if",
            ("pred: Callable[[int], bool] (usage)", "xs: list[int] (usage)"),
            "pub fn count_if(pred: impl Fn(i64) -> bool, xs: &[i64]) -> i64",
        ),
        (
            "sort_by",
            ("xs: list[int] (usage)", "key: Callable[[int], int] (usage)"),
            "pub fn sort_by(xs: &[i64], key: impl Fn(i64) -> i64) -> Vec<i64>",
        ),
        (
            "twice",
            ("f: Callable[[int], int] (usage)", "x: int (usage)"),
            "pub fn twice(f: impl Fn(i64) -> i64, x: i64) -> i64",
        ),
        (
            "keep",
            ("pred: Callable[[int], bool] (usage)", "xs: list[int] (usage)"),
            "pub fn keep(pred: impl Fn(i64) -> bool, xs: &[i64]) -> Vec<i64>",
        ),
        (
            "shout_each",
            ("f: Callable[[str], int] (usage)", "words: list[str] (usage)"),
            "pub fn shout_each(f: impl Fn(&str) -> i64, words: &[String]) -> Vec<i64>",
        ),
        (
            "combine",
            ("f: Callable[[int, int], int] (usage)", "a: int (usage)", "b: int (usage)"),
            "pub fn combine(f: impl Fn(i64, i64) -> i64, a: i64, b: i64) -> i64",
        ),
        (
            "split_at",
            ("pred: Callable[[int], bool] (usage)", "xs: list[int] (usage)"),
            "pub fn split_at(pred: impl Fn(i64) -> bool, xs: &[i64]) -> Vec<Vec<i64>>",
        ),
    ],
)
def test_callable_typing_is_recorded_and_verified(
    compiled, qualname: str, typing: tuple[str, ...], signature: str
) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert tr.typing == typing
    assert signature in tr.rust
    assert_verifies(compiled, qualname, min_inputs=3)


def test_an_argument_of_another_type_than_assumed_is_refused_not_coerced(compiled) -> None:
    """``f(half(x))`` passes a float where the walk assumed rule 7's int: inference refuses
    the call instead of converting the value."""
    reason = dict(compiled.refused)["on_half"]
    assert reason.startswith("PT024") and "expects int, got float" in reason, reason


@pytest.mark.parametrize(
    ("qualname", "old", "new"),
    [
        ("count_if", "n += 1;", "n += 2;"),
        ("twice", "f(f(x))", "f(x)"),
        ("keep", ".filter(|item| pred(*item))", ".filter(|item| !pred(*item))"),
    ],
)
def test_a_wrong_body_for_a_callable_typing_is_a_mismatch(compiled, qualname, old, new) -> None:
    assert old in compiled_rust(compiled, qualname)
    assert_change_caught(compiled, qualname, old, new)


def test_a_callable_typing_python_rejects_is_refuted_not_verified(compiled) -> None:
    """The Rust of ``twice`` verified against a Python body that cannot take the assumed
    int-to-int functions (``.upper()`` on an int): refuted, never verified."""
    unit, tr = next((u, t) for u, t in compiled.items if u.qualname == "twice")
    crate = compiled.outcome.crate
    python = SOURCE.replace("return f(f(x))", "return f(f(x.upper()))")
    options = VerifyOptions(examples_per_function=10)
    verdict, _rows = verify_unit(crate.name, crate.files, {compiled.rel: python}, unit, tr, options)
    assert verdict.status == Status.UNTESTED, verdict
    assert "typing refuted" in verdict.reason and "f: Callable[[int], int] (usage)" in (
        verdict.reason
    )
