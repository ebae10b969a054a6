"""List, dict and set comprehensions and generator expressions."""

from typing import Dict, Iterable, List, Set, Tuple


def squares(n: int) -> List[int]:
    """Squares of 0..n-1.

    >>> squares(5)
    [0, 1, 4, 9, 16]
    """
    return [i * i for i in range(n)]


def even_squares(nums: List[int]) -> List[int]:
    """Squares of the even numbers only.

    >>> even_squares([1, 2, 3, 4, 5, 6])
    [4, 16, 36]
    """
    return [n * n for n in nums if n % 2 == 0]


def labels(nums: List[int]) -> List[str]:
    """Conditional expression inside a comprehension.

    >>> labels([1, -2, 0])
    ['pos', 'neg', 'zero']
    """
    return ["pos" if n > 0 else "neg" if n < 0 else "zero" for n in nums]


def cartesian(a: List[int], b: List[str]) -> List[Tuple[int, str]]:
    """Nested loops in one comprehension.

    >>> cartesian([1, 2], ["x", "y"])
    [(1, 'x'), (1, 'y'), (2, 'x'), (2, 'y')]
    """
    return [(x, y) for x in a for y in b]


def flatten_matrix(matrix: List[List[int]]) -> List[int]:
    """Flatten with a double comprehension.

    >>> flatten_matrix([[1, 2], [3], [4, 5, 6]])
    [1, 2, 3, 4, 5, 6]
    """
    return [x for row in matrix for x in row]


def transpose(matrix: List[List[int]]) -> List[List[int]]:
    """Nested comprehension transpose.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    return [[row[i] for row in matrix] for i in range(len(matrix[0]))]


def multiplication_table(n: int) -> List[List[int]]:
    """n x n times table.

    >>> multiplication_table(3)
    [[1, 2, 3], [2, 4, 6], [3, 6, 9]]
    """
    return [[i * j for j in range(1, n + 1)] for i in range(1, n + 1)]


def word_lengths(words: List[str]) -> Dict[str, int]:
    """Dict comprehension.

    >>> word_lengths(["hi", "hello"])
    {'hi': 2, 'hello': 5}
    """
    return {w: len(w) for w in words}


def squares_of_odds_dict(n: int) -> Dict[int, int]:
    """Dict comprehension with a condition.

    >>> squares_of_odds_dict(7)
    {1: 1, 3: 9, 5: 25}
    """
    return {i: i ** 2 for i in range(n) if i % 2 == 1}


def char_positions(s: str) -> Dict[str, List[int]]:
    """Dict comprehension containing a list comprehension.

    >>> char_positions("abca")
    {'a': [0, 3], 'b': [1], 'c': [2]}
    """
    return {ch: [i for i, c in enumerate(s) if c == ch] for ch in dict.fromkeys(s)}


def vowels_in(words: List[str]) -> Set[str]:
    """Set comprehension over nested iteration.

    >>> sorted(vowels_in(["apple", "kiwi", "plum"]))
    ['a', 'e', 'i', 'u']
    """
    return {ch for w in words for ch in w if ch in "aeiou"}


def sum_of_squares(n: int) -> int:
    """Generator expression passed to sum.

    >>> sum_of_squares(10)
    285
    """
    return sum(i * i for i in range(n))


def any_negative(nums: Iterable[int]) -> bool:
    """Generator with any().

    >>> any_negative([1, 2, -3]), any_negative([])
    (True, False)
    """
    return any(n < 0 for n in nums)


def all_strings_nonempty(items: List[str]) -> bool:
    """Generator with all().

    >>> all_strings_nonempty(["a", "b"]), all_strings_nonempty(["a", ""]), all_strings_nonempty([])
    (True, False, True)
    """
    return all(s for s in items)


def max_len(words: List[str]) -> int:
    """max over a generator with a default for empty input.

    >>> max_len(["aa", "b", "cccc"]), max_len([])
    (4, 0)
    """
    return max((len(w) for w in words), default=0)


def pythagorean(limit: int) -> List[Tuple[int, int, int]]:
    """Triples with a < b < c <= limit, triple-nested comprehension.

    >>> pythagorean(15)
    [(3, 4, 5), (5, 12, 13), (6, 8, 10), (9, 12, 15)]
    """
    return [
        (a, b, c)
        for a in range(1, limit + 1)
        for b in range(a + 1, limit + 1)
        for c in range(b + 1, limit + 1)
        if a * a + b * b == c * c
    ]


def primes_below(n: int) -> List[int]:
    """Prime filter written with all() inside a comprehension.

    >>> primes_below(30)
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    """
    return [k for k in range(2, n) if all(k % d for d in range(2, int(k ** 0.5) + 1))]


def diagonal(matrix: List[List[int]]) -> List[int]:
    """Main diagonal with enumerate.

    >>> diagonal([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    [1, 5, 9]
    """
    return [row[i] for i, row in enumerate(matrix)]


def pairs_sum(a: List[int], b: List[int]) -> List[int]:
    """Element-wise sum with zip.

    >>> pairs_sum([1, 2, 3], [10, 20, 30, 40])
    [11, 22, 33]
    """
    return [x + y for x, y in zip(a, b)]


def index_filter(items: List[str]) -> List[str]:
    """Items at even indices that are upper-case.

    >>> index_filter(["A", "b", "c", "D", "E"])
    ['A', 'E']
    """
    return [s for i, s in enumerate(items) if i % 2 == 0 if s.isupper()]


def nested_filter(matrix: List[List[int]]) -> List[List[int]]:
    """Keep positive values of each row, drop rows that become empty.

    >>> nested_filter([[1, -1, 2], [-3], [0, 4]])
    [[1, 2], [4]]
    """
    return [kept for row in matrix if (kept := [x for x in row if x > 0])]


def count_matching(words: List[str], prefix: str) -> int:
    """sum() over booleans.

    >>> count_matching(["apple", "apricot", "banana"], "ap")
    2
    """
    return sum(w.startswith(prefix) for w in words)


def frequency_dict(text: str) -> Dict[str, int]:
    """Counts via a comprehension over a set (sorted for a stable order).

    >>> frequency_dict("hello")
    {'e': 1, 'h': 1, 'l': 2, 'o': 1}
    """
    return {ch: text.count(ch) for ch in sorted(set(text))}


def grid_coords(rows: int, cols: int) -> List[Tuple[int, int]]:
    """All (r, c) pairs in row-major order.

    >>> grid_coords(2, 3)
    [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    """
    return [(r, c) for r in range(rows) for c in range(cols)]


def running_max(nums: List[int]) -> List[int]:
    """Prefix maxima via a comprehension over slices (quadratic but clear).

    >>> running_max([3, 1, 4, 1, 5, 9, 2])
    [3, 3, 4, 4, 5, 9, 9]
    """
    return [max(nums[: i + 1]) for i in range(len(nums))]
