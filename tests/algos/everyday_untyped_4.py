"""A fourth set of small, mostly untyped everyday functions (written for this project, session 10).

Interview and exercise solutions in the styles of many different people, written so that the
engine was not tuned on them: partial annotations (`def f(s: str):`, `-> list`), typing.List /
Tuple annotations, helpers nested inside, lambda sorts with tuple keys, str.isdigit / isalpha /
isupper / swapcase, ord/chr arithmetic, bin()/hex()/int(s, 2), math.sqrt / floor / gcd, float
rounding, [::-1] slices, enumerate with start, zip of several lists, dict and set comprehensions,
tuple returns, None for "no answer", raising on bad input. About two thirds carry a docstring
example, in five forms: `>>> f(3)`, `f(7, 34, 12) == 34`, `f("a b") ➞ ["a", "b"]`, `f(3) -> 6`
and `for example: f([1,2]) => 3`.
"""

import math
from typing import List, Tuple


def second_largest(nums):
    """Return the second largest distinct number, or None.

    >>> second_largest([4, 1, 7, 7, 3])
    4
    """
    uniq = sorted(set(nums), reverse=True)
    if len(uniq) < 2:
        return None
    return uniq[1]


def middle_of_three(a, b, c):
    """middle_of_three(7, 34, 12) == 12"""
    return sorted([a, b, c])[1]


def split_words(s):
    return s.split()


def triple(n):
    """triple(3) -> 9"""
    return n * 3


def total_of(items):
    """Add everything up, for example: total_of([1,2]) => 3"""
    result = 0
    for x in items:
        result += x
    return result


def to_binary(n):
    return bin(n)[2:]


def from_binary(s: str):
    """from_binary("1101") == 13"""
    return int(s, 2)


def hex_of(n):
    """>>> hex_of(255)
    'ff'
    """
    return hex(n)[2:]


def count_ones(n):
    return bin(n).count("1")


def is_power_of_two(n):
    """is_power_of_two(64) ➞ True"""
    if n <= 0:
        return False
    return n & (n - 1) == 0


def swap_case_words(sentence):
    """swap_case_words("Hello World") == 'hELLO wORLD'"""
    return sentence.swapcase()


def shift_letter(ch, k):
    return chr((ord(ch) - ord("a") + k) % 26 + ord("a"))


def caesar(text, shift):
    """caesar("abc xyz", 2) ➞ "cde zab" """
    out = []
    for ch in text:
        if ch.isalpha() and ch.islower():
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        elif ch.isupper():
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def alphabet_position(letter):
    """for example: alphabet_position("c") => 3"""
    return ord(letter.lower()) - ord("a") + 1


def letters_to_numbers(word):
    return [ord(c) - 96 for c in word.lower() if c.isalpha()]


def hypotenuse(a, b):
    """>>> hypotenuse(3, 4)
    5.0
    """
    return math.sqrt(a * a + b * b)


def floor_sqrt(n):
    """floor_sqrt(17) -> 4"""
    return math.floor(math.sqrt(n))


def lcm(a, b):
    return a * b // math.gcd(a, b)


def simplify_fraction(num, den):
    """simplify_fraction(6, 8) == (3, 4)"""
    g = math.gcd(num, den)
    return num // g, den // g


def average(values):
    """average([1, 2, 3, 4]) -> 2.5"""
    if not values:
        raise ValueError("empty list")
    return sum(values) / len(values)


def round_to_two(x):
    return round(x, 2)


def celsius_to_fahrenheit(c):
    """>>> celsius_to_fahrenheit(100)
    212.0
    """
    return round(c * 9 / 5 + 32, 1)


def reverse_string(s):
    """reverse_string("hello") == 'olleh'"""
    return s[::-1]


def is_palindrome_number(n):
    s = str(n)
    return s == s[::-1]


def reverse_words_order(sentence):
    """reverse_words_order("one two three") ➞ "three two one" """
    return " ".join(sentence.split()[::-1])


def numbered_lines(lines):
    """numbered_lines(["a", "b"]) == ['1: a', '2: b']"""
    return [f"{i}: {line}" for i, line in enumerate(lines, start=1)]


