"""Recursive algorithms, with and without memoisation."""

from functools import lru_cache
from typing import Dict, List, Optional, Tuple, Union

NestedList = List[Union[int, "NestedList"]]


def factorial(n: int) -> int:
    """Recursive factorial.

    >>> factorial(0), factorial(5), factorial(20)
    (1, 120, 2432902008176640000)
    >>> factorial(21)
    51090942171709440000
    """
    return 1 if n <= 1 else n * factorial(n - 1)


def fib_naive(n: int) -> int:
    """Exponential-time Fibonacci.

    >>> [fib_naive(i) for i in range(10)]
    [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    """
    if n < 2:
        return n
    return fib_naive(n - 1) + fib_naive(n - 2)


@lru_cache(maxsize=None)
def fib_memo(n: int) -> int:
    """Memoised Fibonacci with functools.lru_cache.

    >>> fib_memo(100)
    354224848179261915075
    """
    if n < 2:
        return n
    return fib_memo(n - 1) + fib_memo(n - 2)


def fib_dict_memo(n: int, memo: Optional[Dict[int, int]] = None) -> int:
    """Memoised Fibonacci with an explicit dict.

    >>> fib_dict_memo(50)
    12586269025
    """
    if memo is None:
        memo = {}
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib_dict_memo(n - 1, memo) + fib_dict_memo(n - 2, memo)
    return memo[n]


