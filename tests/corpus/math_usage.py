"""Functions built on the math module: geometry, logs, rounding, infinities."""

import math
from typing import List, Optional, Sequence, Tuple

GOLDEN_RATIO = (1 + math.sqrt(5)) / 2
EARTH_RADIUS_KM = 6371.0


def hypotenuse(a: float, b: float) -> float:
    """sqrt of the sum of squares.

    >>> hypotenuse(3, 4)
    5.0
    """
    return math.sqrt(a * a + b * b)


def circle_area(r: float) -> float:
    """pi r squared, rounded to 4 places.

    >>> circle_area(1), circle_area(2.5)
    (3.1416, 19.635)
    """
    return round(math.pi * r ** 2, 4)


def sphere_volume(r: float) -> float:
    """Volume of a sphere.

    >>> round(sphere_volume(3), 6)
    113.097336
    """
    return 4 / 3 * math.pi * r ** 3


def degrees_to_radians(deg: float) -> float:
    """Manual conversion matches math.radians.

    >>> degrees_to_radians(180) == math.pi
    True
    >>> round(degrees_to_radians(90), 6)
    1.570796
    """
    return deg * math.pi / 180


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km, rounded to 1 decimal.

    >>> haversine(51.5007, -0.1246, 40.6892, -74.0445)
    5574.8
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a)), 1)


def floor_ceil(x: float) -> Tuple[int, int]:
    """math.floor and math.ceil return ints.

    >>> floor_ceil(2.5), floor_ceil(-2.5), floor_ceil(3.0)
    ((2, 3), (-3, -2), (3, 3))
    """
    return math.floor(x), math.ceil(x)


