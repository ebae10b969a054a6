"""Grouping, merging, dedup and ranking on lists and dicts."""

import heapq
from collections import defaultdict
from typing import Any, Dict, Iterable, List, Optional, Tuple


def dedup(items: List[int]) -> List[int]:
    """Remove duplicates, keeping first occurrences in order.

    >>> dedup([3, 1, 3, 2, 1, 5])
    [3, 1, 2, 5]
    >>> dedup([])
    []
    """
    seen = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def group_by_key(records: List[Dict[str, Any]], key: str) -> Dict[Any, List[Dict[str, Any]]]:
    """Group dict records by the value under `key`.

    >>> rows = [{"k": "a", "v": 1}, {"k": "b", "v": 2}, {"k": "a", "v": 3}]
    >>> grouped = group_by_key(rows, "k")
    >>> sorted(grouped)
    ['a', 'b']
    >>> [r["v"] for r in grouped["a"]]
    [1, 3]
    """
    groups: Dict[Any, List[Dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[record[key]].append(record)
    return dict(groups)


def group_by_length(words: List[str]) -> Dict[int, List[str]]:
    """Bucket words by their length.

    >>> group_by_length(["a", "bb", "cc", "d", "eee"])
    {1: ['a', 'd'], 2: ['bb', 'cc'], 3: ['eee']}
    """
    buckets: Dict[int, List[str]] = {}
    for w in words:
        buckets.setdefault(len(w), []).append(w)
    return buckets


def merge_dicts(*dicts: Dict[str, int]) -> Dict[str, int]:
    """Merge dicts, summing values of shared keys.

    >>> merge_dicts({"a": 1, "b": 2}, {"b": 3, "c": 4})
    {'a': 1, 'b': 5, 'c': 4}
    >>> merge_dicts()
    {}
    """
    merged: Dict[str, int] = {}
    for d in dicts:
        for k, v in d.items():
            merged[k] = merged.get(k, 0) + v
    return merged


def deep_merge(base: Dict[str, Any], override: Dict[str, Any]) -> Dict[str, Any]:
    """Recursively merge `override` into a copy of `base`.

    >>> deep_merge({"db": {"host": "x", "port": 1}}, {"db": {"port": 2}, "debug": True})
    {'db': {'host': 'x', 'port': 2}, 'debug': True}
    """
    result = dict(base)
    for key, value in override.items():
        if key in result and isinstance(result[key], dict) and isinstance(value, dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def top_k(values: Iterable[int], k: int) -> List[int]:
    """The k largest values in descending order.

    >>> top_k([5, 1, 9, 3, 7, 9], 3)
    [9, 9, 7]
    >>> top_k([1, 2], 5)
    [2, 1]
    """
    return heapq.nlargest(k, values)


def top_k_by_score(scores: Dict[str, float], k: int) -> List[str]:
    """Names of the k best scores; ties broken by name.

    >>> top_k_by_score({"ann": 91.5, "bob": 78.0, "cy": 91.5, "di": 60.0}, 2)
    ['ann', 'cy']
    """
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, _ in ranked[:k]]


def chunk(items: List[int], size: int) -> List[List[int]]:
    """Split a list into chunks of at most `size` elements.

    >>> chunk([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    >>> chunk([1, 2, 3], 0)
    Traceback (most recent call last):
    ...
    ValueError: size must be positive
    """
    if size <= 0:
        raise ValueError("size must be positive")
    return [items[i:i + size] for i in range(0, len(items), size)]


def flatten(nested: List[List[int]]) -> List[int]:
    """Flatten one level of nesting.

    >>> flatten([[1, 2], [], [3], [4, 5]])
    [1, 2, 3, 4, 5]
    """
    return [x for sub in nested for x in sub]


def invert_dict(mapping: Dict[str, int]) -> Dict[int, List[str]]:
    """Map each value to the sorted list of keys that had it.

    >>> invert_dict({"a": 1, "b": 2, "c": 1})
    {1: ['a', 'c'], 2: ['b']}
    """
    inverted: Dict[int, List[str]] = {}
    for key, value in mapping.items():
        inverted.setdefault(value, []).append(key)
    for keys in inverted.values():
        keys.sort()
    return inverted


def pairwise_diffs(values: List[int]) -> List[int]:
    """Differences between consecutive values.

    >>> pairwise_diffs([1, 4, 9, 16])
    [3, 5, 7]
    >>> pairwise_diffs([5])
    []
    """
    return [b - a for a, b in zip(values, values[1:])]


def find_first(items: List[int], target: int) -> Optional[int]:
    """Index of the first occurrence of target, or None.

    >>> find_first([4, 2, 7, 2], 2)
    1
    >>> find_first([4, 2], 9) is None
    True
    """
    for i, item in enumerate(items):
        if item == target:
            return i
    return None


def rotate_list(items: List[int], k: int) -> List[int]:
    """Rotate right by k positions (k may be negative or larger than len).

    >>> rotate_list([1, 2, 3, 4, 5], 2)
    [4, 5, 1, 2, 3]
    >>> rotate_list([1, 2, 3, 4, 5], -1)
    [2, 3, 4, 5, 1]
    >>> rotate_list([], 3)
    []
    """
    if not items:
        return []
    k %= len(items)
    return items[-k:] + items[:-k] if k else items[:]


def running_totals(values: List[float]) -> List[float]:
    """Cumulative sums.

    >>> running_totals([1, 2, 3, 4])
    [1, 3, 6, 10]
    >>> running_totals([0.5, 0.25])
    [0.5, 0.75]
    """
    totals = []
    acc = 0
    for v in values:
        acc += v
        totals.append(acc)
    return totals


def zip_to_dict(keys: List[str], values: List[int]) -> Dict[str, int]:
    """Pair up keys and values; extra items on either side are dropped.

    >>> zip_to_dict(["x", "y", "z"], [1, 2])
    {'x': 1, 'y': 2}
    """
    return {k: v for k, v in zip(keys, values)}


def min_max(values: List[int]) -> Tuple[int, int]:
    """Smallest and largest value in one pass.

    >>> min_max([3, -1, 8, 0])
    (-1, 8)
    """
    if not values:
        raise ValueError("min_max() arg is an empty sequence")
    lo = hi = values[0]
    for v in values[1:]:
        if v < lo:
            lo = v
        elif v > hi:
            hi = v
    return lo, hi
