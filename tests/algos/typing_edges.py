from typing import List, Union


def safe_ratio(a: float, b: float) -> float:
    """
    >>> safe_ratio(1, 2)
    0.5
    >>> safe_ratio(1, 0)
    0
    """
    if b == 0:
        return 0
    return a / b


def average(xs: List[int]) -> float:
    """
    >>> average([1, 2, 3])
    2.0
    """
    if not xs:
        return 0
    return sum(xs) / len(xs)


def scale(values: List[float], k: int) -> List[float]:
    """
    >>> scale([1.5, 2.0], 2)
    [3.0, 4.0]
    """
    return [v * k for v in values]


def area(w: int, h: int) -> int:
    """
    >>> area(2.5, 4)
    10.0
    """
    return w * h


def absolute(x: Union[int, float]) -> Union[int, float]:
    """
    >>> absolute(-3)
    3
    >>> absolute(-2.5)
    2.5
    """
    return -x if x < 0 else x


def describe(n: int) -> str:
    """
    >>> describe(3)
    'odd'
    """
    return "even" if n % 2 == 0 else "odd"


def first_or_default(xs: List[str], default: str = "") -> str:
    return xs[0] if xs else default


def count_upper(s: str) -> int:
    return sum(1 for c in s if c.isupper())


def parse_csv_line(line: str) -> List[str]:
    return [part.strip() for part in line.split(",")]


def nested_sum(data: List[List[int]]) -> int:
    total = 0
    for row in data:
        for v in row:
            total += v
    return total


def char_at(s: str, i: int) -> str:
    try:
        return s[i]
    except IndexError:
        return ""


def to_int_or_none(s: str):
    try:
        return int(s)
    except ValueError:
        return None


def max_key(d: dict) -> str:
    """
    >>> max_key({"a": 1, "b": 3})
    'b'
    """
    return max(d, key=d.get)


def sort_by_second(pairs: List[tuple]) -> List[tuple]:
    """
    >>> sort_by_second([(1, 'b'), (2, 'a')])
    [(2, 'a'), (1, 'b')]
    """
    return sorted(pairs, key=lambda p: p[1])


def join_numbers(nums: List[int], sep: str = ", ") -> str:
    return sep.join(map(str, nums))


def int_sqrt(n: int) -> int:
    import math
    return math.isqrt(n)


def running_max(xs: List[int]) -> List[int]:
    out = []
    best = None
    for x in xs:
        best = x if best is None else max(best, x)
        out.append(best)
    return out


def words_longer_than(text: str, n: int) -> List[str]:
    return list(filter(lambda w: len(w) > n, text.split()))


def product(nums: List[int]) -> int:
    from functools import reduce
    return reduce(lambda a, b: a * b, nums, 1)
