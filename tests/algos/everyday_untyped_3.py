"""A third set of small untyped everyday functions (written for this project, session 9).

A probe the engine was not tuned on, in a beginner's style unlike the first two sets: list() and
dict() constructors, `while True` loops with break, nested helpers, `%` and `.format` strings,
collections.Counter and defaultdict, sorted(d.items(), key=lambda kv: ...), isinstance checks of
arguments, functions returning a value or a message, the math module, any/all, set algebra,
stepped slices, *args, None defaults, recursion and module constants. About two thirds carry a
docstring example.
"""

import math
from collections import Counter, defaultdict

VOWELS = "aeiouAEIOU"
PASS_MARK = 50
TAX_RATE = 0.2
MAX_TRIES = 10
DIGITS = "0123456789"
GREETING = "Hello"
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"]
SCORES = {"A": 90, "B": 80, "C": 70, "D": 60}


def count_consonants(text):
    """count_consonants("Programming") ➞ 8"""
    n = 0
    for ch in text:
        if ch.isalpha() and ch not in VOWELS:
            n = n + 1
    return n


def has_passed(mark):
    """has_passed(72) ➞ 'pass'"""
    if mark >= PASS_MARK:
        return "pass"
    else:
        return "fail"


def price_with_tax(price):
    """price_with_tax(100) == 120.0"""
    return price + price * TAX_RATE


def grade_letter(score):
    for letter, low in sorted(SCORES.items(), key=lambda kv: kv[1], reverse=True):
        if score >= low:
            return letter
    return "F"


def is_weekday(name):
    """is_weekday("Wed") ➞ True"""
    return name in WEEKDAYS


def only_digits(s):
    """only_digits("a1b22c333") == '122333'"""
    return "".join(ch for ch in s if ch in DIGITS)


def greet(name):
    """greet("Ann") -> 'Hello, Ann!'"""
    return "%s, %s!" % (GREETING, name)


def greet_format(name, age):
    return "{} is {} years old".format(name, age)


def percent_string(part, whole):
    """percent_string(1, 4) == '25.0%'"""
    if whole == 0:
        return "undefined"
    return "%.1f%%" % (part * 100 / whole)


def pad_number(n):
    """pad_number(42) -> '00042'"""
    return "{:05d}".format(n)


def money(amount):
    """money(3.5) ➞ '$3.50'"""
    return "${:.2f}".format(amount)


def letter_counts(word):
    return dict(Counter(word))


def most_common_letter(word):
    """most_common_letter("mississippi") -> 'i'"""
    c = Counter(word)
    return c.most_common(1)[0][0]


def top_two_words(text):
    """top_two_words("a b a c b a") ➞ ['a', 'b']"""
    counts = Counter(text.split())
    return [w for w, _ in counts.most_common(2)]


def group_by_length(words):
    """group_by_length(["hi", "to", "cat"]) == {2: ['hi', 'to'], 3: ['cat']}"""
    groups = defaultdict(list)
    for w in words:
        groups[len(w)].append(w)
    return dict(groups)


def group_by_first(words):
    d = defaultdict(int)
    for w in words:
        d[w[0]] += 1
    return dict(d)


def sort_scores(scores):
    """sort_scores({"ann": 3, "bob": 9, "cy": 5}) ➞ [('bob', 9), ('cy', 5), ('ann', 3)]"""
    return sorted(scores.items(), key=lambda kv: kv[1], reverse=True)


def keys_by_value(d):
    """keys_by_value({"x": 2, "y": 1, "z": 3}) == ['y', 'x', 'z']"""
    return [k for k, v in sorted(d.items(), key=lambda kv: kv[1])]


def invert_dict(d):
    """invert_dict({"a": 1, "b": 2}) -> {1: 'a', 2: 'b'}"""
    out = dict()
    for k, v in d.items():
        out[v] = k
    return out


