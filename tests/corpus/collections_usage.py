"""The standard collections toolbox: defaultdict, Counter, deque, heapq, bisect."""

import bisect
import heapq
from collections import Counter, OrderedDict, defaultdict, deque
from typing import DefaultDict, Deque, Dict, List, Optional, Tuple


def group_words_by_length(words: List[str]) -> Dict[int, List[str]]:
    """defaultdict(list) grouping.

    >>> group_words_by_length(["a", "to", "be", "cat"])
    {1: ['a'], 2: ['to', 'be'], 3: ['cat']}
    """
    groups: DefaultDict[int, List[str]] = defaultdict(list)
    for w in words:
        groups[len(w)].append(w)
    return dict(groups)


def count_pairs(pairs: List[Tuple[str, str]]) -> Dict[str, Dict[str, int]]:
    """Nested defaultdict counting.

    >>> count_pairs([("a", "x"), ("a", "y"), ("a", "x"), ("b", "x")])
    {'a': {'x': 2, 'y': 1}, 'b': {'x': 1}}
    """
    table: DefaultDict[str, DefaultDict[str, int]] = defaultdict(lambda: defaultdict(int))
    for outer, inner in pairs:
        table[outer][inner] += 1
    return {k: dict(v) for k, v in table.items()}


def adjacency_list(edges: List[Tuple[int, int]]) -> Dict[int, List[int]]:
    """Undirected adjacency from an edge list, neighbours sorted.

    >>> adjacency_list([(1, 2), (2, 3), (1, 3), (4, 1)])
    {1: [2, 3, 4], 2: [1, 3], 3: [1, 2], 4: [1]}
    """
    adj: DefaultDict[int, List[int]] = defaultdict(list)
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    return {k: sorted(v) for k, v in sorted(adj.items())}


def letter_counts(text: str) -> Counter:
    """Counter of letters, ignoring case and non-letters.

    >>> letter_counts("Hello, World").most_common(2)
    [('l', 3), ('o', 2)]
    """
    return Counter(ch for ch in text.lower() if ch.isalpha())


def is_anagram(a: str, b: str) -> bool:
    """Counter equality.

    >>> is_anagram("listen", "silent"), is_anagram("aab", "abb")
    (True, False)
    """
    return Counter(a) == Counter(b)


def can_build(note: str, magazine: str) -> bool:
    """Ransom note: Counter subtraction leaves nothing missing.

    >>> can_build("aab", "baa"), can_build("aa", "ab")
    (True, False)
    """
    return not (Counter(note) - Counter(magazine))


def top_k_frequent(nums: List[int], k: int) -> List[int]:
    """k most frequent values.

    >>> top_k_frequent([1, 1, 1, 2, 2, 3], 2)
    [1, 2]
    """
    return [value for value, _ in Counter(nums).most_common(k)]


def merge_counts(a: Dict[str, int], b: Dict[str, int]) -> Dict[str, int]:
    """Counter addition drops non-positive totals.

    >>> merge_counts({"x": 2, "y": 1}, {"y": -1, "z": 4})
    {'x': 2, 'z': 4}
    """
    return dict(Counter(a) + Counter(b))


def sliding_window_max(nums: List[int], k: int) -> List[int]:
    """Monotonic deque sliding-window maximum.

    >>> sliding_window_max([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [3, 3, 5, 5, 6, 7]
    """
    window: Deque[int] = deque()
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


def rotate_deque(items: List[int], k: int) -> List[int]:
    """deque.rotate to the right by k.

    >>> rotate_deque([1, 2, 3, 4, 5], 2)
    [4, 5, 1, 2, 3]
    >>> rotate_deque([1, 2, 3], -1)
    [2, 3, 1]
    """
    d = deque(items)
    d.rotate(k)
    return list(d)


def last_n_lines(lines: List[str], n: int) -> List[str]:
    """deque(maxlen=n) keeps a tail.

    >>> last_n_lines(["a", "b", "c", "d"], 2)
    ['c', 'd']
    """
    return list(deque(lines, maxlen=n))


def hot_potato(names: List[str], passes: int) -> str:
    """Josephus-style elimination with a deque.

    >>> hot_potato(["Bill", "David", "Susan", "Jane", "Kent", "Brad"], 7)
    'Susan'
    """
    circle = deque(names)
    while len(circle) > 1:
        circle.rotate(-passes)
        circle.popleft()
    return circle[0]


def palindrome_deque(s: str) -> bool:
    """Check a palindrome by popping from both ends.

    >>> palindrome_deque("radar"), palindrome_deque("radix")
    (True, False)
    """
    d = deque(s)
    while len(d) > 1:
        if d.popleft() != d.pop():
            return False
    return True


def k_smallest(nums: List[int], k: int) -> List[int]:
    """heapq.nsmallest.

    >>> k_smallest([5, 1, 8, 3, 9, 2], 3)
    [1, 2, 3]
    """
    return heapq.nsmallest(k, nums)