def first_index_of(items, target):
    for i, x in enumerate(items, 1):
        if x == target:
            return i
    return -1


def add_three_lists(a, b, c):
    """add_three_lists([1, 2], [3, 4], [5, 6]) ➞ [9, 12]"""
    return [x + y + z for x, y, z in zip(a, b, c)]


def pair_up(names, ages):
    """pair_up(["ann", "bob"], [30, 40]) == [('ann', 30), ('bob', 40)]"""
    return list(zip(names, ages))


def word_lengths(words):
    return {w: len(w) for w in words}


def unique_lengths(words):
    """unique_lengths(["a", "bb", "cc"]) ➞ {1, 2}"""
    return {len(w) for w in words}


def min_max(nums):
    """>>> min_max([3, 1, 4, 1, 5])
    (1, 5)
    """
    return min(nums), max(nums)


def find_pair_with_sum(nums, target):
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return seen[target - n], i
        seen[n] = i
    return None


def factorial(n):
    """factorial(5) -> 120"""
    if n < 0:
        raise ValueError("negative")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def sort_by_length_then_alpha(words):
    """sort_by_length_then_alpha(["bb", "a", "ab", "c"]) ➞ ["a", "c", "ab", "bb"]"""
    return sorted(words, key=lambda w: (len(w), w))


def sort_students(records):
    return sorted(records, key=lambda r: (-r[1], r[0]))


def digit_sum(n: int):
    """digit_sum(1234) == 10"""
    total = 0
    for d in str(abs(n)):
        total += int(d)
    return total


def only_letters(s) -> str:
    """only_letters("a1b2c3") -> 'abc'"""
    return "".join(c for c in s if c.isalpha())


def count_upper(s):
    return sum(1 for c in s if c.isupper())


def extract_numbers(s) -> list:
    """extract_numbers("a12b3c45") == [12, 3, 45]"""
    nums = []
    cur = ""
    for ch in s:
        if ch.isdigit():
            cur += ch
        else:
            if cur:
                nums.append(int(cur))
            cur = ""
    if cur:
        nums.append(int(cur))
    return nums


def running_total(nums: List[int]) -> List[int]:
    """running_total([1, 2, 3]) -> [1, 3, 6]"""
    out = []
    acc = 0
    for n in nums:
        acc += n
        out.append(acc)
    return out


def divide_with_remainder(a: int, b: int) -> Tuple[int, int]:
    if b == 0:
        raise ZeroDivisionError("division by zero")
    return a // b, a % b


def flatten_once(nested):
    """flatten_once([[1, 2], [3], []]) == [1, 2, 3]"""
    flat = []
    for sub in nested:
        flat.extend(sub)
    return flat


def chunk(items, size):
    """chunk([1, 2, 3, 4, 5], 2) -> [[1, 2], [3, 4], [5]]"""
    if size <= 0:
        raise ValueError("size must be positive")
    return [items[i : i + size] for i in range(0, len(items), size)]


def count_vowels_nested(word):

    def is_vowel(c):
        return c.lower() in "aeiou"

    return len([c for c in word if is_vowel(c)])


def longest_word(sentence):
    """longest_word("the quick brown fox") == 'quick'"""
    best = ""
    for w in sentence.split():
        if len(w) > len(best):
            best = w
    return best


def capitalize_each(sentence):
    """capitalize_each("hello big world") -> 'Hello Big World'"""
    return " ".join(w[0].upper() + w[1:] for w in sentence.split())


def is_anagram(a, b):
    return sorted(a.replace(" ", "").lower()) == sorted(b.replace(" ", "").lower())


def char_frequency(s):
    """>>> char_frequency("abca")
    {'a': 2, 'b': 1, 'c': 1}
    """
    freq = {}
    for ch in s:
        freq[ch] = freq.get(ch, 0) + 1
    return freq


def most_common_char(s):
    """most_common_char("banana") == 'a'"""
    if not s:
        return None
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    best = s[0]
    for ch in counts:
        if counts[ch] > counts[best]:
            best = ch
    return best


def fizzbuzz_word(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)


