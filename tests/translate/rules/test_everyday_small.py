"""Everyday untyped idioms found by the probe tests/algos/everyday_untyped_2.py: an int
operand of ``%``/f-string formatting that is an operator expression (``len(xs)``, ``n + 1``)
formatted with ``.to_string()`` keeps its brackets, and a dict item grown by ``+=`` before the
statement that first stores it (``if k in d: d[k] += 1 else: d[k] = 1``) is typed by the
operand; an unannotated function returning an int on some paths and a float on others is
typed ``-> float`` as if annotated (each int return the f64 equal to it), ``d.get(k, 0)`` of a
dict of floats defaults to ``0.0``, and printing either is refused; list items unpacked into
names in a loop or comprehension (``for a, b in pairs`` over a list of lists) go through
``pyrt::unpack`` (ValueError on another length); ``a, b = x, y`` into variables that are
``None`` elsewhere stores ``Some(..)`` (``best, score = None, None`` starts both so); ``len``
of a list comprehension over a set, free of effects, counts in any order. Unit tests on the
engine, then real rustc and the real verifier."""

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


def sum_pairs(pairs):
    """sum_pairs([[1, 2], [3, 4]]) ➞ [3, 7]"""
    return [a + b for a, b in pairs]


def joined_pairs(pairs):
    """joined_pairs([["a", "b"], ["c", "d"]]) ➞ ['ab', 'cd']"""
    out = []
    for first, second in pairs:
        out.append(first + second)
    return out


def pairs_to_dict(pairs):
    """pairs_to_dict([[1, 2], [3, 4]]) ➞ {1: 2, 3: 4}"""
    return {k: v for k, v in pairs}


def any_descending(pairs):
    """any_descending([[1, 2], [4, 3]]) ➞ True"""
    return any(a > b for a, b in pairs)


def best_pair(scores):
    """best_pair({'ann': 3, 'bo': 5}) ➞ ('bo', 5)"""
    best_name = None
    best_score = None
    for name, score in scores.items():
        if best_score is None or score > best_score:
            best_name, best_score = name, score
    return best_name, best_score


def duplicate_count(text):
    """duplicate_count("aabBcde") ➞ 2"""
    text = text.lower()
    return len([c for c in set(text) if text.count(c) > 1])


def lowest_and_count(nums):
    """lowest_and_count([4, 2, 7]) ➞ (2, 3)"""
    lowest, count = None, 0
    for n in nums:
        count += 1
        if lowest is None or n < lowest:
            lowest = n
    return lowest, count


def top_name(scores):
    """top_name({'ann': 3, 'bo': 5}) ➞ 'bo'"""
    best, best_score = None, None
    for name, score in scores.items():
        if best_score is None or score > best_score:
            best, best_score = name, score
    return best


def medians_shown(rows):
    """medians_shown([[1, 2, 3], [1, 2]]) ➞ '[2, 1.5]'"""
    xs = [median(r) for r in rows]
    return str(xs)


def medians_grown(rows):
    """medians_grown([[1, 2, 3], [1, 2]]) ➞ '[2, 1.5]'"""
    out = []
    for r in rows:
        out.append(median(r))
    return str(out)


def medians_sum(rows):
    """medians_sum([[1, 2, 3], [1, 2]]) ➞ 3.5"""
    total = 0
    for r in rows:
        total += median(r)
    return total


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
    unpacked = ("sum_pairs", "joined_pairs", "pairs_to_dict", "any_descending", "best_pair")
    unpacked = (*unpacked, "duplicate_count", "lowest_and_count", "top_name", "medians_sum")
    for name in (*names, "total_price", "price_of", *unpacked):
        assert_verifies(done, name)
    assert "PyDict<String, String>" in compiled_rust(done, "joined")
    assert "pub fn median(nums: &[i64]) -> f64" in compiled_rust(done, "median")
    verdict, _ = assert_verifies(done, "median", min_inputs=10)
    for name, culprit in (
        ("shown", "median returns an int or a float"),
        ("shown_later", "m may hold an int where the Rust has a float"),
        ("price_shown", ".get() of a dict of floats with an int default"),
        ("medians_shown", "xs may hold an int where the Rust has a float"),
        ("medians_grown", "out may hold an int where the Rust has a float"),
        ("price_shown_later", "p may hold an int where the Rust has a float"),
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


def test_a_list_item_unpacked_in_a_nested_target_is_refused() -> None:
    src = (
        "def f(pairs: list[list[int]]):\n    return [i * a + b for i, (a, b) in enumerate(pairs)]\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "unpacked into names inside a nested target" in tr.reason, tr.reason


def test_a_counted_comprehension_over_a_set_with_effects_stays_refused() -> None:
    src = "def f(xs: list[int]):\n    out = []\n    return len([out.append(c) for c in set(xs)])\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "iterating a set" in tr.reason, tr.reason


def test_a_name_only_ever_given_none_by_unpacking_keeps_its_none() -> None:
    src = "def f(x: int):\n    a, b = None, x\n    return a, b\n"
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "-> ((), i64)" in tr.rust, tr.rust
