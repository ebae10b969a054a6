"""Generators and iterator helpers (yield, yield from, itertools-style code)."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def count_up(start: int, stop: int, step: int = 1) -> Iterator[int]:
    """A hand-written range that also supports float-free negative steps.

    >>> list(count_up(0, 5)), list(count_up(5, 0, -2))
    ([0, 1, 2, 3, 4], [5, 3, 1])
    """
    if step == 0:
        raise ValueError("step must not be zero")
    i = start
    while (step > 0 and i < stop) or (step < 0 and i > stop):
        yield i
        i += step


def fibonacci_gen() -> Iterator[int]:
    """Infinite Fibonacci stream.

    >>> list(islice(fibonacci_gen(), 10))
    [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    """
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def take(n: int, items: Iterable[T]) -> list[T]:
    """First n items of any iterable.

    >>> take(3, "abcdef"), take(5, [1, 2])
    (['a', 'b', 'c'], [1, 2])
    """
    out = []
    for i, item in enumerate(items):
        if i >= n:
            break
        out.append(item)
    return out


def chunked(items: list[int], size: int) -> Iterator[list[int]]:
    """Yield successive chunks.

    >>> list(chunked([1, 2, 3, 4, 5], 2))
    [[1, 2], [3, 4], [5]]
    """
    for i in range(0, len(items), size):
        yield items[i:i + size]


def windows(items: list[int], size: int) -> Iterator[tuple[int, ...]]:
    """Sliding windows as tuples.

    >>> list(windows([1, 2, 3, 4], 3))
    [(1, 2, 3), (2, 3, 4)]
    >>> list(windows([1], 2))
    []
    """
    for i in range(len(items) - size + 1):
        yield tuple(items[i:i + size])


def flatten_deep(nested: list) -> Iterator[int]:
    """Recursive flattening with yield from.

    >>> list(flatten_deep([1, [2, [3, [4, 5]]], 6]))
    [1, 2, 3, 4, 5, 6]
    """
    for item in nested:
        if isinstance(item, list):
            yield from flatten_deep(item)
        else:
            yield item


def primes() -> Iterator[int]:
    """Unbounded incremental prime generator.

    >>> list(islice(primes(), 12))
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    """
    composites: dict[int, list[int]] = {}
    n = 2
    while True:
        if n not in composites:
            yield n
            composites[n * n] = [n]
        else:
            for p in composites.pop(n):
                composites.setdefault(n + p, []).append(p)
        n += 1


def running_average(values: Iterable[float]) -> Iterator[float]:
    """Yield the mean so far after each value.

    >>> list(running_average([2, 4, 9]))
    [2.0, 3.0, 5.0]
    """
    total = 0.0
    for count, v in enumerate(values, start=1):
        total += v
        yield total / count


def dedupe_stream(items: Iterable[str]) -> Iterator[str]:
    """Yield first occurrences only, lazily.

    >>> list(dedupe_stream(["a", "b", "a", "c", "b"]))
    ['a', 'b', 'c']
    """
    seen: set[str] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


def interleave_longest(a: list[str], b: list[str]) -> Iterator[str]:
    """Alternate items, continuing with whichever list is longer.

    >>> "".join(interleave_longest(["a", "b", "c"], ["1"]))
    'a1bc'
    """
    for i in range(max(len(a), len(b))):
        if i < len(a):
            yield a[i]
        if i < len(b):
            yield b[i]


def read_records(lines: list[str]) -> Iterator[dict[str, str]]:
    """Parse 'key: value' blocks separated by blank lines.

    >>> list(read_records(["name: ann", "age: 31", "", "name: bob", ""]))
    [{'name': 'ann', 'age': '31'}, {'name': 'bob'}]
    """
    record: dict[str, str] = {}
    for line in lines:
        if not line.strip():
            if record:
                yield record
                record = {}
            continue
        key, _, value = line.partition(":")
        record[key.strip()] = value.strip()
    if record:
        yield record


def first_match(items: Iterable[str], prefix: str) -> str | None:
    """next() on a generator expression with a default.

    >>> first_match(["apple", "banana", "blueberry"], "b"), first_match([], "x")
    ('banana', None)
    """
    return next((s for s in items if s.startswith(prefix)), None)


def pairwise_list(items: list[int]) -> list[tuple[int, int]]:
    """Consecutive pairs via zip on an iterator advanced by next().

    >>> pairwise_list([1, 2, 3, 4])
    [(1, 2), (2, 3), (3, 4)]
    >>> pairwise_list([])
    []
    """
    it = iter(items)
    ahead = iter(items)
    next(ahead, None)
    return list(zip(it, ahead))


def cycle_n(items: list[str], n: int) -> list[str]:
    """First n items of an endless cycle.

    >>> cycle_n(["r", "g", "b"], 7)
    ['r', 'g', 'b', 'r', 'g', 'b', 'r']
    """
    def forever() -> Iterator[str]:
        while True:
            yield from items

    return take(n, forever()) if items else []


def collatz_gen(n: int) -> Iterator[int]:
    """Collatz trajectory as a generator.

    >>> list(collatz_gen(7))
    [7, 22, 11, 34, 17, 52, 26, 13, 40, 20, 10, 5, 16, 8, 4, 2, 1]
    """
    yield n
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        yield n


def accumulate_sums(values: Iterable[int]) -> Iterator[int]:
    """Prefix sums.

    >>> list(accumulate_sums([1, 2, 3, 4]))
    [1, 3, 6, 10]
    """
    total = 0
    for v in values:
        total += v
        yield total


def group_consecutive(items: list[int]) -> Iterator[list[int]]:
    """Group runs of consecutive integers.

    >>> list(group_consecutive([1, 2, 3, 7, 8, 10]))
    [[1, 2, 3], [7, 8], [10]]
    """
    run: list[int] = []
    for x in items:
        if run and x != run[-1] + 1:
            yield run
            run = []
        run.append(x)
    if run:
        yield run


def ranges_summary(items: list[int]) -> str:
    """Summarise sorted ints as '1-3,7-8,10'.

    >>> ranges_summary([1, 2, 3, 7, 8, 10]), ranges_summary([])
    ('1-3,7-8,10', '')
    """
    parts = []
    for run in group_consecutive(items):
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ",".join(parts)


def tokens(text: str, sep: str | None = None) -> Iterator[str]:
    """Lazily yield stripped, non-empty tokens.

    >>> list(tokens(" a , b,,c ", ","))
    ['a', 'b', 'c']
    >>> list(tokens("x  y"))
    ['x', 'y']
    """
    for raw in text.split(sep):
        tok = raw.strip()
        if tok:
            yield tok


def generator_sum_of_squares(n: int) -> int:
    """Consume a generator with sum().

    >>> generator_sum_of_squares(100)
    328350
    """
    return sum(x * x for x in count_up(0, n))


def enumerate_from(items: list[str], start: int = 1) -> list[str]:
    """enumerate with a start value.

    >>> enumerate_from(["a", "b"]), enumerate_from(["x"], start=0)
    (['1. a', '2. b'], ['0. x'])
    """
    return [f"{i}. {item}" for i, item in enumerate(items, start=start)]


def triangle_rows(n: int) -> Iterator[list[int]]:
    """Rows of Pascal's triangle.

    >>> list(triangle_rows(5))
    [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]]
    """
    row = [1]
    for _ in range(n):
        yield row
        row = [1] + [a + b for a, b in zip(row, row[1:])] + [1]