def pages_needed(items: int, per_page: int) -> int:
    """Ceiling division both ways agree.

    >>> pages_needed(101, 10), pages_needed(100, 10), pages_needed(0, 10)
    (11, 10, 0)
    """
    result = math.ceil(items / per_page)
    assert result == -(-items // per_page)
    return result


def gcd_many(nums: List[int]) -> int:
    """math.gcd accepts several arguments in 3.9+.

    >>> gcd_many([12, 18, 24]), gcd_many([7])
    (6, 7)
    """
    return math.gcd(*nums)


def lcm_many(nums: List[int]) -> int:
    """math.lcm of many numbers.

    >>> lcm_many([4, 6, 10])
    60
    """
    return math.lcm(*nums)


def is_perfect_square(n: int) -> bool:
    """math.isqrt is exact even for huge ints.

    >>> is_perfect_square(10**30), is_perfect_square(10**30 + 1), is_perfect_square(0)
    (True, False, True)
    """
    if n < 0:
        return False
    r = math.isqrt(n)
    return r * r == n


def log_base(x: float, base: float) -> float:
    """Logarithm in an arbitrary base, rounded to 10 places.

    >>> log_base(8, 2), log_base(1000, 10), log_base(1, 7)
    (3.0, 3.0, 0.0)
    """
    return round(math.log(x) / math.log(base), 10)


def digits_count(n: int) -> int:
    """Decimal digits via log10 (n > 0), cross-checked against str.

    >>> digits_count(1), digits_count(99), digits_count(100), digits_count(123456789)
    (1, 2, 3, 9)
    """
    by_log = math.floor(math.log10(n)) + 1
    return by_log if by_log == len(str(n)) else len(str(n))


def entropy(probabilities: Sequence[float]) -> float:
    """Shannon entropy in bits, rounded to 4 places.

    >>> entropy([0.5, 0.5]), entropy([1.0]), entropy([0.25] * 4)
    (1.0, 0.0, 2.0)
    """
    h = -sum(p * math.log2(p) for p in probabilities if p > 0)
    return round(h, 4) + 0.0


def min_with_inf(values: List[float]) -> float:
    """Minimum using math.inf as the starting point; inf for empty.

    >>> min_with_inf([3.5, -2.0, 7.0]), min_with_inf([])
    (-2.0, inf)
    """
    best = math.inf
    for v in values:
        if v < best:
            best = v
    return best


def safe_divide(a: float, b: float) -> float:
    """Division that returns +/-inf or nan instead of raising.

    >>> safe_divide(1, 0), safe_divide(-1, 0), safe_divide(6, 3)
    (inf, -inf, 2.0)
    >>> math.isnan(safe_divide(0, 0))
    True
    """
    if b == 0:
        if a == 0:
            return math.nan
        return math.inf if a > 0 else -math.inf
    return a / b


def quadratic_roots(a: float, b: float, c: float) -> Optional[Tuple[float, float]]:
    """Real roots of ax^2 + bx + c, smaller first; None if complex.

    >>> quadratic_roots(1, -3, 2), quadratic_roots(1, 2, 1), quadratic_roots(1, 0, 1)
    ((1.0, 2.0), (-1.0, -1.0), None)
    """
    disc = b * b - 4 * a * c
    if disc < 0:
        return None
    root = math.sqrt(disc)
    x1 = (-b - root) / (2 * a)
    x2 = (-b + root) / (2 * a)
    return (min(x1, x2), max(x1, x2))


def factorial_digits(n: int) -> int:
    """Number of digits of n! via lgamma, checked against math.factorial for small n.

    >>> factorial_digits(10), factorial_digits(100), factorial_digits(1000)
    (7, 158, 2568)
    """
    if n < 500:
        return len(str(math.factorial(n)))
    return math.floor(math.lgamma(n + 1) / math.log(10)) + 1


def combinations_count(n: int, k: int) -> int:
    """math.comb, with a factorial cross-check.

    >>> combinations_count(52, 5)
    2598960
    """
    result = math.comb(n, k)
    assert result == math.factorial(n) // (math.factorial(k) * math.factorial(n - k))
    return result


def trig_table(step_degrees: int) -> List[Tuple[int, float, float]]:
    """(angle, sin, cos) rounded to 3 places; -0.0 normalised to 0.0.

    >>> trig_table(90)
    [(0, 0.0, 1.0), (90, 1.0, 0.0), (180, 0.0, -1.0), (270, -1.0, 0.0)]
    """
    rows = []
    for deg in range(0, 360, step_degrees):
        rad = math.radians(deg)
        rows.append((deg, round(math.sin(rad), 3) + 0.0, round(math.cos(rad), 3) + 0.0))
    return rows


def angle_between(v1: Tuple[float, float], v2: Tuple[float, float]) -> float:
    """Angle in degrees between two 2-D vectors, rounded to 2 places.

    >>> angle_between((1, 0), (0, 1)), angle_between((1, 1), (-1, -1))
    (90.0, 180.0)
    """
    dot = v1[0] * v2[0] + v1[1] * v2[1]
    norm = math.hypot(*v1) * math.hypot(*v2)
    cos_theta = max(-1.0, min(1.0, dot / norm))
    return round(math.degrees(math.acos(cos_theta)), 2)


def exp_decay(initial: float, rate: float, t: float) -> float:
    """Exponential decay rounded to 4 places.

    >>> exp_decay(100, 0.5, 2)
    36.7879
    """
    return round(initial * math.exp(-rate * t), 4)


def geometric_mean(values: List[float]) -> float:
    """Geometric mean via logs, rounded to 6 places.

    >>> geometric_mean([1, 10, 100])
    10.0
    >>> geometric_mean([2, 8])
    4.0
    """
    return round(math.exp(sum(math.log(v) for v in values) / len(values)), 6)


def fib_binet(n: int) -> int:
    """Fibonacci via Binet's formula (exact for n <= 70).

    >>> [fib_binet(i) for i in range(10)], fib_binet(70)
    ([0, 1, 1, 2, 3, 5, 8, 13, 21, 34], 190392490709135)
    """
    return round(GOLDEN_RATIO ** n / math.sqrt(5))


def truncate_float(x: float, places: int) -> float:
    """Truncate toward zero to some decimal places.

    >>> truncate_float(3.14159, 2), truncate_float(-2.71828, 3)
    (3.14, -2.718)
    """
    factor = 10 ** places
    return math.trunc(x * factor) / factor


def is_close_all(a: List[float], b: List[float]) -> bool:
    """Element-wise math.isclose.

    >>> is_close_all([0.1 + 0.2, 1.0], [0.3, 1.0 + 1e-12])
    True
    """
    return len(a) == len(b) and all(math.isclose(x, y) for x, y in zip(a, b))
