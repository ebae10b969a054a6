"""Annotated algorithm functions probing everyday forms (written for this project)."""

import itertools
import math
import re
import string
from collections import Counter, deque
from typing import Dict, List, Optional, Tuple, Union


def all_orderings(items: list) -> list:
    """
    >>> all_orderings([1, 2, 3])[:2]
    [(1, 2, 3), (1, 3, 2)]
    """
    return list(itertools.permutations(items))


def split_words(text: str) -> List[str]:
    """
    >>> split_words("a,b;  c")
    ['a', 'b', 'c']
    """
    return [w for w in re.split(r"[,;\s]+", text) if w]


def shift_letter(ch: str, k: int) -> str:
    """
    >>> shift_letter("y", 3)
    'b'
    """
    alphabet = string.ascii_lowercase
    return alphabet[(alphabet.index(ch) + k) % 26]


def collatz_length(n: int) -> int:
    """
    >>> collatz_length(27)
    112
    """
    steps = 1
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def power_set(nums: List[int]) -> List[List[int]]:
    """
    >>> power_set([1, 2])
    [[], [1], [2], [1, 2]]
    """
    out: List[List[int]] = [[]]
    for n in nums:
        out += [s + [n] for s in out]
    return out


def fib(n: int) -> int:
    """
    >>> fib(90)
    2880067194370816120
    >>> fib(100)
    354224848179261915075
    """
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def hypotenuse(a: float, b: float) -> float:
    """
    >>> hypotenuse(3, 4)
    5.0
    """
    return math.sqrt(a * a + b * b)


def area_of_circle(radius: float) -> float:
    """
    >>> area_of_circle(2)
    12.566370614359172
    """
    if radius < 0:
        raise ValueError("radius must be non-negative")
    return math.pi * radius ** 2


def bfs_order(graph: Dict[int, List[int]], start: int) -> List[int]:
    """
    >>> bfs_order({0: [1, 2], 1: [3], 2: [3], 3: []}, 0)
    [0, 1, 2, 3]
    """
    seen = {start}
    order = []
    queue = deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order


def find_index(values: List[int], target: int) -> Optional[int]:
    """
    >>> find_index([4, 5, 6], 5)
    1
    >>> find_index([4, 5, 6], 9) is None
    True
    """
    for i, v in enumerate(values):
        if v == target:
            return i
    return None


def parse_number(text: str) -> Union[int, float]:
    """
    >>> parse_number("3")
    3
    >>> parse_number("2.5")
    2.5
    """
    return float(text) if "." in text else int(text)


def merge_dicts(a: dict, b: dict) -> dict:
    """
    >>> merge_dicts({"x": 1}, {"y": 2})
    {'x': 1, 'y': 2}
    """
    return {**a, **b}


def join_lists(a: List[int], b: List[int]) -> List[int]:
    """
    >>> join_lists([1], [2, 3])
    [1, 2, 3]
    """
    return [*a, *b]


def top_k_frequent(nums: List[int], k: int) -> List[int]:
    """
    >>> top_k_frequent([1, 1, 1, 2, 2, 3], 2)
    [1, 2]
    """
    return [n for n, _ in Counter(nums).most_common(k)]


def is_number_like(value) -> bool:
    """
    >>> is_number_like(3)
    True
    >>> is_number_like("x")
    False
    """
    return isinstance(value, (int, float))


def median(values: List[float]) -> float:
    """
    >>> median([3, 1, 2])
    2
    """
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2


def pascal_row(n: int) -> List[int]:
    """
    >>> pascal_row(4)
    [1, 4, 6, 4, 1]
    """
    return [math.comb(n, k) for k in range(n + 1)]


def run_length(s: str) -> List[Tuple[str, int]]:
    """
    >>> run_length("aaabcc")
    [('a', 3), ('b', 1), ('c', 2)]
    """
    return [(k, len(list(g))) for k, g in itertools.groupby(s)]


def matrix_multiply(a: List[List[int]], b: List[List[int]]) -> List[List[int]]:
    """
    >>> matrix_multiply([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    [[19, 22], [43, 50]]
    """
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def to_roman(num: int) -> str:
    """
    >>> to_roman(1994)
    'MCMXCIV'
    """
    pairs = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, sym in pairs:
        while num >= value:
            out += sym
            num -= value
    return out


def sieve(limit: int) -> List[int]:
    """
    >>> sieve(20)
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    is_p = [True] * (limit + 1)
    is_p[0:2] = [False, False]
    for i in range(2, int(limit ** 0.5) + 1):
        if is_p[i]:
            for j in range(i * i, limit + 1, i):
                is_p[j] = False
    return [i for i, p in enumerate(is_p) if p]


def celsius_to_fahrenheit(c: float, ndigits: int = 2) -> float:
    """
    >>> celsius_to_fahrenheit(100)
    212.0
    """
    return round(c * 9 / 5 + 32, ndigits)


def longest_common_prefix(words: List[str]) -> str:
    """
    >>> longest_common_prefix(["flower", "flow", "flight"])
    'fl'
    """
    if not words:
        return ""
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def kadane(nums: List[int]) -> int:
    """
    >>> kadane([-2, 1, -3, 4, -1, 2, 1, -5, 4])
    6
    """
    best = cur = nums[0]
    for x in nums[1:]:
        cur = max(x, cur + x)
        best = max(best, cur)
    return best


def word_frequencies(text: str) -> Dict[str, int]:
    """
    >>> word_frequencies("a b a")
    {'a': 2, 'b': 1}
    """
    freq: Dict[str, int] = {}
    for w in text.split():
        freq[w] = freq.get(w, 0) + 1
    return freq


def combinations_sum(nums: List[int], target: int) -> int:
    """
    >>> combinations_sum([1, 2, 3, 4], 5)
    2
    """
    return sum(1 for a, b in itertools.combinations(nums, 2) if a + b == target)


def binary_to_int(bits: str) -> int:
    """
    >>> binary_to_int("1011")
    11
    """
    return int(bits, 2)


def hex_string(n: int) -> str:
    """
    >>> hex_string(255)
    '0xff'
    """
    return hex(n)


def mean_absolute_deviation(values: List[float]) -> float:
    """
    >>> mean_absolute_deviation([1.0, 2.0, 3.0, 4.0])
    1.0
    """
    m = sum(values) / len(values)
    return sum(abs(v - m) for v in values) / len(values)


def modular_exp(base: int, exp: int, mod: int) -> int:
    """
    >>> modular_exp(4, 13, 497)
    445
    """
    return pow(base, exp, mod)


def bubble_sort(arr: list) -> list:
    """
    >>> bubble_sort([3, 1, 2])
    [1, 2, 3]
    """
    a = list(arr)
    for i in range(len(a)):
        for j in range(len(a) - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
    return a


def zigzag(s: str, rows: int) -> str:
    """
    >>> zigzag("PAYPALISHIRING", 3)
    'PAHNAPLSIIGYIR'
    """
    if rows == 1:
        return s
    lines = [""] * rows
    r, step = 0, 1
    for ch in s:
        lines[r] += ch
        if r == 0:
            step = 1
        elif r == rows - 1:
            step = -1
        r += step
    return "".join(lines)