def merge_counts(a, b):
    result = dict(a)
    for k in b:
        result[k] = result.get(k, 0) + b[k]
    return result


def copy_list(items):
    """copy_list([1, 2, 3]) == [1, 2, 3]"""
    return list(items)


def chars_of(word):
    """chars_of("abc") -> ['a', 'b', 'c']"""
    return list(word)


def first_repeat(nums):
    """first_repeat([3, 5, 1, 5, 3]) ➞ 5"""
    seen = set()
    i = 0
    while True:
        if i >= len(nums):
            return -1
        if nums[i] in seen:
            return nums[i]
        seen.add(nums[i])
        i += 1


def halve_until_odd(n):
    if n == 0:
        return 0
    while True:
        if n % 2 == 1:
            break
        n = n // 2
    return n


def count_steps_to_one(n):
    """count_steps_to_one(6) -> 8"""
    steps = 0
    while True:
        if n <= 1:
            break
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def guess_position(items, target):
    """guess_position([4, 8, 15, 16, 23], 16) ➞ 3"""
    lo = 0
    hi = len(items) - 1
    tries = 0
    while lo <= hi and tries < MAX_TRIES:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
        tries += 1
    return -1


def sum_of_digit_squares(n):
    """sum_of_digit_squares(123) == 14"""

    def square(d):
        return d * d

    total = 0
    for ch in str(abs(n)):
        total += square(int(ch))
    return total


def is_happy(n):

    def next_number(x):
        return sum(int(d) ** 2 for d in str(x))

    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = next_number(n)
    return n == 1


def clean_words(text):
    """clean_words("Hi, there! Bob.") ➞ ['hi', 'there', 'bob']"""

    def strip_punct(w):
        return "".join(c for c in w if c.isalnum())

    out = []
    for w in text.split():
        cleaned = strip_punct(w).lower()
        if cleaned:
            out.append(cleaned)
    return out


def describe(value):
    """describe(3) == 'int'"""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    return "other"


def double_it(x):
    """double_it(4) -> 8"""
    if isinstance(x, str):
        return x + x
    return x * 2


def safe_divide(a, b):
    if b == 0:
        return "cannot divide by zero"
    return a / b


def check_age(age):
    """check_age(20) == 'adult'"""
    if age < 0:
        return "invalid age"
    if age < 13:
        return "child"
    if age < 18:
        return "teen"
    return "adult"


def withdraw(balance, amount):
    """withdraw(100, 30) -> 70"""
    if amount > balance:
        return "insufficient funds"
    return balance - amount


def hypotenuse(a, b):
    """hypotenuse(3, 4) ➞ 5.0"""
    return math.sqrt(a * a + b * b)


def circle_area(r):
    return math.pi * r ** 2


def round_up_div(a, b):
    """round_up_div(7, 2) -> 4"""
    return math.ceil(a / b)


def floor_half(x):
    """floor_half(7) ➞ 3"""
    return math.floor(x / 2)


def distance(x1, y1, x2, y2):
    """distance(0, 0, 3, 4) == 5.0"""
    return math.hypot(x2 - x1, y2 - y1)


def average_of(nums):
    if len(nums) == 0:
        return 0
    return sum(nums) / len(nums)


def bmi(weight, height):
    """bmi(80, 2) ➞ 20.0"""
    return weight / (height * height)


def compound(principal, rate, years):
    """compound(1000, 0.1, 2) == 1210.0"""
    amount = principal
    for _ in range(years):
        amount = amount * (1 + rate)
    return round(amount, 2)


def is_perfect_square(n):
    """is_perfect_square(49) -> True"""
    if n < 0:
        return False
    r = math.isqrt(n)
    return r * r == n


def all_positive(nums):
    return all(n > 0 for n in nums)


def any_empty(strings):
    """any_empty(["a", "", "c"]) == True"""
    return any(s == "" for s in strings)


def all_same(items):
    """all_same([7, 7, 7]) -> True"""
    return all(x == items[0] for x in items)


