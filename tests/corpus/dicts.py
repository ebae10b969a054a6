"""Dictionary manipulation: get/setdefault/pop/update, iteration, nesting."""

from typing import Any, Dict, List, Mapping, Optional, Tuple


def word_index(words: List[str]) -> Dict[str, List[int]]:
    """Map each word to the positions where it occurs (setdefault).

    >>> word_index(["a", "b", "a", "c", "b"])
    {'a': [0, 2], 'b': [1, 4], 'c': [3]}
    """
    index: Dict[str, List[int]] = {}
    for i, w in enumerate(words):
        index.setdefault(w, []).append(i)
    return index


def count_with_get(items: List[str]) -> Dict[str, int]:
    """Counting with dict.get.

    >>> count_with_get(["x", "y", "x"])
    {'x': 2, 'y': 1}
    """
    counts: Dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def invert(mapping: Dict[str, int]) -> Dict[int, str]:
    """Swap keys and values (later keys win on collisions).

    >>> invert({"a": 1, "b": 2, "c": 1})
    {1: 'c', 2: 'b'}
    """
    return {v: k for k, v in mapping.items()}


def merge_with_priority(defaults: Dict[str, Any], overrides: Dict[str, Any]) -> Dict[str, Any]:
    """update() a copy of the defaults.

    >>> merge_with_priority({"color": "red", "size": 1}, {"size": 3})
    {'color': 'red', 'size': 3}
    """
    merged = dict(defaults)
    merged.update(overrides)
    return merged


def pop_keys(d: Dict[str, int], keys: List[str]) -> int:
    """Pop keys that exist (pop with default) and return the sum of popped values.

    >>> data = {"a": 1, "b": 2, "c": 3}
    >>> pop_keys(data, ["a", "c", "zzz"])
    4
    >>> data
    {'b': 2}
    """
    total = 0
    for k in keys:
        total += d.pop(k, 0)
    return total


def keys_with_value(d: Dict[str, int], target: int) -> List[str]:
    """Keys whose value equals target, in insertion order.

    >>> keys_with_value({"a": 1, "b": 2, "c": 1}, 1)
    ['a', 'c']
    """
    return [k for k, v in d.items() if v == target]


def max_value_key(d: Dict[str, float]) -> Optional[str]:
    """Key with the largest value, None if empty.

    >>> max_value_key({"a": 1.5, "b": 9.0, "c": 3.0})
    'b'
    >>> max_value_key({}) is None
    True
    """
    if not d:
        return None
    return max(d, key=d.get)


def sort_by_value(d: Dict[str, int], descending: bool = False) -> List[Tuple[str, int]]:
    """Items sorted by value, then key.

    >>> sort_by_value({"b": 2, "a": 2, "c": 1})
    [('c', 1), ('a', 2), ('b', 2)]
    >>> sort_by_value({"b": 2, "a": 3}, descending=True)
    [('a', 3), ('b', 2)]
    """
    if descending:
        return sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))
    return sorted(d.items(), key=lambda kv: (kv[1], kv[0]))


def filter_dict(d: Dict[str, int], min_value: int) -> Dict[str, int]:
    """Keep entries with value >= min_value.

    >>> filter_dict({"a": 5, "b": 1, "c": 7}, 5)
    {'a': 5, 'c': 7}
    """
    return {k: v for k, v in d.items() if v >= min_value}


def sum_values(d: Mapping[str, float]) -> float:
    """Sum of values().

    >>> sum_values({"x": 1.5, "y": 2.5})
    4.0
    >>> sum_values({})
    0
    """
    return sum(d.values())


def sorted_keys(d: Dict[str, Any]) -> List[str]:
    """Sorted keys().

    >>> sorted_keys({"pear": 1, "apple": 2, "fig": 3})
    ['apple', 'fig', 'pear']
    """
    return sorted(d.keys())


def nested_get(d: Dict[str, Any], path: str, default: Any = None) -> Any:
    """Look up 'a.b.c' in nested dicts.

    >>> cfg = {"db": {"primary": {"host": "h1", "port": 5432}}}
    >>> nested_get(cfg, "db.primary.port")
    5432
    >>> nested_get(cfg, "db.replica.host", "none")
    'none'
    """
    current: Any = d
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return default
        current = current[part]
    return current


def nested_set(d: Dict[str, Any], path: str, value: Any) -> Dict[str, Any]:
    """Set 'a.b.c' creating intermediate dicts.

    >>> nested_set({}, "a.b.c", 1)
    {'a': {'b': {'c': 1}}}
    """
    parts = path.split(".")
    current = d
    for part in parts[:-1]:
        current = current.setdefault(part, {})
    current[parts[-1]] = value
    return d


