"""Annotated algorithm functions, second probe set (written for this project, session 8).

Sorts, searches, maths, number theory, dynamic programming, strings, conversions, matrices and
geometry, annotated the way open collections of algorithms annotate them: ``list[int]``,
``Optional``, ``float``, unions, bare ``list``/``dict``, sentinels such as ``float("inf")``.
"""

from __future__ import annotations

import itertools
import math
import re
import string
from typing import Callable, Optional, Union


# ---------------------------------------------------------------- sorts


def insertion_sorted(values: list[int]) -> list[int]:
    """
    >>> insertion_sorted([5, 2, 9, 1, 5])
    [1, 2, 5, 5, 9]
    >>> insertion_sorted([])
    []
    """
    out = list(values)
    for i in range(1, len(out)):
        cur = out[i]
        j = i - 1
        while j >= 0 and out[j] > cur:
            out[j + 1] = out[j]
            j -= 1
        out[j + 1] = cur
    return out


def selection_sorted(values: list[float]) -> list[float]:
    """
    >>> selection_sorted([3.5, -1.0, 2.25])
    [-1.0, 2.25, 3.5]
    """
    out = values[:]
    n = len(out)
    for i in range(n):
        smallest = i
        for j in range(i + 1, n):
            if out[j] < out[smallest]:
                smallest = j
        out[i], out[smallest] = out[smallest], out[i]
    return out


def gnome_sorted(values: list) -> list:
    """
    >>> gnome_sorted([4, 3, 1, 2])
    [1, 2, 3, 4]
    """
    out = list(values)
    i = 0
    while i < len(out):
        if i == 0 or out[i - 1] <= out[i]:
            i += 1
        else:
            out[i - 1], out[i] = out[i], out[i - 1]
            i -= 1
    return out


def counting_sorted(values: list[int]) -> list[int]:
    """
    >>> counting_sorted([3, 0, 2, 3, 1, 0])
    [0, 0, 1, 2, 3, 3]
    >>> counting_sorted([])
    []
    """
    if not values:
        return []
    low, high = min(values), max(values)
    counts = [0] * (high - low + 1)
    for v in values:
        counts[v - low] += 1
    out: list[int] = []
    for offset, c in enumerate(counts):
        out.extend([offset + low] * c)
    return out


def merge_two(left: list[int], right: list[int]) -> list[int]:
    """
    >>> merge_two([1, 4, 7], [2, 3, 9, 10])
    [1, 2, 3, 4, 7, 9, 10]
    """
    i = j = 0
    merged: list[int] = []
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    return [*merged, *left[i:], *right[j:]]


def quick_sorted(values: list[int]) -> list[int]:
    """
    >>> quick_sorted([3, 6, 1, 8, 2, 9, 2])
    [1, 2, 2, 3, 6, 8, 9]
    """
    if len(values) <= 1:
        return values
    pivot = values[0]
    smaller = [v for v in values[1:] if v < pivot]
    larger = [v for v in values[1:] if v >= pivot]
    return [*quick_sorted(smaller), pivot, *quick_sorted(larger)]


def is_sorted(values: list[int], reverse: bool = False) -> bool:
    """
    >>> is_sorted([1, 2, 2, 5])
    True
    >>> is_sorted([5, 3, 1], reverse=True)
    True
    >>> is_sorted([1, 3, 2])
    False
    """
    if reverse:
        return all(values[i] >= values[i + 1] for i in range(len(values) - 1))
    return all(values[i] <= values[i + 1] for i in range(len(values) - 1))


def sort_by_key(words: list[str], key: Optional[Callable[[str], int]] = None) -> list[str]:
    """
    >>> sort_by_key(["pear", "fig", "banana"])
    ['banana', 'fig', 'pear']
    >>> sort_by_key(["pear", "fig", "banana"], key=len)
    ['fig', 'pear', 'banana']
    """
    if key is None:
        return sorted(words)
    return sorted(words, key=key)


