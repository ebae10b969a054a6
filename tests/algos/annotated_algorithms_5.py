"""Annotated algorithm functions, fifth probe set (written for this project, session 11, blind).

Shapes the first four probes lack: ``bisect`` and ``heapq`` beyond push/pop (``insort``,
``nsmallest``, ``heappushpop``), ``functools.cmp_to_key``/``partial``/``cache``, ``itertools``
(``chain.from_iterable``, ``islice``, ``zip_longest``, ``starmap``, ``compress``, ``takewhile``,
``combinations_with_replacement``), ``math.comb``/``perm``/``isqrt``/``prod``, memo dictionaries
passed as defaults (``memo: dict[int, int] | None = None``), module functions passed as values,
small classes with dunder methods (``__add__``, ``__eq__``, ``__len__``, ``__contains__``), a
disjoint set and a Fenwick tree, grids as ``list[list[int]]`` walked recursively, big-number
identities (fast doubling, primorials, digit sums of powers), and ``raise ValueError`` guards.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterator
from functools import cache, cmp_to_key, reduce
from itertools import (
    accumulate,
    chain,
    combinations_with_replacement,
    compress,
    islice,
    starmap,
    takewhile,
    zip_longest,
)
from typing import Optional, Union

# ---------------------------------------------------------------- bisect and heaps


def grade(score: int, breakpoints: list[int] = [60, 70, 80, 90], grades: str = "FDCBA") -> str:
    """
    >>> [grade(s) for s in [33, 99, 77, 70, 89, 90, 100]]
    ['F', 'A', 'C', 'C', 'B', 'A', 'A']
    """
    return grades[bisect.bisect(breakpoints, score)]


def sorted_insert_all(values: list[int]) -> list[int]:
    """
    >>> sorted_insert_all([5, 1, 4, 1, 3])
    [1, 1, 3, 4, 5]
    """
    out: list[int] = []
    for v in values:
        bisect.insort(out, v)
    return out


def count_in_range(values: list[int], lo: int, hi: int) -> int:
    """Number of values v with lo <= v <= hi in a sorted list.

    >>> count_in_range([1, 2, 2, 3, 5, 8], 2, 5)
    4
    >>> count_in_range([], 0, 10)
    0
    """
    return bisect.bisect_right(values, hi) - bisect.bisect_left(values, lo)


def k_smallest(values: list[int], k: int) -> list[int]:
    """
    >>> k_smallest([7, 2, 9, 4, 1], 3)
    [1, 2, 4]
    """
    if k < 0:
        raise ValueError("k must be non-negative")
    return heapq.nsmallest(k, values)


def k_largest_sum(values: list[int], k: int) -> int:
    """
    >>> k_largest_sum([3, 8, 1, 9, 4], 2)
    17
    """
    return sum(heapq.nlargest(k, values))


def kth_largest_stream(values: list[int], k: int) -> list[int]:
    """The k-th largest value after each arrival (once k have arrived).

    >>> kth_largest_stream([4, 5, 8, 2, 3, 5, 10, 9], 3)
    [4, 4, 4, 5, 5, 8]
    """
    heap: list[int] = []
    out: list[int] = []
    for v in values:
        if len(heap) < k:
            heapq.heappush(heap, v)
        else:
            heapq.heappushpop(heap, v)
        if len(heap) == k:
            out.append(heap[0])
    return out


def min_cost_ropes(lengths: list[int]) -> int:
    """
    >>> min_cost_ropes([4, 3, 2, 6])
    29
    >>> min_cost_ropes([5])
    0
    """
    heap = list(lengths)
    heapq.heapify(heap)
    cost = 0
    while len(heap) > 1:
        a = heapq.heappop(heap)
        b = heapq.heappop(heap)
        cost += a + b
        heapq.heappush(heap, a + b)
    return cost


def merge_sorted_lists(lists: list[list[int]]) -> list[int]:
    """
    >>> merge_sorted_lists([[1, 4, 7], [2, 5], [0, 9]])
    [0, 1, 2, 4, 5, 7, 9]
    """
    return list(heapq.merge(*lists))


def meeting_rooms(intervals: list[tuple[int, int]]) -> int:
    """Fewest rooms for the given meetings.

    >>> meeting_rooms([(0, 30), (5, 10), (15, 20)])
    2
    >>> meeting_rooms([])
    0
    """
    ends: list[int] = []
    for start, end in sorted(intervals):
        if ends and ends[0] <= start:
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)


def closest_points(points: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
    """
    >>> closest_points([(3, 3), (5, -1), (-2, 4), (1, 1)], 2)
    [(1, 1), (3, 3)]
    """
    return heapq.nsmallest(k, points, key=lambda p: p[0] * p[0] + p[1] * p[1])


# ---------------------------------------------------------------- functools and itertools


def compare_lengths_then_alpha(a: str, b: str) -> int:
    """
    >>> compare_lengths_then_alpha("ab", "abc")
    -1
    >>> compare_lengths_then_alpha("b", "a")
    1
    """
    if len(a) != len(b):
        return -1 if len(a) < len(b) else 1
    if a == b:
        return 0
    return -1 if a < b else 1


def sort_words(words: list[str]) -> list[str]:
    """
    >>> sort_words(["pear", "fig", "apple", "kiwi"])
    ['fig', 'kiwi', 'pear', 'apple']
    """
    return sorted(words, key=cmp_to_key(compare_lengths_then_alpha))


def largest_number(nums: list[int]) -> str:
    """
    >>> largest_number([3, 30, 34, 5, 9])
    '9534330'
    >>> largest_number([0, 0])
    '0'
    """

    def cmp(x: str, y: str) -> int:
        if x + y > y + x:
            return -1
        if x + y < y + x:
            return 1
        return 0

    parts = sorted((str(n) for n in nums), key=cmp_to_key(cmp))
    result = "".join(parts)
    return "0" if result.startswith("0") else result


def product_of(values: list[int]) -> int:
    """
    >>> product_of([2, 3, 7])
    42
    >>> product_of([])
    1
    """
    return reduce(lambda acc, v: acc * v, values, 1)


def flatten_once(nested: list[list[int]]) -> list[int]:
    """
    >>> flatten_once([[1, 2], [], [3]])
    [1, 2, 3]
    """
    return list(chain.from_iterable(nested))


def first_n_squares(n: int) -> list[int]:
    """
    >>> first_n_squares(5)
    [0, 1, 4, 9, 16]
    """
    return list(islice((i * i for i in range(10**9)), n))


def interleave(a: list[int], b: list[int]) -> list[int]:
    """
    >>> interleave([1, 2, 3], [10, 20])
    [1, 10, 2, 20, 3]
    """
    out: list[int] = []
    for x, y in zip_longest(a, b):
        if x is not None:
            out.append(x)
        if y is not None:
            out.append(y)
    return out


def pairwise_products(pairs: list[tuple[int, int]]) -> list[int]:
    """
    >>> pairwise_products([(2, 3), (4, 5)])
    [6, 20]
    """
    return list(starmap(lambda x, y: x * y, pairs))


def select_flags(items: list[str], flags: list[bool]) -> list[str]:
    """
    >>> select_flags(["a", "b", "c"], [True, False, True])
    ['a', 'c']
    """
    return list(compress(items, flags))


def leading_positives(values: list[int]) -> list[int]:
    """
    >>> leading_positives([3, 1, 0, 4])
    [3, 1]
    """
    return list(takewhile(lambda v: v > 0, values))


def dice_multisets(sides: int, count: int) -> int:
    """
    >>> dice_multisets(6, 2)
    21
    """
    return sum(1 for _ in combinations_with_replacement(range(sides), count))


def prefix_maxima(values: list[int]) -> list[int]:
    """
    >>> prefix_maxima([1, 3, 2, 5, 4])
    [1, 3, 3, 5, 5]
    """
    return list(accumulate(values, max))


def apply_n_times(func: Callable[[int], int], n: int, x: int) -> int:
    """
    >>> apply_n_times(lambda v: v * 2, 5, 1)
    32
    """
    for _ in range(n):
        x = func(x)
    return x


def double(x: int) -> int:
    """
    >>> double(4)
    8
    """
    return 2 * x


def increment(x: int) -> int:
    """
    >>> increment(4)
    5
    """
    return x + 1


def double_then_increment(x: int) -> int:
    """
    >>> double_then_increment(3)
    7
    """
    return apply_n_times(increment, 1, apply_n_times(double, 1, x))


def fixed_point(func: Callable[[float], float], x0: float, tol: float = 1e-12) -> float:
    """
    >>> round(fixed_point(math.cos, 1.0), 6)
    0.739085
    """
    x = x0
    for _ in range(1000):
        nxt = func(x)
        if abs(nxt - x) < tol:
            return nxt
        x = nxt
    raise ValueError("did not converge")


def count_matching(values: list[int], pred: Callable[[int], bool]) -> int:
    """
    >>> count_matching([1, 2, 3, 4, 5, 6], lambda v: v % 3 == 0)
    2
    """
    return sum(1 for v in values if pred(v))


# ---------------------------------------------------------------- math module


def lattice_paths(rows: int, cols: int) -> int:
    """
    >>> lattice_paths(20, 20)
    137846528820
    """
    return math.comb(rows + cols, rows)


def arrangements(n: int, k: int) -> int:
    """
    >>> arrangements(10, 3)
    720
    """
    if k > n:
        raise ValueError("k larger than n")
    return math.perm(n, k)


def is_perfect_square(n: int) -> bool:
    """
    >>> [is_perfect_square(v) for v in [0, 1, 15, 16, 10**12]]
    [True, True, False, True, True]
    """
    if n < 0:
        return False
    r = math.isqrt(n)
    return r * r == n


def digits_product(n: int) -> int:
    """
    >>> digits_product(2345)
    120
    """
    return math.prod(int(d) for d in str(abs(n)))


def bits_needed(n: int) -> int:
    """
    >>> [bits_needed(v) for v in [1, 2, 255, 256]]
    [1, 2, 8, 9]
    """
    if n <= 0:
        raise ValueError("positive integers only")
    return math.floor(math.log2(n)) + 1


def pages_needed(items: int, per_page: int) -> int:
    """
    >>> pages_needed(101, 10)
    11
    >>> pages_needed(0, 10)
    0
    """
    return math.ceil(items / per_page)


def gcd_of_list(values: list[int]) -> int:
    """
    >>> gcd_of_list([12, 18, 24])
    6
    """
    return reduce(math.gcd, values, 0)


def lcm_upto(n: int) -> int:
    """
    >>> lcm_upto(10)
    2520
    >>> lcm_upto(40)
    5342931457063200
    """
    result = 1
    for k in range(2, n + 1):
        result = result * k // math.gcd(result, k)
    return result


def vector_length(values: list[float]) -> float:
    """
    >>> vector_length([3.0, 4.0])
    5.0
    """
    return math.sqrt(math.fsum(v * v for v in values))


def angle_between(x: float, y: float) -> float:
    """
    >>> round(angle_between(1.0, 1.0), 4)
    45.0
    """
    return math.degrees(math.atan2(y, x))


def logistic(x: float) -> float:
    """
    >>> logistic(0.0)
    0.5
    """
    return 1.0 / (1.0 + math.exp(-x))


def compound_interest(principal: float, rate: float, years: int) -> float:
    """
    >>> round(compound_interest(1000.0, 0.05, 10), 2)
    1628.89
    """
    if principal < 0:
        raise ValueError("principal must be non-negative")
    return principal * (1 + rate) ** years


# ---------------------------------------------------------------- memoisation


def fib_memo_dict(n: int, memo: Optional[dict[int, int]] = None) -> int:
    """
    >>> fib_memo_dict(50)
    12586269025
    """
    if memo is None:
        memo = {}
    if n < 2:
        return n
    if n in memo:
        return memo[n]
    memo[n] = fib_memo_dict(n - 1, memo) + fib_memo_dict(n - 2, memo)
    return memo[n]


@cache
def ways_to_tile(n: int) -> int:
    """Tilings of a 2 x n board with dominoes.

    >>> ways_to_tile(10)
    89
    """
    if n <= 1:
        return 1
    return ways_to_tile(n - 1) + ways_to_tile(n - 2)


@cache
def decode_ways(s: str) -> int:
    """
    >>> decode_ways("226")
    3
    >>> decode_ways("06")
    0
    """
    if not s:
        return 1
    if s[0] == "0":
        return 0
    total = decode_ways(s[1:])
    if len(s) >= 2 and int(s[:2]) <= 26:
        total += decode_ways(s[2:])
    return total


def min_steps_to_one(n: int) -> int:
    """
    >>> min_steps_to_one(10)
    3
    """
    steps = [0] * (n + 1)
    for i in range(2, n + 1):
        steps[i] = steps[i - 1] + 1
        if i % 2 == 0:
            steps[i] = min(steps[i], steps[i // 2] + 1)
        if i % 3 == 0:
            steps[i] = min(steps[i], steps[i // 3] + 1)
    return steps[n]


def longest_palindromic_subsequence(s: str) -> int:
    """
    >>> longest_palindromic_subsequence("bbbab")
    4
    """
    n = len(s)
    if n == 0:
        return 0
    dp = [[0] * n for _ in range(n)]
    for i in range(n - 1, -1, -1):
        dp[i][i] = 1
        for j in range(i + 1, n):
            if s[i] == s[j]:
                dp[i][j] = dp[i + 1][j - 1] + 2
            else:
                dp[i][j] = max(dp[i + 1][j], dp[i][j - 1])
    return dp[0][n - 1]


def unique_paths_with_walls(grid: list[list[int]]) -> int:
    """
    >>> unique_paths_with_walls([[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    2
    """
    if not grid or grid[0][0] == 1:
        return 0
    rows, cols = len(grid), len(grid[0])
    dp = [0] * cols
    dp[0] = 1
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1:
                dp[c] = 0
            elif c > 0:
                dp[c] += dp[c - 1]
    return dp[-1]


def house_robber(values: list[int]) -> int:
    """
    >>> house_robber([2, 7, 9, 3, 1])
    12
    """
    take, skip = 0, 0
    for v in values:
        take, skip = skip + v, max(take, skip)
    return max(take, skip)


def max_product_subarray(values: list[int]) -> int:
    """
    >>> max_product_subarray([2, 3, -2, 4])
    6
    >>> max_product_subarray([-2, 0, -1])
    0
    """
    if not values:
        raise ValueError("empty input")
    best = hi = lo = values[0]
    for v in values[1:]:
        candidates = (v, hi * v, lo * v)
        hi, lo = max(candidates), min(candidates)
        best = max(best, hi)
    return best


def subset_sum_exists(values: list[int], target: int) -> bool:
    """
    >>> subset_sum_exists([3, 34, 4, 12, 5, 2], 9)
    True
    >>> subset_sum_exists([3, 34, 4], 100)
    False
    """
    reachable = {0}
    for v in values:
        reachable |= {r + v for r in reachable if r + v <= target}
    return target in reachable


# ---------------------------------------------------------------- bits


def popcount(n: int) -> int:
    """
    >>> popcount(0b101101)
    4
    """
    if n < 0:
        raise ValueError("negative")
    return bin(n).count("1")


def lowest_bit_value(n: int) -> int:
    """
    >>> lowest_bit_value(40)
    8
    """
    return n & -n


def trailing_zeros(n: int) -> int:
    """
    >>> trailing_zeros(48)
    4
    >>> trailing_zeros(0)
    0
    """
    if n == 0:
        return 0
    count = 0
    while n & 1 == 0:
        n >>= 1
        count += 1
    return count


def reverse_bits_32(n: int) -> int:
    """
    >>> reverse_bits_32(1)
    2147483648
    """
    result = 0
    for _ in range(32):
        result = (result << 1) | (n & 1)
        n >>= 1
    return result


def parity(n: int) -> int:
    """
    >>> parity(7)
    1
    >>> parity(6)
    0
    """
    p = 0
    while n:
        p ^= 1
        n &= n - 1
    return p


def add_without_plus(a: int, b: int) -> int:
    """Sum of two non-negative ints with bit operations only.

    >>> add_without_plus(13, 29)
    42
    """
    while b:
        carry = a & b
        a ^= b
        b = carry << 1
    return a


def toggle_bit(n: int, i: int) -> int:
    """
    >>> toggle_bit(0b1010, 0)
    11
    """
    return n ^ (1 << i)


def unique_number_pairs(values: list[int]) -> int:
    """
    >>> unique_number_pairs([4, 1, 2, 1, 2])
    4
    """
    return reduce(lambda a, b: a ^ b, values, 0)


def bit_string(n: int, width: int = 8) -> str:
    """
    >>> bit_string(5)
    '00000101'
    """
    return format(n, "b").zfill(width)


# ---------------------------------------------------------------- big numbers


def fib_fast_doubling(n: int) -> int:
    """
    >>> fib_fast_doubling(100)
    354224848179261915075
    """

    def helper(k: int) -> tuple[int, int]:
        if k == 0:
            return (0, 1)
        a, b = helper(k // 2)
        c = a * (2 * b - a)
        d = a * a + b * b
        if k % 2 == 0:
            return (c, d)
        return (d, c + d)

    return helper(n)[0]


def primorial(n: int) -> int:
    """
    >>> primorial(50)
    614889782588491410
    """
    result = 1
    for p in range(2, n + 1):
        if all(p % q for q in range(2, math.isqrt(p) + 1)):
            result *= p
    return result


def power_digit_sum(base: int, exponent: int) -> int:
    """
    >>> power_digit_sum(2, 1000)
    1366
    """
    return sum(int(d) for d in str(base**exponent))


def factorial_trailing_zeros(n: int) -> int:
    """
    >>> factorial_trailing_zeros(100)
    24
    """
    count = 0
    p = 5
    while p <= n:
        count += n // p
        p *= 5
    return count


def catalan_big(n: int) -> int:
    """
    >>> catalan_big(35)
    3116285494907301262
    >>> catalan_big(40)
    2622127042276492108820
    """
    return math.comb(2 * n, n) // (n + 1)


def mod_inverse_fermat(a: int, p: int) -> int:
    """
    >>> mod_inverse_fermat(3, 1_000_000_007)
    333333336
    """
    if a % p == 0:
        raise ValueError("not invertible")
    return pow(a, p - 2, p)


def digits_of_factorial(n: int) -> int:
    """
    >>> digits_of_factorial(30)
    33
    """
    return len(str(math.factorial(n)))


def collatz_max(n: int) -> int:
    """Highest value the Collatz sequence from n reaches.

    >>> collatz_max(27)
    9232
    """
    high = n
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        high = max(high, n)
    return high


def sum_of_squares_big(n: int) -> int:
    """
    >>> sum_of_squares_big(10**7)
    333333383333335000000
    """
    return n * (n + 1) * (2 * n + 1) // 6


def is_probable_prime(n: int) -> bool:
    """
    >>> [is_probable_prime(v) for v in [2, 15, 97, 561, 2**61 - 1]]
    [True, False, True, False, True]
    """
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in (2, 3, 5, 7, 11, 13, 17):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


# ---------------------------------------------------------------- number theory


def totient_sieve(n: int) -> list[int]:
    """
    >>> totient_sieve(10)
    [0, 1, 1, 2, 2, 4, 2, 6, 4, 6, 4]
    """
    phi = list(range(n + 1))
    for i in range(2, n + 1):
        if phi[i] == i:
            for j in range(i, n + 1, i):
                phi[j] -= phi[j] // i
    return phi


def amicable_pair(n: int) -> Optional[int]:
    """
    >>> amicable_pair(220)
    284
    >>> amicable_pair(10) is None
    True
    """

    def d(k: int) -> int:
        return sum(i for i in range(1, k) if k % i == 0)

    m = d(n)
    if m != n and d(m) == n:
        return m
    return None


def goldbach_pair(n: int) -> tuple[int, int]:
    """
    >>> goldbach_pair(28)
    (5, 23)
    """
    if n <= 2 or n % 2:
        raise ValueError("even numbers above 2 only")

    def prime(k: int) -> bool:
        return k > 1 and all(k % i for i in range(2, math.isqrt(k) + 1))

    for a in range(2, n // 2 + 1):
        if prime(a) and prime(n - a):
            return (a, n - a)
    raise ValueError("no pair found")


def count_primes_below(n: int) -> int:
    """
    >>> count_primes_below(100)
    25
    """
    if n < 3:
        return 0
    flags = bytearray([1]) * n
    flags[0] = flags[1] = 0
    for i in range(2, math.isqrt(n - 1) + 1):
        if flags[i]:
            flags[i * i :: i] = bytearray(len(range(i * i, n, i)))
    return sum(flags)


def smallest_prime_factor(n: int) -> int:
    """
    >>> smallest_prime_factor(91)
    7
    >>> smallest_prime_factor(13)
    13
    """
    if n < 2:
        raise ValueError("n must be at least 2")
    i = 2
    while i * i <= n:
        if n % i == 0:
            return i
        i += 1
    return n


def perfect_numbers_upto(limit: int) -> list[int]:
    """
    >>> perfect_numbers_upto(10000)
    [6, 28, 496, 8128]
    """
    found = []
    for n in range(2, limit + 1):
        total = 1
        for i in range(2, math.isqrt(n) + 1):
            if n % i == 0:
                total += i
                if i != n // i:
                    total += n // i
        if total == n:
            found.append(n)
    return found


def continued_fraction(num: int, den: int) -> list[int]:
    """
    >>> continued_fraction(415, 93)
    [4, 2, 6, 7]
    """
    if den == 0:
        raise ValueError("zero denominator")
    terms = []
    while den:
        q, r = divmod(num, den)
        terms.append(q)
        num, den = den, r
    return terms


def base_digits(n: int, base: int) -> list[int]:
    """
    >>> base_digits(255, 16)
    [15, 15]
    >>> base_digits(0, 2)
    [0]
    """
    if base < 2:
        raise ValueError("base must be at least 2")
    if n == 0:
        return [0]
    digits = []
    while n:
        n, r = divmod(n, base)
        digits.append(r)
    return digits[::-1]


def happy_number(n: int) -> bool:
    """
    >>> happy_number(19)
    True
    >>> happy_number(2)
    False
    """
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(c) ** 2 for c in str(n))
    return n == 1


def self_dividing(lo: int, hi: int) -> list[int]:
    """
    >>> self_dividing(1, 22)
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15, 22]
    """
    return [n for n in range(lo, hi + 1) if all(c != "0" and n % int(c) == 0 for c in str(n))]


# ---------------------------------------------------------------- strings


def compress_string(s: str) -> str:
    """
    >>> compress_string("aabcccccaaa")
    'a2b1c5a3'
    >>> compress_string("abc")
    'abc'
    """
    if not s:
        return s
    parts = []
    count = 1
    for i in range(1, len(s) + 1):
        if i < len(s) and s[i] == s[i - 1]:
            count += 1
        else:
            parts.append(s[i - 1] + str(count))
            count = 1
    joined = "".join(parts)
    return joined if len(joined) < len(s) else s


def is_rotation(a: str, b: str) -> bool:
    """
    >>> is_rotation("waterbottle", "erbottlewat")
    True
    >>> is_rotation("abc", "acb")
    False
    """
    return len(a) == len(b) and b in a + a


def soundex(name: str) -> str:
    """
    >>> soundex("Robert")
    'R163'
    >>> soundex("Tymczak")
    'T522'
    """
    if not name:
        raise ValueError("empty name")
    codes = {}
    for letters, digit in (
        ("bfpv", "1"),
        ("cgjkqsxz", "2"),
        ("dt", "3"),
        ("l", "4"),
        ("mn", "5"),
        ("r", "6"),
    ):
        for ch in letters:
            codes[ch] = digit
    name = name.lower()
    result = name[0].upper()
    last = codes.get(name[0], "")
    for ch in name[1:]:
        code = codes.get(ch, "")
        if code and code != last:
            result += code
        if ch not in "hw":
            last = code
    return (result + "000")[:4]


MORSE = {
    "a": ".-",
    "b": "-...",
    "c": "-.-.",
    "d": "-..",
    "e": ".",
    "s": "...",
    "o": "---",
    "t": "-",
}


def to_morse(text: str) -> str:
    """
    >>> to_morse("sos")
    '... --- ...'
    """
    out = []
    for ch in text.lower():
        if ch not in MORSE:
            raise ValueError(f"no code for {ch!r}")
        out.append(MORSE[ch])
    return " ".join(out)


def min_window_cover(s: str, t: str) -> str:
    """
    >>> min_window_cover("ADOBECODEBANC", "ABC")
    'BANC'
    >>> min_window_cover("a", "aa")
    ''
    """
    need = Counter(t)
    missing = len(t)
    start, best_start, best_len = 0, 0, len(s) + 1
    for end, ch in enumerate(s):
        if need[ch] > 0:
            missing -= 1
        need[ch] -= 1
        while missing == 0:
            if end - start + 1 < best_len:
                best_start, best_len = start, end - start + 1
            need[s[start]] += 1
            if need[s[start]] > 0:
                missing += 1
            start += 1
    return "" if best_len > len(s) else s[best_start : best_start + best_len]


def longest_unique_substring(s: str) -> int:
    """
    >>> longest_unique_substring("abcabcbb")
    3
    >>> longest_unique_substring("")
    0
    """
    last: dict[str, int] = {}
    start = best = 0
    for i, ch in enumerate(s):
        if ch in last and last[ch] >= start:
            start = last[ch] + 1
        last[ch] = i
        best = max(best, i - start + 1)
    return best


def number_to_words(n: int) -> str:
    """
    >>> number_to_words(342)
    'three hundred forty two'
    >>> number_to_words(0)
    'zero'
    """
    ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    if not 0 <= n < 1000:
        raise ValueError("0 <= n < 1000 only")
    if n < 20:
        return ones[n]
    if n < 100:
        return tens[n // 10] + ("" if n % 10 == 0 else " " + ones[n % 10])
    rest = n % 100
    head = ones[n // 100] + " hundred"
    return head if rest == 0 else head + " " + number_to_words(rest)


def title_case(sentence: str, minor: set[str] = {"a", "an", "the", "of", "and"}) -> str:
    """
    >>> title_case("the lord of the rings")
    'The Lord of the Rings'
    """
    words = sentence.split()
    out = []
    for i, w in enumerate(words):
        out.append(w if i > 0 and w in minor else w.capitalize())
    return " ".join(out)


def count_substring(text: str, pattern: str) -> int:
    """Overlapping occurrences.

    >>> count_substring("aaaa", "aa")
    3
    """
    if not pattern:
        raise ValueError("empty pattern")
    return sum(1 for i in range(len(text) - len(pattern) + 1) if text.startswith(pattern, i))


def levenshtein_two_rows(a: str, b: str) -> int:
    """
    >>> levenshtein_two_rows("kitten", "sitting")
    3
    """
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def is_isogram(word: str) -> bool:
    """
    >>> is_isogram("lumberjack")
    True
    >>> is_isogram("six-year-old")
    True
    >>> is_isogram("apple")
    False
    """
    letters = [c.lower() for c in word if c.isalpha()]
    return len(letters) == len(set(letters))


def swap_case_words(text: str) -> str:
    """
    >>> swap_case_words("Hello World")
    'hELLO wORLD'
    """
    return " ".join(w.swapcase() for w in text.split(" "))


def palindrome_partitions(s: str) -> list[list[str]]:
    """
    >>> palindrome_partitions("aab")
    [['a', 'a', 'b'], ['aa', 'b']]
    """
    if not s:
        return [[]]
    out = []
    for i in range(1, len(s) + 1):
        head = s[:i]
        if head == head[::-1]:
            for rest in palindrome_partitions(s[i:]):
                out.append([head] + rest)
    return out


def char_histogram(text: str) -> list[tuple[str, int]]:
    """
    >>> char_histogram("banana")
    [('a', 3), ('n', 2), ('b', 1)]
    """
    return Counter(text).most_common()


def group_by_first_letter(words: list[str]) -> dict[str, list[str]]:
    """
    >>> group_by_first_letter(["apple", "bee", "avocado", "cat", "bear"])
    {'a': ['apple', 'avocado'], 'b': ['bee', 'bear'], 'c': ['cat']}
    """
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for w in words:
        groups[w[0]].append(w)
    return dict(groups)


def decode_run_length(encoded: str) -> str:
    """
    >>> decode_run_length("3a2b1c")
    'aaabbc'
    >>> decode_run_length("12x")
    'xxxxxxxxxxxx'
    """
    out = []
    num = 0
    for ch in encoded:
        if ch.isdigit():
            num = num * 10 + int(ch)
        else:
            out.append(ch * num)
            num = 0
    return "".join(out)


def vowel_positions(word: str) -> list[int]:
    """
    >>> vowel_positions("education")
    [0, 2, 4, 6, 7]
    """
    return [i for i, c in enumerate(word) if c in "aeiou"]


def alternate_caps(text: str) -> str:
    """
    >>> alternate_caps("python")
    'PyThOn'
    """
    return "".join(c.upper() if i % 2 == 0 else c.lower() for i, c in enumerate(text))


def parse_csv_ints(line: str) -> list[int]:
    """
    >>> parse_csv_ints("1, 2,3 , -4")
    [1, 2, 3, -4]
    """
    return [int(part.strip()) for part in line.split(",") if part.strip()]


def common_chars(words: list[str]) -> list[str]:
    """
    >>> common_chars(["bella", "label", "roller"])
    ['e', 'l', 'l']
    """
    if not words:
        return []
    common = Counter(words[0])
    for w in words[1:]:
        common &= Counter(w)
    return sorted(common.elements())


# ---------------------------------------------------------------- matrices and grids


def determinant_laplace(m: list[list[int]]) -> int:
    """
    >>> determinant_laplace([[2, 0, 1], [1, 3, 2], [1, 1, 1]])
    0
    >>> determinant_laplace([[1, 2], [3, 4]])
    -2
    """
    n = len(m)
    if any(len(row) != n for row in m):
        raise ValueError("square matrix required")
    if n == 1:
        return m[0][0]
    if n == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for c in range(n):
        minor = [row[:c] + row[c + 1 :] for row in m[1:]]
        total += (-1) ** c * m[0][c] * determinant_laplace(minor)
    return total


def inverse_2x2(m: list[list[float]]) -> Optional[list[list[float]]]:
    """
    >>> inverse_2x2([[4.0, 7.0], [2.0, 6.0]])
    [[0.6, -0.7], [-0.2, 0.4]]
    >>> inverse_2x2([[1.0, 2.0], [2.0, 4.0]]) is None
    True
    """
    det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
    if det == 0:
        return None
    return [[m[1][1] / det, -m[0][1] / det], [-m[1][0] / det, m[0][0] / det]]


def kronecker(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:
    """
    >>> kronecker([[1, 2]], [[0, 1], [1, 0]])
    [[0, 1, 0, 2], [1, 0, 2, 0]]
    """
    return [[x * y for x in ra for y in rb] for ra in a for rb in b]


def life_step(grid: list[list[int]]) -> list[list[int]]:
    """
    >>> life_step([[0, 1, 0], [0, 1, 0], [0, 1, 0]])
    [[0, 0, 0], [1, 1, 1], [0, 0, 0]]
    """
    rows, cols = len(grid), len(grid[0])
    out = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            alive = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if (dr or dc) and 0 <= r + dr < rows and 0 <= c + dc < cols:
                        alive += grid[r + dr][c + dc]
            if alive == 3 or (alive == 2 and grid[r][c]):
                out[r][c] = 1
    return out


def count_islands(grid: list[list[int]]) -> int:
    """
    >>> count_islands([[1, 1, 0, 0], [0, 1, 0, 1], [1, 0, 0, 1]])
    3
    """
    seen = [[False] * len(row) for row in grid]

    def sink(r: int, c: int) -> None:
        if r < 0 or c < 0 or r >= len(grid) or c >= len(grid[r]):
            return
        if seen[r][c] or grid[r][c] == 0:
            return
        seen[r][c] = True
        sink(r + 1, c)
        sink(r - 1, c)
        sink(r, c + 1)
        sink(r, c - 1)

    count = 0
    for r in range(len(grid)):
        for c in range(len(grid[r])):
            if grid[r][c] == 1 and not seen[r][c]:
                count += 1
                sink(r, c)
    return count


def matrix_diagonals(m: list[list[int]]) -> tuple[int, int]:
    """
    >>> matrix_diagonals([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    (15, 15)
    """
    n = len(m)
    return sum(m[i][i] for i in range(n)), sum(m[i][n - 1 - i] for i in range(n))


def row_with_max_ones(m: list[list[int]]) -> int:
    """
    >>> row_with_max_ones([[0, 1, 1], [1, 1, 1], [0, 0, 1]])
    1
    """
    if not m:
        raise ValueError("empty matrix")
    return max(range(len(m)), key=lambda i: sum(m[i]))


def pascal_matrix(n: int) -> list[list[int]]:
    """
    >>> pascal_matrix(3)
    [[1, 1, 1], [1, 2, 3], [1, 3, 6]]
    """
    return [[math.comb(i + j, i) for j in range(n)] for i in range(n)]


def saddle_points(m: list[list[int]]) -> list[tuple[int, int]]:
    """
    >>> saddle_points([[9, 8, 7], [5, 3, 2], [6, 6, 7]])
    [(1, 0)]
    """
    if not m:
        return []
    col_min = [min(col) for col in zip(*m)]
    out = []
    for r, row in enumerate(m):
        top = max(row)
        for c, v in enumerate(row):
            if v == top and v == col_min[c]:
                out.append((r, c))
    return out


def search_sorted_matrix(m: list[list[int]], target: int) -> bool:
    """
    >>> search_sorted_matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]], 5)
    True
    >>> search_sorted_matrix([[1, 4, 7], [2, 5, 8]], 10)
    False
    """
    if not m:
        return False
    r, c = 0, len(m[0]) - 1
    while r < len(m) and c >= 0:
        if m[r][c] == target:
            return True
        if m[r][c] > target:
            c -= 1
        else:
            r += 1
    return False


# ---------------------------------------------------------------- graphs


def has_path(graph: dict[int, list[int]], start: int, goal: int) -> bool:
    """
    >>> has_path({1: [2], 2: [3], 3: [], 4: [1]}, 1, 3)
    True
    >>> has_path({1: [2], 2: [], 3: [1]}, 1, 3)
    False
    """
    stack = [start]
    seen = set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph.get(node, []))
    return False


def kahn_order(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """
    >>> kahn_order(4, [(0, 1), (0, 2), (1, 3), (2, 3)])
    [0, 1, 2, 3]
    """
    indeg = [0] * n
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        indeg[b] += 1
    ready = [v for v in range(n) if indeg[v] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        v = heapq.heappop(ready)
        order.append(v)
        for w in adj[v]:
            indeg[w] -= 1
            if indeg[w] == 0:
                heapq.heappush(ready, w)
    if len(order) != n:
        raise ValueError("graph has a cycle")
    return order


def prim_mst_weight(n: int, edges: list[tuple[int, int, int]]) -> int:
    """
    >>> prim_mst_weight(4, [(0, 1, 1), (1, 2, 2), (0, 2, 4), (2, 3, 3), (1, 3, 5)])
    6
    """
    adj: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b, w in edges:
        adj[a].append((w, b))
        adj[b].append((w, a))
    seen = {0}
    heap = list(adj[0])
    heapq.heapify(heap)
    total = 0
    while heap and len(seen) < n:
        w, v = heapq.heappop(heap)
        if v in seen:
            continue
        seen.add(v)
        total += w
        for item in adj[v]:
            heapq.heappush(heap, item)
    return total


def bfs_levels(graph: dict[str, list[str]], root: str) -> dict[str, int]:
    """
    >>> bfs_levels({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}, "a")
    {'a': 0, 'b': 1, 'c': 1, 'd': 2}
    """
    level = {root: 0}
    queue = deque([root])
    while queue:
        v = queue.popleft()
        for w in graph[v]:
            if w not in level:
                level[w] = level[v] + 1
                queue.append(w)
    return level


def knight_moves(start: tuple[int, int], goal: tuple[int, int], size: int = 8) -> int:
    """
    >>> knight_moves((0, 0), (7, 7))
    6
    >>> knight_moves((0, 0), (0, 0))
    0
    """
    jumps = [(1, 2), (2, 1), (-1, 2), (-2, 1), (1, -2), (2, -1), (-1, -2), (-2, -1)]
    dist = {start: 0}
    queue = deque([start])
    while queue:
        x, y = queue.popleft()
        if (x, y) == goal:
            return dist[(x, y)]
        for dx, dy in jumps:
            nxt = (x + dx, y + dy)
            if 0 <= nxt[0] < size and 0 <= nxt[1] < size and nxt not in dist:
                dist[nxt] = dist[(x, y)] + 1
                queue.append(nxt)
    return -1


def bellman_ford(n: int, edges: list[tuple[int, int, int]], src: int) -> list[float]:
    """
    >>> bellman_ford(3, [(0, 1, 4), (0, 2, 5), (1, 2, -3)], 0)
    [0, 4, 1]
    """
    dist: list[float] = [math.inf] * n
    dist[src] = 0
    for _ in range(n - 1):
        for a, b, w in edges:
            if dist[a] + w < dist[b]:
                dist[b] = dist[a] + w
    for a, b, w in edges:
        if dist[a] + w < dist[b]:
            raise ValueError("negative cycle")
    return dist


# ---------------------------------------------------------------- small classes


class DisjointSet:
    """
    >>> ds = DisjointSet(5)
    >>> ds.union(0, 1)
    True
    >>> ds.union(1, 0)
    False
    >>> ds.union(3, 4)
    True
    >>> ds.components()
    3
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n
        self.count = n

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.count -= 1
        return True

    def components(self) -> int:
        return self.count


class FenwickTree:
    """
    >>> ft = FenwickTree(6)
    >>> for i, v in enumerate([3, 2, -1, 6, 5, 4]):
    ...     ft.add(i, v)
    >>> ft.prefix_sum(3)
    10
    >>> ft.range_sum(1, 4)
    12
    """

    def __init__(self, n: int) -> None:
        self.tree = [0] * (n + 1)

    def add(self, i: int, delta: int) -> None:
        i += 1
        while i < len(self.tree):
            self.tree[i] += delta
            i += i & -i

    def prefix_sum(self, i: int) -> int:
        i += 1
        total = 0
        while i > 0:
            total += self.tree[i]
            i -= i & -i
        return total

    def range_sum(self, lo: int, hi: int) -> int:
        return self.prefix_sum(hi) - (self.prefix_sum(lo - 1) if lo > 0 else 0)


class Fraction2:
    """A reduced fraction.

    >>> Fraction2(1, 2) + Fraction2(1, 3)
    Fraction2(5, 6)
    >>> Fraction2(2, 4) == Fraction2(1, 2)
    True
    """

    def __init__(self, num: int, den: int) -> None:
        if den == 0:
            raise ValueError("zero denominator")
        g = math.gcd(num, den)
        if den < 0:
            g = -g
        self.num = num // g
        self.den = den // g

    def __add__(self, other: Fraction2) -> Fraction2:
        return Fraction2(self.num * other.den + other.num * self.den, self.den * other.den)

    def __mul__(self, other: Fraction2) -> Fraction2:
        return Fraction2(self.num * other.num, self.den * other.den)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fraction2):
            return NotImplemented
        return self.num == other.num and self.den == other.den

    def __repr__(self) -> str:
        return f"Fraction2({self.num}, {self.den})"

    def to_float(self) -> float:
        return self.num / self.den


