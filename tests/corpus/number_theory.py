"""Number theory: divisibility, primes, modular arithmetic, digits."""

import math
from typing import Dict, List, Tuple

MOD = 1_000_000_007


def gcd(a: int, b: int) -> int:
    """Euclid's algorithm, result non-negative.

    >>> gcd(1071, 462)
    21
    >>> gcd(-4, 6)
    2
    """
    while b != 0:
        a, b = b, a % b
    return abs(a)


def gcd_recursive(a: int, b: int) -> int:
    """Recursive Euclid on non-negative ints.

    >>> gcd_recursive(270, 192)
    6
    """
    return a if b == 0 else gcd_recursive(b, a % b)


def lcm(a: int, b: int) -> int:
    """Least common multiple using math.gcd.

    >>> lcm(21, 6)
    42
    >>> lcm(0, 3)
    0
    """
    return abs(a * b) // math.gcd(a, b) if a and b else 0


def is_prime(n: int) -> bool:
    """6k +/- 1 trial division.

    >>> [n for n in range(30) if is_prime(n)]
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    >>> is_prime(2_147_483_647)
    True
    """
    if n <= 3:
        return n > 1
    if n % 2 == 0 or n % 3 == 0:
        return False
    i = 5
    while i * i <= n:
        if n % i == 0 or n % (i + 2) == 0:
            return False
        i += 6
    return True


def sieve(limit: int) -> List[int]:
    """Primes below limit.

    >>> sieve(20)
    [2, 3, 5, 7, 11, 13, 17, 19]
    >>> sieve(2)
    []
    """
    if limit < 3:
        return []
    flags = [True] * limit
    flags[0] = flags[1] = False
    for p in range(2, math.isqrt(limit - 1) + 1):
        if flags[p]:
            flags[p * p::p] = [False] * len(range(p * p, limit, p))
    return [i for i in range(limit) if flags[i]]


def factorize(n: int) -> Dict[int, int]:
    """Prime factorisation as {prime: exponent}.

    >>> factorize(360)
    {2: 3, 3: 2, 5: 1}
    >>> factorize(1)
    {}
    """
    factors: Dict[int, int] = {}
    p = 2
    while p * p <= n:
        while n % p == 0:
            factors[p] = factors.get(p, 0) + 1
            n //= p
        p += 1 if p == 2 else 2
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors


