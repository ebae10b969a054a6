"""``a, b = itertools.tee(xs)`` as one ``iter(xs)`` per name: what is translated, and each
form whose meaning would differ (a shared iterator, a changed collection, an expression
evaluated twice, a count that does not match) refused with its reason."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import make_unit

IMPORTS = ("import itertools", "from itertools import tee")


def translate(body: str, params: str = "xs: list[int]", returns: str = "list[int]"):
    src = f"def f({params}) -> {returns}:\n" + "".join(f"    {line}\n" for line in body)
    return RuleEngine().translate(make_unit(src, imports=IMPORTS))


def test_pairs_walk_the_items_twice() -> None:
    tr = translate(
        ["a, b = itertools.tee(xs)", "next(b, None)", "return [x + y for x, y in zip(a, b)]"]
    )
    assert tr.ok, tr.reason
    assert tr.rust.count("let mut a = xs.iter().copied();") == 1
    assert tr.rust.count("let mut b = xs.iter().copied();") == 1


def test_three_way_tee_of_a_str() -> None:
    tr = translate(["a, b, c = tee(s, 3)", "return list(c)"], params="s: str", returns="list[str]")
    assert tr.ok, tr.reason
    assert tr.rust.count("s.chars().map(String::from)") == 3


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (["a, b = tee(xs, 3)", "return list(a)"], "count is not the number of names"),
        (["a, b = tee(xs[1:])", "return list(a)"], "of anything but a variable"),
        (["xs, ys = tee(xs)", "return list(ys)"], "rebinding its own argument"),
        (["t = tee(xs)", "return xs"], "other than unpacked into names"),
        (["it = iter(xs)", "a, b = tee(it)", "return list(a)"], "the same iterator object"),
        (["a, b = tee(xs)", "xs.append(1)", "return list(a)"], "changed in place"),
        (["a, b = tee(set(xs))", "return list(a)"], "of anything but a variable"),
        (["s = set(xs)", "a, b = tee(s)", "return list(a)"], "iter() of a set"),
    ],
)
def test_other_forms_are_refused(body: list[str], reason: str) -> None:
    tr = translate(body)
    assert not tr.ok and reason in tr.reason, tr.reason
