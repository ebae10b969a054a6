"""Parameters typed from their uses in the body (usage.py): the typing chosen and recorded,
the stated rules for ambiguity, refusals that name the disagreeing uses, and end to end with
rustc and the real verifier, which refutes a typing Python rejects and catches a wrong body."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.records import Status
from pipeline.translate.rules.analysis import usage
from pipeline.translate.rules.diagnostics import Refusal, Where
from pipeline.translate.rules.front import lower
from tests.translate.rules.harness import compile_module, verify_compiled

SOURCE = """
def shout(s):
    return s.upper() + "!"


def total(xs):
    t = 0
    for x in xs:
        t += x
    return t


def first(xs):
    return xs[0]


def digits(n):
    if n < 10:
        return 1
    return 1 + digits(n // 10)


def count_vowels(s):
    n = 0
    for c in s:
        if c in "aeiou":
            n += 1
    return n


def scale(x, factor):
    return x * factor * 1.5


def get_middle(s):
    mid = len(s) // 2
    if len(s) % 2 == 0:
        return s[mid - 1 : mid + 1]
    return s[mid]


def word_lengths(words):
    return {w: len(w) for w in words}


def index_of(xs, target):
    for i, x in enumerate(xs):
        if x == target:
            return i
    return -1


def running(xs: list):
    out = []
    total = 0
    for x in xs:
        total += x
        out.append(total)
    return out


def double_then_shout(s):
    return shout(s) * 2


def polymorphic(c):
    if c == "":
        return 0
    return ord(c) + c
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("usage"), "usage_mod.py", SOURCE)


def _tr(done, qualname: str):
    return next(t for u, t in done.items if u.qualname == qualname)


@pytest.mark.parametrize(
    ("qualname", "typing", "signature"),
    [
        ("shout", ("s: str (usage)",), "pub fn shout(s: &str) -> String"),
        ("total", ("xs: list[int] (usage)",), "pub fn total(xs: &[i64]) -> i64"),
        ("first", ("xs: list[T] (usage)",), "pub fn first<T: Clone>(xs: &[T]) -> T"),
        ("digits", ("n: int (usage)",), "pub fn digits(n: i64) -> i64"),
        ("count_vowels", ("s: str (usage)",), "pub fn count_vowels(s: &str) -> i64"),
        (
            "scale",
            ("x: float (usage)", "factor: int (usage)"),
            "pub fn scale(x: f64, factor: i64) -> f64",
        ),
        ("get_middle", ("s: str (usage)",), "pub fn get_middle(s: &str) -> String"),
        ("word_lengths", ("words: list[str] (usage)",), "pub fn word_lengths(words: &[String])"),
        (
            "index_of",
            ("xs: list[T] (usage)", "target: T (usage)"),
            "pub fn index_of<T: Clone + PartialEq>(xs: &[T], target: &T) -> i64",
        ),
        ("running", ("xs: list[int] (usage)",), "pub fn running(xs: &[i64]) -> Vec<i64>"),
        ("double_then_shout", ("s: str (usage)",), "pub fn double_then_shout(s: &str)"),
    ],
)
def test_typing_from_usage_is_recorded_and_verified(
    compiled, qualname: str, typing: tuple[str, ...], signature: str
) -> None:
    tr = _tr(compiled, qualname)
    assert tr.ok, tr.reason
    assert tr.typing == typing
    assert signature in tr.rust
    verdict, rows = verify_compiled(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])


def test_disagreeing_uses_are_refused_naming_both(compiled) -> None:
    reason = dict(compiled.refused)["polymorphic"]
    assert reason.startswith("PT020"), reason
    assert "its uses disagree" in reason and "ord()" in reason


def _lowered(src: str):
    fn = lower.lower_function(src, Where(1), {}, frozenset())
    before = usage.untyped(fn)
    return fn, usage.apply(fn, before, lambda name: None)


@pytest.mark.parametrize(
    ("src", "want"),
    [
        ("def f(a, b):\n    return a + b\n", ["a: int (usage)", "b: int (usage)"]),
        ("def f(x):\n    return f'{x:.2f}'\n", ["x: float (usage)"]),
        ("def f(flag):\n    return 1 if flag else 0\n", ["flag: bool (usage)"]),
        ("def f(name):\n    return f'hi {name}'\n", ["name: str (usage)"]),
        ("def f(d):\n    return d['k'] + 1\n", ["d: dict[str, int] (usage)"]),
        ("def f(s):\n    return s.add(1)\n", ["s: set[int] (usage)"]),
        ("def f(xs: list):\n    return len(xs)\n", ["xs: list[T] (usage)"]),
        ("def f(d, k):\n    return d.get(k, 0)\n", ["d: dict[int, int] (usage)", "k: int (usage)"]),
        (
            "def f(a, b):\n    return set(a) & set(b)\n",
            ["a: list[int] (usage)", "b: list[int] (usage)"],
        ),
        ("def f(ps):\n    return [a + b for a, b in ps]\n", ["ps: list[tuple[int, int]] (usage)"]),
        ("def f(x, y=None):\n    return x.strip()\n", ["x: str (usage)", "y: Optional[T] (usage)"]),
    ],
)
def test_stated_rules(src: str, want: list[str]) -> None:
    _fn, assumed = _lowered(src)
    assert [a.render() for a in assumed] == want


@pytest.mark.parametrize(
    "src",
    [
        "def f(p):\n    return p.x + 1\n",  # an object's attribute
        "def f(p):\n    return p.frobnicate()\n",  # not a builtin type's method
    ],
)
def test_no_evidence_leaves_the_parameter_untyped(src: str) -> None:
    fn, assumed = _lowered(src)
    assert assumed == [] and fn.params[0].ann is None


def test_conflicting_uses_refuse() -> None:
    with pytest.raises(Refusal) as info:
        _lowered("def f(s):\n    s.append(1)\n    return s.upper()\n")
    assert info.value.code == "PT020" and ".append()" in info.value.message


def test_wrong_body_for_a_usage_typing_is_a_mismatch(compiled) -> None:
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn shout" in v)
    assert "to_uppercase" in files[key]
    files[key] = files[key].replace("to_uppercase", "to_lowercase", 1)
    verdict, rows = verify_compiled(compiled, "shout", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


def test_typing_python_rejects_is_refuted_not_verified(compiled) -> None:
    """The same Rust verified against a Python body that rejects the assumed type: with the
    assumption recorded it is refuted (untested, saying so); without it, a mismatch."""
    from pipeline.verify import VerifyOptions, verify_unit

    unit, tr = next((u, t) for u, t in compiled.items if u.qualname == "digits")
    crate = compiled.outcome.crate
    python = SOURCE.replace("if n < 10:", "if n.upper() < 10:")
    options = VerifyOptions(examples_per_function=10)
    verdict, _rows = verify_unit(crate.name, crate.files, {compiled.rel: python}, unit, tr, options)
    assert verdict.status == Status.UNTESTED, verdict
    assert "typing refuted: n: int (usage) assumed" in verdict.reason
    bare = dataclasses.replace(tr, typing=())
    verdict, _rows = verify_unit(
        crate.name, crate.files, {compiled.rel: python}, unit, bare, options
    )
    assert verdict.status == Status.MISMATCH, verdict
