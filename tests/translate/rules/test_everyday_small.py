"""Everyday untyped idioms found by the probe tests/algos/everyday_untyped_2.py: an int
operand of ``%``/f-string formatting that is an operator expression (``len(xs)``, ``n + 1``)
formatted with ``.to_string()`` keeps its brackets, and a dict item grown by ``+=`` before the
statement that first stores it (``if k in d: d[k] += 1 else: d[k] = 1``) is typed by the
operand; an unannotated function returning an int on some paths and a float on others is
typed ``-> float`` as if annotated (each int return the f64 equal to it), ``d.get(k, 0)`` of a
dict of floats defaults to ``0.0``, and printing either is refused. Unit tests on the engine,
then real rustc and the real verifier."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    compiled_rust,
    make_unit,
    rustc,
)

SOURCE = '''
def describe(name, items):
    """describe("cart", [1, 2]) ➞ "cart has 2 items" """
    return "%s has %d items" % (name, len(items))


def shifted(n):
    """shifted(4) ➞ "5 and 2.00" """
    return f"{n + 1:d} and {n - 2:.2f}"


def count_words(text):
    """count_words("the cat and the hat") ➞ {'the': 2, 'cat': 1, 'and': 1, 'hat': 1}"""
    result = {}
    for word in text.split():
        if word in result:
            result[word] += 1
        else:
            result[word] = 1
    return result


def joined(pairs):
    """joined([("a", "x"), ("b", "y"), ("a", "z")]) ➞ {'a': 'xz', 'b': 'y'}"""
    out = {}
    for key, text in pairs:
        if key in out:
            out[key] += text
        else:
            out[key] = text
    return out


def median(nums):
    """median([3, 1, 4, 2]) ➞ 2.5"""
    s = sorted(nums)
    mid = len(s) // 2
    if len(s) % 2 == 1:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def average_length(sentence):
    """average_length("hi there") ➞ 3.5"""
    words = sentence.split()
    if not words:
        return 0
    return sum(len(w) for w in words) / len(words)


def spread(nums):
    """spread([1, 5, 3]) ➞ 2"""
    return median(nums) - min(nums)


def shown(nums):
    """shown([1, 2, 3]) ➞ 'median 2'"""
    return f"median {median(nums)}"


def shown_later(nums):
    m = median(nums)
    return "median: " + str(m)


def total_price(cart, prices):
    """total_price({'apple': 2, 'pear': 1}, {'apple': 0.5, 'pear': 0.75}) ➞ 1.75"""
    total = 0
    for item, qty in cart.items():
        total += prices.get(item, 0) * qty
    return total


def price_of(prices, item):
    """price_of({'apple': 0.5}, 'kiwi') ➞ 0"""
    return prices.get(item, 0)


def price_shown(prices, item):
    """price_shown({'apple': 0.5}, 'kiwi') ➞ '0'"""
    return str(prices.get(item, 0))


def price_shown_later(prices, item):
    """price_shown_later({'apple': 0.5}, 'kiwi') ➞ '0'"""
    p = prices.get(item, 0)
    return f"{p}"
'''


@pytest.mark.parametrize(
    "src, needle",
    [
        (
            'def f(name, items):\n    return "%s has %d items" % (name, len(items))\n',
            "(items.len() as i64).to_string()",
        ),
        ('def f(n):\n    return "%d, %.1f" % (n + 1, n - 2)\n', "(n + 1).to_string()"),
        ('def f(n):\n    return "%d, %.1f" % (n, n - 2)\n', "(n - 2) as f64"),
    ],
)
def test_formatted_int_expressions_keep_their_brackets(src: str, needle: str) -> None:
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert needle in tr.rust, tr.rust


def test_an_item_grown_before_its_first_store_is_typed_by_the_operand() -> None:
    src = (
        "def f(text):\n    d = {}\n    for w in text.split():\n        if w in d:\n"
        "            d[w] += 1\n        else:\n            d[w] = 1\n    return d\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "PyDict<String, i64>" in tr.rust


def test_a_later_store_of_another_type_is_refused_not_converted() -> None:
    src = (
        "def f(text):\n    d = {}\n    for w in text.split():\n        if w in d:\n"
        "            d[w] += 1\n        else:\n            d[w] = 0.5\n    return d\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "cannot store float" in tr.reason, tr.reason


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_everyday_idioms_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "everyday.py", SOURCE)
    names = ("describe", "shifted", "count_words", "joined", "average_length", "spread")
    for name in (*names, "total_price", "price_of"):
        assert_verifies(done, name)
    assert "PyDict<String, String>" in compiled_rust(done, "joined")
    assert "pub fn median(nums: &[i64]) -> f64" in compiled_rust(done, "median")
    verdict, _ = assert_verifies(done, "median", min_inputs=10)
    for name, culprit in (
        ("shown", "median returns an int or a float"),
        ("shown_later", "m is an int or a float"),
        ("price_shown", ".get() of a dict of floats with an int default"),
        ("price_shown_later", "p is an int or a float"),
    ):
        tr = next(t for u, t in done.items if u.qualname == name)
        assert not tr.ok and culprit in tr.reason, tr.reason


def test_an_int_and_a_float_returned_type_the_result_float() -> None:
    src = "def f(n):\n    if n > 2:\n        return n\n    return n / 2\n"
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "-> f64" in tr.rust, tr.rust


def test_an_int_and_a_str_returned_stay_refused() -> None:
    src = "def f(n: int):\n    if n > 2:\n        return n\n    return str(n)\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "returns both int and str" in tr.reason, tr.reason
