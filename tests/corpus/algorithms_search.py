"""Searching: linear, binary, two pointers, sliding windows and graph search."""

from collections import deque
from typing import Dict, List, Optional, Sequence, Tuple


def linear_search(items: Sequence[int], target: int) -> int:
    """Index of target, or -1.

    >>> linear_search([4, 8, 15, 16, 23, 42], 16)
    3
    >>> linear_search([], 1)
    -1
    """
    for i, value in enumerate(items):
        if value == target:
            return i
    return -1


def binary_search(items: Sequence[int], target: int) -> int:
    """Iterative binary search on a sorted sequence; -1 if absent.

    >>> binary_search([1, 3, 5, 7, 9, 11], 7)
    3
    >>> binary_search([1, 3, 5, 7, 9, 11], 4)
    -1
    """
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        elif items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def binary_search_recursive(items: List[int], target: int, lo: int = 0, hi: Optional[int] = None) -> int:
    """Recursive binary search; -1 if absent.

    >>> binary_search_recursive([2, 4, 6, 8, 10], 10)
    4
    >>> binary_search_recursive([2, 4, 6, 8, 10], 1)
    -1
    """
    if hi is None:
        hi = len(items) - 1
    if lo > hi:
        return -1
    mid = lo + (hi - lo) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return binary_search_recursive(items, target, mid + 1, hi)
    return binary_search_recursive(items, target, lo, mid - 1)


def lower_bound(items: Sequence[int], target: int) -> int:
    """First index whose value is >= target (like bisect_left).

    >>> lower_bound([1, 2, 2, 2, 3], 2)
    1
    >>> lower_bound([1, 2, 3], 10)
    3
    """
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def upper_bound(items: Sequence[int], target: int) -> int:
    """First index whose value is > target (like bisect_right).

    >>> upper_bound([1, 2, 2, 2, 3], 2)
    4
    """
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def count_occurrences(items: List[int], target: int) -> int:
    """Occurrences of target in a sorted list, via two binary searches.

    >>> count_occurrences([1, 1, 2, 2, 2, 2, 3], 2)
    4
    >>> count_occurrences([1, 3], 2)
    0
    """
    return upper_bound(items, target) - lower_bound(items, target)


def integer_sqrt(n: int) -> int:
    """Floor square root by binary search on the answer.

    >>> integer_sqrt(17)
    4
    >>> integer_sqrt(10**20)
    10000000000
    """
    if n < 0:
        raise ValueError("negative input")
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo


def find_peak(nums: List[int]) -> int:
    """Index of some element greater than its neighbours.

    >>> find_peak([1, 3, 20, 4, 1, 0])
    2
    >>> find_peak([5])
    0
    """
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] < nums[mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def search_rotated(nums: List[int], target: int) -> int:
    """Binary search in a rotated sorted array without duplicates.

    >>> search_rotated([4, 5, 6, 7, 0, 1, 2], 0)
    4
    >>> search_rotated([4, 5, 6, 7, 0, 1, 2], 3)
    -1
    """
    lo, hi = 0, len(nums) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[lo] <= nums[mid]:
            if nums[lo] <= target < nums[mid]:
                hi = mid - 1
            else:
                lo = mid + 1
        else:
            if nums[mid] < target <= nums[hi]:
                lo = mid + 1
            else:
                hi = mid - 1
    return -1


def two_sum_sorted(nums: List[int], target: int) -> Optional[Tuple[int, int]]:
    """Two-pointer search for indices i < j with nums[i] + nums[j] == target.

    >>> two_sum_sorted([1, 2, 4, 7, 11, 15], 15)
    (2, 4)
    >>> two_sum_sorted([1, 2], 10) is None
    True
    """
    i, j = 0, len(nums) - 1
    while i < j:
        s = nums[i] + nums[j]
        if s == target:
            return (i, j)
        if s < target:
            i += 1
        else:
            j -= 1
    return None


def two_sum(nums: List[int], target: int) -> List[int]:
    """Hash-map two-sum on an unsorted list; [] if no pair.

    >>> two_sum([2, 7, 11, 15], 9)
    [0, 1]
    >>> two_sum([3, 3], 6)
    [0, 1]
    """
    seen: Dict[int, int] = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return [seen[target - n], i]
        seen[n] = i
    return []


def max_window_sum(nums: List[int], k: int) -> int:
    """Largest sum of k consecutive elements (sliding window).

    >>> max_window_sum([2, 1, 5, 1, 3, 2], 3)
    9
    """
    if k <= 0 or k > len(nums):
        raise ValueError("bad window size")
    window = sum(nums[:k])
    best = window
    for i in range(k, len(nums)):
        window += nums[i] - nums[i - k]
        best = max(best, window)
    return best


def longest_unique_substring(s: str) -> int:
    """Length of the longest substring without repeating characters.

    >>> longest_unique_substring("abcabcbb")
    3
    >>> longest_unique_substring("pwwkew")
    3
    >>> longest_unique_substring("")
    0
    """
    last: Dict[str, int] = {}
    start = best = 0
    for i, ch in enumerate(s):
        if ch in last and last[ch] >= start:
            start = last[ch] + 1
        last[ch] = i
        best = max(best, i - start + 1)
    return best


def max_subarray(nums: List[int]) -> int:
    """Kadane's algorithm.

    >>> max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4])
    6
    >>> max_subarray([-3, -1, -2])
    -1
    """
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best


def bfs_order(graph: Dict[int, List[int]], start: int) -> List[int]:
    """Breadth-first visiting order.

    >>> g = {1: [2, 3], 2: [4], 3: [4], 4: []}
    >>> bfs_order(g, 1)
    [1, 2, 3, 4]
    """
    visited = [start]
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, []):
            if nxt not in visited:
                visited.append(nxt)
                queue.append(nxt)
    return visited