def divisors(n: int) -> List[int]:
    """Sorted positive divisors.

    >>> divisors(28)
    [1, 2, 4, 7, 14, 28]
    >>> divisors(1)
    [1]
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


def euler_phi(n: int) -> int:
    """Euler's totient.

    >>> euler_phi(36)
    12
    >>> euler_phi(1)
    1
    """
    result = n
    p = 2
    m = n
    while p * p <= m:
        if m % p == 0:
            while m % p == 0:
                m //= p
            result -= result // p
        p += 1
    if m > 1:
        result -= result // m
    return result


def mod_pow(base: int, exp: int, mod: int = MOD) -> int:
    """Modular exponentiation via the three-argument pow.

    >>> mod_pow(2, 100)
    976371285
    >>> mod_pow(3, 200, 13)
    9
    """
    return pow(base, exp, mod)


def mod_inverse(a: int, mod: int = MOD) -> int:
    """Inverse via pow(a, -1, mod); raises ValueError if none exists.

    >>> mod_inverse(3, 7)
    5
    >>> mod_inverse(4, 8)
    Traceback (most recent call last):
    ...
    ValueError: base is not invertible for the given modulus
    """
    return pow(a, -1, mod)


def extended_euclid(a: int, b: int) -> Tuple[int, int, int]:
    """Recursive extended Euclid: (g, x, y) with a*x + b*y = g.

    >>> extended_euclid(30, 20)
    (10, 1, -1)
    """
    if b == 0:
        return (a, 1, 0)
    g, x1, y1 = extended_euclid(b, a % b)
    return (g, y1, x1 - (a // b) * y1)


def crt(remainders: List[int], moduli: List[int]) -> int:
    """Chinese remainder theorem for pairwise coprime moduli.

    >>> crt([2, 3, 2], [3, 5, 7])
    23
    """
    total = 0
    prod = 1
    for m in moduli:
        prod *= m
    for r, m in zip(remainders, moduli):
        partial = prod // m
        total += r * partial * pow(partial, -1, m)
    return total % prod


def digits_of(n: int) -> List[int]:
    """Decimal digits of |n|, most significant first.

    >>> digits_of(9045)
    [9, 0, 4, 5]
    >>> digits_of(0)
    [0]
    """
    return [int(ch) for ch in str(abs(n))]


def reverse_number(n: int) -> int:
    """Reverse decimal digits, keeping the sign.

    >>> reverse_number(1200)
    21
    >>> reverse_number(-345)
    -543
    """
    sign = -1 if n < 0 else 1
    n = abs(n)
    rev = 0
    while n > 0:
        rev = rev * 10 + n % 10
        n //= 10
    return sign * rev


def is_armstrong(n: int) -> bool:
    """Narcissistic number test.

    >>> [k for k in range(100, 1000) if is_armstrong(k)]
    [153, 370, 371, 407]
    """
    s = str(n)
    power = len(s)
    return sum(int(d) ** power for d in s) == n


def digital_root(n: int) -> int:
    """Repeated digit sum until one digit remains.

    >>> digital_root(493193)
    2
    >>> digital_root(0)
    0
    """
    while n >= 10:
        n = sum(int(d) for d in str(n))
    return n


def is_palindromic_number(n: int) -> bool:
    """Palindrome test on the decimal representation; negatives never qualify.

    >>> is_palindromic_number(12321), is_palindromic_number(-121), is_palindromic_number(10)
    (True, False, False)
    """
    if n < 0:
        return False
    s = str(n)
    return s == s[::-1]


def perfect_numbers(limit: int) -> List[int]:
    """Perfect numbers up to limit.

    >>> perfect_numbers(10000)
    [6, 28, 496, 8128]
    """
    return [n for n in range(2, limit + 1) if sum(divisors(n)[:-1]) == n]


def goldbach_pair(n: int) -> Tuple[int, int]:
    """Two primes summing to even n > 2, smallest first prime.

    >>> goldbach_pair(28)
    (5, 23)
    >>> goldbach_pair(4)
    (2, 2)
    """
    if n <= 2 or n % 2:
        raise ValueError("n must be an even number greater than 2")
    for p in range(2, n // 2 + 1):
        if is_prime(p) and is_prime(n - p):
            return (p, n - p)
    raise AssertionError("Goldbach's conjecture failed!")


def binary_gcd(a: int, b: int) -> int:
    """Stein's algorithm using shifts and bit tests.

    >>> binary_gcd(48, 180)
    12
    >>> binary_gcd(0, 9)
    9
    """
    if a == 0:
        return b
    if b == 0:
        return a
    shift = 0
    while (a | b) & 1 == 0:
        a >>= 1
        b >>= 1
        shift += 1
    while a & 1 == 0:
        a >>= 1
    while b != 0:
        while b & 1 == 0:
            b >>= 1
        if a > b:
            a, b = b, a
        b -= a
    return a << shift


def count_trailing_zeros_factorial(n: int) -> int:
    """Trailing zeros of n!.

    >>> count_trailing_zeros_factorial(100)
    24
    >>> count_trailing_zeros_factorial(4)
    0
    """
    count = 0
    power = 5
    while power <= n:
        count += n // power
        power *= 5
    return count


def is_coprime(a: int, b: int) -> bool:
    """True if gcd(a, b) == 1.

    >>> is_coprime(14, 15), is_coprime(14, 21)
    (True, False)
    """
    return math.gcd(a, b) == 1


def pythagorean_triples(limit: int) -> List[Tuple[int, int, int]]:
    """Primitive triples (a, b, c) with c <= limit, via Euclid's formula.

    >>> pythagorean_triples(30)
    [(3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29)]
    """
    triples = []
    m = 2
    while m * m + 1 <= limit:
        for n in range(1, m):
            if (m - n) % 2 == 1 and math.gcd(m, n) == 1:
                a, b, c = m * m - n * n, 2 * m * n, m * m + n * n
                if c <= limit:
                    triples.append((min(a, b), max(a, b), c))
        m += 1
    return sorted(triples, key=lambda t: t[2])
