"""Annotated algorithm functions, fourth probe set (written for this project, session 10).

In the style of a large community "algorithms in Python" collection, with shapes the first three
probes lack: PEP 604 unions (``int | None``, ``int | float``), ``Iterator``/``Iterable``/``Callable``
hints, dataclasses and small node classes used through attributes, ``functools.lru_cache`` and
``reduce``, ``itertools`` (permutations, combinations, accumulate, pairwise, product, groupby),
``string`` module constants, ``re`` splits, number theory with values beyond 64 bits, matrices as
``list[list[float]]``, ``raise ValueError`` on bad input, generators, bit tricks and ciphers.
"""

from __future__ import annotations

import itertools
import math
import re
import string
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import Optional

# ---------------------------------------------------------------- sorts and searches


def gnome_sort(values: list[int]) -> list[int]:
    """
    >>> gnome_sort([34, 2, 10, -9])
    [-9, 2, 10, 34]
    >>> gnome_sort([])
    []
    """
    data = values.copy()
    i = 1
    while i < len(data):
        if i == 0 or data[i - 1] <= data[i]:
            i += 1
        else:
            data[i - 1], data[i] = data[i], data[i - 1]
            i -= 1
    return data


def pancake_sort(arr: list[int]) -> list[int]:
    """
    >>> pancake_sort([3, 6, 1, 10, 2])
    [1, 2, 3, 6, 10]
    """
    cur = len(arr)
    arr = list(arr)
    while cur > 1:
        mi = arr.index(max(arr[0:cur]))
        arr = arr[mi::-1] + arr[mi + 1 : len(arr)]
        arr = arr[cur - 1 :: -1] + arr[cur : len(arr)]
        cur -= 1
    return arr


def odd_even_sort(input_list: list[int]) -> list[int]:
    """
    >>> odd_even_sort([5, 4, 3, 2, 1])
    [1, 2, 3, 4, 5]
    """
    data = list(input_list)
    is_sorted = False
    while not is_sorted:
        is_sorted = True
        for i in range(0, len(data) - 1, 2):
            if data[i] > data[i + 1]:
                data[i], data[i + 1] = data[i + 1], data[i]
                is_sorted = False
        for i in range(1, len(data) - 1, 2):
            if data[i] > data[i + 1]:
                data[i], data[i + 1] = data[i + 1], data[i]
                is_sorted = False
    return data


def counting_sort(collection: list[int]) -> list[int]:
    """Counting sort that also handles negative numbers.

    >>> counting_sort([0, 5, 3, 2, 2])
    [0, 2, 2, 3, 5]
    >>> counting_sort([-2, -5, -45])
    [-45, -5, -2]
    """
    if collection == []:
        return []
    coll_max = max(collection)
    coll_min = min(collection)
    counting_arr_length = coll_max + 1 - coll_min
    counting_arr = [0] * counting_arr_length
    for number in collection:
        counting_arr[number - coll_min] += 1
    for i in range(1, counting_arr_length):
        counting_arr[i] = counting_arr[i] + counting_arr[i - 1]
    ordered = [0] * len(collection)
    for i in reversed(range(len(collection))):
        ordered[counting_arr[collection[i] - coll_min] - 1] = collection[i]
        counting_arr[collection[i] - coll_min] -= 1
    return ordered


def insertion_sort_by(items: list[str], key: Callable[[str], int]) -> list[str]:
    """
    >>> insertion_sort_by(["ccc", "a", "bb"], len)
    ['a', 'bb', 'ccc']
    """
    result: list[str] = []
    for item in items:
        pos = len(result)
        while pos > 0 and key(result[pos - 1]) > key(item):
            pos -= 1
        result.insert(pos, item)
    return result


def jump_search(arr: list[int], item: int) -> int:
    """
    >>> jump_search([0, 1, 2, 3, 4, 5], 3)
    3
    >>> jump_search([-5, -2, -1], -1)
    2
    >>> jump_search([1, 2, 3], 7)
    -1
    """
    arr_size = len(arr)
    if arr_size == 0:
        return -1
    block_size = int(math.sqrt(arr_size))
    prev = 0
    step = block_size
    while arr[min(step, arr_size) - 1] < item:
        prev = step
        step += block_size
        if prev >= arr_size:
            return -1
    while arr[prev] < item:
        prev += 1
        if prev == min(step, arr_size):
            return -1
    if arr[prev] == item:
        return prev
    return -1


def interpolation_search(sorted_collection: list[int], item: int) -> int | None:
    """
    >>> interpolation_search([1, 2, 3, 4, 5], 2)
    1
    >>> interpolation_search([10, 30, 40, 45, 50, 66, 77, 93], 67) is None
    True
    """
    left = 0
    right = len(sorted_collection) - 1
    while left <= right:
        if sorted_collection[left] == sorted_collection[right]:
            if sorted_collection[left] == item:
                return left
            return None
        point = left + ((item - sorted_collection[left]) * (right - left)) // (
            sorted_collection[right] - sorted_collection[left]
        )
        if point < 0 or point >= len(sorted_collection):
            return None
        current_item = sorted_collection[point]
        if current_item == item:
            return point
        if point < left:
            right = left
            left = point
        elif point > right:
            left = right
            right = point
        elif item < current_item:
            right = point - 1
        else:
            left = point + 1
    return None


def lower_bound(values: list[float], target: float) -> int:
    """
    >>> lower_bound([1.0, 2.5, 2.5, 4.0], 2.5)
    1
    >>> lower_bound([1.0, 2.0], 9.0)
    2
    """
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def find_min_rotated(nums: list[int]) -> int:
    """
    >>> find_min_rotated([4, 5, 6, 7, 0, 1, 2])
    0
    >>> find_min_rotated([])
    Traceback (most recent call last):
        ...
    ValueError: empty list
    """
    if not nums:
        raise ValueError("empty list")
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] > nums[hi]:
            lo = mid + 1
        else:
            hi = mid
    return nums[lo]


