"""Annotated algorithm functions, third probe set (written for this project, session 9).

In the style of an "algorithms in Python" collection: sorts with ``key=None``, searches, graphs as
dict/list adjacency, DP tables, number theory, string algorithms, matrices, float geometry, bit
tricks, heaps and deques, memo dicts, small node/tree classes. Annotations as such collections
write them: ``list``, ``list[int]``, ``dict[str, int]``, ``Optional[...]``, ``tuple[int, ...]``,
unions, some ``Any``.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict, deque
from typing import Any, Callable, Optional, Union

# ---------------------------------------------------------------- sorting


def bubble_sort(items: list[int]) -> list[int]:
    """
    >>> bubble_sort([5, 1, 4, 2, 8])
    [1, 2, 4, 5, 8]
    """
    data = list(items)
    n = len(data)
    for i in range(n):
        swapped = False
        for j in range(n - i - 1):
            if data[j] > data[j + 1]:
                data[j], data[j + 1] = data[j + 1], data[j]
                swapped = True
        if not swapped:
            break
    return data


def cocktail_shaker_sort(items: list[int]) -> list[int]:
    """
    >>> cocktail_shaker_sort([4, -2, 7, 0, 3])
    [-2, 0, 3, 4, 7]
    """
    data = items[:]
    start, end = 0, len(data) - 1
    swapped = True
    while swapped:
        swapped = False
        for i in range(start, end):
            if data[i] > data[i + 1]:
                data[i], data[i + 1] = data[i + 1], data[i]
                swapped = True
        if not swapped:
            break
        end -= 1
        swapped = False
        for i in range(end - 1, start - 1, -1):
            if data[i] > data[i + 1]:
                data[i], data[i + 1] = data[i + 1], data[i]
                swapped = True
        start += 1
    return data


def shell_sort(items: list[float]) -> list[float]:
    """
    >>> shell_sort([3.5, 1.25, -2.0, 9.0])
    [-2.0, 1.25, 3.5, 9.0]
    """
    data = list(items)
    gap = len(data) // 2
    while gap > 0:
        for i in range(gap, len(data)):
            temp = data[i]
            j = i
            while j >= gap and data[j - gap] > temp:
                data[j] = data[j - gap]
                j -= gap
            data[j] = temp
        gap //= 2
    return data


def merge_sort(items: list) -> list:
    """
    >>> merge_sort([38, 27, 43, 3, 9, 82, 10])
    [3, 9, 10, 27, 38, 43, 82]
    """
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    left = merge_sort(items[:mid])
    right = merge_sort(items[mid:])
    result = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            result.append(left[i])
            i += 1
        else:
            result.append(right[j])
            j += 1
    result.extend(left[i:])
    result.extend(right[j:])
    return result


def heap_sort(items: list[int]) -> list[int]:
    """
    >>> heap_sort([9, 4, 7, 1, 3])
    [1, 3, 4, 7, 9]
    """
    heap = list(items)
    heapq.heapify(heap)
    return [heapq.heappop(heap) for _ in range(len(heap))]


def radix_sort(items: list[int]) -> list[int]:
    """Non-negative ints.

    >>> radix_sort([170, 45, 75, 90, 802, 24, 2, 66])
    [2, 24, 45, 66, 75, 90, 170, 802]
    """
    data = list(items)
    if not data:
        return data
    largest = max(data)
    exp = 1
    while largest // exp > 0:
        buckets: list[list[int]] = [[] for _ in range(10)]
        for value in data:
            buckets[(value // exp) % 10].append(value)
        data = [v for bucket in buckets for v in bucket]
        exp *= 10
    return data


def sort_with_key(items: list[str], key: Optional[Callable[[str], Any]] = None) -> list[str]:
    """
    >>> sort_with_key(["bb", "a", "ccc"])
    ['a', 'bb', 'ccc']
    >>> sort_with_key(["bb", "a", "ccc"], key=len)
    ['a', 'bb', 'ccc']
    """
    if key is None:
        return sorted(items)
    return sorted(items, key=key)


def top_k(items: list[int], k: int) -> list[int]:
    """
    >>> top_k([5, 1, 9, 3, 7], 2)
    [9, 7]
    """
    return heapq.nlargest(k, items)


def is_permutation_sorted(a: list[int], b: list[int]) -> bool:
    """
    >>> is_permutation_sorted([3, 1, 2], [2, 3, 1])
    True
    """
    return sorted(a) == sorted(b)


def dutch_flag(items: list[int]) -> list[int]:
    """Sort a list of 0, 1 and 2 in one pass.

    >>> dutch_flag([2, 0, 1, 2, 0, 1])
    [0, 0, 1, 1, 2, 2]
    """
    data = list(items)
    low, mid, high = 0, 0, len(data) - 1
    while mid <= high:
        if data[mid] == 0:
            data[low], data[mid] = data[mid], data[low]
            low += 1
            mid += 1
        elif data[mid] == 1:
            mid += 1
        else:
            data[mid], data[high] = data[high], data[mid]
            high -= 1
    return data


# ---------------------------------------------------------------- searching


def linear_search(items: list, target: Any) -> int:
    """
    >>> linear_search([4, 8, 15], 8)
    1
    >>> linear_search([4, 8, 15], 3)
    -1
    """
    for index, item in enumerate(items):
        if item == target:
            return index
    return -1


def binary_search_recursive(
    items: list[int], target: int, lo: int = 0, hi: Optional[int] = None
) -> int:
    """
    >>> binary_search_recursive([1, 2, 4, 8, 16], 8)
    3
    >>> binary_search_recursive([1, 2, 4], 5)
    -1
    """
    if hi is None:
        hi = len(items) - 1
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return binary_search_recursive(items, target, mid + 1, hi)
    return binary_search_recursive(items, target, lo, mid - 1)


def exponential_search(items: list[int], target: int) -> int:
    """
    >>> exponential_search([1, 3, 5, 7, 9, 11, 13], 11)
    5
    """
    if not items:
        return -1
    if items[0] == target:
        return 0
    bound = 1
    while bound < len(items) and items[bound] <= target:
        bound *= 2
    lo, hi = bound // 2, min(bound, len(items) - 1)
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def ternary_search_max(coeffs: tuple[float, float, float], lo: float, hi: float) -> float:
    """Maximum of -a*x*x + b*x + c on [lo, hi] (a > 0), to 1e-9.

    >>> round(ternary_search_max((1.0, 4.0, 0.0), 0.0, 5.0), 6)
    2.0
    """
    a, b, c = coeffs
    for _ in range(200):
        m1 = lo + (hi - lo) / 3
        m2 = hi - (hi - lo) / 3
        f1 = -a * m1 * m1 + b * m1 + c
        f2 = -a * m2 * m2 + b * m2 + c
        if f1 < f2:
            lo = m1
        else:
            hi = m2
    return (lo + hi) / 2


def count_occurrences(items: list[int], target: int) -> int:
    """
    >>> count_occurrences([1, 2, 2, 2, 3], 2)
    3
    """
    return items.count(target)


def find_peak(items: list[int]) -> Optional[int]:
    """Index of a peak element, None for an empty list.

    >>> find_peak([1, 3, 20, 4, 1])
    2
    """
    if not items:
        return None
    lo, hi = 0, len(items) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < items[mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def two_sum(nums: list[int], target: int) -> Optional[tuple[int, int]]:
    """
    >>> two_sum([2, 7, 11, 15], 9)
    (0, 1)
    >>> two_sum([1, 2], 7) is None
    True
    """
    seen: dict[int, int] = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return (seen[target - n], i)
        seen[n] = i
    return None


# ---------------------------------------------------------------- graphs


def bfs_order(graph: dict[int, list[int]], start: int) -> list[int]:
    """
    >>> bfs_order({0: [1, 2], 1: [3], 2: [3], 3: []}, 0)
    [0, 1, 2, 3]
    """
    visited = {start}
    order = []
    queue = deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in graph.get(node, []):
            if nxt not in visited:
                visited.add(nxt)
                queue.append(nxt)
    return order


def dfs_order(graph: dict[str, list[str]], start: str) -> list[str]:
    """
    >>> dfs_order({"a": ["b", "c"], "b": ["d"], "c": [], "d": []}, "a")
    ['a', 'b', 'd', 'c']
    """
    visited: list[str] = []
    stack = [start]
    while stack:
        node = stack.pop()
        if node in visited:
            continue
        visited.append(node)
        for nxt in reversed(graph.get(node, [])):
            if nxt not in visited:
                stack.append(nxt)
    return visited


def shortest_path_length(graph: dict[int, list[int]], source: int, target: int) -> int:
    """
    >>> shortest_path_length({1: [2, 3], 2: [4], 3: [4], 4: []}, 1, 4)
    2
    >>> shortest_path_length({1: []}, 1, 9)
    -1
    """
    dist = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            return dist[node]
        for nxt in graph.get(node, []):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return -1


def dijkstra(graph: dict[str, list[tuple[str, float]]], source: str) -> dict[str, float]:
    """
    >>> dijkstra({"a": [("b", 1.0), ("c", 4.0)], "b": [("c", 2.0)], "c": []}, "a")
    {'a': 0.0, 'b': 1.0, 'c': 3.0}
    """
    dist: dict[str, float] = {source: 0.0}
    heap = [(0.0, source)]
    done = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph.get(node, []):
            nd = d + w
            if nxt not in dist or nd < dist[nxt]:
                dist[nxt] = nd
                heapq.heappush(heap, (nd, nxt))
    return dist


def topological_sort(graph: dict[int, list[int]]) -> Optional[list[int]]:
    """Kahn's algorithm; None when there is a cycle.

    >>> topological_sort({5: [2, 0], 4: [0, 1], 2: [3], 3: [1], 0: [], 1: []})
    [5, 4, 2, 0, 3, 1]
    >>> topological_sort({1: [2], 2: [1]}) is None
    True
    """
    indegree = {node: 0 for node in graph}
    for node in graph:
        for nxt in graph[node]:
            indegree[nxt] = indegree.get(nxt, 0) + 1
    queue = deque([n for n in indegree if indegree[n] == 0])
    order = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in graph.get(node, []):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                queue.append(nxt)
    if len(order) != len(indegree):
        return None
    return order


def has_cycle_undirected(n: int, edges: list[tuple[int, int]]) -> bool:
    """Union-find cycle check.

    >>> has_cycle_undirected(3, [(0, 1), (1, 2), (2, 0)])
    True
    >>> has_cycle_undirected(3, [(0, 1), (1, 2)])
    False
    """
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra == rb:
            return True
        parent[ra] = rb
    return False


def count_components(n: int, adjacency: list[list[int]]) -> int:
    """
    >>> count_components(5, [[1], [0], [3], [2], []])
    3
    """
    seen = [False] * n
    count = 0
    for start in range(n):
        if seen[start]:
            continue
        count += 1
        stack = [start]
        seen[start] = True
        while stack:
            node = stack.pop()
            for nxt in adjacency[node]:
                if not seen[nxt]:
                    seen[nxt] = True
                    stack.append(nxt)
    return count


def floyd_warshall(weights: list[list[float]]) -> list[list[float]]:
    """
    >>> inf = float("inf")
    >>> floyd_warshall([[0.0, 3.0, inf], [inf, 0.0, 1.0], [2.0, inf, 0.0]])
    [[0.0, 3.0, 4.0], [3.0, 0.0, 1.0], [2.0, 5.0, 0.0]]
    """
    n = len(weights)
    dist = [row[:] for row in weights]
    for k in range(n):
        for i in range(n):
            for j in range(n):
                if dist[i][k] + dist[k][j] < dist[i][j]:
                    dist[i][j] = dist[i][k] + dist[k][j]
    return dist


def is_bipartite(graph: dict[int, list[int]]) -> bool:
    """
    >>> is_bipartite({0: [1, 3], 1: [0, 2], 2: [1, 3], 3: [0, 2]})
    True
    >>> is_bipartite({0: [1, 2], 1: [0, 2], 2: [0, 1]})
    False
    """
    color: dict[int, int] = {}
    for start in graph:
        if start in color:
            continue
        color[start] = 0
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in graph[node]:
                if nxt not in color:
                    color[nxt] = 1 - color[node]
                    queue.append(nxt)
                elif color[nxt] == color[node]:
                    return False
    return True


def degree_counts(edges: list[tuple[str, str]]) -> dict[str, int]:
    """
    >>> degree_counts([("a", "b"), ("b", "c")])
    {'a': 1, 'b': 2, 'c': 1}
    """
    degrees: dict[str, int] = defaultdict(int)
    for u, v in edges:
        degrees[u] += 1
        degrees[v] += 1
    return dict(degrees)


def grid_paths(grid: list[list[int]]) -> int:
    """Paths from top-left to bottom-right moving right/down through 0 cells.

    >>> grid_paths([[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    2
    """
    if not grid or grid[0][0] == 1:
        return 0
    rows, cols = len(grid), len(grid[0])
    ways = [[0] * cols for _ in range(rows)]
    ways[0][0] = 1
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1:
                ways[r][c] = 0
                continue
            if r > 0:
                ways[r][c] += ways[r - 1][c]
            if c > 0:
                ways[r][c] += ways[r][c - 1]
    return ways[rows - 1][cols - 1]


def flood_fill(image: list[list[int]], sr: int, sc: int, new_color: int) -> list[list[int]]:
    """
    >>> flood_fill([[1, 1, 0], [1, 0, 0], [1, 1, 1]], 0, 0, 2)
    [[2, 2, 0], [2, 0, 0], [2, 2, 2]]
    """
    result = [row[:] for row in image]
    old = result[sr][sc]
    if old == new_color:
        return result
    stack = [(sr, sc)]
    while stack:
        r, c = stack.pop()
        if 0 <= r < len(result) and 0 <= c < len(result[0]) and result[r][c] == old:
            result[r][c] = new_color
            stack.extend([(r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)])
    return result


# ---------------------------------------------------------------- dynamic programming


def fib_memo(n: int, memo: Optional[dict[int, int]] = None) -> int:
    """
    >>> fib_memo(30)
    832040
    """
    if memo is None:
        memo = {}
    if n < 2:
        return n
    if n in memo:
        return memo[n]
    memo[n] = fib_memo(n - 1, memo) + fib_memo(n - 2, memo)
    return memo[n]


def climb_stairs(n: int) -> int:
    """
    >>> climb_stairs(5)
    8
    """
    a, b = 1, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def coin_change_min(coins: list[int], amount: int) -> int:
    """
    >>> coin_change_min([1, 2, 5], 11)
    3
    >>> coin_change_min([2], 3)
    -1
    """
    inf = amount + 1
    dp = [0] + [inf] * amount
    for value in range(1, amount + 1):
        for coin in coins:
            if coin <= value and dp[value - coin] + 1 < dp[value]:
                dp[value] = dp[value - coin] + 1
    return dp[amount] if dp[amount] != inf else -1


def coin_change_ways(coins: list[int], amount: int) -> int:
    """
    >>> coin_change_ways([1, 2, 5], 5)
    4
    """
    ways = [1] + [0] * amount
    for coin in coins:
        for value in range(coin, amount + 1):
            ways[value] += ways[value - coin]
    return ways[amount]


def longest_increasing_subsequence(nums: list[int]) -> int:
    """
    >>> longest_increasing_subsequence([10, 9, 2, 5, 3, 7, 101, 18])
    4
    """
    if not nums:
        return 0
    best = [1] * len(nums)
    for i in range(1, len(nums)):
        for j in range(i):
            if nums[j] < nums[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best)


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


def longest_common_subsequence(a: str, b: str) -> str:
    """
    >>> longest_common_subsequence("ABCBDAB", "BDCABA")
    'BDAB'
    """
    m, n = len(a), len(b)
    table = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            if a[i] == b[j]:
                table[i][j] = table[i + 1][j + 1] + 1
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1])
    out = []
    i = j = 0
    while i < m and j < n:
        if a[i] == b[j]:
            out.append(a[i])
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return "".join(out)


def knapsack(weights: list[int], values: list[int], capacity: int) -> int:
    """
    >>> knapsack([1, 3, 4, 5], [1, 4, 5, 7], 7)
    9
    """
    dp = [0] * (capacity + 1)
    for w, v in zip(weights, values):
        for c in range(capacity, w - 1, -1):
            dp[c] = max(dp[c], dp[c - w] + v)
    return dp[capacity]


def max_subarray(nums: list[int]) -> int:
    """Kadane.

    >>> max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4])
    6
    """
    if not nums:
        raise ValueError("empty")
    best = cur = nums[0]
    for x in nums[1:]:
        cur = max(x, cur + x)
        best = max(best, cur)
    return best


def partition_equal(nums: list[int]) -> bool:
    """
    >>> partition_equal([1, 5, 11, 5])
    True
    >>> partition_equal([1, 2, 3, 5])
    False
    """
    total = sum(nums)
    if total % 2:
        return False
    target = total // 2
    reachable = {0}
    for n in nums:
        reachable |= {r + n for r in reachable if r + n <= target}
    return target in reachable


def word_break(s: str, words: list[str]) -> bool:
    """
    >>> word_break("leetcode", ["leet", "code"])
    True
    >>> word_break("catsandog", ["cats", "dog", "sand", "and", "cat"])
    False
    """
    vocab = set(words)
    ok = [True] + [False] * len(s)
    for end in range(1, len(s) + 1):
        for start in range(end):
            if ok[start] and s[start:end] in vocab:
                ok[end] = True
                break
    return ok[len(s)]


def catalan(n: int, cache: dict[int, int] = {}) -> int:
    """
    >>> [catalan(i) for i in range(6)]
    [1, 1, 2, 5, 14, 42]
    """
    if n <= 1:
        return 1
    if n in cache:
        return cache[n]
    total = 0
    for i in range(n):
        total += catalan(i) * catalan(n - 1 - i)
    cache[n] = total
    return total


def min_path_sum(grid: list[list[int]]) -> int:
    """
    >>> min_path_sum([[1, 3, 1], [1, 5, 1], [4, 2, 1]])
    7
    """
    rows, cols = len(grid), len(grid[0])
    dp = [row[:] for row in grid]
    for r in range(rows):
        for c in range(cols):
            if r == 0 and c == 0:
                continue
            up = dp[r - 1][c] if r > 0 else math.inf
            left = dp[r][c - 1] if c > 0 else math.inf
            dp[r][c] += min(up, left)
    return dp[-1][-1]


# ---------------------------------------------------------------- number theory


def gcd(a: int, b: int) -> int:
    """
    >>> gcd(48, 18)
    6
    """
    while b:
        a, b = b, a % b
    return abs(a)


def lcm(a: int, b: int) -> int:
    """
    >>> lcm(4, 6)
    12
    """
    if a == 0 or b == 0:
        return 0
    return abs(a * b) // gcd(a, b)


def extended_gcd(a: int, b: int) -> tuple[int, int, int]:
    """
    >>> extended_gcd(240, 46)
    (2, -9, 47)
    """
    if b == 0:
        return (a, 1, 0)
    g, x, y = extended_gcd(b, a % b)
    return (g, y, x - (a // b) * y)


def sieve_of_eratosthenes(limit: int) -> list[int]:
    """
    >>> sieve_of_eratosthenes(30)
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    """
    if limit < 2:
        return []
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    for i in range(2, int(limit**0.5) + 1):
        if is_prime[i]:
            for j in range(i * i, limit + 1, i):
                is_prime[j] = False
    return [i for i, p in enumerate(is_prime) if p]


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


def is_prime(n: int) -> bool:
    """
    >>> [x for x in range(20) if is_prime(x)]
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0 or n % 3 == 0:
        return False
    i = 5
    while i * i <= n:
        if n % i == 0 or n % (i + 2) == 0:
            return False
        i += 6
    return True


def mod_pow(base: int, exp: int, mod: int) -> int:
    """
    >>> mod_pow(4, 13, 497)
    445
    """
    if mod == 1:
        return 0
    result = 1
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        exp >>= 1
        base = base * base % mod
    return result


def euler_phi(n: int) -> int:
    """
    >>> [euler_phi(i) for i in range(1, 11)]
    [1, 1, 2, 2, 4, 2, 6, 4, 6, 4]
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
    small, large = [], []
    i = 1
    while i * i <= n:
        if n % i == 0:
            small.append(i)
            if i != n // i:
                large.append(n // i)
        i += 1
    return small + large[::-1]


def is_perfect(n: int) -> bool:
    """
    >>> is_perfect(28), is_perfect(12)
    (True, False)
    """
    return n > 1 and sum(divisors(n)) - n == n


def digit_sum(n: int) -> int:
    """
    >>> digit_sum(-1234)
    10
    """
    return sum(int(d) for d in str(abs(n)))


def integer_sqrt(n: int) -> int:
    """
    >>> integer_sqrt(99), integer_sqrt(100)
    (9, 10)
    """
    if n < 0:
        raise ValueError("negative")
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def binomial(n: int, k: int) -> int:
    """
    >>> binomial(10, 3)
    120
    """
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(k):
        result = result * (n - i) // (i + 1)
    return result


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


def to_base(n: int, base: int = 2) -> str:
    """
    >>> to_base(255, 16), to_base(5), to_base(0)
    ('FF', '101', '0')
    """
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(digits[r])
    return sign + "".join(reversed(out))


# ---------------------------------------------------------------- strings


def is_palindrome(text: str) -> bool:
    """
    >>> is_palindrome("A man, a plan, a canal: Panama")
    True
    """
    cleaned = [c.lower() for c in text if c.isalnum()]
    return cleaned == cleaned[::-1]


def longest_palindromic_substring(s: str) -> str:
    """
    >>> longest_palindromic_substring("babad")
    'bab'
    """
    if not s:
        return ""
    start, length = 0, 1
    for center in range(len(s)):
        for lo, hi in ((center, center), (center, center + 1)):
            while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 > length:
                start, length = lo + 1, hi - lo - 1
    return s[start : start + length]


def is_anagram(a: str, b: str) -> bool:
    """
    >>> is_anagram("listen", "silent")
    True
    """
    return Counter(a.replace(" ", "").lower()) == Counter(b.replace(" ", "").lower())


def group_anagrams(words: list[str]) -> list[list[str]]:
    """
    >>> group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"])
    [['eat', 'tea', 'ate'], ['tan', 'nat'], ['bat']]
    """
    groups: dict[str, list[str]] = {}
    for w in words:
        key = "".join(sorted(w))
        groups.setdefault(key, []).append(w)
    return list(groups.values())


def run_length_encode(text: str) -> str:
    """
    >>> run_length_encode("aaabccdddd")
    'a3b1c2d4'
    """
    if not text:
        return ""
    out = []
    prev, count = text[0], 1
    for ch in text[1:]:
        if ch == prev:
            count += 1
        else:
            out.append(f"{prev}{count}")
            prev, count = ch, 1
    out.append(f"{prev}{count}")
    return "".join(out)


def run_length_decode(text: str) -> str:
    """
    >>> run_length_decode("a3b1c2")
    'aaabcc'
    """
    out = ""
    i = 0
    while i < len(text):
        ch = text[i]
        i += 1
        num = ""
        while i < len(text) and text[i].isdigit():
            num += text[i]
            i += 1
        out += ch * int(num or "1")
    return out


def kmp_table(pattern: str) -> list[int]:
    """
    >>> kmp_table("ABABCABAB")
    [0, 0, 1, 2, 0, 1, 2, 3, 4]
    """
    table = [0] * len(pattern)
    k = 0
    for i in range(1, len(pattern)):
        while k > 0 and pattern[i] != pattern[k]:
            k = table[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        table[i] = k
    return table


def kmp_search(text: str, pattern: str) -> list[int]:
    """
    >>> kmp_search("ABABDABACDABABCABAB", "ABABCABAB")
    [10]
    """
    if not pattern:
        return []
    table = kmp_table(pattern)
    found = []
    k = 0
    for i, ch in enumerate(text):
        while k > 0 and ch != pattern[k]:
            k = table[k - 1]
        if ch == pattern[k]:
            k += 1
        if k == len(pattern):
            found.append(i - k + 1)
            k = table[k - 1]
    return found


def caesar_cipher(text: str, shift: int) -> str:
    """
    >>> caesar_cipher("Hello, World!", 3)
    'Khoor, Zruog!'
    """
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def word_frequencies(text: str) -> dict[str, int]:
    """
    >>> word_frequencies("the cat and the hat")
    {'the': 2, 'cat': 1, 'and': 1, 'hat': 1}
    """
    freq: dict[str, int] = {}
    for word in text.lower().split():
        freq[word] = freq.get(word, 0) + 1
    return freq


def first_unique_char(s: str) -> int:
    """
    >>> first_unique_char("loveleetcode")
    2
    """
    counts = Counter(s)
    for i, ch in enumerate(s):
        if counts[ch] == 1:
            return i
    return -1


def reverse_words(sentence: str) -> str:
    """
    >>> reverse_words("  hello   world  ")
    'world hello'
    """
    return " ".join(reversed(sentence.split()))


def longest_common_prefix(words: list[str]) -> str:
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


def balanced_brackets(s: str) -> bool:
    """
    >>> balanced_brackets("{[()]}"), balanced_brackets("([)]")
    (True, False)
    """
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack


def roman_to_int(s: str) -> int:
    """
    >>> roman_to_int("MCMXCIV")
    1994
    """
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def int_to_roman(num: int) -> str:
    """
    >>> int_to_roman(1994)
    'MCMXCIV'
    """
    table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, symbol in table:
        while num >= value:
            out.append(symbol)
            num -= value
    return "".join(out)


def count_vowels(text: str, vowels: Union[str, set] = "aeiou") -> int:
    """
    >>> count_vowels("Programming")
    3
    """
    return sum(1 for ch in text.lower() if ch in vowels)


def hamming_distance_str(a: str, b: str) -> int:
    """
    >>> hamming_distance_str("karolin", "kathrin")
    3
    """
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return sum(x != y for x, y in zip(a, b))


# ---------------------------------------------------------------- matrices


def transpose(matrix: list[list[int]]) -> list[list[int]]:
    """
    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    return [list(row) for row in zip(*matrix)]


def mat_mul(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    """
    >>> mat_mul([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]])
    [[19.0, 22.0], [43.0, 50.0]]
    """
    if not a or len(a[0]) != len(b):
        raise ValueError("shape")
    cols = len(b[0])
    return [
        [sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(cols)] for i in range(len(a))
    ]


def identity(n: int) -> list[list[int]]:
    """
    >>> identity(3)
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    """
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def rotate_90(matrix: list[list[int]]) -> list[list[int]]:
    """
    >>> rotate_90([[1, 2], [3, 4]])
    [[3, 1], [4, 2]]
    """
    return [list(row)[::-1] for row in zip(*matrix)]


def spiral_order(matrix: list[list[int]]) -> list[int]:
    """
    >>> spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    [1, 2, 3, 6, 9, 8, 7, 4, 5]
    """
    out: list[int] = []
    if not matrix:
        return out
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


def determinant(matrix: list[list[float]]) -> float:
    """Gaussian elimination with partial pivoting.

    >>> round(determinant([[2.0, 0.0, 1.0], [1.0, 3.0, 2.0], [1.0, 1.0, 2.0]]), 9)
    6.0
    """
    m = [row[:] for row in matrix]
    n = len(m)
    det = 1.0
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if m[pivot][col] == 0:
            return 0.0
        if pivot != col:
            m[col], m[pivot] = m[pivot], m[col]
            det = -det
        det *= m[col][col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            for c in range(col, n):
                m[r][c] -= factor * m[col][c]
    return det


def matrix_trace(matrix: list) -> int:
    """
    >>> matrix_trace([[1, 2], [3, 4]])
    5
    """
    return sum(matrix[i][i] for i in range(len(matrix)))


# ---------------------------------------------------------------- geometry


def distance(p: tuple[float, float], q: tuple[float, float]) -> float:
    """
    >>> distance((0.0, 0.0), (3.0, 4.0))
    5.0
    """
    return math.hypot(q[0] - p[0], q[1] - p[1])


def polygon_area(points: list[tuple[float, float]]) -> float:
    """Shoelace formula.

    >>> polygon_area([(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)])
    12.0
    """
    n = len(points)
    total = 0.0
    for i in range(n):
        x1, y1 = points[i]
        x2, y2 = points[(i + 1) % n]
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Andrew's monotone chain.

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


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """
    >>> centroid([(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)])
    (1.0, 1.0)
    """
    if not points:
        raise ValueError("no points")
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (sum(xs) / len(points), sum(ys) / len(points))


def point_in_circle(point: tuple[float, float], center: tuple[float, float], radius: float) -> bool:
    """
    >>> point_in_circle((1.0, 1.0), (0.0, 0.0), 1.5)
    True
    """
    dx = point[0] - center[0]
    dy = point[1] - center[1]
    return dx * dx + dy * dy <= radius * radius


def triangle_area(a: float, b: float, c: float) -> float:
    """Heron's formula.

    >>> triangle_area(3, 4, 5)
    6.0
    """
    if a + b <= c or a + c <= b or b + c <= a:
        return 0.0
    s = (a + b + c) / 2
    return math.sqrt(s * (s - a) * (s - b) * (s - c))


def angle_degrees(x: float, y: float) -> float:
    """
    >>> angle_degrees(1.0, 1.0)
    45.0
    """
    return math.degrees(math.atan2(y, x))


def manhattan(p: tuple[int, ...], q: tuple[int, ...]) -> int:
    """
    >>> manhattan((1, 2, 3), (4, 0, 3))
    5
    """
    return sum(abs(a - b) for a, b in zip(p, q))


# ---------------------------------------------------------------- bits


def count_set_bits(n: int) -> int:
    """
    >>> count_set_bits(0b1011)
    3
    """
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


def is_power_of_two(n: int) -> bool:
    """
    >>> is_power_of_two(64), is_power_of_two(6), is_power_of_two(0)
    (True, False, False)
    """
    return n > 0 and n & (n - 1) == 0


def single_number(nums: list[int]) -> int:
    """
    >>> single_number([4, 1, 2, 1, 2])
    4
    """
    result = 0
    for n in nums:
        result ^= n
    return result


def gray_code(n: int) -> list[int]:
    """
    >>> gray_code(3)
    [0, 1, 3, 2, 6, 7, 5, 4]
    """
    return [i ^ (i >> 1) for i in range(1 << n)]


def reverse_bits_8(n: int) -> int:
    """
    >>> reverse_bits_8(0b00000110)
    96
    """
    result = 0
    for _ in range(8):
        result = (result << 1) | (n & 1)
        n >>= 1
    return result


def subsets(items: list[int]) -> list[list[int]]:
    """
    >>> subsets([1, 2, 3])
    [[], [1], [2], [1, 2], [3], [1, 3], [2, 3], [1, 2, 3]]
    """
    out = []
    for mask in range(1 << len(items)):
        out.append([items[i] for i in range(len(items)) if mask >> i & 1])
    return out


def hamming_weight_list(nums: list[int]) -> list[int]:
    """
    >>> hamming_weight_list([0, 1, 7, 8])
    [0, 1, 3, 1]
    """
    return [bin(n).count("1") for n in nums]


# ---------------------------------------------------------------- heaps and queues


def merge_k_sorted(lists: list[list[int]]) -> list[int]:
    """
    >>> merge_k_sorted([[1, 4, 5], [1, 3, 4], [2, 6]])
    [1, 1, 2, 3, 4, 4, 5, 6]
    """
    heap = [(lst[0], i, 0) for i, lst in enumerate(lists) if lst]
    heapq.heapify(heap)
    out = []
    while heap:
        value, i, j = heapq.heappop(heap)
        out.append(value)
        if j + 1 < len(lists[i]):
            heapq.heappush(heap, (lists[i][j + 1], i, j + 1))
    return out


def kth_smallest(nums: list[int], k: int) -> int:
    """
    >>> kth_smallest([7, 10, 4, 3, 20, 15], 3)
    7
    """
    heap: list[int] = []
    for n in nums:
        heapq.heappush(heap, -n)
        if len(heap) > k:
            heapq.heappop(heap)
    return -heap[0]


def sliding_window_max(nums: list[int], k: int) -> list[int]:
    """
    >>> sliding_window_max([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [3, 3, 5, 5, 6, 7]
    """
    window: deque[int] = deque()
    out = []
    for i, n in enumerate(nums):
        while window and nums[window[-1]] <= n:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(nums[window[0]])
    return out


def running_median(nums: list[int]) -> list[float]:
    """
    >>> running_median([5, 15, 1, 3])
    [5.0, 10.0, 5.0, 4.0]
    """
    low: list[int] = []
    high: list[int] = []
    out = []
    for n in nums:
        heapq.heappush(low, -n)
        heapq.heappush(high, -heapq.heappop(low))
        if len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        if len(low) > len(high):
            out.append(float(-low[0]))
        else:
            out.append((-low[0] + high[0]) / 2)
    return out


def rotate_deque(items: list[str], steps: int) -> list[str]:
    """
    >>> rotate_deque(["a", "b", "c", "d"], 1)
    ['d', 'a', 'b', 'c']
    """
    d = deque(items)
    d.rotate(steps)
    return list(d)


class Stack:
    """A list-backed stack."""

    def __init__(self) -> None:
        self.items: list[int] = []

    def push(self, item: int) -> None:
        self.items.append(item)

    def pop(self) -> int:
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()

    def peek(self) -> Optional[int]:
        return self.items[-1] if self.items else None

    def __len__(self) -> int:
        return len(self.items)


class RecentCounter:
    """Counts calls within the last 3000 time units."""

    def __init__(self) -> None:
        self.calls: deque[int] = deque()

    def ping(self, t: int) -> int:
        self.calls.append(t)
        while self.calls[0] < t - 3000:
            self.calls.popleft()
        return len(self.calls)


class MinHeap:
    def __init__(self, values: Optional[list[int]] = None) -> None:
        self.data: list[int] = []
        if values:
            for v in values:
                self.push(v)

    def push(self, value: int) -> None:
        self.data.append(value)
        i = len(self.data) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.data[parent] <= self.data[i]:
                break
            self.data[parent], self.data[i] = self.data[i], self.data[parent]
            i = parent

    def peek(self) -> int:
        return self.data[0]

    def size(self) -> int:
        return len(self.data)


# ---------------------------------------------------------------- trees and linked nodes


class TreeNode:
    def __init__(
        self, val: int, left: Optional[TreeNode] = None, right: Optional[TreeNode] = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


def tree_height(root: Optional[TreeNode]) -> int:
    if root is None:
        return 0
    return 1 + max(tree_height(root.left), tree_height(root.right))


def inorder(root: Optional[TreeNode]) -> list[int]:
    if root is None:
        return []
    return inorder(root.left) + [root.val] + inorder(root.right)


def bst_insert(root: Optional[TreeNode], val: int) -> TreeNode:
    if root is None:
        return TreeNode(val)
    if val < root.val:
        root.left = bst_insert(root.left, val)
    else:
        root.right = bst_insert(root.right, val)
    return root


def bst_from_list(values: list[int]) -> list[int]:
    """
    >>> bst_from_list([5, 3, 8, 1, 4])
    [1, 3, 4, 5, 8]
    """
    root = None
    for v in values:
        root = bst_insert(root, v)
    return inorder(root)


class ListNode:
    def __init__(self, val: int = 0, next: Optional[ListNode] = None) -> None:
        self.val = val
        self.next = next


def linked_from_list(values: list[int]) -> Optional[ListNode]:
    head: Optional[ListNode] = None
    for v in reversed(values):
        head = ListNode(v, head)
    return head


def linked_to_list(head: Optional[ListNode]) -> list[int]:
    out = []
    while head is not None:
        out.append(head.val)
        head = head.next
    return out


def reverse_linked(values: list[int]) -> list[int]:
    """
    >>> reverse_linked([1, 2, 3])
    [3, 2, 1]
    """
    prev = None
    node = linked_from_list(values)
    while node is not None:
        nxt = node.next
        node.next = prev
        prev = node
        node = nxt
    return linked_to_list(prev)


class Trie:
    def __init__(self) -> None:
        self.children: dict[str, Trie] = {}
        self.end = False

    def insert(self, word: str) -> None:
        node = self
        for ch in word:
            if ch not in node.children:
                node.children[ch] = Trie()
            node = node.children[ch]
        node.end = True

    def contains(self, word: str) -> bool:
        node = self
        for ch in word:
            if ch not in node.children:
                return False
            node = node.children[ch]
        return node.end


# ---------------------------------------------------------------- recursion, backtracking


def permutations_of(items: list[int]) -> list[list[int]]:
    """
    >>> permutations_of([1, 2, 3])
    [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
    """
    if len(items) <= 1:
        return [items[:]]
    out = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1 :]
        for perm in permutations_of(rest):
            out.append([items[i]] + perm)
    return out


def combinations_sum(candidates: list[int], target: int) -> list[list[int]]:
    """
    >>> combinations_sum([2, 3, 6, 7], 7)
    [[2, 2, 3], [7]]
    """
    result: list[list[int]] = []

    def backtrack(start: int, remaining: int, path: list[int]) -> None:
        if remaining == 0:
            result.append(path[:])
            return
        for i in range(start, len(candidates)):
            if candidates[i] <= remaining:
                path.append(candidates[i])
                backtrack(i, remaining - candidates[i], path)
                path.pop()

    backtrack(0, target, [])
    return result


def n_queens(n: int) -> int:
    """
    >>> n_queens(6)
    4
    """
    cols: set[int] = set()
    diag1: set[int] = set()
    diag2: set[int] = set()

    def place(row: int) -> int:
        if row == n:
            return 1
        count = 0
        for c in range(n):
            if c in cols or row + c in diag1 or row - c in diag2:
                continue
            cols.add(c)
            diag1.add(row + c)
            diag2.add(row - c)
            count += place(row + 1)
            cols.discard(c)
            diag1.discard(row + c)
            diag2.discard(row - c)
        return count

    return place(0)


def hanoi_moves(
    n: int, source: str = "A", target: str = "C", spare: str = "B"
) -> list[tuple[str, str]]:
    """
    >>> hanoi_moves(2)
    [('A', 'B'), ('A', 'C'), ('B', 'C')]
    """
    if n == 0:
        return []
    return (
        hanoi_moves(n - 1, source, spare, target)
        + [(source, target)]
        + hanoi_moves(n - 1, spare, target, source)
    )


def flatten(nested: list) -> list:
    """
    >>> flatten([1, [2, [3, 4]], 5])
    [1, 2, 3, 4, 5]
    """
    out = []
    for item in nested:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out


def power_set_size(items: list[Any]) -> int:
    """
    >>> power_set_size([1, 2, 3])
    8
    """
    return 2 ** len(items)


def partition_count(
    n: int, memo: Optional[dict[tuple[int, int], int]] = None, largest: Optional[int] = None
) -> int:
    """Number of integer partitions of n.

    >>> partition_count(7)
    15
    """
    if memo is None:
        memo = {}
    if largest is None:
        largest = n
    if n == 0:
        return 1
    if n < 0 or largest == 0:
        return 0
    key = (n, largest)
    if key in memo:
        return memo[key]
    memo[key] = partition_count(n - largest, memo, largest) + partition_count(n, memo, largest - 1)
    return memo[key]


# ---------------------------------------------------------------- statistics and misc


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
    >>> median([3.0, 1.0, 2.0]), median([4.0, 1.0, 3.0, 2.0])
    (2.0, 2.5)
    """
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise ValueError("empty")
    mid = n // 2
    if n % 2:
        return data[mid]
    return (data[mid - 1] + data[mid]) / 2


def mode(values: list[int]) -> int:
    """
    >>> mode([1, 2, 2, 3, 3, 3])
    3
    """
    return Counter(values).most_common(1)[0][0]


def variance(values: list[float], sample: bool = False) -> float:
    """
    >>> variance([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    4.0
    """
    n = len(values)
    m = sum(values) / n
    ss = sum((v - m) ** 2 for v in values)
    return ss / (n - 1 if sample else n)


def moving_average(values: list[float], window: int) -> list[float]:
    """
    >>> moving_average([1.0, 2.0, 3.0, 4.0, 5.0], 3)
    [2.0, 3.0, 4.0]
    """
    out = []
    total = sum(values[:window])
    out.append(total / window)
    for i in range(window, len(values)):
        total += values[i] - values[i - window]
        out.append(total / window)
    return out


def normalize(values: list[float]) -> list[float]:
    """
    >>> normalize([2.0, 4.0, 6.0])
    [0.0, 0.5, 1.0]
    """
    lo, hi = min(values), max(values)
    if hi == lo:
        return [0.0 for _ in values]
    return [(v - lo) / (hi - lo) for v in values]


def histogram(values: list[int], bins: int = 5) -> dict[int, int]:
    """
    >>> histogram([1, 2, 2, 3, 9], bins=3)
    {0: 4, 1: 0, 2: 1}
    """
    lo, hi = min(values), max(values)
    width = (hi - lo) / bins or 1
    counts = {i: 0 for i in range(bins)}
    for v in values:
        idx = min(int((v - lo) / width), bins - 1)
        counts[idx] += 1
    return counts


def newton_sqrt(x: float, tolerance: float = 1e-12) -> float:
    """
    >>> round(newton_sqrt(2.0), 10)
    1.4142135624
    """
    if x < 0:
        raise ValueError("negative")
    if x == 0:
        return 0.0
    guess = x
    while abs(guess * guess - x) > tolerance * x:
        guess = (guess + x / guess) / 2
    return guess


def trapezoid_integral(ys: list[float], dx: float = 1.0) -> float:
    """
    >>> trapezoid_integral([0.0, 1.0, 4.0, 9.0])
    9.5
    """
    if len(ys) < 2:
        return 0.0
    return dx * (sum(ys) - (ys[0] + ys[-1]) / 2)


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    """
    >>> clamp(1.5), clamp(-2, -1, 1)
    (1.0, -1)
    """
    return max(low, min(high, value))


def interval_merge(intervals: list[list[int]]) -> list[list[int]]:
    """
    >>> interval_merge([[1, 3], [2, 6], [8, 10], [15, 18]])
    [[1, 6], [8, 10], [15, 18]]
    """
    out: list[list[int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def majority_element(nums: list[int]) -> Optional[int]:
    """Boyer-Moore vote, checked.

    >>> majority_element([2, 2, 1, 1, 1, 2, 2])
    2
    >>> majority_element([1, 2, 3]) is None
    True
    """
    candidate, count = None, 0
    for n in nums:
        if count == 0:
            candidate = n
        count += 1 if n == candidate else -1
    if candidate is not None and nums.count(candidate) * 2 > len(nums):
        return candidate
    return None


def chunk(items: list[int], size: int) -> list[list[int]]:
    """
    >>> chunk([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
    if size <= 0:
        raise ValueError("size must be positive")
    return [items[i : i + size] for i in range(0, len(items), size)]


def pascal_triangle(rows: int) -> list[list[int]]:
    """
    >>> pascal_triangle(4)
    [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1]]
    """
    out: list[list[int]] = []
    for r in range(rows):
        row = [1] * (r + 1)
        for c in range(1, r):
            row[c] = out[r - 1][c - 1] + out[r - 1][c]
        out.append(row)
    return out


def invert_dict(d: dict[str, int]) -> dict[int, list[str]]:
    """
    >>> invert_dict({"a": 1, "b": 2, "c": 1})
    {1: ['a', 'c'], 2: ['b']}
    """
    out: dict[int, list[str]] = defaultdict(list)
    for k, v in d.items():
        out[v].append(k)
    return dict(out)


def fizzbuzz(n: int) -> list[str]:
    """
    >>> fizzbuzz(5)
    ['1', '2', 'Fizz', '4', 'Buzz']
    """
    out = []
    for i in range(1, n + 1):
        s = ""
        if i % 3 == 0:
            s += "Fizz"
        if i % 5 == 0:
            s += "Buzz"
        out.append(s or str(i))
    return out
