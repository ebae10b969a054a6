"""Dynamic programming classics, written with modern (3.10+) type hints."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


def climb_stairs(n: int) -> int:
    """Ways to climb n stairs taking 1 or 2 steps.

    >>> climb_stairs(1), climb_stairs(5), climb_stairs(45)
    (1, 8, 1836311903)
    """
    a, b = 1, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def min_coins(coins: list[int], amount: int) -> int | None:
    """Fewest coins summing to amount, or None if impossible.

    >>> min_coins([1, 2, 5], 11), min_coins([2], 3), min_coins([7], 0)
    (3, None, 0)
    """
    INF = amount + 1
    best = [0] + [INF] * amount
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and best[a - c] + 1 < best[a]:
                best[a] = best[a - c] + 1
    return best[amount] if best[amount] != INF else None


def count_change(coins: list[int], amount: int) -> int:
    """Number of coin combinations (bottom-up).

    >>> count_change([1, 2, 5], 5), count_change([2, 5, 3, 6], 10)
    (4, 5)
    """
    ways = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            ways[a] += ways[a - c]
    return ways[amount]


def knapsack(weights: list[int], values: list[int], capacity: int) -> int:
    """0/1 knapsack with a 1-D table iterated backwards.

    >>> knapsack([1, 3, 4, 5], [1, 4, 5, 7], 7)
    9
    >>> knapsack([], [], 10)
    0
    """
    best = [0] * (capacity + 1)
    for w, v in zip(weights, values):
        for c in range(capacity, w - 1, -1):
            best[c] = max(best[c], best[c - w] + v)
    return best[capacity]


def longest_increasing_subsequence(nums: Sequence[int]) -> int:
    """Length of the LIS, O(n^2).

    >>> longest_increasing_subsequence([10, 9, 2, 5, 3, 7, 101, 18])
    4
    >>> longest_increasing_subsequence([])
    0
    """
    if not nums:
        return 0
    lengths = [1] * len(nums)
    for i in range(1, len(nums)):
        for j in range(i):
            if nums[j] < nums[i]:
                lengths[i] = max(lengths[i], lengths[j] + 1)
    return max(lengths)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with a full table.

    >>> edit_distance("horse", "ros"), edit_distance("intention", "execution")
    (3, 5)
    """
    rows, cols = len(a) + 1, len(b) + 1
    dp = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        dp[i][0] = i
    for j in range(cols):
        dp[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            if a[i - 1] == b[j - 1]:
                dp[i][j] = dp[i - 1][j - 1]
            else:
                dp[i][j] = 1 + min(dp[i - 1][j], dp[i][j - 1], dp[i - 1][j - 1])
    return dp[-1][-1]


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence.

    >>> lcs_length("abcde", "ace"), lcs_length("abc", "def")
    (3, 0)
    """
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, other in enumerate(b):
            cur.append(prev[j] + 1 if ch == other else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def max_path_sum_grid(grid: list[list[int]]) -> int:
    """Max sum moving only right or down, top-left to bottom-right.

    >>> max_path_sum_grid([[1, 3, 1], [1, 5, 1], [4, 2, 1]])
    12
    """
    rows, cols = len(grid), len(grid[0])
    dp = [row[:] for row in grid]
    for r in range(rows):
        for c in range(cols):
            if r == 0 and c == 0:
                continue
            up = dp[r - 1][c] if r > 0 else float("-inf")
            left = dp[r][c - 1] if c > 0 else float("-inf")
            dp[r][c] += max(up, left)
    return int(dp[-1][-1])


def min_path_sum_triangle(triangle: list[list[int]]) -> int:
    """Minimum top-to-bottom path in a triangle, bottom-up.

    >>> min_path_sum_triangle([[2], [3, 4], [6, 5, 7], [4, 1, 8, 3]])
    11
    """
    best = triangle[-1][:]
    for row in reversed(triangle[:-1]):
        best = [v + min(best[i], best[i + 1]) for i, v in enumerate(row)]
    return best[0]


def house_robber(values: list[int]) -> int:
    """Max sum of non-adjacent elements.

    >>> house_robber([2, 7, 9, 3, 1]), house_robber([]), house_robber([5])
    (12, 0, 5)
    """
    take, skip = 0, 0
    for v in values:
        take, skip = skip + v, max(take, skip)
    return max(take, skip)


def can_partition(nums: list[int]) -> bool:
    """Split into two equal-sum subsets?

    >>> can_partition([1, 5, 11, 5]), can_partition([1, 2, 3, 5])
    (True, False)
    """
    total = sum(nums)
    if total % 2:
        return False
    target = total // 2
    reachable = {0}
    for n in nums:
        reachable |= {r + n for r in reachable if r + n <= target}
    return target in reachable


def word_break(text: str, words: list[str]) -> bool:
    """Can text be segmented into dictionary words?

    >>> word_break("applepenapple", ["apple", "pen"]), word_break("catsandog", ["cats", "dog", "sand", "and", "cat"])
    (True, False)
    """
    vocab = set(words)
    ok = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(end):
            if ok[start] and text[start:end] in vocab:
                ok[end] = True
                break
    return ok[-1]


def decode_ways(digits: str) -> int:
    """Ways to decode a digit string where 'A'=1 ... 'Z'=26.

    >>> decode_ways("12"), decode_ways("226"), decode_ways("06"), decode_ways("")
    (2, 3, 0, 1)
    """
    prev, cur = 1, 1 if digits[:1] not in ("", "0") else 0
    if not digits:
        return 1
    for i in range(1, len(digits)):
        nxt = 0
        if digits[i] != "0":
            nxt += cur
        if 10 <= int(digits[i - 1:i + 1]) <= 26:
            nxt += prev
        prev, cur = cur, nxt
    return cur


def unique_paths_with_obstacles(grid: list[list[int]]) -> int:
    """Paths avoiding cells marked 1.

    >>> unique_paths_with_obstacles([[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    2
    """
    cols = len(grid[0])
    ways = [0] * cols
    ways[0] = 1
    for row in grid:
        for c in range(cols):
            if row[c] == 1:
                ways[c] = 0
            elif c > 0:
                ways[c] += ways[c - 1]
    return ways[-1]


def rod_cutting(prices: list[int], length: int) -> int:
    """Best revenue from cutting a rod; prices[i] is the price of length i+1.

    >>> rod_cutting([1, 5, 8, 9, 10, 17, 17, 20], 8)
    22
    """
    best = [0] * (length + 1)
    for n in range(1, length + 1):
        best[n] = max(prices[i] + best[n - i - 1] for i in range(min(n, len(prices))))
    return best[length]


def longest_palindromic_subsequence(s: str) -> int:
    """Length of the longest palindromic subsequence.

    >>> longest_palindromic_subsequence("bbbab"), longest_palindromic_subsequence("cbbd")
    (4, 2)
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


def max_product_subarray(nums: list[int]) -> int:
    """Largest product of a contiguous subarray.

    >>> max_product_subarray([2, 3, -2, 4]), max_product_subarray([-2, 0, -1]), max_product_subarray([-2, 3, -4])
    (6, 0, 24)
    """
    best = hi = lo = nums[0]
    for n in nums[1:]:
        candidates = (n, hi * n, lo * n)
        hi, lo = max(candidates), min(candidates)
        best = max(best, hi)
    return best


@lru_cache(maxsize=None)
def partitions(n: int, largest: int | None = None) -> int:
    """Integer partitions of n with parts <= largest (memoised).

    >>> partitions(5), partitions(10), partitions(100)
    (7, 42, 190569292)
    """
    if largest is None:
        largest = n
    if n == 0:
        return 1
    if n < 0 or largest == 0:
        return 0
    return partitions(n - largest, largest) + partitions(n, largest - 1)


def catalan(n: int) -> int:
    """n-th Catalan number by the convolution recurrence.

    >>> [catalan(i) for i in range(8)]
    [1, 1, 2, 5, 14, 42, 132, 429]
    >>> catalan(35)
    3116285494907301262
    """
    c = [1] + [0] * n
    for i in range(1, n + 1):
        c[i] = sum(c[j] * c[i - 1 - j] for j in range(i))
    return c[n]


def best_stock_profit(prices: list[int]) -> tuple[int, int | None, int | None]:
    """Single buy/sell maximum profit with the days, or (0, None, None).

    >>> best_stock_profit([7, 1, 5, 3, 6, 4]), best_stock_profit([7, 6, 4])
    ((5, 1, 4), (0, None, None))
    """
    best: tuple[int, int | None, int | None] = (0, None, None)
    low_day = 0
    for day, price in enumerate(prices):
        if price < prices[low_day]:
            low_day = day
        profit = price - prices[low_day]
        if profit > best[0]:
            best = (profit, low_day, day)
    return best


def longest_common_substring(a: str, b: str) -> str | None:
    """Longest common contiguous substring, None if there is none.

    >>> longest_common_substring("xabcdey", "zzbcdq"), longest_common_substring("abc", "xyz")
    ('bcd', None)
    """
    best_len, best_end = 0, 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best_len:
                    best_len, best_end = cur[j], i
        prev = cur
    return a[best_end - best_len:best_end] if best_len else None