def harmonic_fraction(n: int) -> tuple[int, int]:
    """
    >>> harmonic_fraction(4)
    (25, 12)
    """
    total = Fraction2(0, 1)
    for k in range(1, n + 1):
        total = total + Fraction2(1, k)
    return (total.num, total.den)


class QueueFromStacks:
    """
    >>> q = QueueFromStacks()
    >>> q.push(1); q.push(2); q.push(3)
    >>> q.pop()
    1
    >>> len(q)
    2
    """

    def __init__(self) -> None:
        self.inbox: list[int] = []
        self.outbox: list[int] = []

    def push(self, value: int) -> None:
        self.inbox.append(value)

    def pop(self) -> int:
        if not self.outbox:
            while self.inbox:
                self.outbox.append(self.inbox.pop())
        if not self.outbox:
            raise IndexError("pop from empty queue")
        return self.outbox.pop()

    def __len__(self) -> int:
        return len(self.inbox) + len(self.outbox)


class LRUCache:
    """
    >>> c = LRUCache(2)
    >>> c.put(1, 1); c.put(2, 2)
    >>> c.get(1)
    1
    >>> c.put(3, 3)
    >>> c.get(2)
    -1
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data: OrderedDict[int, int] = OrderedDict()

    def get(self, key: int) -> int:
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key: int, value: int) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)


class Polynomial:
    """
    >>> p = Polynomial([1, 0, 2])
    >>> p.evaluate(3)
    19
    >>> p.derivative().coeffs
    [0, 4]
    >>> p.degree()
    2
    """

    def __init__(self, coeffs: list[int]) -> None:
        self.coeffs = coeffs

    def evaluate(self, x: int) -> int:
        total = 0
        for c in reversed(self.coeffs):
            total = total * x + c
        return total

    def derivative(self) -> Polynomial:
        return Polynomial([i * c for i, c in enumerate(self.coeffs)][1:])

    def degree(self) -> int:
        return len(self.coeffs) - 1


class IntervalSet:
    """
    >>> s = IntervalSet()
    >>> s.add(1, 3); s.add(6, 9); s.add(2, 5)
    >>> s.spans
    [(1, 5), (6, 9)]
    >>> 4 in s
    True
    >>> 5 in s
    False
    """

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, lo: int, hi: int) -> None:
        if lo > hi:
            raise ValueError("empty interval")
        merged: list[tuple[int, int]] = []
        for a, b in sorted(self.spans + [(lo, hi)]):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        self.spans = merged

    def __contains__(self, x: int) -> bool:
        return any(a <= x < b for a, b in self.spans)


class BankAccount:
    """
    >>> acct = BankAccount(100)
    >>> acct.withdraw(30)
    70
    >>> acct.withdraw(500)
    Traceback (most recent call last):
    ...
    ValueError: insufficient funds
    """

    def __init__(self, balance: int = 0) -> None:
        self.balance = balance
        self.history: list[int] = []

    def deposit(self, amount: int) -> int:
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def withdraw(self, amount: int) -> int:
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        self.history.append(-amount)
        return self.balance


class MinStack:
    """
    >>> s = MinStack()
    >>> s.push(5); s.push(2); s.push(8)
    >>> s.minimum()
    2
    >>> s.pop()
    8
    >>> s.pop()
    2
    >>> s.minimum()
    5
    """

    def __init__(self) -> None:
        self.items: list[tuple[int, int]] = []

    def push(self, v: int) -> None:
        low = min(v, self.items[-1][1]) if self.items else v
        self.items.append((v, low))

    def pop(self) -> int:
        return self.items.pop()[0]

    def minimum(self) -> int:
        if not self.items:
            raise ValueError("empty stack")
        return self.items[-1][1]


# ---------------------------------------------------------------- generators


def primes_forever() -> Iterator[int]:
    """
    >>> list(islice(primes_forever(), 8))
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    found: list[int] = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1