def has_upper(s):
    """has_upper("hello World") ➞ True"""
    return any(c.isupper() for c in s)


def common_items(a, b):
    return sorted(set(a) & set(b))


def only_in_first(a, b):
    """only_in_first([1, 2, 3], [2]) -> [1, 3]"""
    return sorted(set(a) - set(b))


def either_not_both(a, b):
    """either_not_both([1, 2], [2, 3]) ➞ [1, 3]"""
    return sorted(set(a) ^ set(b))


def all_letters_used(a, b):
    """all_letters_used("abc", "cd") == 'abcd'"""
    return "".join(sorted(set(a) | set(b)))


def is_subset(small, big):
    return set(small).issubset(set(big))


def every_other(items):
    """every_other([1, 2, 3, 4, 5]) ➞ [1, 3, 5]"""
    return items[::2]


def odd_positions(s):
    """odd_positions("abcdef") == 'bdf'"""
    return s[1::2]


def reverse_every_third(items):
    """reverse_every_third([1, 2, 3, 4, 5, 6, 7]) -> [7, 4, 1]"""
    return items[::-3]


def last_three(items):
    return items[-3:]


def contains_word(sentence, word):
    """contains_word("the quick fox", "quick") == True"""
    return word in sentence.split()


def has_substring(text, part):
    """has_substring("hello", "ell") -> True"""
    return part in text


def count_in_text(text, part):
    """count_in_text("abababa", "aba") ➞ 2"""
    return text.count(part)


def row_sums(grid):
    return [sum(row) for row in grid]


def column_sums(grid):
    """column_sums([[1, 2], [3, 4]]) -> [4, 6]"""
    if not grid:
        return []
    sums = [0] * len(grid[0])
    for row in grid:
        for j in range(len(row)):
            sums[j] += row[j]
    return sums


def transpose(grid):
    """transpose([[1, 2, 3], [4, 5, 6]]) ➞ [[1, 4], [2, 5], [3, 6]]"""
    result = []
    for j in range(len(grid[0])):
        col = []
        for row in grid:
            col.append(row[j])
        result.append(col)
    return result


def diagonal(grid):
    """diagonal([[1, 2], [3, 4]]) == [1, 4]"""
    return [grid[i][i] for i in range(len(grid))]


def grid_max(grid):
    best = grid[0][0]
    for row in grid:
        for v in row:
            if v > best:
                best = v
    return best


def make_grid(rows, cols):
    """make_grid(2, 3) ➞ [[0, 0, 0], [0, 0, 0]]"""
    return [[0] * cols for _ in range(rows)]


def total_cost(items):
    """total_cost([("pen", 2), ("book", 10)]) == 12"""
    total = 0
    for name, cost in items:
        total += cost
    return total


def names_of(pairs):
    """names_of([("ann", 3), ("bo", 4)]) -> ['ann', 'bo']"""
    out = []
    for name, _ in pairs:
        out.append(name)
    return out


def point_sums(points):
    sx = 0
    sy = 0
    for x, y in points:
        sx += x
        sy += y
    return (sx, sy)


def index_of_max(nums):
    """index_of_max([3, 8, 2]) == 1"""
    best_i, best = 0, nums[0]
    for i, n in enumerate(nums):
        if n > best:
            best_i, best = i, n
    return best_i


def total(*args):
    """total(1, 2, 3) -> 6"""
    s = 0
    for a in args:
        s += a
    return s


def biggest(*nums):
    """biggest(4, 9, 2) ➞ 9"""
    return max(nums)


def join_words(*words):
    return "-".join(words)


def add_item(item, items=None):
    """add_item(3) -> [3]"""
    if items is None:
        items = []
    items.append(item)
    return items


def repeat_word(word, times=None):
    """repeat_word("ha") ➞ 'haha'"""
    if times is None:
        times = 2
    return word * times


