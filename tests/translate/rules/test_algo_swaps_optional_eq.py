"""Annotated-algorithm idioms found by the probe tests/algos/annotated_algorithms_3.py.

A swap of list places holding lists (``m[i], m[j] = m[j], m[i]``: Gaussian elimination's row
swap, a bubble sort of rows) permutes the objects, each ending in exactly one place: it is
translated with copies, where any other store of a list item into another place stays refused
(Python would share it). ``x == opt`` between a scalar and an Optional of its type (a
Boyer-Moore candidate, ``d.get(k) == n``, ``w == prev``) is ``opt == Some(x)``: Python's value
never equals None, else the values compare. Unit tests on the engine, then real rustc and the
real verifier. A result annotated ``-> Any`` / ``-> object`` says nothing Python checks: it is
typed from the return statements, as an unannotated or bare-container result is. A name that
tests true is not None: ``if values:`` / ``if not values: return`` narrow an Optional as
``is not None`` does (``for v in values``, ``values[0]``, ``name.upper() if name else ...``).
A fresh display passed where it is changed in place (``backtrack(0, target, [])``) is a Rust
temporary (``&mut Vec::new()``): Python changes an object no one else holds, then drops it."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    make_unit,
    rustc,
)

SOURCE = '''
from typing import Any, Optional


def row_swapped(m: list[list[float]], i: int, j: int) -> list[list[float]]:
    """
    >>> row_swapped([[1.0], [2.0, 3.0]], 0, 1)
    [[9.0, 3.0], [1.0]]
    """
    out = [row[:] for row in m]
    out[i], out[j] = out[j], out[i]
    out[i][0] = 9.0
    return out


def rows_rotated(xs: list[list[str]], i: int, j: int, k: int) -> None:
    """
    >>> rows_rotated([["a"], ["b"], ["c"]], 0, 1, 2)
    """
    xs[i], xs[j], xs[k] = xs[j], xs[k], xs[i]


def rows_bubbled(rows: list[list[int]]) -> list[list[int]]:
    """
    >>> rows_bubbled([[3], [1, 2], [0]])
    [[1, 2, 1], [0], [3]]
    """
    data = [r[:] for r in rows]
    for k in range(len(data) - 1):
        if data[k] > data[k + 1]:
            data[k], data[k + 1] = data[k + 1], data[k]
    if data:
        data[0].append(1)
    return data


def majority(nums: list[int]) -> Optional[int]:
    """
    >>> majority([2, 2, 1, 1, 1, 2, 2])
    2
    """
    candidate, count = None, 0
    for n in nums:
        if count == 0:
            candidate = n
        count += 1 if n == candidate else -1
    if candidate is not None and nums.count(candidate) * 2 > len(nums):
        return candidate
    return None


def repeats(words: list[str]) -> int:
    """
    >>> repeats(["a", "a", "b", "a", "a"])
    2
    """
    prev: Optional[str] = None
    count = 0
    for w in words:
        if w == prev:
            count += 1
        prev = w
    return count


def has_count(d: dict[str, int], key: str, n: int) -> bool:
    """
    >>> has_count({"a": 1}, "a", 1), has_count({"a": 1}, "b", 1)
    (True, False)
    """
    return d.get(key) == n


def first_item(xs: list[int]) -> Any:
    """
    >>> first_item([4, 5])
    4
    """
    return xs[0]


def looked_up(d: dict[str, str], k: str) -> object:
    """
    >>> looked_up({"a": "x"}, "a"), looked_up({}, "b")
    ('x', '')
    """
    return d.get(k, "")


def summed(values: Optional[list[int]] = None) -> int:
    """
    >>> summed([1, 2]), summed([]), summed()
    (3, 0, 0)
    """
    s = 0
    if values:
        for v in values:
            s += v
    return s


def first_or(values: Optional[list[str]], default: str) -> str:
    """
    >>> first_or(None, "x"), first_or(["a"], "x")
    ('x', 'a')
    """
    if not values:
        return default
    return values[0]


def shout(name: Optional[str]) -> str:
    """
    >>> shout("ab"), shout(""), shout(None)
    ('AB', 'anon', 'anon')
    """
    return name.upper() if name else "anon"


def doubled(n: Optional[int]) -> int:
    """
    >>> doubled(3), doubled(0), doubled(None)
    (6, -1, -1)
    """
    if n:
        return n * 2
    return -1


def combination_sums(candidates: list[int], target: int) -> list[list[int]]:
    """
    >>> combination_sums([2, 3, 6, 7], 7)
    [[2, 2, 3], [7]]
    """
    result: list[list[int]] = []

    def backtrack(start: int, remaining: int, path: list[int]) -> None:
        if remaining == 0:
            result.append(path[:])
            return
        for i in range(start, len(candidates)):
            if 0 < candidates[i] <= remaining:
                path.append(candidates[i])
                backtrack(i, remaining - candidates[i], path)
                path.pop()

    backtrack(0, min(target, 12), [])
    return result


def counted_twice(d: dict[str, int], k: str) -> int:
    d[k] = d.get(k, 0) + 1
    return d[k]


def fresh_counts(k: str) -> int:
    """
    >>> fresh_counts("a"), fresh_counts("b")
    (3, 2)
    """
    return counted_twice({}, k) + counted_twice({"a": 1}, k)


def differs(a: Optional[float], b: float) -> bool:
    """
    >>> differs(None, 1.0), differs(1.5, 1.5)
    (True, False)
    """
    return b != a
'''


@pytest.mark.parametrize(
    "body",
    [
        "    row = m[0]\n    m[0], m[1] = m[1], m[0]\n    row.append(7)\n    return m\n",
        "    m[0], m[1] = m[1], m[1]\n    return m\n",  # not a permutation: shares m[1]
        "    m[m[0][0]], m[0] = m[0], m[m[0][0]]\n    return m\n",  # index read from m
    ],
)
def test_stores_that_share_a_list_stay_refused(body: str) -> None:
    src = "def f(m: list[list[int]]) -> list[list[int]]:\n" + body
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "PT030" in tr.reason, tr.reason


def test_a_row_swap_copies_the_rows_it_reads_first() -> None:
    src = "def f(m: list[list[int]], i: int, j: int) -> None:\n    m[i], m[j] = m[j], m[i]\n"
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    assert "let (v0, v1) = (m.at(j).clone(), m.at(i).clone());" in tr.rust, tr.rust


@pytest.mark.parametrize(
    "src",
    [
        "def f(a: Optional[int], b: float) -> bool:\n"
        "    return a == b\n",  # int against float: another type
        "def f(a: Optional[list[int]], b: list[int]) -> bool:\n    return a == b\n",  # not a scalar
        "def f(a: Optional[int], b: int) -> bool:\n"
        "    return a < b\n",  # ordering: Python raises on None
    ],
)
def test_other_optional_comparisons_stay_refused(src: str) -> None:
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "PT014" in tr.reason, tr.reason


def test_an_any_result_of_two_types_stays_refused() -> None:
    src = "def f(xs: list[int]) -> Any:\n    if xs:\n        return xs[0]\n    return 'none'\n"
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok and "returns both" in tr.reason, tr.reason


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_swaps_and_optional_equality_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "algos.py", SOURCE)
    for name in ("row_swapped", "rows_rotated", "rows_bubbled", "majority", "repeats"):
        assert_verifies(done, name)
    assert_verifies(done, "has_count")
    assert "-> i64" in compiled_rust(done, "first_item")
    assert_verifies(done, "first_item")
    assert_verifies(done, "looked_up")
    for name in ("summed", "first_or", "shout", "doubled", "combination_sums", "fresh_counts"):
        assert_verifies(done, name, min_inputs=3)
    # a truthiness test read as a None test (0 and "" taken as values) is caught
    assert_change_caught(done, "doubled", "if n.is_some_and(|v| v != 0)", "if n.is_some()")
    assert_verifies(done, "differs")
    # a comparison reading a missing key (None) as equal is caught
    wrong = "d.get(key).copied().unwrap_or(n) == n"
    assert_change_caught(done, "has_count", "d.get(key).copied() == Some(n)", wrong)