def triangular_numbers(limit: int) -> Iterator[int]:
    """
    >>> list(triangular_numbers(30))
    [1, 3, 6, 10, 15, 21, 28]
    """
    n, total = 1, 1
    while total <= limit:
        yield total
        n += 1
        total += n


def chunks(values: list[int], size: int) -> Iterator[list[int]]:
    """
    >>> list(chunks([1, 2, 3, 4, 5], 2))
    [[1, 2], [3, 4], [5]]
    """
    if size <= 0:
        raise ValueError("size must be positive")
    for i in range(0, len(values), size):
        yield values[i : i + size]


def sum_first_primes(n: int) -> int:
    """
    >>> sum_first_primes(10)
    129
    """
    return sum(islice(primes_forever(), n))


def look_and_say(n: int) -> str:
    """
    >>> look_and_say(5)
    '111221'
    """
    term = "1"
    for _ in range(n - 1):
        nxt = []
        i = 0
        while i < len(term):
            j = i
            while j < len(term) and term[j] == term[i]:
                j += 1
            nxt.append(f"{j - i}{term[i]}")
            i = j
        term = "".join(nxt)
    return term


# ---------------------------------------------------------------- recursion and backtracking


def generate_parentheses(n: int) -> list[str]:
    """
    >>> generate_parentheses(3)
    ['((()))', '(()())', '(())()', '()(())', '()()()']
    """
    out: list[str] = []

    def build(prefix: str, opened: int, closed: int) -> None:
        if len(prefix) == 2 * n:
            out.append(prefix)
            return
        if opened < n:
            build(prefix + "(", opened + 1, closed)
        if closed < opened:
            build(prefix + ")", opened, closed + 1)

    build("", 0, 0)
    return out