# ---------------------------------------------------------------- searches


def binary_search(values: list[int], target: int) -> int:
    """
    >>> binary_search([1, 3, 5, 7, 9, 11], 7)
    3
    >>> binary_search([1, 3, 5], 4)
    -1
    """
    lo, hi = 0, len(values) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if values[mid] == target:
            return mid
        if values[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def find_first(values: list[int], target: int) -> Optional[int]:
    """
    >>> find_first([4, 2, 4], 4)
    0
    >>> find_first([4, 2, 4], 9) is None
    True
    """
    for i, v in enumerate(values):
        if v == target:
            return i
    return None


def lower_bound(values: list[float], target: float) -> int:
    """
    >>> lower_bound([1.0, 2.0, 2.0, 3.5], 2.0)
    1
    >>> lower_bound([1.0, 2.0], 9.0)
    2
    """
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def jump_search(values: list[int], target: int) -> int:
    """
    >>> jump_search([0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55], 21)
    8
    >>> jump_search([0, 1, 2], 7)
    -1
    """
    n = len(values)
    step = int(math.sqrt(n))
    prev = 0
    while prev < n and values[min(step, n) - 1] < target:
        prev = step
        step += int(math.sqrt(n))
        if prev >= n:
            return -1
    while prev < min(step, n):
        if values[prev] == target:
            return prev
        prev += 1
    return -1


def closest_value(values: list[float], target: float) -> float:
    """
    >>> closest_value([1.5, 4.0, 7.25], 5.0)
    4.0
    """
    best = values[0]
    best_gap = float("inf")
    for v in values:
        gap = abs(v - target)
        if gap < best_gap:
            best_gap = gap
            best = v
    return best


def min_max(values: list[int]) -> tuple[int, int]:
    """
    >>> min_max([3, -2, 8, 0])
    (-2, 8)
    """
    low = float("inf")
    high = float("-inf")
    for v in values:
        if v < low:
            low = v
        if v > high:
            high = v
    return int(low), int(high)


def second_largest(values: list[int]) -> Optional[int]:
    """
    >>> second_largest([4, 9, 2, 9, 7])
    7
    >>> second_largest([1]) is None
    True
    """
    distinct = sorted(set(values), reverse=True)
    if len(distinct) < 2:
        return None
    return distinct[1]


def peak_index(values: list[int]) -> int:
    """
    >>> peak_index([1, 3, 7, 4, 2])
    2
    """
    lo, hi = 0, len(values) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < values[mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


# ---------------------------------------------------------------- maths


def factorial(n: int) -> int:
    """
    >>> factorial(5)
    120
    >>> factorial(25)
    15511210043330985984000000
    """
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def binomial(n: int, k: int) -> int:
    """
    >>> binomial(5, 2)
    10
    >>> binomial(70, 35)
    112186277816662845432
    """
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def fibonacci_list(n: int) -> list[int]:
    """
    >>> fibonacci_list(7)
    [0, 1, 1, 2, 3, 5, 8]
    >>> fibonacci_list(100)[-1]
    218922995834555169026
    """
    seq = [0, 1]
    while len(seq) < n:
        seq.append(seq[-1] + seq[-2])
    return seq[:n]


def power_of_two(n: int) -> int:
    """
    >>> power_of_two(10)
    1024
    >>> power_of_two(70)
    1180591620717411303424
    """
    return 2**n


def digit_sum(n: int) -> int:
    """
    >>> digit_sum(12345)
    15
    >>> digit_sum(-907)
    16
    """
    return sum(int(d) for d in str(abs(n)))


def sum_of_factorial_digits(n: int) -> int:
    """
    >>> sum_of_factorial_digits(10)
    27
    >>> sum_of_factorial_digits(30)
    117
    """
    return sum(int(c) for c in str(math.factorial(n)))


def mean(values: list[float]) -> float:
    """
    >>> mean([1, 2, 3, 4])
    2.5
    """
    if not values:
        raise ValueError("empty")
    return sum(values) / len(values)


def median(values: list[float]) -> float:
    """
    >>> median([3, 1, 2])
    2
    >>> median([4, 1, 3, 2])
    2.5
    """
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    if n % 2 == 1:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def variance(values: list[float]) -> float:
    """
    >>> variance([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    4.0
    """
    m = sum(values) / len(values)
    return sum((v - m) ** 2 for v in values) / len(values)


def sign(x: float) -> int:
    """
    >>> sign(-2.5)
    -1
    >>> sign(0)
    0
    """
    if x > 0:
        return 1
    if x < 0:
        return -1
    return 0


def clamp(x: float, low: float = 0.0, high: float = 1.0) -> float:
    """
    >>> clamp(1.7)
    1.0
    >>> clamp(-3, -1, 1)
    -1
    """
    return max(low, min(high, x))


def absolute(x: Union[int, float]) -> Union[int, float]:
    """
    >>> absolute(-4)
    4
    >>> absolute(-2.5)
    2.5
    """
    return -x if x < 0 else x


def integer_sqrt(n: int) -> int:
    """
    >>> integer_sqrt(99)
    9
    >>> integer_sqrt(10 ** 20)
    10000000000
    """
    if n < 0:
        raise ValueError("negative")
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def harmonic(n: int) -> float:
    """
    >>> round(harmonic(4), 6)
    2.083333
    """
    return sum(1 / k for k in range(1, n + 1))


def newton_sqrt(x: float, tolerance: float = 1e-12) -> float:
    """
    >>> round(newton_sqrt(2), 9)
    1.414213562
    """
    guess = x / 2 if x > 1 else 1.0
    while abs(guess * guess - x) > tolerance:
        guess = (guess + x / guess) / 2
    return guess


def pow_mod(base: int, exponent: int, modulus: int) -> int:
    """
    >>> pow_mod(4, 13, 497)
    445
    """
    result = 1
    base %= modulus
    while exponent > 0:
        if exponent & 1:
            result = result * base % modulus
        base = base * base % modulus
        exponent >>= 1
    return result


def catalan(n: int) -> int:
    """
    >>> [catalan(i) for i in range(6)]
    [1, 1, 2, 5, 14, 42]
    >>> catalan(40)
    2622127042276492108820
    """
    c = 1
    for i in range(n):
        c = c * 2 * (2 * i + 1) // (i + 2)
    return c


# ---------------------------------------------------------------- number theory


def gcd(a: int, b: int) -> int:
    """
    >>> gcd(48, 18)
    6
    """
    while b:
        a, b = b, a % b
    return abs(a)


def lcm_of(values: list[int]) -> int:
    """
    >>> lcm_of([4, 6, 10])
    60
    >>> lcm_of(list(range(1, 50)))
    3099044504245996706400
    """
    result = 1
    for v in values:
        result = result * v // math.gcd(result, v)
    return result


def is_prime(n: int) -> bool:
    """
    >>> [p for p in range(20) if is_prime(p)]
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


def sieve(limit: int) -> list[int]:
    """
    >>> sieve(30)
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    """
    flags = [True] * (limit + 1)
    flags[0:2] = [False, False]
    for i in range(2, int(limit**0.5) + 1):
        if flags[i]:
            for j in range(i * i, limit + 1, i):
                flags[j] = False
    return [i for i, f in enumerate(flags) if f]


def prime_factors(n: int) -> list[int]:
    """
    >>> prime_factors(360)
    [2, 2, 2, 3, 3, 5]
    """
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors


def euler_phi(n: int) -> int:
    """
    >>> euler_phi(36)
    12
    """
    result = n
    p = 2
    while p * p <= n:
        if n % p == 0:
            while n % p == 0:
                n //= p
            result -= result // p
        p += 1
    if n > 1:
        result -= result // n
    return result


def divisors(n: int) -> list[int]:
    """
    >>> divisors(28)
    [1, 2, 4, 7, 14, 28]
    """
    small = [d for d in range(1, int(math.isqrt(n)) + 1) if n % d == 0]
    large = [n // d for d in reversed(small) if d * d != n]
    return small + large


def is_perfect(n: int) -> bool:
    """
    >>> is_perfect(28)
    True
    >>> is_perfect(12)
    False
    """
    return sum(d for d in range(1, n) if n % d == 0) == n


def extended_gcd(a: int, b: int) -> tuple[int, int, int]:
    """
    >>> extended_gcd(240, 46)
    (2, -9, 47)
    """
    if b == 0:
        return a, 1, 0
    g, x, y = extended_gcd(b, a % b)
    return g, y, x - (a // b) * y


def mod_inverse(a: int, m: int) -> Optional[int]:
    """
    >>> mod_inverse(3, 11)
    4
    >>> mod_inverse(2, 4) is None
    True
    """
    g, x, _ = extended_gcd(a, m)
    if g != 1:
        return None
    return x % m


def is_armstrong(n: int) -> bool:
    """
    >>> is_armstrong(153)
    True
    >>> is_armstrong(154)
    False
    """
    digits = str(n)
    return sum(int(d) ** len(digits) for d in digits) == n


def collatz_sequence(n: int) -> list[int]:
    """
    >>> collatz_sequence(6)
    [6, 3, 10, 5, 16, 8, 4, 2, 1]
    """
    seq = [n]
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        seq.append(n)
    return seq


# ---------------------------------------------------------------- dynamic programming


def climb_stairs(n: int) -> int:
    """
    >>> climb_stairs(5)
    8
    >>> climb_stairs(120)
    8670007398507948658051921
    """
    a, b = 1, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def coin_change_ways(coins: list[int], amount: int) -> int:
    """
    >>> coin_change_ways([1, 2, 5], 5)
    4
    """
    ways = [0] * (amount + 1)
    ways[0] = 1
    for c in coins:
        for v in range(c, amount + 1):
            ways[v] += ways[v - c]
    return ways[amount]


def min_coins(coins: list[int], amount: int) -> int:
    """
    >>> min_coins([1, 5, 11], 15)
    3
    >>> min_coins([2], 3)
    -1
    """
    best = [float("inf")] * (amount + 1)
    best[0] = 0
    for v in range(1, amount + 1):
        for c in coins:
            if c <= v and best[v - c] + 1 < best[v]:
                best[v] = best[v - c] + 1
    return -1 if best[amount] == float("inf") else int(best[amount])


def longest_common_subsequence(a: str, b: str) -> int:
    """
    >>> longest_common_subsequence("ABCBDAB", "BDCABA")
    4
    """
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                rows[i][j] = rows[i - 1][j - 1] + 1
            else:
                rows[i][j] = max(rows[i - 1][j], rows[i][j - 1])
    return rows[len(a)][len(b)]


def edit_distance(a: str, b: str) -> int:
    """
    >>> edit_distance("kitten", "sitting")
    3
    """
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def knapsack(weights: list[int], values: list[int], capacity: int) -> int:
    """
    >>> knapsack([1, 3, 4, 5], [1, 4, 5, 7], 7)
    9
    """
    best = [0] * (capacity + 1)
    for w, v in zip(weights, values):
        for c in range(capacity, w - 1, -1):
            best[c] = max(best[c], best[c - w] + v)
    return best[capacity]


def max_subarray(values: list[int]) -> int:
    """
    >>> max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4])
    6
    """
    best = float("-inf")
    running = 0
    for v in values:
        running = max(v, running + v)
        best = max(best, running)
    return int(best)


def longest_increasing(values: list[int]) -> int:
    """
    >>> longest_increasing([10, 9, 2, 5, 3, 7, 101, 18])
    4
    """
    if not values:
        return 0
    lengths = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                lengths[i] = max(lengths[i], lengths[j] + 1)
    return max(lengths)


def partition_count(n: int) -> int:
    """
    >>> partition_count(5)
    7
    >>> partition_count(300)
    9253082936723602
    """
    table = [1] + [0] * n
    for part in range(1, n + 1):
        for total in range(part, n + 1):
            table[total] += table[total - part]
    return table[n]


def min_path_sum(grid: list[list[int]]) -> int:
    """
    >>> min_path_sum([[1, 3, 1], [1, 5, 1], [4, 2, 1]])
    7
    """
    rows, cols = len(grid), len(grid[0])
    cost = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            if r == 0 and c == 0:
                cost[r][c] = grid[r][c]
            elif r == 0:
                cost[r][c] = cost[r][c - 1] + grid[r][c]
            elif c == 0:
                cost[r][c] = cost[r - 1][c] + grid[r][c]
            else:
                cost[r][c] = min(cost[r - 1][c], cost[r][c - 1]) + grid[r][c]
    return cost[-1][-1]


def rod_cutting(prices: list[int], length: int) -> int:
    """
    >>> rod_cutting([1, 5, 8, 9, 10, 17, 17, 20], 8)
    22
    """
    best = [0] * (length + 1)
    for n in range(1, length + 1):
        top = -1
        for cut in range(1, n + 1):
            top = max(top, prices[cut - 1] + best[n - cut])
        best[n] = top
    return best[length]


# ---------------------------------------------------------------- strings


def is_palindrome(text: str) -> bool:
    """
    >>> is_palindrome("A man, a plan, a canal: Panama")
    True
    >>> is_palindrome("abc")
    False
    """
    cleaned = [c.lower() for c in text if c.isalnum()]
    return cleaned == cleaned[::-1]


def caesar(text: str, shift: int) -> str:
    """
    >>> caesar("Hello, World", 3)
    'Khoor, Zruog'
    """
    out = []
    for ch in text:
        if ch in string.ascii_uppercase:
            out.append(string.ascii_uppercase[(string.ascii_uppercase.index(ch) + shift) % 26])
        elif ch in string.ascii_lowercase:
            out.append(string.ascii_lowercase[(string.ascii_lowercase.index(ch) + shift) % 26])
        else:
            out.append(ch)
    return "".join(out)


def is_pangram(sentence: str) -> bool:
    """
    >>> is_pangram("The quick brown fox jumps over the lazy dog")
    True
    >>> is_pangram("hello")
    False
    """
    return set(string.ascii_lowercase) <= set(sentence.lower())


def word_lengths(sentence: str) -> dict:
    """
    >>> word_lengths("to be or not")
    {'to': 2, 'be': 2, 'or': 2, 'not': 3}
    """
    return {w: len(w) for w in sentence.split()}


def char_frequency(text: str) -> dict[str, int]:
    """
    >>> char_frequency("abracadabra")
    {'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1}
    """
    counts: dict[str, int] = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def tokens(text: str) -> list[str]:
    """
    >>> tokens("one, two;three  four")
    ['one', 'two', 'three', 'four']
    """
    return [t for t in re.split(r"[\s,;]+", text) if t]


def anagrams(a: str, b: str) -> bool:
    """
    >>> anagrams("Listen", "Silent")
    True
    >>> anagrams("abc", "abd")
    False
    """
    return sorted(a.lower().replace(" ", "")) == sorted(b.lower().replace(" ", ""))


def run_length_encode(text: str) -> str:
    """
    >>> run_length_encode("aaabccdddd")
    'a3b1c2d4'
    """
    if not text:
        return ""
    out = []
    count = 1
    for prev, cur in zip(text, text[1:]):
        if cur == prev:
            count += 1
        else:
            out.append(prev + str(count))
            count = 1
    out.append(text[-1] + str(count))
    return "".join(out)


def reverse_words(sentence: str) -> str:
    """
    >>> reverse_words("the sky is blue")
    'blue is sky the'
    """
    return " ".join(reversed(sentence.split()))


def count_vowels(text: str) -> int:
    """
    >>> count_vowels("Programming Language")
    7
    """
    return sum(1 for c in text.lower() if c in "aeiou")


def capitalize_words(sentence: str) -> str:
    """
    >>> capitalize_words("hello big world")
    'Hello Big World'
    """
    return " ".join(w[:1].upper() + w[1:] for w in sentence.split(" "))


def longest_common_prefix(words: list[str]) -> str:
    """
    >>> longest_common_prefix(["flower", "flow", "flight"])
    'fl'
    >>> longest_common_prefix([])
    ''
    """
    if not words:
        return ""
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def all_rearrangements(word: str) -> list[str]:
    """
    >>> all_rearrangements("abc")
    ['abc', 'acb', 'bac', 'bca', 'cab', 'cba']
    """
    return ["".join(p) for p in itertools.permutations(word)]


def pairs_of(values: list[int]) -> list[tuple[int, int]]:
    """
    >>> pairs_of([1, 2, 3])
    [(1, 2), (1, 3), (2, 3)]
    """
    return list(itertools.combinations(values, 2))


def z_function(s: str) -> list[int]:
    """
    >>> z_function("aabxaab")
    [0, 1, 0, 0, 3, 1, 0]
    """
    n = len(s)
    z = [0] * n
    left = right = 0
    for i in range(1, n):
        if i < right:
            z[i] = min(right - i, z[i - left])
        while i + z[i] < n and s[z[i]] == s[i + z[i]]:
            z[i] += 1
        if i + z[i] > right:
            left, right = i, i + z[i]
    return z


def hamming(a: str, b: str) -> int:
    """
    >>> hamming("karolin", "kathrin")
    3
    """
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return sum(x != y for x, y in zip(a, b))


# ---------------------------------------------------------------- conversions


def to_binary(n: int) -> str:
    """
    >>> to_binary(10)
    '1010'
    >>> to_binary(0)
    '0'
    """
    if n == 0:
        return "0"
    digits = []
    while n > 0:
        digits.append(str(n % 2))
        n //= 2
    return "".join(reversed(digits))


def from_base(digits: str, base: int) -> int:
    """
    >>> from_base("ff", 16)
    255
    >>> from_base("777", 8)
    511
    """
    return int(digits, base)


def to_base(n: int, base: int) -> str:
    """
    >>> to_base(255, 16)
    'FF'
    >>> to_base(2 ** 70, 36)
    '6X5KXTVUWILUKG'
    """
    symbols = string.digits + string.ascii_uppercase
    if n == 0:
        return "0"
    out = ""
    while n:
        n, r = divmod(n, base)
        out = symbols[r] + out
    return out


def roman(n: int) -> str:
    """
    >>> roman(1994)
    'MCMXCIV'
    """
    table = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    out = []
    for value, letters in table:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int:
    """
    >>> from_roman("MCMXCIV")
    1994
    """
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        if i + 1 < len(text) and values[text[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def celsius_to_fahrenheit(celsius: float, ndigits: int = 2) -> float:
    """
    >>> celsius_to_fahrenheit(100)
    212.0
    >>> celsius_to_fahrenheit(36.6)
    97.88
    """
    return round(celsius * 9 / 5 + 32, ndigits)


def kmh_to_ms(speed: float) -> float:
    """
    >>> kmh_to_ms(36)
    10.0
    """
    return speed / 3.6


def hex_to_rgb(code: str) -> tuple[int, int, int]:
    """
    >>> hex_to_rgb("#1e90ff")
    (30, 144, 255)
    """
    code = code.lstrip("#")
    return int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16)


def bits_set(n: int) -> int:
    """
    >>> bits_set(255)
    8
    >>> bits_set(2 ** 64 - 1)
    64
    """
    return bin(n).count("1")


def excel_column(n: int) -> str:
    """
    >>> excel_column(28)
    'AB'
    >>> excel_column(703)
    'AAA'
    """
    name = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        name = string.ascii_uppercase[r] + name
    return name


def parse_number(text: str) -> Union[int, float]:
    """
    >>> parse_number("42")
    42
    >>> parse_number("2.5")
    2.5
    """
    if "." in text:
        return float(text)
    return int(text)


# ---------------------------------------------------------------- matrices


def transpose(matrix: list[list[int]]) -> list[list[int]]:
    """
    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    return [list(row) for row in zip(*matrix)]


def mat_mul(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:
    """
    >>> mat_mul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    [[19, 22], [43, 50]]
    """
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def identity(n: int) -> list[list[int]]:
    """
    >>> identity(3)
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    """
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def trace(matrix: list[list[float]]) -> float:
    """
    >>> trace([[1.5, 2.0], [3.0, 4.5]])
    6.0
    """
    return sum(matrix[i][i] for i in range(len(matrix)))


def determinant_2x2(m: list[list[float]]) -> float:
    """
    >>> determinant_2x2([[3, 8], [4, 6]])
    -14
    """
    return m[0][0] * m[1][1] - m[0][1] * m[1][0]


def rotate_clockwise(matrix: list[list[int]]) -> list[list[int]]:
    """
    >>> rotate_clockwise([[1, 2], [3, 4]])
    [[3, 1], [4, 2]]
    """
    return [list(row)[::-1] for row in zip(*matrix)]


def spiral_order(matrix: list[list[int]]) -> list[int]:
    """
    >>> spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    [1, 2, 3, 6, 9, 8, 7, 4, 5]
    """
    out: list[int] = []
    top, bottom, left, right = 0, len(matrix) - 1, 0, len(matrix[0]) - 1
    while top <= bottom and left <= right:
        for c in range(left, right + 1):
            out.append(matrix[top][c])
        top += 1
        for r in range(top, bottom + 1):
            out.append(matrix[r][right])
        right -= 1
        if top <= bottom:
            for c in range(right, left - 1, -1):
                out.append(matrix[bottom][c])
            bottom -= 1
        if left <= right:
            for r in range(bottom, top - 1, -1):
                out.append(matrix[r][left])
            left += 1
    return out


def matrix_power_fib(n: int) -> int:
    """
    >>> matrix_power_fib(10)
    55
    >>> matrix_power_fib(150)
    9969216677189303386214405760200
    """
    def mul(x: list[list[int]], y: list[list[int]]) -> list[list[int]]:
        return [
            [x[0][0] * y[0][0] + x[0][1] * y[1][0], x[0][0] * y[0][1] + x[0][1] * y[1][1]],
            [x[1][0] * y[0][0] + x[1][1] * y[1][0], x[1][0] * y[0][1] + x[1][1] * y[1][1]],
        ]

    result = [[1, 0], [0, 1]]
    base = [[1, 1], [1, 0]]
    while n:
        if n & 1:
            result = mul(result, base)
        base = mul(base, base)
        n >>= 1
    return result[0][1]


# ---------------------------------------------------------------- geometry


def distance(p: tuple[float, float], q: tuple[float, float]) -> float:
    """
    >>> distance((0, 0), (3, 4))
    5.0
    """
    return math.hypot(q[0] - p[0], q[1] - p[1])


def triangle_area(a: float, b: float, c: float) -> float:
    """
    >>> triangle_area(3, 4, 5)
    6.0
    """
    s = (a + b + c) / 2
    return math.sqrt(s * (s - a) * (s - b) * (s - c))


def polygon_area(points: list[tuple[float, float]]) -> float:
    """
    >>> polygon_area([(0, 0), (4, 0), (4, 3), (0, 3)])
    12.0
    """
    total = 0.0
    n = len(points)
    for i in range(n):
        x1, y1 = points[i]
        x2, y2 = points[(i + 1) % n]
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def circle_area(radius: float) -> float:
    """
    >>> round(circle_area(2), 4)
    12.5664
    """
    if radius < 0:
        raise ValueError("radius must be non-negative")
    return math.pi * radius**2


def closest_pair_distance(points: list[tuple[int, int]]) -> float:
    """
    >>> closest_pair_distance([(0, 0), (5, 5), (1, 1), (9, 0)])
    1.4142135623730951
    """
    best = float("inf")
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            d = math.dist(points[i], points[j])
            if d < best:
                best = d
    return best


def cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
    """
    >>> cross((0, 0), (1, 0), (0, 1))
    1
    """
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """
    >>> convex_hull([(0, 0), (1, 1), (2, 2), (2, 0), (0, 2), (1, 0)])
    [(0, 0), (2, 0), (2, 2), (0, 2)]
    """
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list[tuple[int, int]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[int, int]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def degrees_to_radians(deg: float) -> float:
    """
    >>> round(degrees_to_radians(180), 6)
    3.141593
    """
    return deg * math.pi / 180


# ---------------------------------------------------------------- graphs and small classes


def bfs_order(graph: dict[int, list[int]], start: int) -> list[int]:
    """
    >>> bfs_order({0: [1, 2], 1: [3], 2: [3], 3: []}, 0)
    [0, 1, 2, 3]
    """
    seen = {start}
    order = [start]
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order


def shortest_paths(graph: dict[str, dict[str, int]], source: str) -> dict[str, float]:
    """
    >>> shortest_paths({"a": {"b": 1, "c": 4}, "b": {"c": 2}, "c": {}}, "a")
    {'a': 0, 'b': 1, 'c': 3}
    """
    dist: dict[str, float] = {node: float("inf") for node in graph}
    dist[source] = 0
    done: set[str] = set()
    while len(done) < len(graph):
        node = min((n for n in graph if n not in done), key=lambda n: dist[n])
        done.add(node)
        for nxt, w in graph[node].items():
            if dist[node] + w < dist[nxt]:
                dist[nxt] = dist[node] + w
    return dist


class Stack:
    """A list-backed stack.

    >>> s = Stack()
    >>> s.push(3)
    >>> s.push(5)
    >>> s.pop()
    5
    >>> s.peek()
    3
    >>> s.is_empty()
    False
    """

    def __init__(self) -> None:
        self.items: list[int] = []

    def push(self, item: int) -> None:
        self.items.append(item)

    def pop(self) -> int:
        return self.items.pop()

    def peek(self) -> Optional[int]:
        return self.items[-1] if self.items else None

    def is_empty(self) -> bool:
        return not self.items


class Vector2:
    """
    >>> (Vector2(1, 2) + Vector2(3, 4)).length()
    7.211102550927978
    """

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __add__(self, other: Vector2) -> Vector2:
        return Vector2(self.x + other.x, self.y + other.y)

    def length(self) -> float:
        return math.sqrt(self.x**2 + self.y**2)


def flatten(nested: list[list[int]]) -> list[int]:
    """
    >>> flatten([[1, 2], [], [3]])
    [1, 2, 3]
    """
    return list(itertools.chain.from_iterable(nested))


def running_total(values: list[int]) -> list[int]:
    """
    >>> running_total([1, 2, 3, 4])
    [1, 3, 6, 10]
    """
    return list(itertools.accumulate(values))


def describe(value: Union[int, str]) -> str:
    """
    >>> describe(7)
    'int:7'
    >>> describe("x")
    'str:x'
    """
    if isinstance(value, int):
        return "int:" + str(value)
    return "str:" + value


def total_length(items: list[Union[str, list[int]]]) -> int:
    """
    >>> total_length(["ab", [1, 2, 3]])
    5
    """
    return sum(len(x) for x in items)
