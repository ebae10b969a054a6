"""Sets and tuples: membership, set algebra, tuple packing and unpacking."""

from typing import FrozenSet, List, Set, Tuple


def unique_count(items: List[int]) -> int:
    """Number of distinct values.

    >>> unique_count([1, 2, 2, 3, 3, 3])
    3
    """
    return len(set(items))


def common_elements(a: List[int], b: List[int]) -> List[int]:
    """Sorted intersection.

    >>> common_elements([1, 2, 3, 4], [3, 4, 5, 3])
    [3, 4]
    """
    return sorted(set(a) & set(b))


def union_all(groups: List[List[int]]) -> Set[int]:
    """Union of many lists.

    >>> sorted(union_all([[1, 2], [2, 3], [5]]))
    [1, 2, 3, 5]
    >>> union_all([])
    set()
    """
    result: Set[int] = set()
    for g in groups:
        result |= set(g)
    return result


def symmetric_difference(a: Set[str], b: Set[str]) -> List[str]:
    """Elements in exactly one of the sets, sorted.

    >>> symmetric_difference({"a", "b", "c"}, {"b", "c", "d"})
    ['a', 'd']
    """
    return sorted(a ^ b)


def only_in_first(a: List[str], b: List[str]) -> List[str]:
    """Set difference preserving a's order.

    >>> only_in_first(["x", "y", "z", "x"], ["y"])
    ['x', 'z', 'x']
    """
    exclude = set(b)
    return [v for v in a if v not in exclude]


def is_subset(small: List[int], big: List[int]) -> bool:
    """Subset test with <=.

    >>> is_subset([1, 2], [3, 2, 1]), is_subset([1, 4], [1, 2])
    (True, False)
    """
    return set(small) <= set(big)


def jaccard(a: Set[str], b: Set[str]) -> float:
    """Jaccard similarity, 1.0 for two empty sets.

    >>> jaccard({"a", "b", "c"}, {"b", "c", "d"})
    0.5
    >>> jaccard(set(), set())
    1.0
    """
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def has_duplicates(items: List[int]) -> bool:
    """True if any value repeats.

    >>> has_duplicates([1, 2, 3]), has_duplicates([1, 2, 1])
    (False, True)
    """
    return len(items) != len(set(items))


def seen_before(items: List[str]) -> List[bool]:
    """For each item, was it seen earlier in the list?

    >>> seen_before(["a", "b", "a", "c", "b"])
    [False, False, True, False, True]
    """
    seen: Set[str] = set()
    flags = []
    for item in items:
        flags.append(item in seen)
        seen.add(item)
    return flags


def remove_from_set(s: Set[int], values: List[int]) -> Set[int]:
    """discard() ignores missing values; remove() would raise.

    >>> sorted(remove_from_set({1, 2, 3}, [2, 9]))
    [1, 3]
    """
    for v in values:
        s.discard(v)
    return s


def frozen_key(items: List[str]) -> FrozenSet[str]:
    """A hashable set usable as a dict key.

    >>> d = {frozen_key(["b", "a"]): 1}
    >>> d[frozen_key(["a", "b", "a"])]
    1
    """
    return frozenset(items)


def swap(pair: Tuple[int, int]) -> Tuple[int, int]:
    """Swap a pair with tuple unpacking.

    >>> swap((1, 2))
    (2, 1)
    """
    a, b = pair
    a, b = b, a
    return a, b


def min_max_avg(values: List[float]) -> Tuple[float, float, float]:
    """Return three stats packed into a tuple.

    >>> min_max_avg([2, 4, 9])
    (2, 9, 5.0)
    """
    return min(values), max(values), sum(values) / len(values)


def head_tail(items: List[int]) -> Tuple[int, List[int]]:
    """Star-unpacking: first element and the rest.

    >>> head_tail([1, 2, 3])
    (1, [2, 3])
    >>> head_tail([7])
    (7, [])
    """
    first, *rest = items
    return first, rest


def first_last_middle(items: List[str]) -> Tuple[str, str, List[str]]:
    """Star in the middle.

    >>> first_last_middle(["a", "b", "c", "d"])
    ('a', 'd', ['b', 'c'])
    """
    first, *middle, last = items
    return first, last, middle


def tuple_compare(a: Tuple[int, ...], b: Tuple[int, ...]) -> int:
    """Lexicographic tuple comparison as -1/0/1.

    >>> tuple_compare((1, 2, 3), (1, 2, 4)), tuple_compare((2,), (1, 9)), tuple_compare((1, 2), (1, 2))
    (-1, 1, 0)
    >>> tuple_compare((1, 2), (1, 2, 0))
    -1
    """
    if a < b:
        return -1
    if a > b:
        return 1
    return 0


def rotate_tuple(t: Tuple[int, ...], k: int) -> Tuple[int, ...]:
    """Rotate left by k.

    >>> rotate_tuple((1, 2, 3, 4), 1)
    (2, 3, 4, 1)
    >>> rotate_tuple((), 3)
    ()
    """
    if not t:
        return t
    k %= len(t)
    return t[k:] + t[:k]


def pairs_to_columns(pairs: List[Tuple[str, int]]) -> Tuple[Tuple[str, ...], Tuple[int, ...]]:
    """Unzip a list of pairs with zip(*...).

    >>> pairs_to_columns([("a", 1), ("b", 2), ("c", 3)])
    (('a', 'b', 'c'), (1, 2, 3))
    """
    names, numbers = zip(*pairs)
    return names, numbers


def point_add(p: Tuple[float, float], q: Tuple[float, float]) -> Tuple[float, float]:
    """Vector addition of 2-tuples.

    >>> point_add((1, 2.5), (3, -0.5))
    (4, 2.0)
    """
    return (p[0] + q[0], p[1] + q[1])


def count_tuple(t: Tuple[int, ...], value: int) -> Tuple[int, int]:
    """tuple.count and tuple.index (or -1).

    >>> count_tuple((3, 1, 3, 2), 3)
    (2, 0)
    >>> count_tuple((1, 2), 5)
    (0, -1)
    """
    idx = t.index(value) if value in t else -1
    return t.count(value), idx


def distinct_pairs_with_sum(nums: List[int], target: int) -> Set[Tuple[int, int]]:
    """Unique (small, large) pairs that sum to target.

    >>> sorted(distinct_pairs_with_sum([1, 5, 7, -1, 5, 3, 3], 6))
    [(-1, 7), (1, 5), (3, 3)]
    """
    seen: Set[int] = set()
    pairs: Set[Tuple[int, int]] = set()
    for n in nums:
        other = target - n
        if other in seen:
            pairs.add((min(n, other), max(n, other)))
        seen.add(n)
    return pairs


def power_set(items: List[int]) -> List[List[int]]:
    """All subsets, via bit masks, in mask order.

    >>> power_set([1, 2, 3])
    [[], [1], [2], [1, 2], [3], [1, 3], [2, 3], [1, 2, 3]]
    """
    n = len(items)
    return [[items[i] for i in range(n) if mask & (1 << i)] for mask in range(1 << n)]


def set_comprehension_lengths(words: List[str]) -> Set[int]:
    """Distinct word lengths via a set comprehension.

    >>> sorted(set_comprehension_lengths(["a", "bb", "cc", "ddd"]))
    [1, 2, 3]
    """
    return {len(w) for w in words}


def named_fields(record: Tuple[str, int, float]) -> str:
    """Unpack a record tuple into named locals.

    >>> named_fields(("widget", 3, 2.5))
    'widget x3 @ 2.5 = 7.5'
    """
    name, qty, price = record
    return f"{name} x{qty} @ {price} = {qty * price}"