def flatten_dict(d: Dict[str, Any], prefix: str = "") -> Dict[str, Any]:
    """Flatten nested dicts into dotted keys.

    >>> flatten_dict({"a": 1, "b": {"c": 2, "d": {"e": 3}}})
    {'a': 1, 'b.c': 2, 'b.d.e': 3}
    """
    flat: Dict[str, Any] = {}
    for key, value in d.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flat.update(flatten_dict(value, full))
        else:
            flat[full] = value
    return flat


def unflatten_dict(flat: Dict[str, Any]) -> Dict[str, Any]:
    """Inverse of flatten_dict.

    >>> unflatten_dict({"a": 1, "b.c": 2, "b.d.e": 3})
    {'a': 1, 'b': {'c': 2, 'd': {'e': 3}}}
    """
    result: Dict[str, Any] = {}
    for key, value in flat.items():
        nested_set(result, key, value)
    return result


def diff_dicts(old: Dict[str, int], new: Dict[str, int]) -> Dict[str, List[str]]:
    """Keys added, removed and changed between two dicts.

    >>> diff_dicts({"a": 1, "b": 2, "c": 3}, {"b": 2, "c": 4, "d": 5})
    {'added': ['d'], 'removed': ['a'], 'changed': ['c']}
    """
    return {
        "added": sorted(k for k in new if k not in old),
        "removed": sorted(k for k in old if k not in new),
        "changed": sorted(k for k in old if k in new and old[k] != new[k]),
    }


def group_by_first_letter(words: List[str]) -> Dict[str, List[str]]:
    """Group words by their first letter, lower-cased.

    >>> group_by_first_letter(["Apple", "avocado", "banana", "Blueberry", "cherry"])
    {'a': ['Apple', 'avocado'], 'b': ['banana', 'Blueberry'], 'c': ['cherry']}
    """
    groups: Dict[str, List[str]] = {}
    for w in words:
        key = w[0].lower()
        if key not in groups:
            groups[key] = []
        groups[key].append(w)
    return groups


def dict_from_pairs(pairs: List[Tuple[str, int]]) -> Dict[str, int]:
    """dict() from a list of pairs; duplicate keys keep the last value.

    >>> dict_from_pairs([("a", 1), ("b", 2), ("a", 3)])
    {'a': 3, 'b': 2}
    """
    return dict(pairs)


def rename_keys(d: Dict[str, Any], renames: Dict[str, str]) -> Dict[str, Any]:
    """Rename keys, keeping order.

    >>> rename_keys({"fname": "Ada", "age": 36}, {"fname": "first_name"})
    {'first_name': 'Ada', 'age': 36}
    """
    return {renames.get(k, k): v for k, v in d.items()}


def has_all_keys(d: Dict[str, Any], required: List[str]) -> bool:
    """All required keys present.

    >>> has_all_keys({"id": 1, "name": "x"}, ["id", "name"]), has_all_keys({"id": 1}, ["id", "name"])
    (True, False)
    """
    return all(k in d for k in required)


def tally_votes(votes: List[str]) -> str:
    """Winner of a vote; ties go to the alphabetically first candidate.

    >>> tally_votes(["bob", "ann", "bob", "ann", "cy"])
    'ann'
    """
    tally: Dict[str, int] = {}
    for v in votes:
        tally[v] = tally.get(v, 0) + 1
    best = max(tally.values())
    return min(name for name, count in tally.items() if count == best)


def dict_delete_while_iterating(d: Dict[str, int]) -> Dict[str, int]:
    """Delete negative entries safely by iterating over a snapshot of keys.

    >>> dict_delete_while_iterating({"a": -1, "b": 2, "c": -3})
    {'b': 2}
    """
    for key in list(d.keys()):
        if d[key] < 0:
            del d[key]
    return d


def lookup_many(d: Dict[int, str], keys: List[int]) -> List[str]:
    """Look up many keys with a fallback of '?'.

    >>> lookup_many({1: "one", 2: "two"}, [2, 3, 1])
    ['two', '?', 'one']
    """
    return [d.get(k, "?") for k in keys]


def letter_histogram(text: str) -> str:
    """Printable histogram of letter counts, alphabetical.

    >>> print(letter_histogram("banana"))
    a: ***
    b: *
    n: **
    """
    counts: Dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            counts[ch] = counts.get(ch, 0) + 1
    return "\n".join(f"{ch}: {'*' * n}" for ch, n in sorted(counts.items()))


def dict_equal_ignoring(a: Dict[str, Any], b: Dict[str, Any], ignore: List[str]) -> bool:
    """Compare two dicts, skipping some keys.

    >>> dict_equal_ignoring({"id": 1, "ts": 5}, {"id": 1, "ts": 9}, ["ts"])
    True
    """
    strip_a = {k: v for k, v in a.items() if k not in ignore}
    strip_b = {k: v for k, v in b.items() if k not in ignore}
    return strip_a == strip_b
