"""Group work into partitions balanced by weight (lines), so each Dask task is ≫ 1 ms."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

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


Slice = tuple[int, int]  # (index, count): slice ``index`` of a file cut into ``count``
WHOLE: Slice = (0, 1)
MIN_SLICE_LINES = 100  # each slice parses its whole file again: not worth it for less
FULL_SHARE, TAIL_SHARES = 4, (2, 1)  # a file cut in TAIL_FROM or more: slice_shares
TAIL_FROM = 5


def with_slices(
    batches: list[list[T]], weight: Callable[[T], int], target: int
) -> list[tuple[list[T], Slice]]:
    """Each batch with the slice of it to process: a batch of one item heavier than
    ``target`` (a huge file) is cut into ``ceil(weight / target)`` slices (at most one per
    MIN_SLICE_LINES), one task each, so that its units spread over every worker — from three
    such slices on, plus the two smaller ones of ``slice_shares``' tail; any other batch is
    processed whole."""
    tasks: list[tuple[list[T], Slice]] = []
    for batch in batches:
        w = max(1, weight(batch[0])) if len(batch) == 1 else 0
        count = min(-(-w // max(1, target)), w // MIN_SLICE_LINES)
        count += len(TAIL_SHARES) if count >= TAIL_FROM - len(TAIL_SHARES) else 0
        tasks += [(batch, (k, count)) for k in range(count)] if count > 1 else [(batch, WHOLE)]
    return tasks


def slice_shares(count: int) -> list[int]:
    """The relative share of a file's lines each of its ``count`` slices takes: equal,
    except that from TAIL_FROM slices on the last two are a half and a quarter of the
    others. Workers take slices in order, so the last to finish is a small one: with equal
    slices, the worker that ends first idles for up to a whole slice (a third of the run
    of a 10,000-function file on 2 workers, whose 5 slices took 3 rounds)."""
    if count < TAIL_FROM:
        return [1] * count
    return [FULL_SHARE] * (count - len(TAIL_SHARES)) + list(TAIL_SHARES)


class _HasCalls(Protocol):
    @property
    def qualname(self) -> str: ...

    @property
    def calls(self) -> tuple[str, ...]: ...

    @property
    def lines(self) -> int: ...


U = TypeVar("U", bound=_HasCalls)


def file_slice(units: Sequence[U], part: Slice) -> list[U]:
    """The units of slice ``part`` of one file's units (in source order): consecutive runs
    of about equal lines, cut only where no unit calls a sibling across the cut (a unit's
    callees are compile-checked and verified in its crate). The same units in give the same
    slices; every unit lands in exactly one slice of the ``count``. Slices take about their
    ``slice_shares`` of the lines."""
    index, count = part
    if count <= 1:
        return list(units)
    cuts = _free_cuts(units)
    total = sum(max(1, u.lines) for u in units)
    shares = slice_shares(count)
    ends = list(itertools.accumulate(shares))
    bounds, seen = [0], 0
    for pos, unit in enumerate(units, 1):
        seen += max(1, unit.lines)
        wanted = total * ends[len(bounds) - 1] / ends[-1]
        if len(bounds) < count and seen >= wanted and pos in cuts:
            bounds.append(pos)
    bounds += [len(units)] * (count + 1 - len(bounds))
    return list(units[bounds[index] : bounds[index + 1]])


def _free_cuts(units: Sequence[_HasCalls]) -> set[int]:
    """Positions ``i`` (between unit i-1 and unit i) that no sibling call spans."""
    at = {u.qualname: i for i, u in enumerate(units)}
    covered = [0] * (len(units) + 1)
    for i, unit in enumerate(units):
        linked = [at[name] for name in unit.calls if name in at] + [i]
        lo, hi = min(linked), max(linked)
        covered[lo + 1] += 1  # cuts lo+1 .. hi are spanned
        covered[hi + 1] -= 1
    free, depth = set(), 0
    for pos in range(1, len(units)):
        depth += covered[pos]
        if depth == 0:
            free.add(pos)
    return free