def quick_select(items: list[int], k: int) -> int:
    """k-th smallest (0-based).

    >>> quick_select([2, 4, 5, 7, 899, 54, 32], 5)
    54
    """
    if k < 0 or k >= len(items):
        raise ValueError("k out of range")
    pivot = items[len(items) // 2]
    smaller = [x for x in items if x < pivot]
    equal = [x for x in items if x == pivot]
    larger = [x for x in items if x > pivot]
    if k < len(smaller):
        return quick_select(smaller, k)
    if k < len(smaller) + len(equal):
        return pivot
    return quick_select(larger, k - len(smaller) - len(equal))


def is_sorted_desc(values: Iterable[int]) -> bool:
    """
    >>> is_sorted_desc([5, 3, 3, 1])
    True
    >>> is_sorted_desc([1, 2])
    False
    """
    return all(a >= b for a, b in itertools.pairwise(values))


# ---------------------------------------------------------------- number theory


def armstrong_number(n: int) -> bool:
    """
    >>> armstrong_number(153)
    True
    >>> armstrong_number(200)
    False
    """
    if not isinstance(n, int) or n < 1:
        return False
    number_of_digits = len(str(n))
    total = sum(int(d) ** number_of_digits for d in str(n))
    return n == total


def luhn_check(number: str) -> bool:
    """
    >>> luhn_check("4111111111111111")
    True
    >>> luhn_check("4111111111111112")
    False
    """
    digits = [int(c) for c in number if c.isdigit()]
    checksum = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        checksum += d
    return checksum % 10 == 0


def is_valid_isbn10(isbn: str) -> bool:
    """
    >>> is_valid_isbn10("0-306-40615-2")
    True
    >>> is_valid_isbn10("0306406153")
    False
    """
    chars = isbn.replace("-", "")
    if len(chars) != 10:
        return False
    total = 0
    for i, ch in enumerate(chars):
        if ch == "X" and i == 9:
            value = 10
        elif ch.isdigit():
            value = int(ch)
        else:
            return False
        total += (10 - i) * value
    return total % 11 == 0


def mod_inverse(a: int, m: int) -> int:
    """
    >>> mod_inverse(3, 11)
    4
    >>> mod_inverse(2, 4)
    Traceback (most recent call last):
        ...
    ValueError: no inverse
    """
    old_r, r = a, m
    old_s, s = 1, 0
    while r != 0:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
    if old_r != 1:
        raise ValueError("no inverse")
    return old_s % m


def chinese_remainder(n1: int, r1: int, n2: int, r2: int) -> int:
    """
    >>> chinese_remainder(5, 1, 7, 3)
    31
    """
    x = r1
    while x % n2 != r2:
        x += n1
    return x


def miller_rabin(n: int) -> bool:
    """Deterministic for n < 3.3e24 with these bases.

    >>> miller_rabin(561)
    False
    >>> miller_rabin(2**61 - 1)
    True
    >>> miller_rabin(97)
    True
    """
    if n < 2:
        return False
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41]
    for p in small:
        if n % p == 0:
            return n == p
    d = n - 1
    s = 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def factorial_big(n: int) -> int:
    """
    >>> factorial_big(25)
    15511210043330985984000000
    >>> factorial_big(-1)
    Traceback (most recent call last):
        ...
    ValueError: factorial() not defined for negative values
    """
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    return reduce(lambda x, y: x * y, range(1, n + 1), 1)


def fibonacci_big(n: int) -> int:
    """
    >>> fibonacci_big(100)
    354224848179261915075
    """
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@lru_cache(maxsize=None)
def tribonacci(n: int) -> int:
    """
    >>> tribonacci(10)
    81
    """
    if n < 2:
        return 0
    if n == 2:
        return 1
    return tribonacci(n - 1) + tribonacci(n - 2) + tribonacci(n - 3)


def lucas_number(n_th_number: int) -> int:
    """
    >>> lucas_number(20)
    15127
    """
    if not isinstance(n_th_number, int):
        raise TypeError("lucas_number accepts only integer arguments.")
    a, b = 2, 1
    for _ in range(n_th_number):
        a, b = b, a + b
    return a


def bell_numbers(max_set_length: int) -> list[int]:
    """
    >>> bell_numbers(5)
    [1, 1, 2, 5, 15, 52]
    """
    if max_set_length < 0:
        raise ValueError("max_set_length must be non-negative")
    bell = [0] * (max_set_length + 1)
    bell[0] = 1
    for i in range(1, max_set_length + 1):
        for j in range(i):
            bell[i] += math.comb(i - 1, j) * bell[j]
    return bell


def derangements(n: int) -> int:
    """
    >>> derangements(4)
    9
    >>> derangements(20)
    895014631192902121
    """
    if n == 0:
        return 1
    if n == 1:
        return 0
    a, b = 1, 0
    for i in range(2, n + 1):
        a, b = b, (i - 1) * (a + b)
    return b


def stirling_second(n: int, k: int) -> int:
    """
    >>> stirling_second(5, 2)
    15
    """
    table = [[0] * (k + 1) for _ in range(n + 1)]
    table[0][0] = 1
    for i in range(1, n + 1):
        for j in range(1, min(i, k) + 1):
            table[i][j] = j * table[i - 1][j] + table[i - 1][j - 1]
    return table[n][k]


def josephus(n: int, k: int) -> int:
    """
    >>> josephus(7, 3)
    3
    """
    survivor = 0
    for i in range(2, n + 1):
        survivor = (survivor + k) % i
    return survivor


def perfect_squares_upto(limit: int) -> list[int]:
    """
    >>> perfect_squares_upto(30)
    [0, 1, 4, 9, 16, 25]
    """
    return [i * i for i in range(math.isqrt(limit) + 1)]


def sum_of_divisors(n: int) -> int:
    """
    >>> sum_of_divisors(28)
    56
    """
    total = 0
    i = 1
    while i * i <= n:
        if n % i == 0:
            total += i
            if i != n // i:
                total += n // i
        i += 1
    return total


def digital_root(n: int) -> int:
    """
    >>> digital_root(493193)
    2
    """
    while n >= 10:
        n = sum(map(int, str(n)))
    return n


def pollard_rho(n: int) -> int | None:
    """A non-trivial factor, or None.

    >>> pollard_rho(8051)
    97
    >>> pollard_rho(13) is None
    True
    """
    if n % 2 == 0:
        return 2
    for seed in range(2, 20):
        x = y = seed
        d = 1
        while d == 1:
            x = (x * x + 1) % n
            y = (y * y + 1) % n
            y = (y * y + 1) % n
            d = math.gcd(abs(x - y), n)
        if d != n:
            return d
    return None


def power_mod_big(base: int, exponent: int, modulus: int) -> int:
    """
    >>> power_mod_big(3, 200, 10**20 + 39)
    82009743269444766517
    """
    result = 1
    base %= modulus
    while exponent > 0:
        if exponent & 1:
            result = result * base % modulus
        base = base * base % modulus
        exponent >>= 1
    return result


def integer_partitions(n: int) -> int:
    """
    >>> integer_partitions(100)
    190569292
    """
    ways = [1] + [0] * n
    for part in range(1, n + 1):
        for total in range(part, n + 1):
            ways[total] += ways[total - part]
    return ways[n]


