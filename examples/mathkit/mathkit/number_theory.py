"""Classic number-theory routines."""

from functools import reduce
from typing import List, Tuple


def gcd(a: int, b: int) -> int:
    """Greatest common divisor (always non-negative).

    >>> gcd(48, 18)
    6
    >>> gcd(-12, 8)
    4
    >>> gcd(0, 0)
    0
    """
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def lcm(a: int, b: int) -> int:
    """Least common multiple.

    >>> lcm(4, 6)
    12
    >>> lcm(0, 5)
    0
    """
    if a == 0 or b == 0:
        return 0
    return abs(a * b) // gcd(a, b)


def lcm_of(numbers: List[int]) -> int:
    """LCM of a whole list.

    >>> lcm_of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    2520
    >>> lcm_of([])
    1
    """
    return reduce(lcm, numbers, 1)


def extended_gcd(a: int, b: int) -> Tuple[int, int, int]:
    """Return (g, x, y) such that a*x + b*y == g == gcd(a, b).

    >>> extended_gcd(240, 46)
    (2, -9, 47)
    >>> g, x, y = extended_gcd(35, 15)
    >>> 35 * x + 15 * y == g
    True
    """
    old_r, r = a, b
    old_s, s = 1, 0
    old_t, t = 0, 1
    while r != 0:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
        old_t, t = t, old_t - q * t
    return old_r, old_s, old_t


def mod_inverse(a: int, m: int) -> int:
    """Multiplicative inverse of a modulo m.

    >>> mod_inverse(3, 11)
    4
    >>> mod_inverse(2, 4)
    Traceback (most recent call last):
    ...
    ValueError: 2 has no inverse modulo 4
    """
    g, x, _ = extended_gcd(a, m)
    if g != 1:
        raise ValueError(f"{a} has no inverse modulo {m}")
    return x % m


def power_mod(base: int, exponent: int, modulus: int) -> int:
    """Square-and-multiply modular exponentiation.

    >>> power_mod(2, 10, 1000)
    24
    >>> power_mod(7, 0, 13)
    1
    """
    result = 1 % modulus
    base %= modulus
    while exponent > 0:
        if exponent & 1:
            result = result * base % modulus
        base = base * base % modulus
        exponent >>= 1
    return result


def digit_sum(n: int) -> int:
    """Sum of the decimal digits of n (sign ignored).

    >>> digit_sum(9875)
    29
    >>> digit_sum(-101)
    2
    """
    n = abs(n)
    total = 0
    while n:
        n, d = divmod(n, 10)
        total += d
    return total


def is_perfect(n: int) -> bool:
    """True if n equals the sum of its proper divisors.

    >>> [k for k in range(1, 1000) if is_perfect(k)]
    [6, 28, 496]
    """
    if n < 2:
        return False
    total = 1
    i = 2
    while i * i <= n:
        if n % i == 0:
            total += i
            if i != n // i:
                total += n // i
        i += 1
    return total == n


def collatz_steps(n: int) -> int:
    """Number of Collatz steps needed to reach 1.

    >>> collatz_steps(1)
    0
    >>> collatz_steps(27)
    111
    """
    if n <= 0:
        raise ValueError("n must be positive")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def to_base(n: int, base: int) -> str:
    """Render a non-negative integer in the given base (2..36).

    >>> to_base(255, 16)
    'FF'
    >>> to_base(10, 2)
    '1010'
    >>> to_base(0, 7)
    '0'
    """
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if not 2 <= base <= 36:
        raise ValueError("base out of range")
    if n == 0:
        return "0"
    out = []
    while n > 0:
        n, r = divmod(n, base)
        out.append(digits[r])
    return "".join(reversed(out))
