"""Partitioning work into balanced, ordered, deterministic groups."""

from __future__ import annotations

import random

from pipeline.records import FileRef
from pipeline.units.partition import BYTES_PER_LINE, estimated_lines, partition


def weights(groups: list[list[int]]) -> list[int]:
    return [sum(g) for g in groups]


def test_balanced_groups() -> None:
    items = [10] * 100
    groups = partition(items, lambda w: w, 100)
    assert len(groups) == 10
    assert weights(groups) == [100] * 10


def test_uneven_items_stay_near_target_and_never_exceed_it_when_avoidable() -> None:
    rng = random.Random(7)
    items = [rng.randint(1, 50) for _ in range(500)]
    target = 200
    groups = partition(items, lambda w: w, target)
    assert all(sum(g) <= target for g in groups)
    # each group (but the last) was closed only because the next item would not fit
    for group, nxt in zip(groups, groups[1:], strict=False):
        assert sum(group) + nxt[0] > target
    assert [x for g in groups for x in g] == items


def test_heavy_item_gets_a_group_of_its_own() -> None:
    items = [5, 5, 1000, 5, 5]
    groups = partition(items, lambda w: w, 100)
    assert groups == [[5, 5], [1000], [5, 5]]
    assert partition([1000, 1000], lambda w: w, 10) == [[1000], [1000]]


def test_order_kept_and_deterministic() -> None:
    items = [(f"f{i}", (i * 37) % 23 + 1) for i in range(200)]
    first = partition(items, lambda it: it[1], 60)
    assert [it for g in first for it in g] == items
    assert partition(items, lambda it: it[1], 60) == first
    assert partition(list(items), lambda it: it[1], 60) == first


def test_zero_and_negative_weights_count_as_one() -> None:
    groups = partition(list(range(10)), lambda _: 0, 3)
    assert [len(g) for g in groups] == [3, 3, 3, 1]
    assert partition(["a", "b"], lambda _: -5, 1) == [["a"], ["b"]]


def test_empty() -> None:
    assert partition([], lambda w: w, 10) == []


def test_files_by_estimated_lines() -> None:
    assert estimated_lines(0) == 1
    assert estimated_lines(BYTES_PER_LINE * 100) == 100
    refs = [FileRef("r", f"m{i}.py", f"/x/m{i}.py", size=BYTES_PER_LINE * 1000) for i in range(9)]
    refs.insert(4, FileRef("r", "huge.py", "/x/huge.py", size=BYTES_PER_LINE * 50_000))
    groups = partition(refs, lambda f: estimated_lines(f.size), 4000)
    assert [[f.path for f in g] for g in groups] == [
        ["m0.py", "m1.py", "m2.py", "m3.py"],
        ["huge.py"],
        ["m4.py", "m5.py", "m6.py", "m7.py"],
        ["m8.py"],
    ]
