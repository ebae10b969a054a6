"""A generator expression with several ``for`` clauses is collected where it stands (nested
loops pushing into a ``Vec``, back/loops.py); Python computes its items only as its consumer
asks. ``all(m[i][j] == m[j][i] for i in range(n) for j in range(n))`` on a ragged matrix
returns False in Python at the first unequal pair, where the collected Rust indexed past a
short row and panicked (a mismatch under verification, wrong Rust under ``--no-exec``).
``any``/``all`` of one are now nested loops that stop at the deciding item; any other partial
consumer (``next``, ``zip`` with other iterables, a loop that returns, ``in``) is refused
unless computing every item can neither raise nor change anything (analysis/eagergen.py)."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

SOURCE = """
from typing import List


def is_symmetric(m: List[List[int]]) -> bool:
    n = len(m)
    return all(m[i][j] == m[j][i] for i in range(n) for j in range(n))


def any_ratio(rows: List[List[int]], k: int) -> bool:
    return any(k // x > 2 for row in rows if row for x in row)


def all_pairs_total(xs: List[int], ys: List[int]) -> bool:
    return all(x + y > 0 for x in xs for y in ys)


def summed(m: List[List[int]]) -> int:
    return sum(m[i][j] for i in range(len(m)) for j in range(len(m)))


def first_cell(m: List[List[int]]) -> int:
    return next(m[i][j] for i in range(len(m)) for j in range(len(m)))


def first_big(m: List[List[int]]) -> int:
    for v in (m[i][j] for i in range(len(m)) for j in range(2)):
        if v > 2:
            return v
    return -1


def zipped(m: List[List[int]], xs: List[int]) -> List[int]:
    return [a + b for a, b in zip(xs, (row[0] for row in m for _ in range(2)))]


def first_sum(xs: List[int], ys: List[int]) -> int:
    return next(x + y for x in xs for y in ys)
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_any_all_stop_at_the_deciding_item(tmp_path) -> None:
    done = compile_module(tmp_path, "multi.py", SOURCE)
    for name in ("is_symmetric", "any_ratio", "all_pairs_total", "summed"):
        assert_verifies(done, name, examples=30, min_inputs=10)
    # the loops without the early exit compute the items after the deciding one: caught
    assert_change_caught(done, "is_symmetric", "break 'scan;", "", examples=30)


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_partial_consumers_of_raising_items_are_refused(tmp_path) -> None:
    done = compile_module(tmp_path, "multi.py", SOURCE)
    reasons = {u.qualname: t.reason for u, t in done.items if not t.ok}
    for name, why in (
        ("first_cell", "consumed only in part, by next()"),
        ("first_big", "consumed by a loop that may stop early"),
        ("zipped", "consumed only in part, by zip() with other iterables"),
    ):
        assert why in reasons[name] and "several `for` clauses" in reasons[name], reasons[name]
    # items that can neither raise nor change anything: collecting them first is exact
    assert "first_sum" not in reasons
    assert_verifies(done, "first_sum", examples=20)