def power(base: float, exp: int) -> float:
    """Fast recursive power; negative exponents give floats.

    >>> power(2, 10), power(2, -2), power(5, 0)
    (1024, 0.25, 1)
    """
    if exp == 0:
        return 1
    if exp < 0:
        return 1 / power(base, -exp)
    half = power(base, exp // 2)
    return half * half if exp % 2 == 0 else half * half * base


def sum_digits(n: int) -> int:
    """Recursive digit sum.

    >>> sum_digits(98765)
    35
    """
    return n if n < 10 else n % 10 + sum_digits(n // 10)


def reverse_recursive(s: str) -> str:
    """Recursive string reversal.

    >>> reverse_recursive("recursion")
    'noisrucer'
    """
    return s if len(s) <= 1 else reverse_recursive(s[1:]) + s[0]


def is_palindrome_rec(s: str) -> bool:
    """Recursive palindrome check.

    >>> is_palindrome_rec("level"), is_palindrome_rec("levels")
    (True, False)
    """
    if len(s) < 2:
        return True
    return s[0] == s[-1] and is_palindrome_rec(s[1:-1])


def flatten(nested: NestedList) -> List[int]:
    """Flatten arbitrarily nested lists.

    >>> flatten([1, [2, [3, [4]], 5], [], 6])
    [1, 2, 3, 4, 5, 6]
    """
    out: List[int] = []
    for item in nested:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out


def depth(nested: NestedList) -> int:
    """Maximum nesting depth; a flat list has depth 1.

    >>> depth([1, [2, [3]], 4]), depth([]), depth([[[]]])
    (3, 1, 3)
    """
    sub = [depth(x) for x in nested if isinstance(x, list)]
    return 1 + max(sub, default=0)


def permutations(items: List[int]) -> List[List[int]]:
    """All permutations in lexicographic order of positions.

    >>> permutations([1, 2, 3])
    [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
    >>> permutations([])
    [[]]
    """
    if not items:
        return [[]]
    result = []
    for i, x in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            result.append([x] + rest)
    return result


def combinations(items: List[str], k: int) -> List[List[str]]:
    """k-combinations preserving order.

    >>> combinations(["a", "b", "c", "d"], 2)
    [['a', 'b'], ['a', 'c'], ['a', 'd'], ['b', 'c'], ['b', 'd'], ['c', 'd']]
    """
    if k == 0:
        return [[]]
    if len(items) < k:
        return []
    first, rest = items[0], items[1:]
    with_first = [[first] + c for c in combinations(rest, k - 1)]
    return with_first + combinations(rest, k)


def subsets_sum(nums: List[int], target: int) -> bool:
    """Can some subset sum to target? (non-negative nums)

    >>> subsets_sum([3, 34, 4, 12, 5, 2], 9), subsets_sum([3, 34, 4], 30)
    (True, False)
    """
    if target == 0:
        return True
    if not nums or target < 0:
        return False
    return subsets_sum(nums[1:], target - nums[0]) or subsets_sum(nums[1:], target)


def hanoi(n: int, src: str = "A", dst: str = "C", via: str = "B") -> List[Tuple[str, str]]:
    """Towers of Hanoi moves.

    >>> hanoi(2)
    [('A', 'B'), ('A', 'C'), ('B', 'C')]
    >>> len(hanoi(10))
    1023
    """
    if n == 0:
        return []
    return hanoi(n - 1, src, via, dst) + [(src, dst)] + hanoi(n - 1, via, dst, src)


def ackermann(m: int, n: int) -> int:
    """Ackermann function (tiny inputs only).

    >>> ackermann(2, 3)
    9
    """
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def binary_strings(n: int) -> List[str]:
    """All n-bit strings without consecutive ones.

    >>> binary_strings(3)
    ['000', '001', '010', '100', '101']
    """
    if n == 0:
        return [""]
    if n == 1:
        return ["0", "1"]
    return ["0" + s for s in binary_strings(n - 1)] + ["10" + s for s in binary_strings(n - 2)]


@lru_cache(maxsize=None)
def count_paths(rows: int, cols: int) -> int:
    """Monotone lattice paths in a rows x cols grid.

    >>> count_paths(3, 3), count_paths(1, 5), count_paths(18, 18)
    (6, 1, 2333606220)
    """
    if rows == 1 or cols == 1:
        return 1
    return count_paths(rows - 1, cols) + count_paths(rows, cols - 1)


@lru_cache(maxsize=1024)
def coin_ways(amount: int, coins: Tuple[int, ...]) -> int:
    """Ways to make amount from coins (order irrelevant).

    >>> coin_ways(10, (1, 2, 5)), coin_ways(3, (2,))
    (10, 0)
    """
    if amount == 0:
        return 1
    if amount < 0 or not coins:
        return 0
    return coin_ways(amount - coins[0], coins) + coin_ways(amount, coins[1:])


def tree_sum(tree: Optional[Tuple]) -> int:
    """Sum of a binary tree given as (value, left, right) tuples.

    >>> tree_sum((1, (2, None, None), (3, (4, None, None), None)))
    10
    >>> tree_sum(None)
    0
    """
    if tree is None:
        return 0
    value, left, right = tree
    return value + tree_sum(left) + tree_sum(right)


def tree_height(tree: Optional[Tuple]) -> int:
    """Height of a (value, left, right) tree; empty tree is 0.

    >>> tree_height((1, (2, (3, None, None), None), None))
    3
    """
    if tree is None:
        return 0
    return 1 + max(tree_height(tree[1]), tree_height(tree[2]))


def gcd_rec(a: int, b: int) -> int:
    """Recursive gcd.

    >>> gcd_rec(84, 36)
    12
    """
    return a if b == 0 else gcd_rec(b, a % b)


def merge_sorted_rec(a: List[int], b: List[int]) -> List[int]:
    """Recursive merge of sorted lists.

    >>> merge_sorted_rec([1, 5, 9], [2, 3, 10])
    [1, 2, 3, 5, 9, 10]
    """
    if not a:
        return b[:]
    if not b:
        return a[:]
    if a[0] <= b[0]:
        return [a[0]] + merge_sorted_rec(a[1:], b)
    return [b[0]] + merge_sorted_rec(a, b[1:])


def n_queens(n: int) -> int:
    """Number of N-queens solutions via backtracking.

    >>> [n_queens(k) for k in range(1, 9)]
    [1, 0, 0, 2, 10, 4, 40, 92]
    """
    cols: set = set()
    diag1: set = set()
    diag2: set = set()

    def place(row: int) -> int:
        if row == n:
            return 1
        count = 0
        for c in range(n):
            if c in cols or row - c in diag1 or row + c in diag2:
                continue
            cols.add(c)
            diag1.add(row - c)
            diag2.add(row + c)
            count += place(row + 1)
            cols.remove(c)
            diag1.remove(row - c)
            diag2.remove(row + c)
        return count

    return place(0)


def generate_parentheses(n: int) -> List[str]:
    """All balanced strings of n pairs of parentheses.

    >>> generate_parentheses(3)
    ['((()))', '(()())', '(())()', '()(())', '()()()']
    """
    out: List[str] = []

    def build(prefix: str, opened: int, closed: int) -> None:
        if len(prefix) == 2 * n:
            out.append(prefix)
            return
        if opened < n:
            build(prefix + "(", opened + 1, closed)
        if closed < opened:
            build(prefix + ")", opened, closed + 1)

    build("", 0, 0)
    return out
