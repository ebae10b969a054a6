"""Everyday untyped idioms found by the probe tests/algos/everyday_untyped_3.py, in functions
with no example to type them from (their parameters typed from their uses alone):

- a module constant the body reads (``c in VOWELS``, ``sorted(SCORES.items(), ...)``) says
  what its value is (a str, a dict of str to int), unless the function binds the name;
- ``d.items()`` / ``.keys()`` / ``.values()`` as a value (``sorted(d.items(), key=...)``)
  carries the dict's key and value types to what iterates it;
- a known dict (``d = {}``) indexed by an int takes an int key (it is not a list);
- a generator expression is an iterable of its items (``" ".join(c for c in word)``);
- ``dict(x)`` copies a mapping, ``Counter(xs)`` counts items, ``defaultdict(int)`` is a dict
  of ints; ``dict(even=0, odd=0)`` is the display ``{"even": 0, "odd": 0}``;
- a ``None``-default parameter returned beside an item of a typed parameter
  (``return xs[i]`` / ``return default``) takes the item's type, and an unannotated function
  returning an ``Optional[int]`` on one path and an ``int`` on another returns
  ``Optional[int]`` (each int wrapped);
- ``max(d, key=d.get)`` (``min``, ``sorted``): ``d`` is a dict whose keys are the items and
  whose values are compared (a number, rule 1);
- what a ``key=`` lambda returns is compared (a number, rule 1), ``kv[1]`` of a dict item is
  the dict's value (``sorted(d.items(), key=lambda kv: kv[1])``); a name first given a str
  (``best = ""``) and then an item (``best = w``) makes the item a str; an argument of a str
  method called on a str parameter (``s.find(ch)``) is a str;
- ``sorted(list(x))`` (``sum``, ``min``, ``max``, ``set`` of ``list(x)``) is the consumer of
  ``x`` itself: ``sorted(list(set(nums)))`` is translated as ``sorted(set(nums))`` was;
- a ``%d`` operand that is a dereferenced loop item (``for name, value in rows``) is
  ``(*value).to_string()`` (was ``*value.to_string()``, a rustc error).

Unit tests on the engine, then real rustc and the real verifier."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    make_unit,
    rustc,
)

SOURCE = """
from collections import Counter, defaultdict

VOWELS = "aeiouAEIOU"
SCORES = {"A": 90, "B": 80, "C": 70}


def vowel_ratio(word):
    if not word:
        return 0.0
    v = len([c for c in word if c in VOWELS])
    return v / len(word)


def grade_letter(score):
    for letter, low in sorted(SCORES.items(), key=lambda kv: kv[1], reverse=True):
        if score >= low:
            return letter
    return "F"


def shadowed(VOWELS, ch):
    return ch in VOWELS


def ranked(scores):
    return [name for name, points in sorted(scores.items(), key=lambda kv: -kv[1]) if points > 1]


def squares_dict(n):
    d = {}
    for i in range(1, n + 1):
        d[i] = i * i
    return d


def spaced_out(word):
    return " ".join(c for c in word)


def merge_counts(a, b):
    result = dict(a)
    for k in b:
        result[k] = result.get(k, 0) + b[k]
    return result


def letter_counts(word):
    return dict(Counter(word.lower()))


def group_by_first(words):
    d = defaultdict(int)
    for w in words:
        d[w[:1]] += 1
    return dict(d)


def count_by_parity(nums):
    counts = dict(even=0, odd=0)
    for n in nums:
        if n % 2 == 0:
            counts["even"] += 1
        else:
            counts["odd"] += 1
    return counts


def safe_get(xs, i, default=None):
    '''safe_get([1, 2], 5) -> None'''
    if 0 <= i < len(xs):
        return xs[i]
    return default


def lookup(d, key, fallback=None):
    '''lookup({"a": 1}, "b") -> None'''
    if key in d:
        return d[key]
    return fallback


def unique_sorted(nums):
    '''unique_sorted([3, 1, 3, 2]) -> [1, 2, 3]'''
    return sorted(list(set(nums)))


def largest_key(d):
    return max(d, key=d.get)


def ranked_keys(d):
    return sorted(d, key=d.get, reverse=True)


def top_n(d, n):
    return sorted(d.items(), key=lambda kv: kv[1], reverse=True)[:n]


def keys_by_value(d):
    return sorted(d, key=lambda k: d[k])