def permutations_recursive(items: list[int]) -> list[list[int]]:
    """
    >>> permutations_recursive([1, 2, 3])
    [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
    """
    if len(items) <= 1:
        return [items[:]]
    out = []
    for i, head in enumerate(items):
        for rest in permutations_recursive(items[:i] + items[i + 1 :]):
            out.append([head] + rest)
    return out


def ackermann(m: int, n: int) -> int:
    """
    >>> ackermann(2, 3)
    9
    """
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def combination_sum_unique(candidates: list[int], target: int) -> list[list[int]]:
    """
    >>> combination_sum_unique([10, 1, 2, 7, 6, 1, 5], 8)
    [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]
    """
    nums = sorted(candidates)
    out: list[list[int]] = []

    def walk(start: int, remaining: int, chosen: list[int]) -> None:
        if remaining == 0:
            out.append(list(chosen))
            return
        for i in range(start, len(nums)):
            if i > start and nums[i] == nums[i - 1]:
                continue
            if nums[i] > remaining:
                break
            chosen.append(nums[i])
            walk(i + 1, remaining - nums[i], chosen)
            chosen.pop()

    walk(0, target, [])
    return out


def binary_strings_without_11(n: int) -> list[str]:
    """
    >>> binary_strings_without_11(3)
    ['000', '001', '010', '100', '101']
    """
    if n == 0:
        return [""]
    if n == 1:
        return ["0", "1"]
    out = ["0" + s for s in binary_strings_without_11(n - 1)]
    out += ["10" + s for s in binary_strings_without_11(n - 2)]
    return out


