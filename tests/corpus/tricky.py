"""Semantics that trip up translators: signs, slices, Unicode, big ints, floats.

Everything here is ordinary Python that people write every day; the
behaviour is simply easy to get wrong in other languages.
"""

import math
from typing import List, Optional, Sequence, Tuple

INT64_MAX = 2 ** 63 - 1
UINT64_MAX = 2 ** 64 - 1


def py_mod(a: int, b: int) -> int:
    """Python's % takes the sign of the divisor.

    >>> py_mod(-7, 3), py_mod(7, -3), py_mod(-7, -3), py_mod(7, 3)
    (2, -2, -1, 1)
    """
    return a % b


def py_floordiv(a: int, b: int) -> int:
    """// rounds toward negative infinity.

    >>> py_floordiv(-7, 2), py_floordiv(7, -2), py_floordiv(-8, 2), py_floordiv(7, 2)
    (-4, -4, -4, 3)
    """
    return a // b


def divmod_signs(a: int, b: int) -> Tuple[int, int]:
    """divmod keeps a == q*b + r with r having b's sign.

    >>> divmod_signs(-17, 5), divmod_signs(17, -5)
    ((-4, 3), (-4, -3))
    """
    q, r = divmod(a, b)
    assert q * b + r == a
    return q, r


def truncating_division(a: int, b: int) -> int:
    """C-style division toward zero, written explicitly.

    >>> truncating_division(-7, 2), truncating_division(7, 2), truncating_division(-7, -2)
    (-3, 3, 3)
    """
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def float_mod(a: float, b: float) -> float:
    """Float % also follows the divisor's sign; math.fmod follows the dividend's.

    >>> float_mod(-5.5, 2.0), math.fmod(-5.5, 2.0)
    (0.5, -1.5)
    """
    return a % b


def wrap_index(i: int, n: int) -> int:
    """Circular index: any int maps into [0, n).

    >>> [wrap_index(i, 5) for i in (-6, -1, 0, 4, 5, 12)]
    [4, 4, 0, 4, 0, 2]
    """
    return i % n


def day_of_week_shift(day: int, shift: int) -> int:
    """Weekday arithmetic with negative shifts (0 = Monday).

    >>> day_of_week_shift(0, -1), day_of_week_shift(6, 1), day_of_week_shift(2, -16)
    (6, 0, 0)
    """
    return (day + shift) % 7


def slice_edges(s: str) -> List[str]:
    """Out-of-range slices never raise.

    >>> slice_edges("hello")
    ['hello', '', 'lo', 'hello', '', 'h']
    """
    return [s[-100:], s[100:], s[-2:], s[:100], s[3:1], s[:-4]]


def negative_step_slices(items: List[int]) -> List[List[int]]:
    """Slices with negative steps and mixed-sign bounds.

    >>> negative_step_slices([0, 1, 2, 3, 4, 5])
    [[5, 4, 3, 2, 1, 0], [5, 3, 1], [4, 3, 2], [3, 2, 1, 0], [], [5, 4]]
    """
    return [items[::-1], items[::-2], items[4:1:-1], items[3::-1], items[1:4:-1], items[:-3:-1]]


def every_nth_from_end(s: str, n: int) -> str:
    """Every n-th character walking backwards from the last one.

    >>> every_nth_from_end("abcdefghij", 3)
    'jgda'
    >>> every_nth_from_end("", 2)
    ''
    """
    return s[::-n]


def negative_indexing(items: Sequence[str]) -> Tuple[str, str, str]:
    """Last, second-to-last and first via negative indices.

    >>> negative_indexing(["a", "b", "c"])
    ('c', 'b', 'a')
    """
    return items[-1], items[-2], items[-len(items)]


def unicode_lengths(words: List[str]) -> List[Tuple[int, int]]:
    """len() counts code points, not UTF-8 bytes.

    >>> unicode_lengths(["abc", "héllo", "日本語", "🐍", "naïve café"])
    [(3, 3), (5, 6), (3, 9), (1, 4), (10, 12)]
    """
    return [(len(w), len(w.encode("utf-8"))) for w in words]


def unicode_reverse(s: str) -> str:
    """Reversal by code point.

    >>> unicode_reverse("añb日🐍")
    '🐍日bña'
    """
    return s[::-1]


def char_at(s: str, i: int) -> str:
    """Indexing by code point, negative allowed.

    >>> char_at("日本語テキスト", 2), char_at("日本語テキスト", -1), char_at("Zoë", 2)
    ('語', 'ト', 'ë')
    """
    return s[i]


