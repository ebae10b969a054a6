"""Algorithm-style functions (LeetCode/Rosetta-like) that lean on stdlib call forms.

Written for this project to measure which call forms the rule engine refuses; not copied from
any benchmark. Every function is annotated, as a typed algorithm collection would be.
"""

import bisect
import heapq
import itertools
import math
import re
from collections import Counter, deque
from functools import reduce
from typing import Dict, List, Optional, Tuple, Union


def all_orderings(items: List[int]) -> List[List[int]]:
    return [list(p) for p in itertools.permutations(items)]


def count_triples_summing_to(nums: List[int], target: int) -> int:
    return sum(1 for c in itertools.combinations(nums, 3) if sum(c) == target)


def pairs_of_size(n: int, k: int) -> List[Tuple[int, ...]]:
    return list(itertools.combinations(range(n), k))


def dice_outcomes(sides: int) -> Dict[int, int]:
    counts: Dict[int, int] = {}
    for a, b in itertools.product(range(1, sides + 1), repeat=2):
        counts[a + b] = counts.get(a + b, 0) + 1
    return counts


def grid_cells(rows: int, cols: int) -> List[Tuple[int, int]]:
    return list(itertools.product(range(rows), range(cols)))


def prefix_sums(nums: List[int]) -> List[int]:
    return list(itertools.accumulate(nums))


def running_max(nums: List[int]) -> List[int]:
    return list(itertools.accumulate(nums, max))


def run_length_encode(s: str) -> List[Tuple[str, int]]:
    return [(ch, len(list(g))) for ch, g in itertools.groupby(s)]


def compress_string(s: str) -> str:
    out = []
    for ch, group in itertools.groupby(s):
        n = len(list(group))
        out.append(ch + (str(n) if n > 1 else ""))
    return "".join(out)


def split_words(text: str) -> List[str]:
    return [w for w in re.split(r"\W+", text) if w]


def find_numbers(text: str) -> List[int]:
    return [int(x) for x in re.findall(r"\d+", text)]


def collapse_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def is_valid_identifier(name: str) -> bool:
    return re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name) is not None


def strip_vowels(text: str) -> str:
    return re.sub("[aeiouAEIOU]", "", text)


def product_of_list(nums: List[int]) -> int:
    return reduce(lambda a, b: a * b, nums, 1)


def gcd_of_list(nums: List[int]) -> int:
    return reduce(math.gcd, nums)