def sum_nested(data: list) -> int:
    """
    >>> sum_nested([1, [2, [3, 4]], 5])
    15
    """
    total = 0
    for item in data:
        if isinstance(item, list):
            total += sum_nested(item)
        else:
            total += item
    return total


def max_depth(data: list) -> int:
    """
    >>> max_depth([1, [2, [3]], []])
    3
    """
    return 1 + max((max_depth(x) for x in data if isinstance(x, list)), default=0)


# ---------------------------------------------------------------- searches and sorts with keys


def exponential_bisect(values: list[int], target: int) -> int:
    """Index of target in a sorted list, or -1.

    >>> exponential_bisect([1, 3, 5, 7, 9, 11], 9)
    4
    >>> exponential_bisect([1, 3], 4)
    -1
    """
    if not values:
        return -1
    bound = 1
    while bound < len(values) and values[bound] < target:
        bound *= 2
    lo = bound // 2
    hi = min(bound + 1, len(values))
    i = bisect.bisect_left(values, target, lo, hi)
    return i if i < len(values) and values[i] == target else -1


def sort_by_frequency(values: list[int]) -> list[int]:
    """Most frequent first, ties by smaller value.

    >>> sort_by_frequency([4, 6, 2, 6, 4, 4, 8])
    [4, 4, 4, 6, 6, 2, 8]
    """
    counts = Counter(values)
    return sorted(values, key=lambda v: (-counts[v], v))