def unicode_case(s: str) -> Tuple[str, str, bool, bool]:
    """Case mapping beyond ASCII; 'ß'.upper() grows to 'SS'.

    >>> unicode_case("straße")
    ('STRASSE', 'straße', True, False)
    >>> unicode_case("ÉCOLE")
    ('ÉCOLE', 'école', False, True)
    """
    return s.upper(), s.lower(), s.islower(), s.isupper()


def code_points(s: str) -> List[int]:
    """ord() of each character.

    >>> code_points("aé€🐍")
    [97, 233, 8364, 128013]
    """
    return [ord(ch) for ch in s]


def from_code_points(points: List[int]) -> str:
    """chr() back to a string.

    >>> from_code_points([72, 233, 8364, 128013])
    'Hé€🐍'
    """
    return "".join(chr(p) for p in points)


def is_alpha_unicode(words: List[str]) -> List[bool]:
    """isalpha/isdigit are Unicode-aware.

    >>> is_alpha_unicode(["héllo", "日本", "abc1", "٣"])
    [True, True, False, False]
    >>> "٣".isdigit(), int("٣")
    (True, 3)
    """
    return [w.isalpha() for w in words]


def empty_inputs() -> List[object]:
    """Built-ins on empty inputs.

    >>> empty_inputs()
    [0, True, False, '', [], 0, 1.0, '']
    """
    return [sum([]), all([]), any([]), "".join([]), sorted([]), len(""),
            math.prod([], start=1.0), " ".strip()]


def max_or_none(values: List[int]) -> Optional[int]:
    """max() raises on empty input unless given default=.

    >>> max_or_none([3, 9, 2]), max_or_none([])
    (9, None)
    """
    return max(values, default=None)


def split_edge_cases(s: str) -> Tuple[List[str], List[str]]:
    """split() and split(' ') differ on runs and edges.

    >>> split_edge_cases("  a  b ")
    (['a', 'b'], ['', '', 'a', '', 'b', ''])
    >>> split_edge_cases("")
    ([], [''])
    """
    return s.split(), s.split(" ")


def big_factorial_digits(n: int) -> int:
    """Digit sum of n!, which overflows 64 bits for n > 20.

    >>> big_factorial_digits(100)
    648
    """
    f = 1
    for k in range(2, n + 1):
        f *= k
    return sum(int(d) for d in str(f))


def overflow_boundaries() -> List[int]:
    """Arithmetic right at and past the 64-bit limits stays exact.

    >>> overflow_boundaries()
    [9223372036854775808, 18446744073709551616, -9223372036854775809, 85070591730234615847396907784232501249]
    """
    return [INT64_MAX + 1, UINT64_MAX + 1, -INT64_MAX - 2, INT64_MAX * INT64_MAX]


def big_power_mod(base: int, exp: int, mod: int) -> Tuple[int, int]:
    """pow with a modulus stays fast; the plain power is a huge exact int.

    >>> big_power_mod(3, 200, 10 ** 9 + 7)
    (136318165, 96)
    """
    return pow(base, exp, mod), len(str(base ** exp))


def collatz_max(n: int) -> int:
    """Peak of the Collatz trajectory; can exceed 64 bits for large n.

    >>> collatz_max(27)
    9232
    >>> collatz_max(2 ** 64 + 1) > 2 ** 64
    True
    """
    peak = n
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        peak = max(peak, n)
    return peak


def negative_shift_and_bits(n: int) -> Tuple[int, int, int, str]:
    """Bit ops on negatives behave like infinite two's complement.

    >>> negative_shift_and_bits(-5)
    (-3, 4, -20, '-0b101')
    >>> negative_shift_and_bits(5)
    (2, -6, 20, '0b101')
    """
    return n >> 1, ~n, n << 2, bin(n)


def round_half_even(values: List[float]) -> List[int]:
    """Built-in round() uses banker's rounding.

    >>> round_half_even([0.5, 1.5, 2.5, -0.5, -1.5, 3.5])
    [0, 2, 2, 0, -2, 4]
    """
    return [round(v) for v in values]


def round_places(values: List[float], places: int) -> List[float]:
    """Rounding to places exposes binary representation.

    >>> round_places([2.675, 1.005, 0.125, 0.375], 2)
    [2.67, 1.0, 0.12, 0.38]
    """
    return [round(v, places) for v in values]


def round_negative_places(n: int) -> List[int]:
    """round() to tens, hundreds, thousands (ints stay ints, half-even).

    >>> round_negative_places(12345)
    [12340, 12300, 12000]
    >>> round_negative_places(250)
    [250, 200, 0]
    """
    return [round(n, -1), round(n, -2), round(n, -3)]


