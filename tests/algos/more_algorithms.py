"""More algorithm-style functions probing everyday stdlib call forms (written for this project)."""

import bisect
import functools
import heapq
import math
import operator
import statistics
import string
from collections import Counter, defaultdict, deque
from typing import Dict, List, Tuple


def product_of(nums: List[int]) -> int:
    return math.prod(nums)


def precise_sum(xs: List[float]) -> float:
    return math.fsum(xs)


def distance(p: Tuple[float, float], q: Tuple[float, float]) -> float:
    return math.dist(p, q)


def mean_of(xs: List[float]) -> float:
    return statistics.mean(xs)


def median_of(xs: List[int]) -> float:
    return statistics.median(xs)


def padded_row(name: str, qty: int, price: float) -> str:
    return "{:<8}{:>5}{:>10.2f}".format(name, qty, price)


def thousands(n: int) -> str:
    return f"{n:,}"


def sci(x: float) -> str:
    return f"{x:.3e}"


def quoted(s: str) -> str:
    return f"{s!r} has {len(s)} chars"


def centered(s: str, width: int) -> str:
    return s.center(width, "*")


def top_k_frequent(words: List[str], k: int) -> List[str]:
    counts = Counter(words)
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def most_frequent_key(d: Dict[str, int]) -> str:
    return max(d, key=d.get)


def smallest_or_default(xs: List[int]) -> int:
    return min(xs, default=-1)


def counter_overlap(a: str, b: str) -> int:
    return sum((Counter(a) & Counter(b)).values())


def last_n(xs: List[int], n: int) -> List[int]:
    d: deque = deque(maxlen=n)
    for x in xs:
        d.append(x)
    return list(d)


def merge_k(lists: List[List[int]]) -> List[int]:
    return list(heapq.merge(*lists))


def sort_by_key_fn(pairs: List[Tuple[str, int]]) -> List[Tuple[str, int]]:
    return sorted(pairs, key=operator.itemgetter(1))


def cmp_sort(xs: List[int]) -> List[int]:
    return sorted(xs, key=functools.cmp_to_key(lambda a, b: b - a))


@functools.lru_cache(maxsize=None)
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def head_tail(s: str) -> Tuple[str, str]:
    head, _, tail = s.partition(":")
    return head, tail


def starts_with_any(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def first_index_after(xs: List[int], x: int, start: int) -> int:
    return xs.index(x, start) if x in xs[start:] else -1


def sym_diff(a: List[int], b: List[int]) -> List[int]:
    return sorted(set(a).symmetric_difference(b))


def common_all(a: List[int], b: List[int], c: List[int]) -> List[int]:
    return sorted(set(a).intersection(b, c))


def mod_pow(b: int, e: int, m: int) -> int:
    return pow(b, e, m)


def is_pangram(s: str) -> bool:
    return set(string.ascii_lowercase) <= set(s.lower())


def grouped(words: List[str]) -> Dict[int, List[str]]:
    out: Dict[int, List[str]] = defaultdict(list)
    for w in words:
        out[len(w)].append(w)
    return dict(out)


def insert_pos(xs: List[int], x: int) -> int:
    return bisect.bisect_left(xs, x)


def tokens(expr: str) -> List[str]:
    out: List[str] = []
    num = ""
    for ch in expr:
        if ch.isdigit():
            num += ch
        else:
            if num:
                out.append(num)
                num = ""
            if ch in "+-*/()":
                out.append(ch)
    if num:
        out.append(num)
    return out


def word_lengths(text: str) -> Dict[str, int]:
    return {w: len(w) for w in text.split()}


def floor_div_mod(a: int, b: int) -> Tuple[int, int]:
    return a // b, a % b


def clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(x, hi))


def bits(n: int) -> int:
    return bin(n).count("1")


def bit_length(n: int) -> int:
    return n.bit_length()


def reverse_words(s: str) -> str:
    return " ".join(reversed(s.split()))


def title_case(s: str) -> str:
    return s.title()


def rotate_matrix(m: List[List[int]]) -> List[List[int]]:
    return [list(r) for r in zip(*m[::-1])]


def int_from_any_base(s: str, base: int) -> int:
    return int(s, base)


def avg_int(xs: List[int]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def nested_sum(xs: List[List[int]]) -> int:
    return sum(sum(r) for r in xs)


def unique_sorted(xs: List[int]) -> List[int]:
    return sorted(set(xs), reverse=True)


def char_freq(s: str) -> List[Tuple[str, int]]:
    return Counter(s).most_common()