def leap_year(year):
    """leap_year(2000) ➞ True"""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(month, year):
    """days_in_month(2, 2024) == 29"""
    if month < 1 or month > 12:
        raise ValueError("bad month")
    if month == 2:
        if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
            return 29
        return 28
    if month in (4, 6, 9, 11):
        return 30
    return 31


def binary_gap(n):
    b = bin(n)[2:].strip("0")
    gaps = b.split("1")
    return max(len(g) for g in gaps)


def bits_reversed(n, width):
    """bits_reversed(1, 4) ➞ 8"""
    s = bin(n)[2:].zfill(width)
    return int(s[::-1], 2)


def hex_color(r, g, b):
    """hex_color(255, 0, 128) == '#ff0080'"""
    return "#" + "".join(hex(v)[2:].zfill(2) for v in (r, g, b))


def parse_hex(s):
    return int(s, 16)


def roman_to_int(s):
    """roman_to_int("MCMXCIV") ➞ 1994"""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i in range(len(s)):
        v = values[s[i]]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def int_to_roman(num):
    """>>> int_to_roman(58)
    'LVIII'
    """
    pairs = [
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
    for value, sym in pairs:
        while num >= value:
            out += sym
            num -= value
    return out


def is_prime(n):
    if n < 2:
        return False
    for d in range(2, int(math.sqrt(n)) + 1):
        if n % d == 0:
            return False
    return True


def primes_below(n):
    """primes_below(20) -> [2, 3, 5, 7, 11, 13, 17, 19]"""
    return [k for k in range(2, n) if all(k % d for d in range(2, int(k**0.5) + 1))]


def prime_factors(n):
    """prime_factors(60) ➞ [2, 2, 3, 5]"""
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


def gcd_of_list(nums):
    g = 0
    for n in nums:
        g = math.gcd(g, n)
    return g


def collatz_steps(n):
    """collatz_steps(6) -> 8"""
    if n < 1:
        raise ValueError("n must be positive")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def fib(n):
    """for example: fib(10) => 55"""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def sum_of_squares(n):
    return sum(i * i for i in range(1, n + 1))


def square_evens(nums):
    """square_evens([1, 2, 3, 4]) == [4, 16]"""
    return [n * n for n in nums if n % 2 == 0]


def clamp(x, lo, hi):
    """clamp(15, 0, 10) -> 10"""
    if lo > hi:
        raise ValueError("lo > hi")
    return max(lo, min(x, hi))


def sign(x):
    if x > 0:
        return 1
    if x < 0:
        return -1
    return 0


def distance(x1, y1, x2, y2):
    """>>> distance(0, 0, 3, 4)
    5.0
    """
    return math.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)


def bmi(weight, height):
    """bmi(70, 1.75) == 22.9"""
    return round(weight / height**2, 1)


def percentage(part, total):
    if total == 0:
        return None
    return round(100 * part / total, 2)


def area_of_circle(r):
    """area_of_circle(2) ➞ 12.57"""
    return round(math.pi * r * r, 2)


def mean_and_median(nums):
    """mean_and_median([3, 1, 2, 10]) == (4.0, 2.5)"""
    s = sorted(nums)
    n = len(s)
    mid = n // 2
    if n % 2 == 1:
        median = s[mid]
    else:
        median = (s[mid - 1] + s[mid]) / 2
    return sum(s) / n, median


def remove_duplicates(items):
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def common_elements(a, b):
    """common_elements([1, 2, 3], [2, 3, 4]) ➞ [2, 3]"""
    return sorted(set(a) & set(b))


def symmetric_difference(a, b):
    """symmetric_difference([1, 2], [2, 3]) == [1, 3]"""
    return sorted(set(a) ^ set(b))


def rotate_left(items, k):
    if not items:
        return []
    k = k % len(items)
    return items[k:] + items[:k]


def every_other(items):
    """every_other([1, 2, 3, 4, 5]) ➞ [1, 3, 5]"""
    return items[::2]


def last_n(items, n):
    """>>> last_n([1, 2, 3, 4], 2)
    [3, 4]
    """
    if n <= 0:
        return []
    return items[-n:]