def stable_partition(values: list[int], pred: Callable[[int], bool]) -> list[int]:
    """
    >>> stable_partition([1, 2, 3, 4, 5, 6], lambda v: v % 2 == 0)
    [2, 4, 6, 1, 3, 5]
    """
    return [v for v in values if pred(v)] + [v for v in values if not pred(v)]


def bucket_sort(values: list[float], buckets: int = 10) -> list[float]:
    """
    >>> bucket_sort([0.42, 0.32, 0.23, 0.52, 0.25, 0.47, 0.51])
    [0.23, 0.25, 0.32, 0.42, 0.47, 0.51, 0.52]
    """
    if not values:
        return []
    lo, hi = min(values), max(values)
    width = (hi - lo) / buckets or 1.0
    bins: list[list[float]] = [[] for _ in range(buckets + 1)]
    for v in values:
        bins[int((v - lo) / width)].append(v)
    return [v for b in bins for v in sorted(b)]


def strand_sort(values: list[int]) -> list[int]:
    """
    >>> strand_sort([10, 5, 30, 40, 2, 4, 9])
    [2, 4, 5, 9, 10, 30, 40]
    """
    rest = list(values)
    result: list[int] = []
    while rest:
        strand = [rest.pop(0)]
        i = 0
        while i < len(rest):
            if rest[i] >= strand[-1]:
                strand.append(rest.pop(i))
            else:
                i += 1
        result = list(heapq.merge(result, strand))
    return result