def longest(words):
    best = ""
    for w in words:
        if len(w) > len(best):
            best = w
    return best


def find_all(s, ch):
    idx = []
    i = s.find(ch)
    while i != -1:
        idx.append(i)
        i = s.find(ch, i + 1)
    return idx


def format_table(rows):
    lines = []
    for name, value in rows:
        lines.append("%s: %d" % (name, value))
    return "\\n".join(lines)
"""


def _typing(done, name: str) -> tuple[str, ...]:
    tr = next(t for u, t in done.items if u.qualname == name)
    assert tr.ok, tr.reason
    return tr.typing


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_untyped_everyday_idioms_type_from_their_uses_and_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "everyday3.py", SOURCE)
    expected = {
        "vowel_ratio": ("word: str (usage)",),
        "grade_letter": ("score: int (usage)",),
        "ranked": ("scores: dict[int, int] (usage)",),
        "squares_dict": ("n: int (usage)",),
        "spaced_out": ("word: list[str] (usage)",),
        "merge_counts": ("a: dict[int, int] (usage)", "b: dict[int, int] (usage)"),
        "letter_counts": ("word: str (usage)",),
        "group_by_first": ("words: list[str] (usage)",),
        "count_by_parity": ("nums: list[int] (usage)",),
        "largest_key": ("d: dict[int, int] (usage)",),
        "ranked_keys": ("d: dict[int, int] (usage)",),
        "top_n": ("d: dict[int, int] (usage)", "n: int (usage)"),
        "keys_by_value": ("d: dict[int, int] (usage)",),
        "longest": ("words: list[str] (usage)",),
        "find_all": ("s: str (usage)", "ch: str (usage)"),
    }
    for name, typing in expected.items():
        assert _typing(done, name) == typing, name
    assert _typing(done, "safe_get")[-1] == "default: Optional[int] (usage)"
    assert _typing(done, "lookup")[-1] == "fallback: Optional[int] (usage)"
    for name in (*expected, "format_table", "safe_get", "lookup", "unique_sorted"):
        assert_verifies(done, name)


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_a_parameter_named_like_a_constant_is_not_the_constant(tmp_path) -> None:
    done = compile_module(tmp_path, "shadow.py", SOURCE)
    # ``ch in VOWELS`` with VOWELS the parameter: a container of ch's kind, not the str
    assert "VOWELS: str" not in " ".join(_typing(done, "shadowed"))


def test_dict_of_keywords_is_a_display() -> None:
    src = "def f(n: int):\n    d = dict(low=n, high=n + 1)\n    return d\n"
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert '"low".to_string()' in tr.rust and "PyDict<String, i64>" in tr.rust, tr.rust


def test_a_dereferenced_int_keeps_its_brackets_in_percent_formatting() -> None:
    src = (
        "def f(rows: list[tuple[str, int]]):\n    out = []\n    for name, value in rows:\n"
        '        out.append("%s: %d" % (name, value))\n    return out\n'
    )
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "(*value).to_string()" in tr.rust, tr.rust


def test_an_optional_and_a_value_returned_make_an_optional_result() -> None:
    src = (
        "def f(xs: list[int], d: Optional[int] = None):\n    if xs:\n        return xs[0]\n"
        "    return d\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "-> Option<i64>" in tr.rust and "Some(" in tr.rust, tr.rust


def test_an_optional_and_another_type_returned_stay_refused() -> None:
    src = (
        "def f(xs: list[str], d: Optional[int] = None):\n    if xs:\n        return xs[0]\n"
        "    return d\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "returns both" in tr.reason, tr.reason


def test_a_list_of_a_set_unsorted_stays_refused() -> None:
    src = "def f(nums: list[int]):\n    return list(set(nums))\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok, tr.rust


def test_a_number_name_given_an_item_keeps_int_or_float_open() -> None:
    # ``acc = 0`` then ``acc = a[j][j] - acc``: the items may still be floats (``V[j][j] = ``
    # a float below); only a str name fixes its item's kind
    src = (
        "def f(a):\n    n = len(a)\n    v = [[0.0] * n for _ in range(n)]\n"
        "    for j in range(n):\n        acc = 0\n        acc = a[j][j] - acc\n"
        "        v[j][j] = math.pow(acc, 0.5) if acc > 0 else 0.0\n"
        "        v[j][j] = a[j][j] * 1.0\n    return v\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
