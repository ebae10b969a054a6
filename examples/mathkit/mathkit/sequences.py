"""Integer sequences."""

from functools import lru_cache


def fibonacci(n: int) -> int:
    """n-th Fibonacci number, fib(0) == 0.

    >>> fibonacci(10)
    55
    >>> fibonacci(90)
    2880067194370816120
    """
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fib_list(count: int) -> list[int]:
    """The first `count` Fibonacci numbers.

    >>> fib_list(8)
    [0, 1, 1, 2, 3, 5, 8, 13]
    >>> fib_list(0)
    []
    """
    out: list[int] = []
    a, b = 0, 1
    while len(out) < count:
        out.append(a)
        a, b = b, a + b
    return out


def factorial(n: int) -> int:
    """n! for n >= 0; results grow past 64 bits quickly.

    >>> factorial(5)
    120
    >>> factorial(25)
    15511210043330985984000000
    """
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


@lru_cache(maxsize=None)
def binomial(n: int, k: int) -> int:
    """Binomial coefficient via Pascal's rule (memoised).

    >>> binomial(5, 2)
    10
    >>> binomial(30, 15)
    155117520
    >>> binomial(3, 5)
    0
    """
    if k < 0 or k > n:
        return 0
    if k == 0 or k == n:
        return 1
    return binomial(n - 1, k - 1) + binomial(n - 1, k)


def triangular(n: int) -> int:
    """n-th triangular number.

    >>> [triangular(i) for i in range(1, 6)]
    [1, 3, 6, 10, 15]
    """
    return n * (n + 1) // 2


def is_square(n: int) -> bool:
    """True if n is a perfect square.

    >>> is_square(144)
    True
    >>> is_square(145)
    False
    >>> is_square(-4)
    False
    """
    if n < 0:
        return False
    root = int(n ** 0.5)
    while root * root > n:
        root -= 1
    while (root + 1) * (root + 1) <= n:
        root += 1
    return root * root == n