def wiggle_sort(values: list[int]) -> list[int]:
    """
    >>> wiggle_sort([3, 5, 2, 1, 6, 4])
    [3, 5, 1, 6, 2, 4]
    """
    out = list(values)
    for i in range(1, len(out)):
        if (i % 2 == 1) == (out[i - 1] > out[i]):
            out[i - 1], out[i] = out[i], out[i - 1]
    return out


def search_insert_position(values: list[int], target: int) -> int:
    """
    >>> search_insert_position([1, 3, 5, 6], 5)
    2
    >>> search_insert_position([1, 3, 5, 6], 7)
    4
    """
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def sort_with(values: list[int], sorter: Callable[[list[int]], list[int]] = sorted) -> list[int]:
    """
    >>> sort_with([3, 1, 2])
    [1, 2, 3]
    >>> sort_with([3, 1, 2], strand_sort)
    [1, 2, 3]
    """
    return sorter(values)


# ---------------------------------------------------------------- unions, bare containers, misc


def safe_divide(a: int | float, b: int | float) -> float | None:
    """
    >>> safe_divide(7, 2)
    3.5
    >>> safe_divide(1, 0) is None
    True
    """
    if b == 0:
        return None
    return a / b


def parse_int_or_none(text: str) -> Union[int, None]:
    """
    >>> parse_int_or_none("42")
    42
    >>> parse_int_or_none("4x") is None
    True
    """
    text = text.strip()
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if not digits or not digits.isdigit():
        return None
    return sign * int(digits)