def is_sorted(nums):
    return all(a <= b for a, b in zip(nums, nums[1:]))


def max_gap(nums):
    """max_gap([1, 9, 3, 10]) -> 6"""
    s = sorted(nums)
    best = 0
    for a, b in zip(s, s[1:]):
        best = max(best, b - a)
    return best


def count_if_greater(nums, limit):
    """count_if_greater([5, 1, 8, 3], 4) ➞ 2"""
    return len([n for n in nums if n > limit])


def index_of_max(nums):
    if not nums:
        return None
    best = 0
    for i in range(1, len(nums)):
        if nums[i] > nums[best]:
            best = i
    return best


def pig_latin(word):
    """pig_latin("hello") -> 'ellohay'"""
    if word[0] in "aeiou":
        return word + "way"
    return word[1:] + word[0] + "ay"


def acronym(phrase):
    """acronym("portable network graphics") ➞ "PNG" """
    return "".join(w[0].upper() for w in phrase.split())


def title_case(s: str):
    words = s.split(" ")
    return " ".join(w.capitalize() for w in words)


def count_words(text):
    """count_words("a b  c") == 3"""
    return len(text.split())


def is_pangram(s):
    """is_pangram("The quick brown fox jumps over the lazy dog") -> True"""
    letters = {c for c in s.lower() if c.isalpha()}
    return len(letters) == 26


def compress(s):
    if not s:
        return ""
    out = []
    prev = s[0]
    count = 1
    for ch in s[1:]:
        if ch == prev:
            count += 1
        else:
            out.append(prev + str(count))
            prev = ch
            count = 1
    out.append(prev + str(count))
    return "".join(out)


def expand(s):
    """expand("a3b1") == 'aaab'"""
    out = ""
    i = 0
    while i < len(s):
        ch = s[i]
        j = i + 1
        while j < len(s) and s[j].isdigit():
            j += 1
        out += ch * int(s[i + 1 : j])
        i = j
    return out


def vowel_positions(word):
    """vowel_positions("apple") -> [1, 5]"""
    return [i for i, c in enumerate(word, 1) if c in "aeiouAEIOU"]


def mask_card(number):
    return "#" * (len(number) - 4) + number[-4:]


def is_valid_pin(pin):
    """is_valid_pin("1234") == True"""
    return len(pin) in (4, 6) and pin.isdigit()