def dfs_order(graph: Dict[int, List[int]], start: int) -> List[int]:
    """Iterative depth-first order visiting neighbours in list order.

    >>> g = {1: [2, 3], 2: [4], 3: [], 4: []}
    >>> dfs_order(g, 1)
    [1, 2, 4, 3]
    """
    order: List[int] = []
    seen = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        for nxt in reversed(graph.get(node, [])):
            if nxt not in seen:
                stack.append(nxt)
    return order


def shortest_path_length(graph: Dict[str, List[str]], src: str, dst: str) -> int:
    """Edges on a shortest path in an unweighted graph, -1 if unreachable.

    >>> g = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["e"], "e": []}
    >>> shortest_path_length(g, "a", "e")
    3
    >>> shortest_path_length(g, "e", "a")
    -1
    """
    dist = {src: 0}
    queue = deque([src])
    while queue:
        node = queue.popleft()
        if node == dst:
            return dist[node]
        for nxt in graph.get(node, []):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return -1


def grid_islands(grid: List[List[int]]) -> int:
    """Count 4-connected islands of 1s; the grid is not modified.

    >>> grid_islands([[1, 1, 0, 0], [0, 1, 0, 1], [1, 0, 0, 1]])
    3
    """
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]
    count = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1 and not seen[r][c]:
                count += 1
                stack = [(r, c)]
                seen[r][c] = True
                while stack:
                    y, x = stack.pop()
                    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                        ny, nx = y + dy, x + dx
                        if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == 1 and not seen[ny][nx]:
                            seen[ny][nx] = True
                            stack.append((ny, nx))
    return count


def first_missing_positive(nums: List[int]) -> int:
    """Smallest positive integer not in nums.

    >>> first_missing_positive([3, 4, -1, 1])
    2
    >>> first_missing_positive([1, 2, 0])
    3
    """
    present = set(nums)
    k = 1
    while k in present:
        k += 1
    return k


def find_duplicate(nums: List[int]) -> Optional[int]:
    """First value seen twice scanning left to right, or None.

    >>> find_duplicate([3, 1, 3, 4, 2])
    3
    >>> find_duplicate([1, 2, 3]) is None
    True
    """
    seen = set()
    for n in nums:
        if n in seen:
            return n
        seen.add(n)
    return None


def matrix_search(matrix: List[List[int]], target: int) -> bool:
    """Search a row- and column-sorted matrix from the top-right corner.

    >>> m = [[1, 4, 7], [2, 5, 8], [3, 6, 9]]
    >>> matrix_search(m, 5), matrix_search(m, 10)
    (True, False)
    """
    if not matrix:
        return False
    r, c = 0, len(matrix[0]) - 1
    while r < len(matrix) and c >= 0:
        v = matrix[r][c]
        if v == target:
            return True
        if v > target:
            c -= 1
        else:
            r += 1
    return False
