"""Closures, lambdas, higher-order functions, map/filter/sorted with keys."""

from functools import reduce
from typing import Callable, Dict, List, Tuple


def make_adder(n: int) -> Callable[[int], int]:
    """Closure capturing n.

    >>> add5 = make_adder(5)
    >>> add5(10), add5(-5)
    (15, 0)
    """
    def add(x: int) -> int:
        return x + n
    return add


def make_multiplier(factor: float) -> Callable[[float], float]:
    """Lambda closure.

    >>> double = make_multiplier(2)
    >>> double(3.5)
    7.0
    """
    return lambda x: x * factor


def make_counter() -> Callable[[], int]:
    """Stateful closure using nonlocal.

    >>> tick = make_counter()
    >>> tick(), tick(), tick()
    (1, 2, 3)
    """
    count = 0

    def increment() -> int:
        nonlocal count
        count += 1
        return count
    return increment


def make_accumulator(start: float = 0) -> Callable[[float], float]:
    """Running total closure.

    >>> acc = make_accumulator(10)
    >>> acc(5), acc(2.5)
    (15, 17.5)
    """
    total = start

    def add(amount: float) -> float:
        nonlocal total
        total += amount
        return total
    return add


def compose(f: Callable[[int], int], g: Callable[[int], int]) -> Callable[[int], int]:
    """compose(f, g)(x) == f(g(x)).

    >>> inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
    >>> inc_then_double(3)
    8
    """
    return lambda x: f(g(x))


def apply_n_times(f: Callable[[int], int], n: int, x: int) -> int:
    """Apply f n times.

    >>> apply_n_times(lambda v: v * 3, 4, 1)
    81
    >>> apply_n_times(lambda v: v + 1, 0, 7)
    7
    """
    for _ in range(n):
        x = f(x)
    return x


def map_squares(nums: List[int]) -> List[int]:
    """map with a lambda.

    >>> map_squares([1, 2, 3])
    [1, 4, 9]
    """
    return list(map(lambda n: n * n, nums))


def filter_odds(nums: List[int]) -> List[int]:
    """filter with a lambda.

    >>> filter_odds([1, 2, 3, 4, 5])
    [1, 3, 5]
    """
    return list(filter(lambda n: n % 2 == 1, nums))


def parse_ints(tokens: List[str]) -> List[int]:
    """map with a builtin.

    >>> parse_ints(["1", " 2", "-3 "])
    [1, 2, -3]
    """
    return list(map(int, tokens))


def drop_empty(items: List[str]) -> List[str]:
    """filter(None, ...) keeps truthy values.

    >>> drop_empty(["a", "", "b", ""])
    ['a', 'b']
    """
    return list(filter(None, items))


def product(nums: List[int]) -> int:
    """reduce with a lambda.

    >>> product([1, 2, 3, 4]), product([])
    (24, 1)
    """
    return reduce(lambda a, b: a * b, nums, 1)


def sort_by_last_char(words: List[str]) -> List[str]:
    """sorted with a lambda key.

    >>> sort_by_last_char(["abc", "xa", "mb"])
    ['xa', 'mb', 'abc']
    """
    return sorted(words, key=lambda w: w[-1])


def sort_by_abs(nums: List[int]) -> List[int]:
    """sorted by a builtin key.

    >>> sort_by_abs([-5, 3, -1, 4, 0])
    [0, -1, 3, 4, -5]
    """
    return sorted(nums, key=abs)


def max_by(items: List[Tuple[str, int]], index: int) -> Tuple[str, int]:
    """max with a key lambda.

    >>> max_by([("a", 3), ("b", 7), ("c", 5)], 1)
    ('b', 7)
    """
    return max(items, key=lambda t: t[index])


def min_by_len(words: List[str]) -> str:
    """min with key=len, first shortest wins.

    >>> min_by_len(["apple", "fig", "kiwi", "yam"])
    'fig'
    """
    return min(words, key=len)


def make_validator(min_len: int, max_len: int) -> Callable[[str], bool]:
    """Closure over two bounds.

    >>> ok = make_validator(3, 5)
    >>> [ok(s) for s in ("ab", "abc", "abcdef")]
    [False, True, False]
    """
    def validate(s: str) -> bool:
        return min_len <= len(s) <= max_len
    return validate


def dispatch(op: str, a: float, b: float) -> float:
    """Dispatch table of lambdas.

    >>> dispatch("add", 2, 3), dispatch("pow", 2, 10), dispatch("div", 7, 2)
    (5, 1024, 3.5)
    >>> dispatch("mod", 1, 1)
    Traceback (most recent call last):
    ...
    KeyError: 'unknown op: mod'
    """
    table: Dict[str, Callable[[float, float], float]] = {
        "add": lambda x, y: x + y,
        "sub": lambda x, y: x - y,
        "mul": lambda x, y: x * y,
        "div": lambda x, y: x / y,
        "pow": lambda x, y: x ** y,
    }
    if op not in table:
        raise KeyError(f"unknown op: {op}")
    return table[op](a, b)


def memoize(f: Callable[[int], int]) -> Callable[[int], int]:
    """Hand-written memoising decorator.

    >>> calls = []
    >>> @memoize
    ... def slow_square(x):
    ...     calls.append(x)
    ...     return x * x
    >>> slow_square(4), slow_square(4), calls
    (16, 16, [4])
    """
    cache: Dict[int, int] = {}

    def wrapper(x: int) -> int:
        if x not in cache:
            cache[x] = f(x)
        return cache[x]
    return wrapper


def pipeline(value: int, steps: List[Callable[[int], int]]) -> int:
    """Thread value through a list of functions.

    >>> pipeline(3, [lambda x: x + 1, lambda x: x * 10, abs])
    40
    """
    for step in steps:
        value = step(value)
    return value


def make_power_functions(n: int) -> List[Callable[[int], int]]:
    """Late-binding pitfall avoided with a default argument.

    >>> [f(2) for f in make_power_functions(4)]
    [1, 2, 4, 8]
    """
    return [lambda x, p=p: x ** p for p in range(n)]


def count_if(items: List[int], pred: Callable[[int], bool]) -> int:
    """Count items satisfying a predicate.

    >>> count_if([1, 5, 8, 10], lambda v: v > 4)
    3
    """
    return sum(1 for x in items if pred(x))


def partition_by(items: List[int], pred: Callable[[int], bool]) -> Tuple[List[int], List[int]]:
    """Split into (matching, rest).

    >>> partition_by(list(range(8)), lambda v: v % 3 == 0)
    ([0, 3, 6], [1, 2, 4, 5, 7])
    """
    yes, no = [], []
    for x in items:
        (yes if pred(x) else no).append(x)
    return yes, no


def curry_add(a: int) -> Callable[[int], Callable[[int], int]]:
    """Curried three-argument addition.

    >>> curry_add(1)(2)(3)
    6
    """
    return lambda b: lambda c: a + b + c


def outer_scope_sum(nums: List[int]) -> int:
    """Nested helper reading the enclosing scope.

    >>> outer_scope_sum([1, 2, 3, 4])
    20
    """
    scale = 2

    def scaled(x: int) -> int:
        return x * scale

    return sum(scaled(n) for n in nums)


def group_by(items: List[str], key: Callable[[str], str]) -> Dict[str, List[str]]:
    """Group by a key function.

    >>> group_by(["apple", "avocado", "banana"], lambda s: s[0])
    {'a': ['apple', 'avocado'], 'b': ['banana']}
    """
    out: Dict[str, List[str]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out