def first_duplicate(values: list) -> int | None:
    """
    >>> first_duplicate([2, 1, 3, 5, 3, 2])
    3
    >>> first_duplicate([1, 2]) is None
    True
    """
    seen = set()
    for v in values:
        if v in seen:
            return v
        seen.add(v)
    return None


def invert_mapping(mapping: dict) -> dict:
    """
    >>> invert_mapping({"a": 1, "b": 2})
    {1: 'a', 2: 'b'}
    """
    return {v: k for k, v in mapping.items()}


def most_common_word(text: str, banned: list[str]) -> str:
    """
    >>> most_common_word("Bob hit a ball, the hit BALL flew far after it was hit.", ["hit"])
    'ball'
    """
    words = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    counts = Counter(w for w in words if w not in banned)
    if not counts:
        raise ValueError("no words left")
    return counts.most_common(1)[0][0]


def rotate_right(values: list[int], k: int) -> list[int]:
    """
    >>> rotate_right([1, 2, 3, 4, 5], 2)
    [4, 5, 1, 2, 3]
    """
    d = deque(values)
    d.rotate(k)
    return list(d)


def mean_or_zero(values: list[float]) -> float:
    """
    >>> mean_or_zero([1.0, 2.0, 6.0])
    3.0
    >>> mean_or_zero([])
    0.0
    """
    return sum(values) / len(values) if values else 0.0


def weighted_choice_index(weights: list[int], point: int) -> int:
    """Index of the bucket that cumulative weights put the point in.

    >>> weighted_choice_index([1, 3, 2], 0)
    0
    >>> weighted_choice_index([1, 3, 2], 3)
    1
    >>> weighted_choice_index([1, 3, 2], 5)
    2
    """
    totals = list(accumulate(weights))
    if not 0 <= point < totals[-1]:
        raise ValueError("point out of range")
    return bisect.bisect_right(totals, point)


def trapping_rain(heights: list[int]) -> int:
    """
    >>> trapping_rain([0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1])
    6
    """
    left, right = 0, len(heights) - 1
    left_max = right_max = water = 0
    while left < right:
        if heights[left] < heights[right]:
            left_max = max(left_max, heights[left])
            water += left_max - heights[left]
            left += 1
        else:
            right_max = max(right_max, heights[right])
            water += right_max - heights[right]
            right -= 1
    return water


def daily_warmer(temps: list[int]) -> list[int]:
    """
    >>> daily_warmer([73, 74, 75, 71, 69, 72, 76, 73])
    [1, 1, 4, 2, 1, 1, 0, 0]
    """
    out = [0] * len(temps)
    stack: list[int] = []
    for i, t in enumerate(temps):
        while stack and temps[stack[-1]] < t:
            j = stack.pop()
            out[j] = i - j
        stack.append(i)
    return out


def evaluate_rpn(tokens: list[str]) -> int:
    """
    >>> evaluate_rpn(["2", "1", "+", "3", "*"])
    9
    >>> evaluate_rpn(["4", "13", "5", "/", "+"])
    6
    """
    stack: list[int] = []
    for tok in tokens:
        if tok in {"+", "-", "*", "/"}:
            b, a = stack.pop(), stack.pop()
            if tok == "+":
                stack.append(a + b)
            elif tok == "-":
                stack.append(a - b)
            elif tok == "*":
                stack.append(a * b)
            else:
                stack.append(int(a / b))
        else:
            stack.append(int(tok))
    if len(stack) != 1:
        raise ValueError("malformed expression")
    return stack[0]


def celsius_table(start: int, stop: int, step: int = 10) -> dict[int, float]:
    """
    >>> celsius_table(0, 30)
    {0: 32.0, 10: 50.0, 20: 68.0}
    """
    return {c: c * 9 / 5 + 32 for c in range(start, stop, step)}


def zip_to_dict(keys: list[str], values: list[int]) -> dict[str, int]:
    """
    >>> zip_to_dict(["a", "b", "c"], [1, 2])
    {'a': 1, 'b': 2}
    """
    return dict(zip(keys, values))


def majority_vote(values: list[int]) -> int:
    """
    >>> majority_vote([2, 2, 1, 1, 1, 2, 2])
    2
    """
    candidate, count = 0, 0
    for v in values:
        if count == 0:
            candidate = v
        count += 1 if v == candidate else -1
    return candidate
