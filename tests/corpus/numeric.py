"""Everyday numeric code: arithmetic, floats, bits, conversions."""

from typing import List, Sequence, Tuple

EPSILON = 1e-9
SECONDS_PER_DAY = 24 * 60 * 60


def clamp(x: float, lo: float, hi: float) -> float:
    """Clamp x into [lo, hi].

    >>> clamp(5, 0, 3)
    3
    >>> clamp(-1.5, -1.0, 1.0)
    -1.0
    >>> clamp(0.25, 0, 1)
    0.25
    """
    if x < lo:
        return lo
    elif x > hi:
        return hi
    return x


def in_range(x: int, lo: int, hi: int) -> bool:
    """Half-open range test written as a chained comparison.

    >>> in_range(5, 0, 10), in_range(10, 0, 10), in_range(-1, 0, 10)
    (True, False, False)
    """
    return lo <= x < hi


def average(values: Sequence[float]) -> float:
    """Mean of a non-empty sequence (true division even for ints).

    >>> average([1, 2])
    1.5
    >>> average([4, 4, 4])
    4.0
    """
    return sum(values) / len(values)


def lerp(a: float, b: float, t: float) -> float:
    """Linear interpolation.

    >>> lerp(0, 10, 0.25)
    2.5
    >>> lerp(2.0, -2.0, 1.0)
    -2.0
    """
    return a + (b - a) * t


def celsius_to_fahrenheit(c: float) -> float:
    """Temperature conversion.

    >>> celsius_to_fahrenheit(100)
    212.0
    >>> celsius_to_fahrenheit(-40)
    -40.0
    """
    return c * 9 / 5 + 32


def fahrenheit_to_celsius(f: float) -> float:
    """Temperature conversion, rounded to 2 places.

    >>> fahrenheit_to_celsius(98.6)
    37.0
    """
    return round((f - 32) * 5 / 9, 2)


def seconds_to_hms(total: int) -> Tuple[int, int, int]:
    """Split seconds into hours, minutes, seconds with divmod.

    >>> seconds_to_hms(3725)
    (1, 2, 5)
    >>> seconds_to_hms(59)
    (0, 0, 59)
    """
    minutes, seconds = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds


def days_and_rest(seconds: int) -> Tuple[int, int]:
    """Whole days and leftover seconds.

    >>> days_and_rest(200000)
    (2, 27200)
    """
    return seconds // SECONDS_PER_DAY, seconds % SECONDS_PER_DAY


def compound_interest(principal: float, rate: float, years: int, per_year: int = 12) -> float:
    """Compound interest balance rounded to cents.

    >>> compound_interest(1000, 0.05, 10)
    1647.01
    >>> compound_interest(500, 0.0, 3)
    500.0
    """
    return round(principal * (1 + rate / per_year) ** (per_year * years), 2)


def sqrt_newton(x: float, tolerance: float = 1e-12) -> float:
    """Square root by Newton's method.

    >>> round(sqrt_newton(2), 10)
    1.4142135624
    >>> sqrt_newton(0)
    0.0
    """
    if x < 0:
        raise ValueError("math domain error")
    if x == 0:
        return 0.0
    guess = x if x >= 1 else 1.0
    while True:
        better = (guess + x / guess) / 2
        if abs(better - guess) < tolerance:
            return better
        guess = better


def approx_equal(a: float, b: float, tol: float = EPSILON) -> bool:
    """Absolute-tolerance float comparison.

    >>> 0.1 + 0.2 == 0.3
    False
    >>> approx_equal(0.1 + 0.2, 0.3)
    True
    """
    return abs(a - b) <= tol


def sign(x: float) -> int:
    """-1, 0 or 1.

    >>> sign(-3.5), sign(0), sign(2)
    (-1, 0, 1)
    """
    return (x > 0) - (x < 0)


def count_bits(n: int) -> int:
    """Population count by clearing the lowest set bit.

    >>> count_bits(0b1011_0110)
    5
    >>> count_bits(0)
    0
    """
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


