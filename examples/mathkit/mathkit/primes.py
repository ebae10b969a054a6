"""Prime numbers: tests, sieves and factorisation."""

from typing import List


def is_prime(n: int) -> bool:
    """Return True if n is a prime number.

    >>> is_prime(2)
    True
    >>> is_prime(91)
    False
    >>> [p for p in range(20) if is_prime(p)]
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    i = 3
    while i * i <= n:
        if n % i == 0:
            return False
        i += 2
    return True


def primes_up_to(limit: int) -> List[int]:
    """Sieve of Eratosthenes: all primes <= limit.

    >>> primes_up_to(30)
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    >>> primes_up_to(1)
    []
    """
    if limit < 2:
        return []
    sieve = [True] * (limit + 1)
    sieve[0] = sieve[1] = False
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            for j in range(i * i, limit + 1, i):
                sieve[j] = False
    return [i for i, flag in enumerate(sieve) if flag]


def prime_factors(n: int) -> List[int]:
    """Prime factorisation of n, smallest factor first, with repetition.

    >>> prime_factors(360)
    [2, 2, 2, 3, 3, 5]
    >>> prime_factors(97)
    [97]
    >>> prime_factors(1)
    []
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


def next_prime(n: int) -> int:
    """Smallest prime strictly greater than n.

    >>> next_prime(13)
    17
    >>> next_prime(-5)
    2
    """
    candidate = max(n + 1, 2)
    while not is_prime(candidate):
        candidate += 1
    return candidate


def nth_prime(n: int) -> int:
    """The n-th prime, 1-based.

    >>> nth_prime(1)
    2
    >>> nth_prime(10)
    29
    """
    if n < 1:
        raise ValueError("n must be positive")
    count = 0
    candidate = 1
    while count < n:
        candidate += 1
        if is_prime(candidate):
            count += 1
    return candidate


def count_divisors(n: int) -> int:
    """Number of positive divisors of n.

    >>> count_divisors(12)
    6
    >>> count_divisors(1)
    1
    """
    total = 0
    i = 1
    while i * i <= n:
        if n % i == 0:
            total += 1 if i * i == n else 2
        i += 1
    return total