def prime_sieve_segment(low: int, high: int) -> list[int]:
    """
    >>> prime_sieve_segment(10, 30)
    [11, 13, 17, 19, 23, 29]
    """
    if low > high:
        raise ValueError("low must not exceed high")
    marks = [True] * (high - low + 1)
    p = 2
    while p * p <= high:
        start = max(p * p, (low + p - 1) // p * p)
        for m in range(start, high + 1, p):
            marks[m - low] = False
        p += 1
    return [low + i for i, ok in enumerate(marks) if ok and low + i > 1]


# ---------------------------------------------------------------- strings and ciphers


def atbash(sequence: str) -> str:
    """
    >>> atbash("ABCDEFG")
    'ZYXWVUT'
    >>> atbash("aW;;123BX")
    'zD;;123YC'
    """
    output = ""
    for ch in sequence:
        if ch in string.ascii_uppercase:
            output += string.ascii_uppercase[25 - string.ascii_uppercase.index(ch)]
        elif ch in string.ascii_lowercase:
            output += string.ascii_lowercase[25 - string.ascii_lowercase.index(ch)]
        else:
            output += ch
    return output


def vigenere_encrypt(text: str, key: str) -> str:
    """
    >>> vigenere_encrypt("ATTACKATDAWN", "LEMON")
    'LXFOPVEFRNHR'
    """
    if not key.isalpha():
        raise ValueError("key must be alphabetic")
    result = []
    k = 0
    for ch in text.upper():
        if ch.isalpha():
            shift = ord(key[k % len(key)].upper()) - ord("A")
            result.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
            k += 1
        else:
            result.append(ch)
    return "".join(result)


def rail_fence(text: str, rails: int) -> str:
    """
    >>> rail_fence("WEAREDISCOVERED", 3)
    'WECRERDSOEEAIVD'
    """
    if rails <= 0:
        raise ValueError("rails must be positive")
    if rails == 1:
        return text
    rows: list[list[str]] = [[] for _ in range(rails)]
    row, step = 0, 1
    for ch in text:
        rows[row].append(ch)
        if row == 0:
            step = 1
        elif row == rails - 1:
            step = -1
        row += step
    return "".join("".join(r) for r in rows)


def rot13(text: str) -> str:
    """
    >>> rot13("Hello, World")
    'Uryyb, Jbeyq'
    """
    table = str.maketrans(
        string.ascii_lowercase + string.ascii_uppercase,
        string.ascii_lowercase[13:]
        + string.ascii_lowercase[:13]
        + string.ascii_uppercase[13:]
        + string.ascii_uppercase[:13],
    )
    return text.translate(table)


def z_function(s: str) -> list[int]:
    """
    >>> z_function("aabcaabxaaaz")
    [0, 1, 0, 0, 3, 1, 0, 0, 2, 2, 1, 0]
    """
    n = len(s)
    z = [0] * n
    left = right = 0
    for i in range(1, n):
        if i <= right:
            z[i] = min(right - i + 1, z[i - left])
        while i + z[i] < n and s[z[i]] == s[i + z[i]]:
            z[i] += 1
        if i + z[i] - 1 > right:
            left, right = i, i + z[i] - 1
    return z


def rabin_karp(pattern: str, text: str) -> list[int]:
    """
    >>> rabin_karp("ab", "abcabab")
    [0, 3, 5]
    """
    base, mod = 256, 1_000_000_007
    m, n = len(pattern), len(text)
    if m == 0 or m > n:
        return []
    high = pow(base, m - 1, mod)
    p_hash = t_hash = 0
    for i in range(m):
        p_hash = (p_hash * base + ord(pattern[i])) % mod
        t_hash = (t_hash * base + ord(text[i])) % mod
    found = []
    for i in range(n - m + 1):
        if p_hash == t_hash and text[i : i + m] == pattern:
            found.append(i)
        if i < n - m:
            t_hash = ((t_hash - ord(text[i]) * high) * base + ord(text[i + m])) % mod
    return found


def is_pangram(sentence: str) -> bool:
    """
    >>> is_pangram("The quick brown fox jumps over the lazy dog")
    True
    >>> is_pangram("hello")
    False
    """
    return set(string.ascii_lowercase) <= set(sentence.lower())


def capitalize_words(sentence: str) -> str:
    """
    >>> capitalize_words("hello   big world")
    'Hello Big World'
    """
    return " ".join(word[0].upper() + word[1:] for word in sentence.split())


def split_words(text: str) -> list[str]:
    """
    >>> split_words("one, two;three  four")
    ['one', 'two', 'three', 'four']
    """
    return [w for w in re.split(r"[,;\s]+", text) if w]


def camel_to_snake(name: str) -> str:
    """
    >>> camel_to_snake("someCamelCaseName")
    'some_camel_case_name'
    """
    out = []
    for ch in name:
        if ch.isupper():
            out.append("_")
            out.append(ch.lower())
        else:
            out.append(ch)
    return "".join(out).lstrip("_")


def count_words_sorted(text: str) -> list[tuple[str, int]]:
    """
    >>> count_words_sorted("b a b c a b")
    [('b', 3), ('a', 2), ('c', 1)]
    """
    counts = Counter(text.split())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def manacher_longest(s: str) -> str:
    """
    >>> manacher_longest("forgeeksskeegfor")
    'geeksskeeg'
    >>> manacher_longest("")
    ''
    """
    if not s:
        return ""
    t = "#" + "#".join(s) + "#"
    n = len(t)
    p = [0] * n
    center = right = 0
    for i in range(n):
        if i < right:
            p[i] = min(right - i, p[2 * center - i])
        while i - p[i] - 1 >= 0 and i + p[i] + 1 < n and t[i - p[i] - 1] == t[i + p[i] + 1]:
            p[i] += 1
        if i + p[i] > right:
            center, right = i, i + p[i]
    best = max(range(n), key=lambda i: p[i])
    start = (best - p[best]) // 2
    return s[start : start + p[best]]


def reverse_vowels(s: str) -> str:
    """
    >>> reverse_vowels("leetcode")
    'leotcede'
    """
    chars = list(s)
    vowels = set("aeiouAEIOU")
    i, j = 0, len(chars) - 1
    while i < j:
        if chars[i] not in vowels:
            i += 1
        elif chars[j] not in vowels:
            j -= 1
        else:
            chars[i], chars[j] = chars[j], chars[i]
            i += 1
            j -= 1
    return "".join(chars)


def word_pattern(pattern: str, text: str) -> bool:
    """
    >>> word_pattern("abba", "dog cat cat dog")
    True
    >>> word_pattern("abba", "dog cat cat fish")
    False
    """
    words = text.split()
    if len(words) != len(pattern):
        return False
    forward: dict[str, str] = {}
    backward: dict[str, str] = {}
    for ch, word in zip(pattern, words):
        if forward.setdefault(ch, word) != word or backward.setdefault(word, ch) != ch:
            return False
    return True


def decimal_to_binary_str(num: int) -> str:
    """
    >>> decimal_to_binary_str(10)
    '0b1010'
    >>> decimal_to_binary_str(-5)
    '-0b101'
    >>> decimal_to_binary_str(0)
    '0b0'
    """
    if num == 0:
        return "0b0"
    negative = num < 0
    num = abs(num)
    bits: list[str] = []
    while num > 0:
        bits.insert(0, str(num % 2))
        num >>= 1
    return ("-0b" if negative else "0b") + "".join(bits)


def hex_to_int(hex_string: str) -> int:
    """
    >>> hex_to_int("ff")
    255
    >>> hex_to_int("-0x1A")
    -26
    >>> hex_to_int("zz")
    Traceback (most recent call last):
        ...
    ValueError: Non-hexadecimal value was passed to the function
    """
    s = hex_string.strip().lower()
    negative = s.startswith("-")
    if negative:
        s = s[1:]
    if s.startswith("0x"):
        s = s[2:]
    if not s or any(c not in string.hexdigits for c in s):
        raise ValueError("Non-hexadecimal value was passed to the function")
    value = 0
    for c in s:
        value = value * 16 + int(c, 16)
    return -value if negative else value


def run_lengths(s: str) -> list[tuple[str, int]]:
    """
    >>> run_lengths("aaabccdd")
    [('a', 3), ('b', 1), ('c', 2), ('d', 2)]
    """
    return [(ch, len(list(group))) for ch, group in itertools.groupby(s)]


def anagram_pairs(words: list[str]) -> list[tuple[str, str]]:
    """
    >>> anagram_pairs(["listen", "silent", "enlist", "google"])
    [('listen', 'silent'), ('listen', 'enlist'), ('silent', 'enlist')]
    """
    return [(a, b) for a, b in itertools.combinations(words, 2) if sorted(a) == sorted(b)]


def letter_permutations(word: str) -> list[str]:
    """
    >>> letter_permutations("abc")
    ['abc', 'acb', 'bac', 'bca', 'cab', 'cba']
    """
    return ["".join(p) for p in itertools.permutations(word)]


def strip_punctuation(text: str) -> str:
    """
    >>> strip_punctuation("Hi! How's it, going?")
    'Hi Hows it going'
    """
    return "".join(ch for ch in text if ch not in string.punctuation)


# ---------------------------------------------------------------- bits


def next_power_of_two(n: int) -> int:
    """
    >>> next_power_of_two(17)
    32
    >>> next_power_of_two(1)
    1
    """
    if n < 1:
        raise ValueError("n must be positive")
    return 1 << (n - 1).bit_length()


def swap_odd_even_bits(n: int) -> int:
    """
    >>> swap_odd_even_bits(23)
    43
    """
    return ((n & 0xAAAAAAAA) >> 1) | ((n & 0x55555555) << 1)


def gray_to_binary(g: int) -> int:
    """
    >>> gray_to_binary(0b1101)
    9
    """
    b = g
    shift = g >> 1
    while shift:
        b ^= shift
        shift >>= 1
    return b


def bit_positions(n: int) -> list[int]:
    """
    >>> bit_positions(37)
    [0, 2, 5]
    """
    return [i for i in range(n.bit_length()) if n >> i & 1]


def missing_number(nums: list[int]) -> int:
    """
    >>> missing_number([3, 0, 1])
    2
    """
    result = len(nums)
    for i, v in enumerate(nums):
        result ^= i ^ v
    return result


def count_bits_upto(n: int) -> list[int]:
    """
    >>> count_bits_upto(5)
    [0, 1, 1, 2, 1, 2]
    """
    bits = [0] * (n + 1)
    for i in range(1, n + 1):
        bits[i] = bits[i >> 1] + (i & 1)
    return bits


def lowest_set_bit(n: int) -> int:
    """
    >>> lowest_set_bit(40)
    8
    """
    return n & -n


def is_bit_palindrome(n: int) -> bool:
    """
    >>> is_bit_palindrome(9)
    True
    >>> is_bit_palindrome(10)
    False
    """
    bits = bin(n)[2:]
    return bits == bits[::-1]


# ---------------------------------------------------------------- matrices and numerics


def matrix_add(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    """
    >>> matrix_add([[1.0, 2.0], [3.0, 4.0]], [[0.5, 0.5], [0.5, 0.5]])
    [[1.5, 2.5], [3.5, 4.5]]
    """
    if len(a) != len(b) or any(len(r1) != len(r2) for r1, r2 in zip(a, b)):
        raise ValueError("matrices must have the same shape")
    return [[x + y for x, y in zip(r1, r2)] for r1, r2 in zip(a, b)]


def scalar_multiply(matrix: list[list[float]], k: float) -> list[list[float]]:
    """
    >>> scalar_multiply([[1.0, -2.0]], 3.0)
    [[3.0, -6.0]]
    """
    return [[k * v for v in row] for row in matrix]


def matrix_power(matrix: list[list[int]], exponent: int) -> list[list[int]]:
    """
    >>> matrix_power([[1, 1], [1, 0]], 10)
    [[89, 55], [55, 34]]
    """
    n = len(matrix)
    result = [[int(i == j) for j in range(n)] for i in range(n)]
    base = [row[:] for row in matrix]
    while exponent > 0:
        if exponent % 2 == 1:
            result = [
                [sum(result[i][k] * base[k][j] for k in range(n)) for j in range(n)]
                for i in range(n)
            ]
        base = [
            [sum(base[i][k] * base[k][j] for k in range(n)) for j in range(n)] for i in range(n)
        ]
        exponent //= 2
    return result


def gaussian_solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting.

    >>> [round(v, 6) for v in gaussian_solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0])]
    [0.8, 1.4]
    """
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-12:
            raise ValueError("matrix is singular")
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for i in range(n - 1, -1, -1):
        s = sum(m[i][j] * x[j] for j in range(i + 1, n))
        x[i] = (m[i][n] - s) / m[i][i]
    return x


def is_symmetric(matrix: list[list[float]]) -> bool:
    """
    >>> is_symmetric([[1.0, 2.0], [2.0, 1.0]])
    True
    """
    n = len(matrix)
    return all(matrix[i][j] == matrix[j][i] for i in range(n) for j in range(n))


def frobenius_norm(matrix: list[list[float]]) -> float:
    """
    >>> frobenius_norm([[3.0, 4.0]])
    5.0
    """
    return math.sqrt(sum(v * v for row in matrix for v in row))


def dot_product(u: list[float], v: list[float]) -> float:
    """
    >>> dot_product([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    32.0
    """
    if len(u) != len(v):
        raise ValueError("vectors must have the same length")
    return sum(x * y for x, y in zip(u, v))


def cosine_similarity(u: list[float], v: list[float]) -> float:
    """
    >>> round(cosine_similarity([1.0, 0.0], [1.0, 1.0]), 6)
    0.707107
    """
    nu = math.hypot(*u)
    nv = math.hypot(*v)
    if nu == 0 or nv == 0:
        raise ValueError("zero vector")
    return dot_product(u, v) / (nu * nv)


def bisection(f: Callable[[float], float], a: float, b: float, tol: float = 1e-10) -> float:
    """
    >>> round(bisection(lambda x: x * x - 2, 0.0, 2.0), 6)
    1.414214
    """
    if f(a) * f(b) > 0:
        raise ValueError("root is not bracketed")
    while b - a > tol:
        mid = (a + b) / 2
        if f(a) * f(mid) <= 0:
            b = mid
        else:
            a = mid
    return (a + b) / 2


def simpson_rule(f: Callable[[float], float], a: float, b: float, n: int = 100) -> float:
    """
    >>> round(simpson_rule(lambda x: x**2, 0.0, 3.0), 6)
    9.0
    """
    if n % 2 == 1:
        n += 1
    h = (b - a) / n
    total = f(a) + f(b)
    for i in range(1, n):
        total += (4 if i % 2 else 2) * f(a + i * h)
    return total * h / 3


def newton_raphson(
    f: Callable[[float], float], df: Callable[[float], float], x0: float, max_iter: int = 50
) -> float:
    """
    >>> round(newton_raphson(lambda x: x**3 - 8, lambda x: 3 * x**2, 1.0), 8)
    2.0
    """
    x = x0
    for _ in range(max_iter):
        d = df(x)
        if d == 0:
            raise ValueError("zero derivative")
        step = f(x) / d
        x -= step
        if abs(step) < 1e-12:
            break
    return x


def harmonic_mean(values: list[float]) -> float:
    """
    >>> round(harmonic_mean([1.0, 2.0, 4.0]), 6)
    1.714286
    """
    if not values or any(v <= 0 for v in values):
        raise ValueError("positive values required")
    return len(values) / sum(1 / v for v in values)


def geometric_mean(values: list[float]) -> float:
    """
    >>> round(geometric_mean([2.0, 8.0]), 6)
    4.0
    """
    if not values:
        raise ValueError("empty")
    return math.prod(values) ** (1 / len(values))


def std_dev(values: list[float]) -> float:
    """
    >>> std_dev([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    2.0
    """
    n = len(values)
    if n == 0:
        raise ValueError("empty")
    mu = sum(values) / n
    return math.sqrt(sum((v - mu) ** 2 for v in values) / n)


def prefix_sums(values: list[int]) -> list[int]:
    """
    >>> prefix_sums([1, 2, 3, 4])
    [1, 3, 6, 10]
    """
    return list(itertools.accumulate(values))


def running_max(values: list[float]) -> list[float]:
    """
    >>> running_max([1.0, 3.0, 2.0, 5.0])
    [1.0, 3.0, 3.0, 5.0]
    """
    return list(itertools.accumulate(values, max))


def euclidean_distance(p: tuple[float, float], q: tuple[float, float]) -> float:
    """
    >>> euclidean_distance((0.0, 0.0), (3.0, 4.0))
    5.0
    """
    return math.dist(p, q)


def area_circle(radius: float) -> float:
    """
    >>> round(area_circle(2), 6)
    12.566371
    >>> area_circle(-1)
    Traceback (most recent call last):
        ...
    ValueError: area_circle() only accepts non-negative values
    """
    if radius < 0:
        raise ValueError("area_circle() only accepts non-negative values")
    return math.pi * radius**2


def celsius_to_fahrenheit(celsius: float, ndigits: int = 2) -> float:
    """
    >>> celsius_to_fahrenheit(37.5)
    99.5
    """
    return round((celsius * 9 / 5) + 32, ndigits)


def quadratic_roots(a: float, b: float, c: float) -> tuple[float, float] | None:
    """
    >>> quadratic_roots(1.0, -3.0, 2.0)
    (2.0, 1.0)
    >>> quadratic_roots(1.0, 0.0, 1.0) is None
    True
    """
    if a == 0:
        raise ValueError("a must not be zero")
    disc = b * b - 4 * a * c
    if disc < 0:
        return None
    root = math.sqrt(disc)
    return ((-b + root) / (2 * a), (-b - root) / (2 * a))


def clamp_value(value: int | float, low: int | float, high: int | float) -> int | float:
    """
    >>> clamp_value(15, 0, 10)
    10
    >>> clamp_value(-0.5, 0.0, 1.0)
    0.0
    """
    return max(low, min(value, high))


def polar_to_cartesian(r: float, theta_degrees: float) -> tuple[float, float]:
    """
    >>> x, y = polar_to_cartesian(2.0, 90.0)
    >>> round(x, 9), round(y, 9)
    (0.0, 2.0)
    """
    theta = math.radians(theta_degrees)
    return (r * math.cos(theta), r * math.sin(theta))


# ---------------------------------------------------------------- dynamic programming


def rod_cutting(prices: list[int], n: int) -> int:
    """
    >>> rod_cutting([1, 5, 8, 9, 10, 17, 17, 20], 8)
    22
    """
    if n < 0 or n > len(prices):
        raise ValueError("n out of range")
    best = [0] * (n + 1)
    for length in range(1, n + 1):
        best[length] = max(prices[i - 1] + best[length - i] for i in range(1, length + 1))
    return best[n]


def longest_common_substring(a: str, b: str) -> str:
    """
    >>> longest_common_substring("abcdxyz", "xyzabcd")
    'abcd'
    """
    best_len, best_end = 0, 0
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                dp[i][j] = dp[i - 1][j - 1] + 1
                if dp[i][j] > best_len:
                    best_len, best_end = dp[i][j], i
    return a[best_end - best_len : best_end]


def house_robber(nums: list[int]) -> int:
    """
    >>> house_robber([2, 7, 9, 3, 1])
    12
    """
    take, skip = 0, 0
    for n in nums:
        take, skip = skip + n, max(take, skip)
    return max(take, skip)


def unique_paths(m: int, n: int) -> int:
    """
    >>> unique_paths(3, 7)
    28
    >>> unique_paths(30, 30)
    30067266499541040
    """
    row = [1] * n
    for _ in range(1, m):
        for j in range(1, n):
            row[j] += row[j - 1]
    return row[-1]


def min_jumps(nums: list[int]) -> int:
    """
    >>> min_jumps([2, 3, 1, 1, 4])
    2
    """
    jumps = current_end = farthest = 0
    for i in range(len(nums) - 1):
        farthest = max(farthest, i + nums[i])
        if i == current_end:
            jumps += 1
            current_end = farthest
    return jumps


def max_product_subarray(nums: list[int]) -> int:
    """
    >>> max_product_subarray([2, 3, -2, 4])
    6
    """
    if not nums:
        raise ValueError("empty")
    hi = lo = best = nums[0]
    for n in nums[1:]:
        candidates = (n, hi * n, lo * n)
        hi, lo = max(candidates), min(candidates)
        best = max(best, hi)
    return best


@lru_cache(maxsize=None)
def egg_drop(eggs: int, floors: int) -> int:
    """
    >>> egg_drop(2, 10)
    4
    """
    if floors <= 1 or eggs == 1:
        return floors
    return 1 + min(
        max(egg_drop(eggs - 1, k - 1), egg_drop(eggs, floors - k)) for k in range(1, floors + 1)
    )


def count_subset_sum(nums: list[int], target: int) -> int:
    """
    >>> count_subset_sum([1, 2, 3, 3], 6)
    3
    """
    ways = [0] * (target + 1)
    ways[0] = 1
    for n in nums:
        for t in range(target, n - 1, -1):
            ways[t] += ways[t - n]
    return ways[target]


def longest_palindromic_subsequence(s: str) -> int:
    """
    >>> longest_palindromic_subsequence("bbbab")
    4
    """
    n = len(s)
    if n == 0:
        return 0
    dp = [[0] * n for _ in range(n)]
    for i in range(n - 1, -1, -1):
        dp[i][i] = 1
        for j in range(i + 1, n):
            if s[i] == s[j]:
                dp[i][j] = dp[i + 1][j - 1] + 2
            else:
                dp[i][j] = max(dp[i + 1][j], dp[i][j - 1])
    return dp[0][n - 1]


def memo_grid_paths(rows: int, cols: int, memo: dict[tuple[int, int], int] | None = None) -> int:
    """
    >>> memo_grid_paths(3, 3)
    6
    """
    if memo is None:
        memo = {}
    if rows == 1 or cols == 1:
        return 1
    key = (rows, cols)
    if key not in memo:
        memo[key] = memo_grid_paths(rows - 1, cols, memo) + memo_grid_paths(rows, cols - 1, memo)
    return memo[key]


# ---------------------------------------------------------------- graphs


def bellman_ford(
    num_vertices: int, edges: list[tuple[int, int, float]], source: int
) -> list[float]:
    """
    >>> bellman_ford(3, [(0, 1, 4.0), (0, 2, 5.0), (1, 2, -2.0)], 0)
    [0.0, 4.0, 2.0]
    """
    dist = [math.inf] * num_vertices
    dist[source] = 0.0
    for _ in range(num_vertices - 1):
        for u, v, w in edges:
            if dist[u] != math.inf and dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    for u, v, w in edges:
        if dist[u] != math.inf and dist[u] + w < dist[v]:
            raise ValueError("negative cycle")
    return dist


def prim_mst_weight(graph: dict[int, list[tuple[int, int]]]) -> int:
    """
    >>> prim_mst_weight({0: [(1, 2), (2, 3)], 1: [(0, 2), (2, 1)], 2: [(0, 3), (1, 1)]})
    3
    """
    if not graph:
        return 0
    start = min(graph)
    visited = {start}
    total = 0
    while len(visited) < len(graph):
        best: tuple[int, int] | None = None
        for u in visited:
            for v, w in graph[u]:
                if v not in visited and (best is None or w < best[0]):
                    best = (w, v)
        if best is None:
            raise ValueError("graph is not connected")
        total += best[0]
        visited.add(best[1])
    return total


def kruskal(num_nodes: int, edges: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """
    >>> kruskal(4, [(0, 1, 3), (1, 2, 1), (2, 3, 2), (0, 3, 4)])
    [(1, 2, 1), (2, 3, 2), (0, 1, 3)]
    """
    parent = list(range(num_nodes))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tree = []
    for u, v, w in sorted(edges, key=lambda e: e[2]):
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
            tree.append((u, v, w))
    return tree


def kosaraju_count(graph: dict[int, list[int]]) -> int:
    """Number of strongly connected components.

    >>> kosaraju_count({0: [1], 1: [2], 2: [0], 3: [2]})
    2
    """
    order: list[int] = []
    seen: set[int] = set()

    def dfs(u: int) -> None:
        seen.add(u)
        for v in graph.get(u, []):
            if v not in seen:
                dfs(v)
        order.append(u)

    for u in graph:
        if u not in seen:
            dfs(u)
    reverse: dict[int, list[int]] = defaultdict(list)
    for u, vs in graph.items():
        for v in vs:
            reverse[v].append(u)
    seen.clear()
    count = 0
    for u in reversed(order):
        if u in seen:
            continue
        count += 1
        stack = [u]
        seen.add(u)
        while stack:
            x = stack.pop()
            for y in reverse[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
    return count


def bfs_grid_distance(grid: list[str], start: tuple[int, int], goal: tuple[int, int]) -> int:
    """Shortest path on a grid of '.' and '#', or -1.

    >>> bfs_grid_distance(["..#", "...", "#.."], (0, 0), (2, 2))
    4
    """
    rows, cols = len(grid), len(grid[0])
    queue: deque[tuple[int, int, int]] = deque([(start[0], start[1], 0)])
    seen = {start}
    while queue:
        r, c, d = queue.popleft()
        if (r, c) == goal:
            return d
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "." and (nr, nc) not in seen:
                seen.add((nr, nc))
                queue.append((nr, nc, d + 1))
    return -1


def count_islands(grid: list[list[int]]) -> int:
    """
    >>> count_islands([[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    3
    """
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]
    count = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1 and not seen[r][c]:
                count += 1
                stack = [(r, c)]
                seen[r][c] = True
                while stack:
                    x, y = stack.pop()
                    for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                        if 0 <= nx < rows and 0 <= ny < cols and grid[nx][ny] == 1:
                            if not seen[nx][ny]:
                                seen[nx][ny] = True
                                stack.append((nx, ny))
    return count


def in_degrees(graph: dict[str, list[str]]) -> dict[str, int]:
    """
    >>> in_degrees({"a": ["b", "c"], "b": ["c"], "c": []})
    {'a': 0, 'b': 1, 'c': 2}
    """
    degrees = dict.fromkeys(graph, 0)
    for targets in graph.values():
        for t in targets:
            degrees[t] = degrees.get(t, 0) + 1
    return degrees


def kahn_order(graph: dict[str, list[str]]) -> list[str]:
    """
    >>> kahn_order({"a": ["b"], "b": ["c"], "c": []})
    ['a', 'b', 'c']
    >>> kahn_order({"a": ["b"], "b": ["a"]})
    Traceback (most recent call last):
        ...
    ValueError: graph has a cycle
    """
    degrees = in_degrees(graph)
    ready = deque(sorted(n for n, d in degrees.items() if d == 0))
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for nxt in graph.get(node, []):
            degrees[nxt] -= 1
            if degrees[nxt] == 0:
                ready.append(nxt)
    if len(order) != len(degrees):
        raise ValueError("graph has a cycle")
    return order


def all_paths(graph: dict[int, list[int]], start: int, end: int) -> list[list[int]]:
    """
    >>> all_paths({0: [1, 2], 1: [3], 2: [3], 3: []}, 0, 3)
    [[0, 1, 3], [0, 2, 3]]
    """
    paths: list[list[int]] = []
    stack: list[tuple[int, list[int]]] = [(start, [start])]
    while stack:
        node, path = stack.pop()
        if node == end:
            paths.append(path)
            continue
        for nxt in reversed(graph.get(node, [])):
            if nxt not in path:
                stack.append((nxt, path + [nxt]))
    return paths


# ---------------------------------------------------------------- generators and itertools


def fibonacci_gen(limit: int) -> Iterator[int]:
    """
    >>> list(fibonacci_gen(30))
    [0, 1, 1, 2, 3, 5, 8, 13, 21]
    """
    a, b = 0, 1
    while a < limit:
        yield a
        a, b = b, a + b


def primes_gen(count: int) -> Iterator[int]:
    """
    >>> list(primes_gen(6))
    [2, 3, 5, 7, 11, 13]
    """
    found: list[int] = []
    candidate = 2
    while len(found) < count:
        if all(candidate % p for p in found if p * p <= candidate):
            found.append(candidate)
            yield candidate
        candidate += 1


def sliding_windows(values: list[int], size: int) -> Iterator[tuple[int, ...]]:
    """
    >>> list(sliding_windows([1, 2, 3, 4], 3))
    [(1, 2, 3), (2, 3, 4)]
    """
    if size <= 0:
        raise ValueError("size must be positive")
    for i in range(len(values) - size + 1):
        yield tuple(values[i : i + size])


def dice_sums(sides: int, dice: int) -> dict[int, int]:
    """
    >>> dice_sums(2, 2)
    {2: 1, 3: 2, 4: 1}
    """
    counts: dict[int, int] = {}
    for roll in itertools.product(range(1, sides + 1), repeat=dice):
        total = sum(roll)
        counts[total] = counts.get(total, 0) + 1
    return dict(sorted(counts.items()))


def combinations_summing(nums: list[int], r: int, target: int) -> list[tuple[int, ...]]:
    """
    >>> combinations_summing([1, 2, 3, 4, 5], 2, 6)
    [(1, 5), (2, 4)]
    """
    return [c for c in itertools.combinations(nums, r) if sum(c) == target]


def chunked(values: list[str], size: int) -> list[list[str]]:
    """
    >>> chunked(["a", "b", "c", "d", "e"], 2)
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    it = iter(values)
    out = []
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            break
        out.append(chunk)
    return out


def round_robin_pairs(players: list[str]) -> list[tuple[str, str]]:
    """
    >>> round_robin_pairs(["x", "y", "z"])
    [('x', 'y'), ('x', 'z'), ('y', 'z')]
    """
    return list(itertools.combinations(players, 2))


def flatten_nested(nested: list[list[int]]) -> list[int]:
    """
    >>> flatten_nested([[1, 2], [], [3]])
    [1, 2, 3]
    """
    return list(itertools.chain.from_iterable(nested))


def product_of_digits(n: int) -> int:
    """
    >>> product_of_digits(2345)
    120
    """
    return reduce(lambda acc, d: acc * int(d), str(abs(n)), 1)


def compose_all(funcs: list[Callable[[int], int]], value: int) -> int:
    """
    >>> compose_all([lambda x: x + 1, lambda x: x * 2], 3)
    8
    """
    for f in funcs:
        value = f(value)
    return value


# ---------------------------------------------------------------- data structures


class Node:
    def __init__(self, data: int, next_node: Node | None = None) -> None:
        self.data = data
        self.next_node = next_node


def build_list(values: list[int]) -> Node | None:
    """
    >>> list_values(build_list([1, 2, 3]))
    [1, 2, 3]
    """
    head: Node | None = None
    for v in reversed(values):
        head = Node(v, head)
    return head


def list_values(head: Node | None) -> list[int]:
    """
    >>> list_values(None)
    []
    """
    out = []
    while head is not None:
        out.append(head.data)
        head = head.next_node
    return out


def list_length(head: Node | None) -> int:
    """
    >>> list_length(build_list([4, 5, 6, 7]))
    4
    """
    count = 0
    node = head
    while node:
        count += 1
        node = node.next_node
    return count


def middle_value(head: Node | None) -> int | None:
    """
    >>> middle_value(build_list([1, 2, 3, 4, 5]))
    3
    >>> middle_value(None) is None
    True
    """
    slow = fast = head
    while fast is not None and fast.next_node is not None:
        fast = fast.next_node.next_node
        slow = slow.next_node if slow else None
    return slow.data if slow else None


def merge_sorted_lists(a: Node | None, b: Node | None) -> Node | None:
    """
    >>> list_values(merge_sorted_lists(build_list([1, 4]), build_list([2, 3, 5])))
    [1, 2, 3, 4, 5]
    """
    dummy = Node(0)
    tail = dummy
    while a is not None and b is not None:
        if a.data <= b.data:
            tail.next_node = a
            a = a.next_node
        else:
            tail.next_node = b
            b = b.next_node
        tail = tail.next_node
    tail.next_node = a if a is not None else b
    return dummy.next_node


class LinkedStack:
    """
    >>> s = LinkedStack()
    >>> s.push(1); s.push(2)
    >>> s.pop()
    2
    >>> len(s)
    1
    """

    def __init__(self) -> None:
        self.top: Node | None = None
        self.size = 0

    def push(self, value: int) -> None:
        self.top = Node(value, self.top)
        self.size += 1

    def pop(self) -> int:
        if self.top is None:
            raise IndexError("pop from empty stack")
        value = self.top.data
        self.top = self.top.next_node
        self.size -= 1
        return value

    def is_empty(self) -> bool:
        return self.top is None

    def __len__(self) -> int:
        return self.size


class QueueTwoStacks:
    """
    >>> q = QueueTwoStacks()
    >>> q.put(1); q.put(2)
    >>> q.get()
    1
    """

    def __init__(self) -> None:
        self.inbox: list[int] = []
        self.outbox: list[int] = []

    def put(self, item: int) -> None:
        self.inbox.append(item)

    def get(self) -> int:
        if not self.outbox:
            while self.inbox:
                self.outbox.append(self.inbox.pop())
        if not self.outbox:
            raise IndexError("Queue is empty")
        return self.outbox.pop()

    def __len__(self) -> int:
        return len(self.inbox) + len(self.outbox)


class CircularBuffer:
    """
    >>> b = CircularBuffer(2)
    >>> b.write(1.0); b.write(2.0); b.write(3.0)
    >>> b.read()
    2.0
    """

    def __init__(self, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.items: deque[float] = deque()

    def write(self, value: float) -> None:
        if len(self.items) == self.capacity:
            self.items.popleft()
        self.items.append(value)

    def read(self) -> float:
        if not self.items:
            raise IndexError("buffer is empty")
        return self.items.popleft()

    def is_full(self) -> bool:
        return len(self.items) == self.capacity


class DisjointSet:
    """
    >>> ds = DisjointSet(5)
    >>> ds.union(0, 1); ds.union(3, 4)
    >>> ds.connected(0, 1), ds.connected(1, 3)
    (True, False)
    >>> ds.count()
    3
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.rank = [0] * n

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if self.rank[ra] == self.rank[rb]:
            self.rank[ra] += 1

    def connected(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def count(self) -> int:
        return len({self.find(i) for i in range(len(self.parent))})


class LRUCache:
    """
    >>> c = LRUCache(2)
    >>> c.put(1, 1); c.put(2, 2)
    >>> c.get(1)
    1
    >>> c.put(3, 3)
    >>> c.get(2)
    -1
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data: OrderedDict[int, int] = OrderedDict()

    def get(self, key: int) -> int:
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key: int, value: int) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)


class Graph:
    """
    >>> g = Graph()
    >>> g.add_edge("a", "b"); g.add_edge("b", "c")
    >>> g.bfs("a")
    ['a', 'b', 'c']
    >>> g.has_path("c", "a")
    True
    """

    def __init__(self) -> None:
        self.adj: dict[str, list[str]] = {}

    def add_edge(self, u: str, v: str) -> None:
        self.adj.setdefault(u, []).append(v)
        self.adj.setdefault(v, []).append(u)

    def bfs(self, start: str) -> list[str]:
        order = [start]
        queue = deque([start])
        seen = {start}
        while queue:
            u = queue.popleft()
            for v in self.adj.get(u, []):
                if v not in seen:
                    seen.add(v)
                    order.append(v)
                    queue.append(v)
        return order

    def has_path(self, u: str, v: str) -> bool:
        return v in self.bfs(u)

    def degree(self, u: str) -> int:
        return len(self.adj.get(u, []))


@dataclass
class Item:
    name: str
    weight: int
    value: int


def fractional_knapsack(items: list[Item], capacity: int) -> float:
    """
    >>> fractional_knapsack([Item("a", 10, 60), Item("b", 20, 100), Item("c", 30, 120)], 50)
    240.0
    """
    total = 0.0
    remaining = capacity
    for item in sorted(items, key=lambda it: it.value / it.weight, reverse=True):
        if remaining <= 0:
            break
        take = min(item.weight, remaining)
        total += item.value * take / item.weight
        remaining -= take
    return total


def heaviest_item(items: list[Item]) -> str:
    """
    >>> heaviest_item([Item("a", 1, 2), Item("b", 5, 1)])
    'b'
    """
    if not items:
        raise ValueError("no items")
    return max(items, key=lambda it: it.weight).name


@dataclass
class Point:
    x: float
    y: float

    def distance_to(self, other: Point) -> float:
        return math.hypot(self.x - other.x, self.y - other.y)

    def translate(self, dx: float, dy: float) -> Point:
        return Point(self.x + dx, self.y + dy)


def closest_pair_distance(points: list[Point]) -> float:
    """
    >>> closest_pair_distance([Point(0.0, 0.0), Point(3.0, 4.0), Point(1.0, 1.0)])
    1.4142135623730951
    """
    if len(points) < 2:
        raise ValueError("need at least two points")
    return min(p.distance_to(q) for p, q in itertools.combinations(points, 2))


def path_length(points: list[Point]) -> float:
    """
    >>> path_length([Point(0.0, 0.0), Point(3.0, 4.0), Point(3.0, 0.0)])
    9.0
    """
    return sum(a.distance_to(b) for a, b in itertools.pairwise(points))


@dataclass
class Account:
    owner: str
    balance: int = 0
    history: list[int] = field(default_factory=list)

    def deposit(self, amount: int) -> int:
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def withdraw(self, amount: int) -> int:
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        self.history.append(-amount)
        return self.balance


class TreeNode:
    def __init__(self, val: int, left: Optional[TreeNode] = None, right: Optional[TreeNode] = None):
        self.val = val
        self.left = left
        self.right = right


def tree_insert(root: TreeNode | None, val: int) -> TreeNode:
    """
    >>> tree_sum(tree_insert(tree_insert(None, 5), 3))
    8
    """
    if root is None:
        return TreeNode(val)
    if val < root.val:
        root.left = tree_insert(root.left, val)
    else:
        root.right = tree_insert(root.right, val)
    return root


def tree_sum(root: TreeNode | None) -> int:
    """
    >>> tree_sum(TreeNode(1, TreeNode(2), TreeNode(3)))
    6
    """
    if root is None:
        return 0
    return root.val + tree_sum(root.left) + tree_sum(root.right)


def is_valid_bst(root: TreeNode | None, low: float = -math.inf, high: float = math.inf) -> bool:
    """
    >>> is_valid_bst(TreeNode(2, TreeNode(1), TreeNode(3)))
    True
    >>> is_valid_bst(TreeNode(2, TreeNode(3), TreeNode(1)))
    False
    """
    if root is None:
        return True
    if not low < root.val < high:
        return False
    return is_valid_bst(root.left, low, root.val) and is_valid_bst(root.right, root.val, high)


def level_order(root: TreeNode | None) -> list[list[int]]:
    """
    >>> level_order(TreeNode(1, TreeNode(2, TreeNode(4)), TreeNode(3)))
    [[1], [2, 3], [4]]
    """
    if root is None:
        return []
    levels = []
    current = [root]
    while current:
        levels.append([n.val for n in current])
        nxt = []
        for n in current:
            if n.left:
                nxt.append(n.left)
            if n.right:
                nxt.append(n.right)
        current = nxt
    return levels


def mirror_tree(root: TreeNode | None) -> TreeNode | None:
    """
    >>> level_order(mirror_tree(TreeNode(1, TreeNode(2), TreeNode(3))))
    [[1], [3, 2]]
    """
    if root is None:
        return None
    root.left, root.right = mirror_tree(root.right), mirror_tree(root.left)
    return root


# ---------------------------------------------------------------- misc


def majority_votes(votes: list[str]) -> str | None:
    """
    >>> majority_votes(["a", "b", "a", "a"])
    'a'
    >>> majority_votes(["a", "b"]) is None
    True
    """
    counts = Counter(votes)
    winner, n = counts.most_common(1)[0] if counts else ("", 0)
    return winner if n * 2 > len(votes) else None


def group_by_length(words: list[str]) -> dict[int, list[str]]:
    """
    >>> group_by_length(["a", "bb", "c", "dd", "eee"])
    {1: ['a', 'c'], 2: ['bb', 'dd'], 3: ['eee']}
    """
    groups: dict[int, list[str]] = defaultdict(list)
    for w in words:
        groups[len(w)].append(w)
    return dict(groups)


def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    """
    >>> merge_intervals([[1, 3], [8, 10], [2, 6], [15, 18]])
    [[1, 6], [8, 10], [15, 18]]
    """
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def activity_selection(start: list[int], finish: list[int]) -> list[int]:
    """
    >>> activity_selection([1, 3, 0, 5, 8, 5], [2, 4, 6, 7, 9, 9])
    [0, 1, 3, 4]
    """
    order = sorted(range(len(start)), key=lambda i: finish[i])
    chosen: list[int] = []
    last_end = -math.inf
    for i in order:
        if start[i] >= last_end:
            chosen.append(i)
            last_end = finish[i]
    return chosen


def min_coins_greedy(amount: int, coins: tuple[int, ...] = (25, 10, 5, 1)) -> dict[int, int]:
    """
    >>> min_coins_greedy(63)
    {25: 2, 10: 1, 5: 0, 1: 3}
    """
    if amount < 0:
        raise ValueError("amount must be non-negative")
    result = {}
    for c in coins:
        result[c], amount = divmod(amount, c)
    return result


def weighted_average(values: list[float], weights: list[float] | None = None) -> float:
    """
    >>> weighted_average([1.0, 2.0, 3.0])
    2.0
    >>> weighted_average([1.0, 3.0], [3.0, 1.0])
    1.5
    """
    if weights is None:
        weights = [1.0] * len(values)
    total = sum(weights)
    if total == 0:
        raise ValueError("weights sum to zero")
    return sum(v * w for v, w in zip(values, weights)) / total


def to_roman_big(num: int) -> str:
    """
    >>> to_roman_big(3999)
    'MMMCMXCIX'
    """
    if not 0 < num < 4000:
        raise ValueError("out of range")
    table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for value, symbol in table:
        count, num = divmod(num, value)
        out += symbol * count
    return out


def histogram_stars(data: dict[str, int]) -> list[str]:
    """
    >>> histogram_stars({"a": 3, "b": 1})
    ['a | ***', 'b | *']
    """
    width = max((len(k) for k in data), default=0)
    return [f"{k.ljust(width)} | {'*' * v}" for k, v in data.items()]


def temperature_stats(readings: list[float]) -> tuple[float, float, float]:
    """
    >>> temperature_stats([20.5, 22.0, 19.5])
    (19.5, 22.0, 20.666666666666668)
    """
    if not readings:
        raise ValueError("no readings")
    return min(readings), max(readings), sum(readings) / len(readings)