def is_power_of_two(n: int) -> bool:
    """Bit trick power-of-two test.

    >>> [k for k in range(20) if is_power_of_two(k)]
    [1, 2, 4, 8, 16]
    """
    return n > 0 and n & (n - 1) == 0


def toggle_bit(n: int, i: int) -> int:
    """Flip bit i.

    >>> toggle_bit(0b1010, 0)
    11
    >>> toggle_bit(0b1010, 3)
    2
    """
    return n ^ (1 << i)


def bit_reverse_byte(b: int) -> int:
    """Reverse the 8 bits of a byte.

    >>> bit_reverse_byte(0b00000001)
    128
    >>> bin(bit_reverse_byte(0b11010000))
    '0b1011'
    """
    result = 0
    for _ in range(8):
        result = (result << 1) | (b & 1)
        b >>= 1
    return result


def gray_code(n: int) -> List[int]:
    """n-bit reflected Gray code sequence.

    >>> gray_code(3)
    [0, 1, 3, 2, 6, 7, 5, 4]
    """
    return [i ^ (i >> 1) for i in range(1 << n)]


def to_binary(n: int) -> str:
    """Binary string for non-negative n, built by hand.

    >>> to_binary(10), to_binary(0), to_binary(255)
    ('1010', '0', '11111111')
    """
    if n == 0:
        return "0"
    bits = ""
    while n > 0:
        bits = str(n % 2) + bits
        n //= 2
    return bits


def from_binary(bits: str) -> int:
    """Parse a binary string by hand.

    >>> from_binary("1010"), from_binary("0")
    (10, 0)
    """
    value = 0
    for b in bits:
        value = value * 2 + (1 if b == "1" else 0)
    return value


def polynomial_eval(coeffs: List[float], x: float) -> float:
    """Horner evaluation; coeffs from highest degree down.

    >>> polynomial_eval([2, -6, 2, -1], 3)
    5
    >>> polynomial_eval([1.5, 0], 2.0)
    3.0
    """
    result = 0
    for c in coeffs:
        result = result * x + c
    return result


def mixed_arithmetic(a: int, b: float) -> Tuple[float, float, float, float]:
    """Int and float mixing: sum, product, true and floor quotient.

    >>> mixed_arithmetic(7, 2.0)
    (9.0, 14.0, 3.5, 3.0)
    >>> mixed_arithmetic(-7, 2.0)
    (-5.0, -14.0, -3.5, -4.0)
    """
    return a + b, a * b, a / b, a // b


def percent_change(old: float, new: float) -> float:
    """Percentage change rounded to one decimal place.

    >>> percent_change(80, 100)
    25.0
    >>> percent_change(100, 80)
    -20.0
    """
    if old == 0:
        raise ZeroDivisionError("old value is zero")
    return round((new - old) / old * 100, 1)


def dot(a: Sequence[float], b: Sequence[float]) -> float:
    """Dot product.

    >>> dot([1, 2, 3], [4, 5, 6])
    32
    >>> dot([0.5, 0.5], [2, 4])
    3.0
    """
    return sum(x * y for x, y in zip(a, b))


def normalize(values: List[float]) -> List[float]:
    """Scale to [0, 1]; a constant list maps to all zeros.

    >>> normalize([2, 4, 6, 10])
    [0.0, 0.25, 0.5, 1.0]
    >>> normalize([3, 3])
    [0.0, 0.0]
    """
    lo, hi = min(values), max(values)
    span = hi - lo
    if span == 0:
        return [0.0 for _ in values]
    return [(v - lo) / span for v in values]


def int_power(base: int, exp: int) -> int:
    """Exponentiation by squaring (exp >= 0); big results are exact.

    >>> int_power(3, 4)
    81
    >>> int_power(2, 100) == 2 ** 100
    True
    """
    result = 1
    while exp > 0:
        if exp % 2 == 1:
            result *= base
        base *= base
        exp //= 2
    return result


def harmonic(n: int) -> float:
    """n-th harmonic number.

    >>> harmonic(1)
    1.0
    >>> round(harmonic(10), 6)
    2.928968
    """
    total = 0.0
    for k in range(1, n + 1):
        total += 1 / k
    return total
