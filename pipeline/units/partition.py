"""Group work into partitions balanced by weight (lines), so each Dask task is ≫ 1 ms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

BYTES_PER_LINE = 32  # estimate used before a file is read


def partition(items: Sequence[T], weight: Callable[[T], int], target: int) -> list[list[T]]:
    """Split ``items`` (order kept) into consecutive groups of about ``target`` weight.

    An item heavier than ``target`` gets a group of its own. Deterministic.
    """
    groups: list[list[T]] = []
    current: list[T] = []
    load = 0
    for item in items:
        w = max(1, weight(item))
        if current and load + w > target:
            groups.append(current)
            current, load = [], 0
        current.append(item)
        load += w
    if current:
        groups.append(current)
    return groups


def estimated_lines(size_bytes: int) -> int:
    """Lines in a file of ``size_bytes``, before reading it."""
    return max(1, size_bytes // BYTES_PER_LINE)