def merge_sorted_lists(lists: List[List[int]]) -> List[int]:
    """k-way merge with a heap of (value, list index, element index).

    >>> merge_sorted_lists([[1, 4, 7], [2, 5], [0, 9]])
    [0, 1, 2, 4, 5, 7, 9]
    """
    heap = [(lst[0], i, 0) for i, lst in enumerate(lists) if lst]
    heapq.heapify(heap)
    out = []
    while heap:
        value, li, ei = heapq.heappop(heap)
        out.append(value)
        if ei + 1 < len(lists[li]):
            heapq.heappush(heap, (lists[li][ei + 1], li, ei + 1))
    return out


def running_median(nums: List[int]) -> List[float]:
    """Median after each insertion using two heaps.

    >>> running_median([5, 15, 1, 3])
    [5, 10.0, 5, 4.0]
    """
    low: List[int] = []   # max-heap via negation
    high: List[int] = []  # min-heap
    medians: List[float] = []
    for n in nums:
        if not low or n <= -low[0]:
            heapq.heappush(low, -n)
        else:
            heapq.heappush(high, n)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        if len(low) > len(high):
            medians.append(-low[0])
        else:
            medians.append((-low[0] + high[0]) / 2)
    return medians


def dijkstra(graph: Dict[str, List[Tuple[str, int]]], source: str) -> Dict[str, int]:
    """Shortest distances with a binary heap.

    >>> g = {"a": [("b", 1), ("c", 4)], "b": [("c", 2), ("d", 5)], "c": [("d", 1)], "d": []}
    >>> dijkstra(g, "a")
    {'a': 0, 'b': 1, 'c': 3, 'd': 4}
    """
    dist = {source: 0}
    heap = [(0, source)]
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist.get(node, float("inf")):
            continue
        for nxt, w in graph.get(node, []):
            nd = d + w
            if nd < dist.get(nxt, float("inf")):
                dist[nxt] = nd
                heapq.heappush(heap, (nd, nxt))
    return dict(sorted(dist.items()))


def schedule_tasks(tasks: List[Tuple[int, str]]) -> List[str]:
    """Process (priority, name) pairs lowest priority first.

    >>> schedule_tasks([(3, "write"), (1, "plan"), (2, "code"), (1, "coffee")])
    ['coffee', 'plan', 'code', 'write']
    """
    heap = list(tasks)
    heapq.heapify(heap)
    return [heapq.heappop(heap)[1] for _ in range(len(heap))]


def grade_bisect(score: int) -> str:
    """Map a score to a grade with bisect.

    >>> [grade_bisect(s) for s in (33, 99, 77, 70, 89, 90, 100)]
    ['F', 'A', 'C', 'C', 'B', 'A', 'A']
    """
    breakpoints = [60, 70, 80, 90]
    grades = "FDCBA"
    return grades[bisect.bisect(breakpoints, score)]


def insort_all(values: List[int]) -> List[int]:
    """Build a sorted list with bisect.insort.

    >>> insort_all([5, 2, 8, 2, 1])
    [1, 2, 2, 5, 8]
    """
    out: List[int] = []
    for v in values:
        bisect.insort(out, v)
    return out


def count_in_range(sorted_nums: List[int], lo: int, hi: int) -> int:
    """Values in [lo, hi] of a sorted list.

    >>> count_in_range([1, 2, 2, 3, 5, 8, 13], 2, 5)
    4
    """
    return bisect.bisect_right(sorted_nums, hi) - bisect.bisect_left(sorted_nums, lo)


def closest_value(sorted_nums: List[int], target: int) -> Optional[int]:
    """Closest element in a sorted list (smaller wins ties).

    >>> closest_value([1, 4, 6, 10], 5), closest_value([1, 4, 6, 10], 8), closest_value([], 3)
    (4, 6, None)
    """
    if not sorted_nums:
        return None
    i = bisect.bisect_left(sorted_nums, target)
    candidates = sorted_nums[max(0, i - 1): i + 1]
    return min(candidates, key=lambda v: (abs(v - target), v))


def lru_simulation(capacity: int, accesses: List[int]) -> int:
    """Count cache misses for an LRU cache using OrderedDict.

    >>> lru_simulation(2, [1, 2, 1, 3, 2, 1])
    5
    """
    cache: "OrderedDict[int, bool]" = OrderedDict()
    misses = 0
    for key in accesses:
        if key in cache:
            cache.move_to_end(key)
        else:
            misses += 1
            cache[key] = True
            if len(cache) > capacity:
                cache.popitem(last=False)
    return misses


def recent_counter(timestamps: List[int], window: int = 3000) -> List[int]:
    """For each ping, how many pings fell in the last `window` ms.

    >>> recent_counter([1, 100, 3001, 3002])
    [1, 2, 3, 3]
    """
    q: Deque[int] = deque()
    out = []
    for t in timestamps:
        q.append(t)
        while q[0] < t - window:
            q.popleft()
        out.append(len(q))
    return out
