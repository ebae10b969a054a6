"""Constructs that used to be refused, now translated with Python's meaning (issue 12, section
3): keyword-only parameters, function-local imports, None on some paths (Option<T>), builtin
exception classes, ``string`` constants, ``with contextlib.suppress``, ``max``/``min`` with
``key=`` and ``default=``, classes named with a leading underscore. Real sharder,
engine, rustc and verifier; a wrong translation of the new forms is caught as a mismatch."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    compiled_rust,
    verify_compiled,
)

SOURCE = """
import contextlib
import string


def clamp(x: int, *, lo: int = 0, hi: int = 10) -> int:
    return max(lo, min(x, hi))


def clamps(x: int) -> int:
    return clamp(x, hi=5) + clamp(x, lo=-3, hi=3)


def by_position(x: int) -> int:
    return clamp(x, 1, 2)


def hyp(a: float, b: float) -> float:
    import math

    return math.sqrt(a * a + b * b)


def uses_os(x: int) -> int:
    import msvcrt  # not on every platform

    return x


def safe_div(a: int, b: int):
    if b == 0:
        return None
    return a // b


def first_neg(xs: list[int]):
    for x in xs:
        if x < 0:
            return x


def parse(s: str) -> int:
    try:
        return int(s)
    except (OSError, ValueError):
        return -1


def raises_io(x: int) -> int:
    try:
        return 10 // x
    except IOError:
        return 0


def caesar(text: str, k: int) -> str:
    out = []
    for ch in text:
        if ch in string.ascii_lowercase:
            out.append(string.ascii_lowercase[(string.ascii_lowercase.index(ch) + k) % 26])
        else:
            out.append(ch)
    return "".join(out)


def to_int(s: str) -> int:
    n = -1
    with contextlib.suppress(ValueError):
        n = int(s)
    return n


def to_int_try(s: str) -> int:
    n = -1
    try:
        n = int(s)
    except ValueError:
        pass
    return n


def uses_a_lock(x: int) -> int:
    with open("f") as f:
        return x


def most_negative(xs: list[int]) -> int:
    return max(xs, key=lambda x: -x, default=0)


def longest(words: list[str]):
    return max(words, key=len, default=None)


def fmax(xs: list[float]) -> float:
    return max(xs, default=0.5)


class _Pair:
    def __init__(self, a: int, b: int) -> None:
        self.a = a
        self.b = b

    def total(self) -> int:
        return self.a + self.b


def pair_total(a: int) -> int:
    return _Pair(a, 2 * a).total()
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("causes"), "causes.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "signature"),
    [
        ("clamp", "pub fn clamp(x: i64, lo: i64, hi: i64) -> i64"),
        ("clamps", "pub fn clamps(x: i64) -> i64"),
        ("hyp", "pub fn hyp(a: f64, b: f64) -> f64"),
        ("safe_div", "pub fn safe_div(a: i64, b: i64) -> Option<i64>"),
        ("first_neg", "pub fn first_neg(xs: &[i64]) -> Option<i64>"),
        ("parse", "pub fn parse(s: &str) -> i64"),
        ("raises_io", "pub fn raises_io(x: i64) -> i64"),
        ("caesar", "pub fn caesar(text: &str, k: i64) -> String"),
        ("to_int", "pub fn to_int(s: &str) -> i64"),
        ("to_int_try", "let mut n: i64 = -1;"),
        ("most_negative", "if items.is_empty() { 0 }"),
        ("longest", "pub fn longest(words: &[String]) -> Option<String>"),
        ("fmax", "pub fn fmax(xs: &[f64]) -> f64"),
        ("_Pair", "pub struct _Pair"),
        ("pair_total", "pub fn pair_total(a: i64) -> i64"),
    ],
)
def test_translated_and_verified(compiled, qualname: str, signature: str) -> None:
    assert signature in compiled_rust(compiled, qualname)
    assert_verifies(compiled, qualname)


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        ("by_position", "PT012 line 15: call of clamp passes a keyword-only parameter by position"),
        ("uses_os", "PT010 line 25: import of msvcrt inside a function"),
        (
            "uses_a_lock",
            "PT010 line 83: with open('f'): files and sockets are out of scope",
        ),
    ],
)
def test_still_refused_with_reason(compiled, qualname: str, words: str) -> None:
    assert dict(compiled.refused)[qualname] == words


def test_a_missing_none_path_is_a_mismatch(compiled) -> None:
    """The Option<T> of a function that falls off its end: a Rust that never says None is
    caught on the inputs where Python returns None."""
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn first_neg" in v)
    body = files[key]
    start = body.index("pub fn first_neg")
    end = body.index("\n}\n", start)
    fixed = body[start:end].rstrip()
    assert fixed.endswith("None"), fixed
    files[key] = body[:start] + fixed[: -len("None")] + "Some(0)" + body[end:]
    verdict, rows = verify_compiled(compiled, "first_neg", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