def luhn_check(number):
    """luhn_check("79927398713") -> True"""
    digits = [int(d) for d in number if d.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def grade_counts(scores):
    result = {}
    for s in scores:
        if s >= 90:
            g = "A"
        elif s >= 80:
            g = "B"
        elif s >= 70:
            g = "C"
        else:
            g = "F"
        result[g] = result.get(g, 0) + 1
    return result


def invert_dict(d):
    """invert_dict({'a': 1, 'b': 2}) == {1: 'a', 2: 'b'}"""
    return {v: k for k, v in d.items()}


def keys_with_value(d, value):
    """keys_with_value({'x': 1, 'y': 2, 'z': 1}, 1) -> ['x', 'z']"""
    return sorted(k for k, v in d.items() if v == value)


def merge_counts(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def top_scorer(scores):
    """>>> top_scorer({"ann": 3, "bob": 7, "cy": 5})
    'bob'
    """
    if not scores:
        return None
    return max(scores, key=scores.get)


def sort_dict_by_value(d):
    """sort_dict_by_value({'a': 3, 'b': 1, 'c': 2}) == [('b', 1), ('c', 2), ('a', 3)]"""
    return sorted(d.items(), key=lambda item: (item[1], item[0]))


def group_by_first_letter(words):
    groups = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return groups


def word_count(sentence):
    """word_count("the cat the dog") ➞ {'the': 2, 'cat': 1, 'dog': 1}"""
    counts = {}
    for w in sentence.lower().split():
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    return counts


def squares_dict(n):
    """squares_dict(3) == {1: 1, 2: 4, 3: 9}"""
    return {i: i * i for i in range(1, n + 1)}


def safe_divide(a, b):
    if b == 0:
        return None
    return a / b


def parse_int_or_none(s):
    """parse_int_or_none("42") ➞ 42"""
    s = s.strip()
    if s.startswith("-"):
        if s[1:].isdigit():
            return -int(s[1:])
        return None
    if s.isdigit():
        return int(s)
    return None


def require_positive(n):
    """require_positive(5) == 5"""
    if n <= 0:
        raise ValueError("expected a positive number")
    return n


def checked_sqrt(x):
    if x < 0:
        raise ValueError("negative input")
    return math.sqrt(x)


def find_first_negative(nums):
    """find_first_negative([3, -1, -5]) -> -1"""
    for n in nums:
        if n < 0:
            return n
    return None


def binary_search(sorted_nums, target):
    """binary_search([1, 3, 5, 7, 9], 7) ➞ 3"""
    lo, hi = 0, len(sorted_nums) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if sorted_nums[mid] == target:
            return mid
        if sorted_nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def bubble_sort(nums):
    arr = list(nums)
    n = len(arr)
    for i in range(n):
        for j in range(n - 1 - i):
            if arr[j] > arr[j + 1]:
                arr[j], arr[j + 1] = arr[j + 1], arr[j]
    return arr


def merge_sorted(a, b):
    """for example: merge_sorted([1, 4], [2, 3]) => [1, 2, 3, 4]"""
    i = j = 0
    out = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def max_subarray(nums):
    """max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]) -> 6"""
    best = cur = nums[0]
    for n in nums[1:]:
        cur = max(n, cur + n)
        best = max(best, cur)
    return best


def two_largest_product(nums):
    a, b = sorted(nums)[-2:]
    return a * b


def missing_number(nums):
    """missing_number([0, 1, 3]) == 2"""
    n = len(nums)
    return n * (n + 1) // 2 - sum(nums)


def single_number(nums):
    """>>> single_number([4, 1, 2, 1, 2])
    4
    """
    x = 0
    for n in nums:
        x ^= n
    return x


def move_zeros(nums):
    nonzero = [n for n in nums if n != 0]
    return nonzero + [0] * (len(nums) - len(nonzero))


def pascal_row(n):
    """pascal_row(4) ➞ [1, 4, 6, 4, 1]"""
    row = [1]
    for _ in range(n):
        row = [1] + [row[i] + row[i + 1] for i in range(len(row) - 1)] + [1]
    return row


def matrix_transpose(m):
    """matrix_transpose([[1, 2], [3, 4]]) == [[1, 3], [2, 4]]"""
    return [list(row) for row in zip(*m)]


def diagonal_sum(m):
    return sum(m[i][i] for i in range(len(m)))


def row_sums(grid):
    """row_sums([[1, 2, 3], [4, 5, 6]]) ➞ [6, 15]"""
    return [sum(row) for row in grid]


def count_islands_row(row):
    """count_islands_row("1101001") == 3"""
    count = 0
    prev = "0"
    for c in row:
        if c == "1" and prev == "0":
            count += 1
        prev = c
    return count


def balanced_parens(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack


def max_depth(s):
    """max_depth("(()(()))") ➞ 3"""
    depth = best = 0
    for ch in s:
        if ch == "(":
            depth += 1
            best = max(best, depth)
        elif ch == ")":
            depth -= 1
    return best


def longest_run(s):
    """>>> longest_run("aabbbbcc")
    4
    """
    if not s:
        return 0
    best = cur = 1
    for a, b in zip(s, s[1:]):
        cur = cur + 1 if a == b else 1
        best = max(best, cur)
    return best


def first_unique_char(s):
    for ch in s:
        if s.count(ch) == 1:
            return ch
    return None


def interleave(a, b):
    """interleave("abc", "12") -> 'a1b2c'"""
    out = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            out.append(a[i])
        if i < len(b):
            out.append(b[i])
    return "".join(out)


def dot_product(u, v):
    """dot_product([1, 2, 3], [4, 5, 6]) ➞ 32"""
    if len(u) != len(v):
        raise ValueError("length mismatch")
    return sum(x * y for x, y in zip(u, v))


def weighted_average(values, weights):
    total_w = sum(weights)
    if total_w == 0:
        raise ZeroDivisionError("weights sum to zero")
    return sum(v * w for v, w in zip(values, weights)) / total_w


def zip_to_dict(keys, values):
    """zip_to_dict(["a", "b"], [1, 2]) -> {'a': 1, 'b': 2}"""
    return dict(zip(keys, values))


def best_of_three(names, scores, ages):
    """best_of_three(["a", "b"], [5, 9], [30, 20]) ➞ ('b', 9, 20)"""
    rows = list(zip(names, scores, ages))
    rows.sort(key=lambda r: (-r[1], r[2]))
    return rows[0]


def tuple_stats(nums: list) -> tuple:
    return len(nums), sum(nums), sum(nums) / len(nums)


def divisors(n):
    """divisors(12) -> [1, 2, 3, 4, 6, 12]"""
    return [d for d in range(1, n + 1) if n % d == 0]


def is_perfect(n):
    """is_perfect(28) ➞ True"""
    return n > 1 and sum(d for d in range(1, n) if n % d == 0) == n


def armstrong(n):
    digits = str(n)
    power = len(digits)
    return sum(int(d) ** power for d in digits) == n


def reverse_integer(n):
    """reverse_integer(-123) == -321"""
    sign_ = -1 if n < 0 else 1
    return sign_ * int(str(abs(n))[::-1])


def digital_root(n):
    """digital_root(493193) -> 2"""
    while n >= 10:
        n = sum(int(c) for c in str(n))
    return n


def count_digits(n):
    return len(str(abs(n)))


def sum_multiples(limit):
    """sum_multiples(10) == 23"""
    return sum(x for x in range(limit) if x % 3 == 0 or x % 5 == 0)


def nth_triangle(n):
    """nth_triangle(4) -> 10"""
    return n * (n + 1) // 2


def power_set_size(items):
    return 2 ** len(set(items))


def truncate(s, n):
    """truncate("hello world", 5) == 'hello...'"""
    if len(s) <= n:
        return s
    return s[:n] + "..."


def center_text(s, width):
    """>>> center_text("hi", 6)
    '  hi  '
    """
    return s.center(width)


def strip_punctuation(s):
    return "".join(c for c in s if c.isalnum() or c.isspace())


def snake_to_camel(name):
    """snake_to_camel("hello_big_world") ➞ "helloBigWorld" """
    parts = name.split("_")
    return parts[0] + "".join(p.title() for p in parts[1:])


def camel_to_snake(name):
    """camel_to_snake("helloBigWorld") == 'hello_big_world'"""
    out = ""
    for ch in name:
        if ch.isupper():
            out += "_" + ch.lower()
        else:
            out += ch
    return out


def is_isogram(word):
    w = word.lower()
    return len(set(w)) == len(w)


def count_pairs_sum(nums, target):
    """count_pairs_sum([1, 5, 7, -1, 5], 6) ➞ 3"""
    count = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                count += 1
    return count


def histogram(nums):
    """histogram([3, 1]) == '***\\n*'"""
    return "\n".join("*" * n for n in nums)


def even_odd_split(nums):
    evens = [n for n in nums if n % 2 == 0]
    odds = [n for n in nums if n % 2 != 0]
    return evens, odds


def stock_profit(prices):
    """stock_profit([7, 1, 5, 3, 6, 4]) ➞ 5"""
    lowest = float("inf")
    best = 0
    for p in prices:
        lowest = min(lowest, p)
        best = max(best, p - lowest)
    return best


def temperature_label(t):
    """>>> temperature_label(25)
    'warm'
    """
    if t < 0:
        return "freezing"
    elif t < 15:
        return "cold"
    elif t < 30:
        return "warm"
    return "hot"


def time_to_seconds(hms):
    h, m, s = hms.split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def seconds_to_time(total):
    """seconds_to_time(3723) -> '01:02:03'"""
    h = total // 3600
    m = total % 3600 // 60
    s = total % 60
    return f"{h:02d}:{m:02d}:{s:02d}"


def format_price(amount):
    """format_price(1234.5) ➞ '$1,234.50'"""
    return "${:,.2f}".format(amount)


def is_valid_email(addr):
    if addr.count("@") != 1:
        return False
    user, domain = addr.split("@")
    return len(user) > 0 and "." in domain and not domain.startswith(".")


def initials(full_name):
    """initials("ada lovelace") -> 'A.L.'"""
    return "".join(p[0].upper() + "." for p in full_name.split())


def ascii_sum(s):
    """ascii_sum("AB") ➞ 131"""
    return sum(ord(c) for c in s)


def next_letter(s):
    out = ""
    for c in s:
        if c == "z":
            out += "a"
        else:
            out += chr(ord(c) + 1)
    return out


def atbash(s):
    """>>> atbash("abc")
    'zyx'
    """
    return "".join(chr(ord("z") - (ord(c) - ord("a"))) if c.isalpha() else c for c in s.lower())


def score_word(word):
    """score_word("Hello") -> 52"""
    return sum(ord(c) - ord("a") + 1 for c in word.lower() if "a" <= c <= "z")


def add_binary(a, b):
    return bin(int(a, 2) + int(b, 2))[2:]


def hamming(a, b):
    """hamming("karolin", "kathrin") == 3"""
    if len(a) != len(b):
        raise ValueError("strands differ in length")
    return sum(1 for x, y in zip(a, b) if x != y)


def bit_count_diff(x, y):
    """bit_count_diff(1, 4) -> 2"""
    return bin(x ^ y).count("1")


def octal_string(n):
    return oct(n)[2:]


def round_half(x):
    """round_half(2.26) == 2.5"""
    return round(x * 2) / 2


def ceil_div(a, b):
    """ceil_div(7, 2) -> 4"""
    return math.ceil(a / b)


def compound_interest(principal, rate, years):
    return round(principal * (1 + rate) ** years, 2)


def normalize(values):
    """normalize([1, 2, 3]) == [0.0, 0.5, 1.0]"""
    lo, hi = min(values), max(values)
    if lo == hi:
        return [0.0 for _ in values]
    return [(v - lo) / (hi - lo) for v in values]


def stats_summary(nums):
    """for example: stats_summary([1, 2, 3, 4]) => {'min': 1, 'max': 4, 'sum': 10}"""
    return {"min": min(nums), "max": max(nums), "sum": sum(nums)}


def closest_to_zero(nums):
    return min(nums, key=lambda n: (abs(n), n))


def longest_common_prefix(words):
    """longest_common_prefix(["flower", "flow", "flight"]) ➞ "fl" """
    if not words:
        return ""
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def triangle_kind(a, b, c):
    """>>> triangle_kind(3, 3, 3)
    'equilateral'
    """
    x, y, z = sorted([a, b, c])
    if x + y <= z:
        raise ValueError("not a triangle")
    if x == z:
        return "equilateral"
    if x == y or y == z:
        return "isosceles"
    return "scalene"


def count_char_types(s):
    lower = upper = digit = other = 0
    for c in s:
        if c.islower():
            lower += 1
        elif c.isupper():
            upper += 1
        elif c.isdigit():
            digit += 1
        else:
            other += 1
    return lower, upper, digit, other


def pairs_to_dict(pairs: List[Tuple[str, int]]):
    """pairs_to_dict([("a", 1), ("b", 2)]) -> {'a': 1, 'b': 2}"""
    return {k: v for k, v in pairs}


def valid_triangle_sides(sides: list):
    """valid_triangle_sides([3, 4, 5]) ➞ True"""
    a, b, c = sorted(sides)
    return a + b > c


def zigzag(nums):
    s = sorted(nums)
    out = []
    lo, hi = 0, len(s) - 1
    while lo <= hi:
        out.append(s[lo])
        if lo != hi:
            out.append(s[hi])
        lo += 1
        hi -= 1
    return out


def alternating_caps(s):
    """alternating_caps("hello") -> 'HeLlO'"""
    return "".join(c.upper() if i % 2 == 0 else c.lower() for i, c in enumerate(s))


def is_leap_list(years):
    """is_leap_list([1900, 2000, 2023]) ➞ [False, True, False]"""

    def leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)

    return [leap(y) for y in years]


def nearest_multiple(n, m):
    return round(n / m) * m