def sliding_window_max(nums: List[int], k: int) -> List[int]:
    dq: deque = deque()
    out: List[int] = []
    for i, x in enumerate(nums):
        while dq and nums[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out


def bfs_grid_distance(grid: List[List[int]], sr: int, sc: int) -> int:
    rows, cols = len(grid), len(grid[0]) if grid else 0
    seen = {(sr, sc)}
    q = deque([(sr, sc, 0)])
    far = 0
    while q:
        r, c, d = q.popleft()
        far = max(far, d)
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == 0 and (nr, nc) not in seen:
                seen.add((nr, nc))
                q.append((nr, nc, d + 1))
    return far


def rotate_left(nums: List[int], k: int) -> List[int]:
    d = deque(nums)
    d.rotate(-k)
    return list(d)


def k_smallest(nums: List[int], k: int) -> List[int]:
    return heapq.nsmallest(k, nums)


def k_largest(nums: List[int], k: int) -> List[int]:
    return heapq.nlargest(k, nums)


def merge_sorted_lists(a: List[int], b: List[int]) -> List[int]:
    heap: List[int] = []
    for x in a + b:
        heapq.heappush(heap, x)
    return [heapq.heappop(heap) for _ in range(len(heap))]


def kth_largest(nums: List[int], k: int) -> int:
    heap = nums[:k]
    heapq.heapify(heap)
    for x in nums[k:]:
        if x > heap[0]:
            heapq.heapreplace(heap, x)
    return heap[0]


def insert_sorted(nums: List[int], x: int) -> List[int]:
    out = list(nums)
    bisect.insort(out, x)
    return out


def count_in_range(sorted_nums: List[int], lo: int, hi: int) -> int:
    return bisect.bisect_right(sorted_nums, hi) - bisect.bisect_left(sorted_nums, lo)


def hypotenuse(a: float, b: float) -> float:
    return math.sqrt(a * a + b * b)


def is_perfect_square(n: int) -> bool:
    if n < 0:
        return False
    r = math.isqrt(n)
    return r * r == n


def circle_area(r: float) -> float:
    return math.pi * r ** 2


def digits_count(n: int) -> int:
    return 1 if n == 0 else math.floor(math.log10(abs(n))) + 1


def caesar(text: str, shift: int) -> str:
    lower = "abcdefghijklmnopqrstuvwxyz"
    shifted = lower[shift % 26:] + lower[: shift % 26]
    return text.translate(str.maketrans(lower, shifted))


def remove_punctuation(text: str) -> str:
    return text.translate(str.maketrans("", "", ".,;:!?"))


def sort_by_length(words: List[str]) -> List[str]:
    return sorted(words, key=lambda w: (len(w), w))


def sort_by_second(pairs: List[Tuple[str, int]]) -> List[Tuple[str, int]]:
    return sorted(pairs, key=lambda p: p[1], reverse=True)


def numbered_lines(lines: List[str]) -> List[str]:
    return [f"{i}: {line}" for i, line in enumerate(lines, start=1)]


def first_index_from_one(nums: List[int], target: int) -> int:
    for i, x in enumerate(nums, 1):
        if x == target:
            return i
    return -1


def dot_product(a: List[int], b: List[int]) -> int:
    return sum(x * y for x, y in zip(a, b, strict=True))


def to_hours_minutes(seconds: int) -> Tuple[int, int]:
    h, rem = divmod(seconds, 3600)
    m, _ = divmod(rem, 60)
    return h, m


def average_rounded(nums: List[float]) -> float:
    return round(sum(nums) / len(nums), 2)


def parse_binary(s: str) -> int:
    return int(s, 2)


def parse_hex(s: str) -> int:
    return int(s, 16)


def to_binary_padded(n: int, width: int) -> str:
    return format(n, "b").zfill(width)


def money(x: float) -> str:
    return "{:.2f}".format(x)


def table_row(name: str, score: int) -> str:
    return f"{name:<10}|{score:>5}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%"


def hex_byte(n: int) -> str:
    return f"{n:02x}"


def concat_lists(a: List[int], b: List[int]) -> List[int]:
    return [*a, *b]


def with_sentinel(a: List[int], x: int) -> Tuple[int, ...]:
    return (*a, x)


def merge_dicts(d1: Dict[str, int], d2: Dict[str, int]) -> Dict[str, int]:
    return {**d1, **d2}


def union_sets(a: set, b: set) -> set:
    return {*a, *b}


def scale(x: Union[int, float], k: int) -> float:
    return x * k * 1.0


def describe(x: Union[int, str]) -> str:
    if isinstance(x, int):
        return "int:" + str(x)
    return "str:" + x


def most_common_char(s: str) -> str:
    return Counter(s).most_common(1)[0][0]


def anagram_groups(words: List[str]) -> List[List[str]]:
    groups: Dict[str, List[str]] = {}
    for w in words:
        groups.setdefault("".join(sorted(w)), []).append(w)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def pairwise_diffs(nums: List[int]) -> List[int]:
    return [b - a for a, b in itertools.pairwise(nums)]


def chain_lists(lists: List[List[int]]) -> List[int]:
    return list(itertools.chain.from_iterable(lists))


def first_n_squares(n: int) -> List[int]:
    return list(itertools.islice((i * i for i in itertools.count()), n))


def has_duplicates(nums: List[int]) -> bool:
    return len(set(nums)) != len(nums)


def longest_word(text: str) -> str:
    words = re.findall(r"[A-Za-z]+", text)
    return max(words, key=len) if words else ""


def digit_sum(n: int) -> int:
    return sum(map(int, str(abs(n))))


def lcm_of_range(n: int) -> int:
    return reduce(lambda a, b: a * b // math.gcd(a, b), range(1, n + 1), 1)


def transpose(matrix: List[List[int]]) -> List[List[int]]:
    return [list(row) for row in zip(*matrix)]


def max_subarray(nums: List[int]) -> int:
    best = cur = nums[0]
    for x in nums[1:]:
        cur = max(x, cur + x)
        best = max(best, cur)
    return best


def roman_to_int(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in itertools.zip_longest(s, s[1:], fillvalue=""):
        v = values[a]
        total += -v if b and values[b] > v else v
    return total


def print_all(xs: List[int]) -> None:
    print(*xs)


def words_title(text: str) -> str:
    return " ".join(w.capitalize() for w in text.split())


def safe_int(s: str, default: Optional[int] = None) -> Optional[int]:
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    return default