def find_first(items, target, start=None):
    """find_first([1, 2, 1, 2], 2) == 1"""
    if start is None:
        start = 0
    for i in range(start, len(items)):
        if items[i] == target:
            return i
    return -1


def power(base, exp):
    if exp == 0:
        return 1
    return base * power(base, exp - 1)


def sum_list(items):
    """sum_list([1, 2, 3, 4]) ➞ 10"""
    if not items:
        return 0
    return items[0] + sum_list(items[1:])


def reverse_string(s):
    """reverse_string("abc") == 'cba'"""
    if len(s) <= 1:
        return s
    return reverse_string(s[1:]) + s[0]


def count_down(n):
    """count_down(3) -> [3, 2, 1]"""
    if n <= 0:
        return []
    return [n] + count_down(n - 1)


def binary_digits(n):
    if n < 2:
        return str(n)
    return binary_digits(n // 2) + str(n % 2)


def nested_sum(items):
    """nested_sum([[1, 2], [3, [4, 5]]]) == 15"""
    s = 0
    for x in items:
        if isinstance(x, list):
            s += nested_sum(x)
        else:
            s += x
    return s


def comma_list(items):
    """comma_list([1, 2, 3]) -> '1, 2, 3'"""
    return ", ".join(str(x) for x in items)


def upper_initials(words):
    """upper_initials(["red", "green"]) ➞ 'RG'"""
    return "".join(w[0].upper() for w in words if w)


def spaced_out(word):
    return " ".join(c for c in word)


def mask_card(number):
    """mask_card("1234567812345678") -> '************5678'"""
    return "*" * (len(number) - 4) + number[-4:]


def dash_case(text):
    """dash_case("Hello Big World") ➞ 'hello-big-world'"""
    return "-".join(w.lower() for w in text.split())


def count_by_parity(nums):
    """count_by_parity([1, 2, 3, 5]) == {'even': 1, 'odd': 3}"""
    counts = dict(even=0, odd=0)
    for n in nums:
        if n % 2 == 0:
            counts["even"] += 1
        else:
            counts["odd"] += 1
    return counts


def squares_dict(n):
    d = {}
    for i in range(1, n + 1):
        d[i] = i * i
    return d


def zip_to_dict(keys, values):
    """zip_to_dict(["a", "b"], [1, 2]) ➞ {'a': 1, 'b': 2}"""
    return dict(zip(keys, values))


def tally(votes):
    """tally(["x", "y", "x"]) == 'x'"""
    counts = {}
    for v in votes:
        if v not in counts:
            counts[v] = 0
        counts[v] += 1
    winner = ""
    best = -1
    for name, c in counts.items():
        if c > best:
            winner = name
            best = c
    return winner


def shopping_total(prices, basket):
    """shopping_total({"apple": 2, "pear": 3}, ["apple", "pear", "apple"]) -> 7"""
    t = 0
    for item in basket:
        if item in prices:
            t += prices[item]
    return t


def stock_report(stock):
    return [name for name, qty in stock.items() if qty == 0]


def format_table(rows):
    """format_table([("a", 1), ("b", 22)]) == 'a: 1\\nb: 22'"""
    lines = []
    for name, value in rows:
        lines.append("%s: %d" % (name, value))
    return "\n".join(lines)


def temperature_label(t):
    """temperature_label(30.5) -> 'hot (30.5)'"""
    if t > 25:
        label = "hot"
    elif t > 10:
        label = "mild"
    else:
        label = "cold"
    return "{} ({})".format(label, t)


def scale_all(nums, factor):
    """scale_all([1, 2, 3], 1.5) ➞ [1.5, 3.0, 4.5]"""
    return [n * factor for n in nums]


def mean_and_spread(nums):
    m = sum(nums) / len(nums)
    return (m, max(nums) - min(nums))


def std_dev(nums):
    """std_dev([2, 4, 4, 4, 5, 5, 7, 9]) -> 2.0"""
    m = sum(nums) / len(nums)
    var = sum((x - m) ** 2 for x in nums) / len(nums)
    return math.sqrt(var)


def median(nums):
    """median([3, 1, 2, 5]) ➞ 2.5"""
    s = sorted(nums)
    n = len(s)
    if n % 2 == 1:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) / 2