def negative_zero(x: float) -> Tuple[str, bool, float, str]:
    """-0.0 equals 0.0 but keeps its sign.

    >>> negative_zero(-0.0)
    ('-0.0', True, -1.0, '0.0')
    >>> negative_zero(0.0)
    ('0.0', True, 1.0, '0.0')
    """
    return str(x), x == 0.0, math.copysign(1.0, x), str(x + 0.0)


def nan_behaviour() -> List[bool]:
    """NaN is unequal to everything, including itself.

    >>> nan_behaviour()
    [False, True, False, False, True]
    """
    nan = float("nan")
    return [nan == nan, nan != nan, nan < 1.0, nan > 1.0, math.isnan(nan)]


def sort_with_nan_filtered(values: List[float]) -> List[float]:
    """Drop NaNs (x == x fails only for NaN) before sorting.

    >>> sort_with_nan_filtered([3.0, float("nan"), -1.0, float("inf"), 0.0])
    [-1.0, 0.0, 3.0, inf]
    """
    return sorted(v for v in values if v == v)


def float_int_conversions(x: float) -> Tuple[int, int, int, int]:
    """int() truncates, floor/ceil round outward, round is half-even.

    >>> float_int_conversions(-2.5)
    (-2, -3, -2, -2)
    >>> float_int_conversions(2.5)
    (2, 2, 3, 2)
    """
    return int(x), math.floor(x), math.ceil(x), round(x)


def float_precision() -> List[object]:
    """Classic float surprises.

    >>> float_precision()
    [0.30000000000000004, False, 9007199254740992.0, True, 1e+16, 0.1]
    """
    big = 2.0 ** 53
    return [0.1 + 0.2, 0.1 + 0.2 == 0.3, big + 1.0, big + 1.0 == big, 1e16, 1 / 10]


def int_float_division(a: int, b: int) -> Tuple[float, int, float]:
    """/ always gives a float, even when exact.

    >>> int_float_division(6, 3), int_float_division(7, 2)
    ((2.0, 2, 2.0), (3.5, 3, 3.0))
    """
    return a / b, a // b, float(a // b)


def big_int_division(a: int, b: int) -> Tuple[int, int]:
    """Floor division and modulo on ints wider than 64 bits.

    >>> big_int_division(-(10 ** 30) - 7, 10 ** 12)
    (-1000000000000000001, 999999999993)
    """
    return a // b, a % b


def chained_comparison_surprise(a: int, b: int, c: int) -> Tuple[bool, bool]:
    """a < b < c is (a < b) and (b < c), not (a < b) < c.

    >>> chained_comparison_surprise(3, 2, 1)
    (False, True)
    """
    return a < b < c, (a < b) < c


def bool_arithmetic(flags: List[bool]) -> Tuple[int, int, bool]:
    """bools are ints.

    >>> bool_arithmetic([True, True, False])
    (2, 3, True)
    """
    return sum(flags), True + 2, isinstance(True, int)


def string_multiplication(s: str, n: int) -> str:
    """Multiplying by zero or a negative gives an empty string.

    >>> string_multiplication("ab", 3), string_multiplication("ab", 0), string_multiplication("ab", -2)
    ('ababab', '', '')
    """
    return s * n


def int_parsing_edges(texts: List[str]) -> List[int]:
    """int() accepts whitespace, signs, underscores and leading zeros.

    >>> int_parsing_edges([" 42 ", "-0", "+7", "1_000", "007"])
    [42, 0, 7, 1000, 7]
    """
    return [int(t) for t in texts]


def int_base_parsing(texts: List[str]) -> List[int]:
    """int(x, 0) infers the base from the prefix.

    >>> int_base_parsing(["0x1F", "0b101", "0o17", "42"])
    [31, 5, 15, 42]
    >>> int("ff", 16), int("-z", 36)
    (255, -35)
    """
    return [int(t, 0) for t in texts]


def mutable_default_safe(item: int, bucket: Optional[List[int]] = None) -> List[int]:
    """The None-default idiom avoids shared mutable defaults.

    >>> mutable_default_safe(1), mutable_default_safe(2)
    ([1], [2])
    """
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


def aliasing(n: int) -> Tuple[List[List[int]], List[List[int]]]:
    """[[0]*n]*n aliases rows; a comprehension does not.

    >>> aliasing(2)
    ([[1, 0], [1, 0]], [[1, 0], [0, 0]])
    """
    shared = [[0] * n] * n
    separate = [[0] * n for _ in range(n)]
    shared[0][0] = 1
    separate[0][0] = 1
    return shared, separate