def clamp(x, low, high):
    """clamp(15, 0, 10) == 10"""
    return max(low, min(x, high))


def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1
    return 0


def triangle_type(a, b, c):
    """triangle_type(3, 3, 3) ➞ 'equilateral'"""
    if a + b <= c or a + c <= b or b + c <= a:
        return "not a triangle"
    if a == b == c:
        return "equilateral"
    if a == b or b == c or a == c:
        return "isosceles"
    return "scalene"


def leap_year(year):
    """leap_year(2000) == True"""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(month, year):
    """days_in_month(2, 2024) -> 29"""
    if month == 2:
        if leap_year(year):
            return 29
        return 28
    if month in (4, 6, 9, 11):
        return 30
    return 31


def seconds_to_hms(seconds):
    h = seconds // 3600
    m = (seconds % 3600) // 60
    s = seconds % 60
    return "%02d:%02d:%02d" % (h, m, s)


def minutes_text(minutes):
    """minutes_text(135) == '2 hours and 15 minutes'"""
    return "{} hours and {} minutes".format(minutes // 60, minutes % 60)


def count_words_longer(text, n):
    """count_words_longer("a bb ccc dddd", 2) -> 2"""
    return len([w for w in text.split() if len(w) > n])


def longest_run(s):
    """longest_run("aabbbcc") ➞ 3"""
    if not s:
        return 0
    best = 1
    cur = 1
    for i in range(1, len(s)):
        if s[i] == s[i - 1]:
            cur += 1
            best = max(best, cur)
        else:
            cur = 1
    return best


def compress(s):
    if s == "":
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


def caesar(text, shift):
    """caesar("abc xyz", 2) -> 'cde zab'"""
    result = ""
    for ch in text:
        if "a" <= ch <= "z":
            result += chr((ord(ch) - ord("a") + shift) % 26 + ord("a"))
        else:
            result += ch
    return result


def swap_case_words(text):
    """swap_case_words("Hello World") ➞ 'hELLO wORLD'"""
    return " ".join(w.swapcase() for w in text.split())


def acronym(phrase):
    """acronym("portable network graphics") == 'PNG'"""
    letters = list()
    for w in phrase.split():
        letters.append(w[0].upper())
    return "".join(letters)


def anagrams(a, b):
    return Counter(a.replace(" ", "").lower()) == Counter(b.replace(" ", "").lower())


def unique_chars(s):
    """unique_chars("hello") ➞ 'helo'"""
    seen = []
    for ch in s:
        if ch not in seen:
            seen.append(ch)
    return "".join(seen)


def pig_latin(word):
    """pig_latin("hello") == 'ellohay'"""
    if word[0] in VOWELS:
        return word + "way"
    return word[1:] + word[0] + "ay"


def word_positions(text):
    """word_positions("a b a") -> {'a': [0, 2], 'b': [1]}"""
    pos = defaultdict(list)
    for i, w in enumerate(text.split()):
        pos[w].append(i)
    return dict(pos)


def histogram_line(counts):
    return ["*" * c for c in counts]


def sum_pairs(nums, target):
    """sum_pairs([1, 2, 3, 4], 5) == [(1, 4), (2, 3)]"""
    pairs = []
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                pairs.append((nums[i], nums[j]))
    return pairs


def differences(nums):
    """differences([1, 4, 9, 16]) -> [3, 5, 7]"""
    return [b - a for a, b in zip(nums, nums[1:])]


def is_sorted(nums):
    """is_sorted([1, 2, 2, 5]) ➞ True"""
    return all(nums[i] <= nums[i + 1] for i in range(len(nums) - 1))


def split_even_odd(nums):
    evens = []
    odds = []
    for n in nums:
        (evens if n % 2 == 0 else odds).append(n)
    return evens, odds


def bubble_sort(items):
    """bubble_sort([5, 2, 9, 1]) -> [1, 2, 5, 9]"""
    items = list(items)
    n = len(items)
    while True:
        swapped = False
        for i in range(n - 1):
            if items[i] > items[i + 1]:
                items[i], items[i + 1] = items[i + 1], items[i]
                swapped = True
        if not swapped:
            break
    return items


def cumulative_max(nums):
    """cumulative_max([1, 3, 2, 5, 4]) ➞ [1, 3, 3, 5, 5]"""
    out = []
    best = None
    for n in nums:
        if best is None or n > best:
            best = n
        out.append(best)
    return out


def nth_prime(n):
    """nth_prime(5) == 11"""

    def is_prime(k):
        if k < 2:
            return False
        for d in range(2, int(math.sqrt(k)) + 1):
            if k % d == 0:
                return False
        return True

    count = 0
    candidate = 1
    while count < n:
        candidate += 1
        if is_prime(candidate):
            count += 1
    return candidate


def prime_factors(n):
    factors = []
    d = 2
    while n > 1:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    return factors


def divisors(n):
    """divisors(12) ➞ [1, 2, 3, 4, 6, 12]"""
    return [d for d in range(1, n + 1) if n % d == 0]


def gcd_of_list(nums):
    """gcd_of_list([12, 18, 24]) == 6"""
    g = 0
    for n in nums:
        g = math.gcd(g, n)
    return g


def to_roman(num):
    """to_roman(1994) -> 'MCMXCIV'"""
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
    for value, letters in table:
        while num >= value:
            out += letters
            num -= value
    return out


def digits_of(n):
    return [int(c) for c in str(n)]


def sum_of_multiples(limit):
    """sum_of_multiples(10) == 23"""
    return sum(i for i in range(limit) if i % 3 == 0 or i % 5 == 0)


def triangle_numbers(n):
    """triangle_numbers(5) -> [1, 3, 6, 10, 15]"""
    out = []
    t = 0
    for i in range(1, n + 1):
        t += i
        out.append(t)
    return out


def dot(a, b):
    """dot([1, 2, 3], [4, 5, 6]) ➞ 32"""
    return sum(x * y for x, y in zip(a, b))


def word_score(word):
    return sum(ord(c) - ord("a") + 1 for c in word.lower() if c.isalpha())


def best_word(words):
    """best_word(["hi", "zoo", "abc"]) -> 'zoo'"""
    best = ""
    for w in words:
        if word_score(w) > word_score(best):
            best = w
    return best


def matrix_add(a, b):
    """matrix_add([[1, 2]], [[3, 4]]) ➞ [[4, 6]]"""
    return [[x + y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def flatten_once(grid):
    """flatten_once([[1, 2], [3]]) == [1, 2, 3]"""
    out = []
    for row in grid:
        out.extend(row)
    return out


def inventory_value(stock, prices):
    value = 0.0
    for item, qty in stock.items():
        value += qty * prices.get(item, 0.0)
    return value


def letter_frequency(text):
    """letter_frequency("aab") ➞ [('a', 2), ('b', 1)]"""
    counts = Counter(c for c in text.lower() if c.isalpha())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def label_numbers(nums):
    """label_numbers([1, 2]) == ['1 is odd', '2 is even']"""
    out = []
    for n in nums:
        kind = "even" if n % 2 == 0 else "odd"
        out.append("%d is %s" % (n, kind))
    return out


def progress_bar(done, total_steps):
    """progress_bar(3, 10) -> '[###.......]'"""
    return "[" + "#" * done + "." * (total_steps - done) + "]"


def parse_pair(text):
    a, b = text.split(",")
    return int(a), int(b)


def parse_kv(text):
    """parse_kv("a=1;b=2") == {'a': '1', 'b': '2'}"""
    result = {}
    for part in text.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            result[k.strip()] = v.strip()
    return result


def validate_password(pw):
    """validate_password("abc") -> 'too short'"""
    if len(pw) < 8:
        return "too short"
    if not any(c.isdigit() for c in pw):
        return "needs a digit"
    if not any(c.isupper() for c in pw):
        return "needs an upper-case letter"
    return "ok"


def is_valid_email(s):
    """is_valid_email("me@site.org") ➞ True"""
    if s.count("@") != 1:
        return False
    user, domain = s.split("@")
    return len(user) > 0 and "." in domain


def vowel_ratio(word):
    if not word:
        return 0.0
    v = len([c for c in word if c in VOWELS])
    return v / len(word)


def count_types(items):
    n_str = 0
    n_other = 0
    for x in items:
        if isinstance(x, str):
            n_str += 1
        else:
            n_other += 1
    return n_str, n_other


def steps_to_target(start, target, step):
    if step <= 0:
        return -1
    n = 0
    while start < target:
        start += step
        n += 1
    return n


def max_gap(nums):
    s = sorted(nums)
    gap = 0
    for i in range(1, len(s)):
        gap = max(gap, s[i] - s[i - 1])
    return gap


def to_celsius(f):
    return round((f - 32) * 5 / 9, 1)


def char_positions(s, ch):
    return [i for i, c in enumerate(s) if c == ch]


def dedupe_sorted(nums):
    out = []
    for n in nums:
        if not out or out[-1] != n:
            out.append(n)
    return out


def alternate_case(s):
    result = ""
    for i, ch in enumerate(s):
        if i % 2 == 0:
            result += ch.upper()
        else:
            result += ch.lower()
    return result


def count_islands_row(row):
    count = 0
    inside = False
    for cell in row:
        if cell == 1 and not inside:
            count += 1
            inside = True
        elif cell == 0:
            inside = False
    return count


def running_average(nums):
    out = []
    s = 0
    for i, n in enumerate(nums):
        s += n
        out.append(s / (i + 1))
    return out


def weighted_mean(values, weights):
    total_w = sum(weights)
    if total_w == 0:
        return 0.0
    return sum(v * w for v, w in zip(values, weights)) / total_w


def title_words(text):
    return " ".join(w[0].upper() + w[1:].lower() if w else w for w in text.split(" "))


def key_with_max(d):
    best_key = None
    for k in d:
        if best_key is None or d[k] > d[best_key]:
            best_key = k
    return best_key


def count_matching(a, b):
    return sum(1 for x, y in zip(a, b) if x == y)


def hamming(a, b):
    if len(a) != len(b):
        return -1
    return sum(1 for x, y in zip(a, b) if x != y)


def min_index(nums):
    i = 0
    for j in range(1, len(nums)):
        if nums[j] < nums[i]:
            i = j
    return i


def sum_range(a, b):
    if a > b:
        a, b = b, a
    return sum(range(a, b + 1))


def word_wrap(text, width):
    lines = []
    current = ""
    for w in text.split():
        if current and len(current) + 1 + len(w) > width:
            lines.append(current)
            current = w
        elif current:
            current += " " + w
        else:
            current = w
    if current:
        lines.append(current)
    return lines


def replace_all(text, old, new):
    while old in text and old != new and old:
        text = text.replace(old, new)
        if new and old in new:
            break
    return text


def count_letters_digits(s):
    letters = digits = 0
    for c in s:
        if c.isalpha():
            letters += 1
        elif c.isdigit():
            digits += 1
    return {"letters": letters, "digits": digits}


def nearest_ten(n):
    return round(n / 10) * 10


def list_stats(nums):
    if not nums:
        return "empty list"
    return "min={} max={} sum={}".format(min(nums), max(nums), sum(nums))
