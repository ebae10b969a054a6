"""A fifth set of small, mostly untyped everyday functions (written for this project, session 11).

Written blind, before any engine change for it, in the voices of many different people: beginners'
index loops and `while` counters, strings built with `+=`, helpers nested inside, early returns,
`None` for "not found", `try/except` around `int()`, tuple unpacking, `sorted(..., key=lambda ...)`,
`collections.Counter` / `defaultdict` / `deque`, `str` methods, grids as lists of lists, sets,
recursion, f-strings with format specs, `round`, `divmod`, `abs`, `min`/`max` with `key=`,
`any`/`all`, `zip`, `enumerate`. Some carry partial annotations; about two thirds have a docstring
example, in varied forms (`>>> f(3)`, `f(1, 2) == 3`, `f("ab") ➞ "ba"`, `f(3) -> 6`,
`e.g. f([1]) gives 1`, `Example: f(2) returns 4`).
"""

from collections import Counter, defaultdict, deque


def count_evens(numbers):
    """count_evens([1, 2, 4, 7]) == 2"""
    count = 0
    for i in range(len(numbers)):
        if numbers[i] % 2 == 0:
            count = count + 1
    return count


def reverse_text(text):
    """reverse_text("abc") ➞ "cba" """
    result = ""
    i = len(text) - 1
    while i >= 0:
        result += text[i]
        i -= 1
    return result


def sum_to(n):
    """sum_to(4) -> 10"""
    total = 0
    k = 1
    while k <= n:
        total += k
        k += 1
    return total


def first_even(numbers):
    """Return the first even number, or None if there is none.

    >>> first_even([3, 5, 8, 10])
    8
    """
    for n in numbers:
        if n % 2 == 0:
            return n
    return None


def to_int_or_zero(s):
    """to_int_or_zero("42") == 42"""
    try:
        return int(s)
    except ValueError:
        return 0


def swap_pair(pair):
    """swap_pair((1, 2)) -> (2, 1)"""
    a, b = pair
    return b, a


def sort_by_second(pairs):
    """sort_by_second([(1, 'b'), (2, 'a')]) == [(2, 'a'), (1, 'b')]"""
    return sorted(pairs, key=lambda p: p[1])


def letter_tally(word):
    """letter_tally("hello") == {'h': 1, 'e': 1, 'l': 2, 'o': 1}"""
    return dict(Counter(word))


def group_words_by_first(words):
    groups = defaultdict(list)
    for w in words:
        groups[w[0]].append(w)
    return dict(groups)


def last_k(items, k):
    """last_k([1, 2, 3, 4], 2) ➞ [3, 4]"""
    d = deque(maxlen=k)
    for x in items:
        d.append(x)
    return list(d)


def shout(s):
    """shout("hi there") -> 'HI THERE!'"""
    return s.upper() + "!"


def words_joined(words):
    """words_joined(["a", "b", "c"]) == 'a-b-c'"""
    return "-".join(words)


def strip_and_lower(s):
    return s.strip().lower()


def replace_spaces(s):
    """replace_spaces("a b c") ➞ "a_b_c" """
    return s.replace(" ", "_")


def where_is(haystack, needle):
    """where_is("banana", "nan") == 2"""
    return haystack.find(needle)


def count_letter(s, ch):
    """count_letter("mississippi", "s") -> 4"""
    return s.count(ch)


def starts_with_vowel(word):
    """starts_with_vowel("apple") == True"""
    return word.lower().startswith(("a", "e", "i", "o", "u"))


def grid_total(grid):
    """grid_total([[1, 2], [3, 4]]) == 10"""
    total = 0
    for row in grid:
        for cell in row:
            total += cell
    return total


def unique_count(items):
    """unique_count([1, 1, 2, 3, 3]) -> 3"""
    return len(set(items))


def sum_nested(lst):
    """Recursive sum of a list of lists of ints.

    >>> sum_nested([[1, 2], [3], []])
    6
    """
    if not lst:
        return 0
    return sum(lst[0]) + sum_nested(lst[1:])


def money_str(amount):
    """money_str(3.14159) == '$3.14'"""
    return f"${amount:.2f}"


def right_align(n):
    """right_align(42) == '   42'"""
    return f"{n:>5}"


def round_avg(nums):
    """round_avg([1, 2, 2]) -> 1.67"""
    return round(sum(nums) / len(nums), 2)


def minutes_seconds(total):
    """minutes_seconds(125) == (2, 5)"""
    m, s = divmod(total, 60)
    return m, s


def distance_1d(a, b):
    """distance_1d(3, -4) ➞ 7"""
    return abs(a - b)


def longest(words):
    """longest(["a", "abc", "ab"]) == 'abc'"""
    return max(words, key=len)


def shortest(words):
    return min(words, key=lambda w: len(w))


def has_negative(nums):
    """has_negative([1, -2, 3]) == True"""
    return any(n < 0 for n in nums)


def all_short(words):
    return all(len(w) < 5 for w in words)


def pairwise_products(a, b):
    """pairwise_products([1, 2], [3, 4]) == [3, 8]"""
    return [x * y for x, y in zip(a, b)]


def indexed(items):
    """indexed(["a", "b"]) == ['0:a', '1:b']"""
    out = []
    for i, item in enumerate(items):
        out.append(str(i) + ":" + item)
    return out


def is_even(n):
    return n % 2 == 0


def max_of_list(nums):
    """Beginner style max.

    >>> max_of_list([3, 9, 2])
    9
    """
    biggest = nums[0]
    for i in range(1, len(nums)):
        if nums[i] > biggest:
            biggest = nums[i]
    return biggest


def count_words_in(sentence):
    """count_words_in("the cat sat") -> 3"""
    return len(sentence.split())


def char_index_map(s):
    """char_index_map("abca") == {'a': 3, 'b': 1, 'c': 2}"""
    m = {}
    for i, c in enumerate(s):
        m[c] = i
    return m


def double_letters(s):
    """double_letters("abc") == 'aabbcc'"""
    out = ""
    for ch in s:
        out += ch * 2
    return out


def factorial_iter(n):
    """factorial_iter(5) == 120"""
    result = 1
    while n > 1:
        result *= n
        n -= 1
    return result


def fib_list(n):
    """fib_list(6) -> [0, 1, 1, 2, 3, 5]"""
    out = []
    a, b = 0, 1
    for _ in range(n):
        out.append(a)
        a, b = b, a + b
    return out


def sum_odd_indices(nums):
    """sum_odd_indices([10, 1, 10, 2]) == 3"""
    total = 0
    for i in range(1, len(nums), 2):
        total += nums[i]
    return total


def count_digits(n):
    """count_digits(12345) == 5"""
    n = abs(n)
    if n == 0:
        return 1
    c = 0
    while n > 0:
        n //= 10
        c += 1
    return c


def is_sorted_asc(nums):
    for i in range(len(nums) - 1):
        if nums[i] > nums[i + 1]:
            return False
    return True


def positions_of(items, target):
    """positions_of([1, 2, 1, 3], 1) == [0, 2]"""
    return [i for i, x in enumerate(items) if x == target]


def find_key(d, value):
    """Return the first key mapping to value, or None."""
    for k, v in d.items():
        if v == value:
            return k
    return None


def safe_average(nums):
    """safe_average([]) == 0.0"""
    if len(nums) == 0:
        return 0.0
    return sum(nums) / len(nums)


def parse_numbers(text):
    """parse_numbers("1, 2, x, 4") == [1, 2, 4]"""
    out = []
    for part in text.split(","):
        try:
            out.append(int(part.strip()))
        except ValueError:
            pass
    return out


def word_freq(text):
    """word_freq("a b a") == {'a': 2, 'b': 1}"""
    freq = {}
    for w in text.split():
        if w in freq:
            freq[w] += 1
        else:
            freq[w] = 1
    return freq


def word_freq_get(text):
    freq = {}
    for w in text.lower().split():
        freq[w] = freq.get(w, 0) + 1
    return freq


def top_word(text):
    """top_word("x y x z x") -> 'x'"""
    c = Counter(text.split())
    return c.most_common(1)[0][0]


def sort_by_length_desc(words):
    """sort_by_length_desc(["aa", "b", "ccc"]) == ['ccc', 'aa', 'b']"""
    return sorted(words, key=lambda w: -len(w))


def sort_scores_desc(scores):
    """Sort (name, score) pairs by score descending, then name."""
    return sorted(scores, key=lambda p: (-p[1], p[0]))


def bfs_order(graph, start):
    """bfs_order({1: [2, 3], 2: [4], 3: [], 4: []}, 1) == [1, 2, 3, 4]"""
    seen = {start}
    order = []
    q = deque([start])
    while q:
        node = q.popleft()
        order.append(node)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                q.append(nxt)
    return order


def neighbours_count(grid, r, c):
    count = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == 0 and dc == 0:
                continue
            rr, cc = r + dr, c + dc
            if 0 <= rr < len(grid) and 0 <= cc < len(grid[0]):
                count += grid[rr][cc]
    return count


def make_zeros(rows, cols):
    """make_zeros(2, 3) == [[0, 0, 0], [0, 0, 0]]"""
    return [[0] * cols for _ in range(rows)]


def column_of(grid, j):
    """column_of([[1, 2], [3, 4]], 1) == [2, 4]"""
    return [row[j] for row in grid]


def flip_rows(grid):
    return grid[::-1]


def shared_letters(a, b):
    """shared_letters("hello", "world") == {'l', 'o'}"""
    return set(a) & set(b)


def only_first(a, b):
    return sorted(set(a) - set(b))


def is_subset_of(a, b):
    """is_subset_of([1, 2], [1, 2, 3]) ➞ True"""
    return set(a) <= set(b)


def power_rec(base, exp):
    """power_rec(2, 10) == 1024"""
    if exp == 0:
        return 1
    return base * power_rec(base, exp - 1)


def count_down_list(n):
    """count_down_list(3) -> [3, 2, 1]"""
    if n <= 0:
        return []
    return [n] + count_down_list(n - 1)


def palindrome_rec(s):
    if len(s) < 2:
        return True
    if s[0] != s[-1]:
        return False
    return palindrome_rec(s[1:-1])


def percent_label(part, whole):
    """percent_label(1, 4) == '25.0%'"""
    return f"{part / whole * 100:.1f}%"


def table_row(name, qty):
    """table_row("pen", 3) == 'pen       |   3'"""
    return f"{name:<10}|{qty:>4}"


def zero_padded(n):
    """zero_padded(7) == '007'"""
    return f"{n:03d}"


def half_round(x):
    """half_round(2.5) -> 2"""
    return round(x)


def split_bill(total, people):
    """split_bill(100, 3) == 33.33"""
    return round(total / people, 2)


def hours_minutes(minutes):
    """hours_minutes(135) -> '2h 15m'"""
    h, m = divmod(minutes, 60)
    return f"{h}h {m}m"


def abs_diff_list(a, b):
    return [abs(x - y) for x, y in zip(a, b)]


def closest_to(nums, target):
    """closest_to([1, 5, 9], 6) == 5"""
    return min(nums, key=lambda n: abs(n - target))


def farthest_point(points):
    """farthest_point([(1, 1), (3, 4), (0, 2)]) == (3, 4)"""
    return max(points, key=lambda p: p[0] * p[0] + p[1] * p[1])


def all_unique(items):
    """all_unique([1, 2, 3]) == True"""
    return len(items) == len(set(items))


def any_divisible(nums, d):
    return any(n % d == 0 for n in nums)


def merge_names(first, last):
    """merge_names(["Ada", "Alan"], ["Lovelace", "Turing"]) == ['Ada Lovelace', 'Alan Turing']"""
    return [f + " " + l for f, l in zip(first, last)]


def numbered(items):
    """numbered(["x", "y"]) == ['1. x', '2. y']"""
    return [f"{i}. {item}" for i, item in enumerate(items, 1)]


def validate_age(text):
    """Return the age as an int, or None when it is not a number between 0 and 150.

    validate_age("42") == 42
    """
    try:
        age = int(text)
    except ValueError:
        return None
    if age < 0 or age > 150:
        return None
    return age


def digits_sum_str(s):
    """digits_sum_str("a1b2c3") == 6"""
    total = 0
    for ch in s:
        if ch.isdigit():
            total += int(ch)
    return total


def capital_count(s):
    return sum(1 for c in s if c.isupper())


def remove_vowels(s):
    """remove_vowels("education") ➞ "dctn" """
    out = ""
    for c in s:
        if c.lower() not in "aeiou":
            out += c
    return out


def every_second_char(s):
    """every_second_char("abcdef") -> 'ace'"""
    return s[::2]


def initials_of(name):
    """initials_of("grace brewster hopper") == 'G.B.H.'"""
    parts = name.split()
    result = ""
    for p in parts:
        result += p[0].upper() + "."
    return result


def is_leap(year):
    """is_leap(2000) == True"""
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    return year % 4 == 0


def season_of(month):
    """season_of(7) == 'summer'"""
    if month in (12, 1, 2):
        return "winter"
    elif month in (3, 4, 5):
        return "spring"
    elif month in (6, 7, 8):
        return "summer"
    return "autumn"


def bigger_half(nums):
    """bigger_half([1, 9, 3, 7]) == [9, 7]"""
    s = sorted(nums, reverse=True)
    return s[: len(s) // 2]


def running_max(nums):
    """running_max([1, 3, 2, 5]) -> [1, 3, 3, 5]"""
    out = []
    best = None
    for n in nums:
        if best is None or n > best:
            best = n
        out.append(best)
    return out


def count_runs(s):
    """count_runs("aaabbc") == 3"""
    if not s:
        return 0
    runs = 1
    for i in range(1, len(s)):
        if s[i] != s[i - 1]:
            runs += 1
    return runs


def encode_runs(s):
    """encode_runs("aaabcc") == 'a3b1c2'"""
    if s == "":
        return ""
    out = ""
    current = s[0]
    n = 0
    for ch in s:
        if ch == current:
            n += 1
        else:
            out += current + str(n)
            current = ch
            n = 1
    out += current + str(n)
    return out


def dedupe_keep_order(items):
    """dedupe_keep_order([3, 1, 3, 2, 1]) == [3, 1, 2]"""
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def chunks_of(lst, size):
    """chunks_of([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]"""
    return [lst[i : i + size] for i in range(0, len(lst), size)]


def pairs_adjacent(lst):
    return list(zip(lst, lst[1:]))


def steps_up(nums):
    """Count how many times a number is bigger than the one before.

    steps_up([1, 2, 2, 3, 1]) == 2
    """
    c = 0
    for a, b in zip(nums, nums[1:]):
        if b > a:
            c += 1
    return c


def triangle_rows(n):
    """triangle_rows(3) == ['*', '**', '***']"""
    rows = []
    for i in range(1, n + 1):
        rows.append("*" * i)
    return rows


def box(width, height):
    lines = []
    for r in range(height):
        if r == 0 or r == height - 1:
            lines.append("#" * width)
        else:
            lines.append("#" + " " * (width - 2) + "#")
    return "\n".join(lines)


def checkerboard(n):
    """checkerboard(2) == [[0, 1], [1, 0]]"""
    return [[(i + j) % 2 for j in range(n)] for i in range(n)]


def total_price(cart):
    """cart is a list of (name, price, quantity).

    total_price([("pen", 1.5, 2), ("book", 10.0, 1)]) == 13.0
    """
    total = 0.0
    for name, price, qty in cart:
        total += price * qty
    return total


def cheapest(prices):
    """cheapest({"a": 3, "b": 1, "c": 2}) -> 'b'"""
    return min(prices, key=prices.get)


def priciest(prices):
    return max(prices.items(), key=lambda kv: kv[1])[0]


def invert(d):
    """invert({"a": 1, "b": 2}) == {1: 'a', 2: 'b'}"""
    return {v: k for k, v in d.items()}


def filter_dict(d, minimum):
    """filter_dict({"a": 1, "b": 5}, 3) == {'b': 5}"""
    return {k: v for k, v in d.items() if v >= minimum}


def sum_values(d):
    return sum(d.values())


def sorted_keys(d):
    """sorted_keys({"b": 1, "a": 2}) == ['a', 'b']"""
    return sorted(d.keys())


def key_of_max(d):
    best_key = None
    best_val = None
    for k in d:
        if best_val is None or d[k] > best_val:
            best_key = k
            best_val = d[k]
    return best_key


def merge_dicts(a, b):
    """merge_dicts({"x": 1}, {"x": 2, "y": 3}) == {'x': 3, 'y': 3}"""
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def count_by_length(words):
    """count_by_length(["a", "bb", "cc"]) == {1: 1, 2: 2}"""
    counts = defaultdict(int)
    for w in words:
        counts[len(w)] += 1
    return dict(counts)


def mode_of(nums):
    """mode_of([1, 2, 2, 3]) == 2"""
    return Counter(nums).most_common(1)[0][0]


def letters_only_once(s):
    """letters_only_once("aabcdd") == ['b', 'c']"""
    c = Counter(s)
    return [ch for ch in s if c[ch] == 1]


def is_anagram_of(a, b):
    """is_anagram_of("listen", "silent") ➞ True"""
    return Counter(a) == Counter(b)


def rotate_queue(items, k):
    """rotate_queue([1, 2, 3, 4], 1) == [4, 1, 2, 3]"""
    d = deque(items)
    d.rotate(k)
    return list(d)


def sliding_sums(nums, k):
    """sliding_sums([1, 2, 3, 4], 2) == [3, 5, 7]"""
    out = []
    window = 0
    for i, n in enumerate(nums):
        window += n
        if i >= k:
            window -= nums[i - k]
        if i >= k - 1:
            out.append(window)
    return out


def binary_search_index(nums, target):
    """Return the index of target in sorted nums, or -1.

    >>> binary_search_index([1, 3, 5, 7], 5)
    2
    """
    lo = 0
    hi = len(nums) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        elif nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def insertion_sort(nums):
    """insertion_sort([3, 1, 2]) == [1, 2, 3]"""
    a = list(nums)
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a


def selection_sort(nums):
    a = nums[:]
    n = len(a)
    for i in range(n):
        m = i
        for j in range(i + 1, n):
            if a[j] < a[m]:
                m = j
        a[i], a[m] = a[m], a[i]
    return a


def gcd_loop(a, b):
    """gcd_loop(48, 18) -> 6"""
    while b:
        a, b = b, a % b
    return a


def prime_check(n):
    """prime_check(29) == True"""
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


def primes_list(limit):
    """primes_list(20) == [2, 3, 5, 7, 11, 13, 17, 19]"""

    def is_p(k):
        if k < 2:
            return False
        for d in range(2, int(k**0.5) + 1):
            if k % d == 0:
                return False
        return True

    return [k for k in range(limit) if is_p(k)]


def sum_of_evens_squared(nums):
    def square(x):
        return x * x

    total = 0
    for n in nums:
        if n % 2 == 0:
            total += square(n)
    return total


def clean_and_split(text):
    """clean_and_split("  Hello,  World  ") == ['hello,', 'world']"""

    def clean(w):
        return w.strip().lower()

    return [clean(w) for w in text.split() if clean(w)]


def digits_reversed(n):
    """digits_reversed(1234) == 4321"""
    rev = 0
    while n > 0:
        rev = rev * 10 + n % 10
        n = n // 10
    return rev


def sum_of_digits_rec(n):
    if n < 10:
        return n
    return n % 10 + sum_of_digits_rec(n // 10)


def collatz_len(n):
    """collatz_len(6) -> 9"""
    steps = 1
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def triangle_kind(a, b, c):
    """triangle_kind(3, 3, 3) == 'equilateral'"""
    if a + b <= c or a + c <= b or b + c <= a:
        return "invalid"
    if a == b == c:
        return "equilateral"
    if a == b or b == c or a == c:
        return "isosceles"
    return "scalene"


def grade_for(score):
    """grade_for(85) ➞ 'B'"""
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"


def fahrenheit(c):
    """fahrenheit(100) == 212.0"""
    return c * 9 / 5 + 32


def celsius(f):
    return round((f - 32) * 5 / 9, 1)


def bmi_category(weight, height):
    """bmi_category(70, 1.75) == 'normal'"""
    bmi = weight / (height * height)
    if bmi < 18.5:
        return "under"
    elif bmi < 25:
        return "normal"
    else:
        return "over"


def interest(principal, rate, years):
    """interest(1000, 0.05, 2) -> 1102.5"""
    amount = principal
    for _ in range(years):
        amount = amount * (1 + rate)
    return round(amount, 2)


def title_words(s):
    """title_words("the quick fox") == 'The Quick Fox'"""
    return " ".join(w.capitalize() for w in s.split())


def snake_case(s):
    """snake_case("Hello World Again") == 'hello_world_again'"""
    return "_".join(s.lower().split())


def kebab_to_camel(s):
    """kebab_to_camel("my-var-name") == 'myVarName'"""
    parts = s.split("-")
    return parts[0] + "".join(p.title() for p in parts[1:])


def count_sentences(text):
    n = 0
    for ch in text:
        if ch in ".!?":
            n += 1
    return n


def longest_common_prefix(words):
    """longest_common_prefix(["flower", "flow", "flight"]) == 'fl'"""
    if not words:
        return ""
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def find_missing(nums):
    """find_missing([1, 2, 4, 5]) -> 3"""
    n = len(nums) + 1
    return n * (n + 1) // 2 - sum(nums)


def first_duplicate(items):
    """Return the first item seen twice, or None.

    first_duplicate([2, 5, 1, 5, 2]) == 5
    """
    seen = set()
    for x in items:
        if x in seen:
            return x
        seen.add(x)
    return None


def two_sum_indices(nums, target):
    """two_sum_indices([2, 7, 11, 15], 9) == (0, 1)"""
    where = {}
    for i, n in enumerate(nums):
        if target - n in where:
            return where[target - n], i
        where[n] = i
    return None


def count_pairs(nums, target):
    c = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                c += 1
    return c


def flatten_grid(grid):
    """flatten_grid([[1, 2], [3]]) == [1, 2, 3]"""
    return [x for row in grid for x in row]


def transpose_grid(grid):
    """transpose_grid([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]"""
    return [list(col) for col in zip(*grid)]


def grid_to_text(grid):
    """grid_to_text([[1, 2], [3, 4]]) == '1 2\\n3 4'"""
    return "\n".join(" ".join(str(x) for x in row) for row in grid)


def row_max(grid):
    return [max(row) for row in grid]


def diag_sum(m):
    """diag_sum([[1, 2], [3, 4]]) == 5"""
    s = 0
    for i in range(len(m)):
        s += m[i][i]
    return s


def count_char_in_grid(grid, ch):
    total = 0
    for row in grid:
        total += row.count(ch)
    return total


def parse_kv_pairs(text):
    """parse_kv_pairs("a=1;b=2") == {'a': '1', 'b': '2'}"""
    out = {}
    for part in text.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def parse_point(s):
    """parse_point("3,4") == (3, 4)"""
    x, y = s.split(",")
    return int(x), int(y)


def sum_from_string(s):
    """sum_from_string("1 2 3") -> 6"""
    return sum(int(p) for p in s.split())


def average_from_csv(line):
    values = [float(v) for v in line.split(",")]
    return sum(values) / len(values)


def safe_index(items, value):
    """safe_index([4, 5, 6], 5) == 1"""
    try:
        return items.index(value)
    except ValueError:
        return -1


def div_or_none(a, b):
    """div_or_none(6, 3) == 2.0"""
    if b == 0:
        return None
    return a / b


def stock_left(stock, orders):
    """stock_left({"apple": 5}, [("apple", 2)]) == {'apple': 3}"""
    left = dict(stock)
    for item, qty in orders:
        left[item] = left.get(item, 0) - qty
    return left


def bank_balance(transactions):
    """Deposits are positive, withdrawals negative; a withdrawal that would overdraw is skipped.

    bank_balance([100, -30, -100, 20]) == 90
    """
    balance = 0
    for t in transactions:
        if balance + t < 0:
            continue
        balance += t
    return balance


def label_temp(t):
    if t < 0:
        return "freezing"
    if t < 15:
        return "cold"
    if t < 25:
        return "mild"
    return "hot"


def labels(temps):
    """labels([-5, 20]) == ['freezing', 'mild']"""
    return [label_temp(t) for t in temps]


def progress(done, total):
    """progress(3, 10) == '[###-------] 30%'"""
    filled = done * 10 // total
    return "[" + "#" * filled + "-" * (10 - filled) + "] " + str(done * 100 // total) + "%"


def clamp_all(nums, lo, hi):
    """clamp_all([-5, 5, 15], 0, 10) == [0, 5, 10]"""
    return [max(lo, min(hi, n)) for n in nums]


def sign_of(n):
    """sign_of(-3) == -1"""
    if n > 0:
        return 1
    elif n < 0:
        return -1
    return 0


def nth_smallest(nums, n):
    return sorted(nums)[n - 1]


def median_of(nums):
    """median_of([3, 1, 4, 2]) == 2.5"""
    s = sorted(nums)
    mid = len(s) // 2
    if len(s) % 2 == 1:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def variance(nums):
    m = sum(nums) / len(nums)
    return sum((x - m) ** 2 for x in nums) / len(nums)


def normalise(nums):
    """normalise([1, 3]) == [0.25, 0.75]"""
    total = sum(nums)
    return [n / total for n in nums]


def scale_to_100(nums):
    top = max(nums)
    return [round(n * 100 / top) for n in nums]


def count_in_range(nums, lo, hi):
    """count_in_range([1, 5, 10, 15], 5, 10) == 2"""
    return len([n for n in nums if lo <= n <= hi])


def squares_up_to(n):
    """squares_up_to(4) -> {1: 1, 2: 4, 3: 9, 4: 16}"""
    return {i: i * i for i in range(1, n + 1)}


def cubes(nums):
    return [n**3 for n in nums]


def evens_and_odds(nums):
    """evens_and_odds([1, 2, 3, 4]) == ([2, 4], [1, 3])"""
    evens = []
    odds = []
    for n in nums:
        if n % 2 == 0:
            evens.append(n)
        else:
            odds.append(n)
    return evens, odds


def min_and_max(nums):
    """min_and_max([3, 1, 2]) == (1, 3)"""
    lo = hi = nums[0]
    for n in nums:
        if n < lo:
            lo = n
        if n > hi:
            hi = n
    return lo, hi


def letter_shift(s, k):
    """letter_shift("abz", 1) == 'bca'"""
    out = ""
    for ch in s:
        if "a" <= ch <= "z":
            out += chr((ord(ch) - ord("a") + k) % 26 + ord("a"))
        else:
            out += ch
    return out


def word_lengths_dict(sentence):
    """word_lengths_dict("hi there") == {'hi': 2, 'there': 5}"""
    return {w: len(w) for w in sentence.split()}


def longest_word_len(sentence):
    return max(len(w) for w in sentence.split())


def count_long_words(sentence, n):
    count = 0
    for w in sentence.split():
        if len(w) > n:
            count += 1
    return count


def vowel_count_each(words):
    """vowel_count_each(["tree", "sky"]) == [2, 0]"""
    return [sum(1 for c in w if c in "aeiou") for w in words]


def unique_words_sorted(text):
    """unique_words_sorted("b a b c") == ['a', 'b', 'c']"""
    return sorted(set(text.split()))


def reverse_each_word(s):
    """reverse_each_word("hello world") ➞ "olleh dlrow" """
    return " ".join(w[::-1] for w in s.split())


def is_palindrome_phrase(s):
    """is_palindrome_phrase("A man a plan a canal Panama") == True"""
    cleaned = "".join(c.lower() for c in s if c.isalnum())
    return cleaned == cleaned[::-1]


def mirror(s):
    return s + s[::-1]


def center_text(s, width):
    """center_text("hi", 6) == '  hi  '"""
    return s.center(width)


def pad_right(s, n, fill):
    return s + fill * (n - len(s))


def truncate(s, n):
    """truncate("hello world", 5) == 'hello...'"""
    if len(s) <= n:
        return s
    return s[:n] + "..."


def count_overlapping(s, sub):
    """count_overlapping("aaaa", "aa") == 3"""
    c = 0
    for i in range(len(s) - len(sub) + 1):
        if s[i : i + len(sub)] == sub:
            c += 1
    return c


def first_unique_char(s):
    """first_unique_char("swiss") == 'w'"""
    counts = Counter(s)
    for ch in s:
        if counts[ch] == 1:
            return ch
    return None


def stack_balanced(s):
    """stack_balanced("([]{})") == True"""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return len(stack) == 0


def eval_rpn(tokens):
    """eval_rpn(["2", "3", "+", "4", "*"]) == 20"""
    stack = []
    for t in tokens:
        if t in ("+", "-", "*"):
            b = stack.pop()
            a = stack.pop()
            if t == "+":
                stack.append(a + b)
            elif t == "-":
                stack.append(a - b)
            else:
                stack.append(a * b)
        else:
            stack.append(int(t))
    return stack[-1]


def hot_potato(names, k):
    """hot_potato(["a", "b", "c", "d"], 2) == 'a'"""
    q = deque(names)
    while len(q) > 1:
        for _ in range(k):
            q.append(q.popleft())
        q.popleft()
    return q[0]


def recent_unique(events, n):
    d = deque()
    for e in events:
        if e in d:
            d.remove(e)
        d.append(e)
        if len(d) > n:
            d.popleft()
    return list(d)


def tally_votes(votes):
    """tally_votes(["a", "b", "a"]) == [('a', 2), ('b', 1)]"""
    return Counter(votes).most_common()


def winner(votes):
    c = Counter(votes)
    best = max(c.values())
    return sorted(k for k, v in c.items() if v == best)[0]


def index_words(words):
    """index_words(["apple", "avocado", "bean"]) == {'a': ['apple', 'avocado'], 'b': ['bean']}"""
    idx = {}
    for w in words:
        idx.setdefault(w[0], []).append(w)
    return idx


def histogram_text(counts):
    """histogram_text([3, 1]) == ['***', '*']"""
    return ["*" * c for c in counts]


def stars_report(d):
    lines = []
    for name, n in sorted(d.items()):
        lines.append(f"{name}: {'*' * n}")
    return lines


def receipt_line(item, price):
    """receipt_line("tea", 2.5) == 'tea.........2.50'"""
    return item + "." * (12 - len(item)) + f"{price:.2f}"


def format_seconds(seconds):
    """format_seconds(3725) == '01:02:05'"""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


def round_to_nearest(x, step):
    """round_to_nearest(17, 5) == 15"""
    return round(x / step) * step


def ceil_div(a, b):
    """ceil_div(7, 2) == 4"""
    return -(-a // b)


def average_grade(grades: dict):
    return sum(grades.values()) / len(grades)


def passed(students: list, mark=50):
    """passed([("ann", 70), ("bob", 40)]) == ['ann']"""
    return [name for name, score in students if score >= mark]


def count_matches(a: str, b: str):
    n = 0
    for x, y in zip(a, b):
        if x == y:
            n += 1
    return n


def hamming_dist(a, b) -> int:
    """hamming_dist("karolin", "kathrin") == 3"""
    return sum(1 for x, y in zip(a, b) if x != y)


def add_vat(price: float, rate=0.2):
    """add_vat(10.0) == 12.0"""
    return round(price * (1 + rate), 2)


def repeat_each(items, times: int):
    """repeat_each([1, 2], 2) == [1, 1, 2, 2]"""
    out = []
    for x in items:
        for _ in range(times):
            out.append(x)
    return out


def triplets(n):
    """Pythagorean triples with c <= n.

    triplets(10) == [(3, 4, 5), (6, 8, 10)]
    """
    out = []
    for a in range(1, n + 1):
        for b in range(a, n + 1):
            for c in range(b, n + 1):
                if a * a + b * b == c * c:
                    out.append((a, b, c))
    return out


def digit_list(n):
    """digit_list(907) == [9, 0, 7]"""
    return [int(d) for d in str(n)]


def armstrong(n):
    """armstrong(153) == True"""
    digits = str(n)
    k = len(digits)
    return sum(int(d) ** k for d in digits) == n


def happy_number(n):
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1


def to_base(n, base):
    """to_base(10, 2) == '1010'"""
    if n == 0:
        return "0"
    digits = ""
    while n > 0:
        digits = str(n % base) + digits
        n //= base
    return digits


def from_roman(s):
    """from_roman("XIV") == 14"""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i in range(len(s)):
        v = values[s[i]]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def make_change(amount, coins):
    """Greedy change: make_change(63, [25, 10, 5, 1]) == [25, 25, 10, 1, 1, 1]"""
    out = []
    for c in sorted(coins, reverse=True):
        while amount >= c:
            amount -= c
            out.append(c)
    return out


def count_coins_ways(amount, coins):
    ways = [0] * (amount + 1)
    ways[0] = 1
    for c in coins:
        for a in range(c, amount + 1):
            ways[a] += ways[a - c]
    return ways[amount]


def climb_stairs(n):
    """climb_stairs(5) -> 8"""
    a, b = 1, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def max_subarray_sum(nums):
    best = nums[0]
    cur = 0
    for n in nums:
        cur = max(n, cur + n)
        best = max(best, cur)
    return best


def longest_increasing_run(nums):
    """longest_increasing_run([1, 2, 0, 3, 4, 5]) == 4"""
    if not nums:
        return 0
    best = cur = 1
    for i in range(1, len(nums)):
        if nums[i] > nums[i - 1]:
            cur += 1
            best = max(best, cur)
        else:
            cur = 1
    return best


def merge_intervals(intervals):
    """merge_intervals([(1, 3), (2, 6), (8, 10)]) == [(1, 6), (8, 10)]"""
    result = []
    for start, end in sorted(intervals):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def zip_lists_to_dict(keys, values):
    """zip_lists_to_dict(["a", "b"], [1, 2]) == {'a': 1, 'b': 2}"""
    return dict(zip(keys, values))


def pairs_to_dict(pairs):
    d = {}
    for k, v in pairs:
        d[k] = v
    return d


def count_true_flags(flags):
    """count_true_flags([True, False, True]) == 2"""
    return sum(1 for f in flags if f)


def toggle_all(flags):
    return [not f for f in flags]


def describe_number(n):
    """describe_number(7) == '7 is odd and positive'"""
    parity = "even" if n % 2 == 0 else "odd"
    if n > 0:
        sign = "positive"
    elif n < 0:
        sign = "negative"
    else:
        sign = "zero"
    return f"{n} is {parity} and {sign}"


def greeting(name, hour):
    """greeting("Sam", 9) == 'Good morning, Sam'"""
    if hour < 12:
        part = "morning"
    elif hour < 18:
        part = "afternoon"
    else:
        part = "evening"
    return "Good " + part + ", " + name


def password_strength(pw):
    """password_strength("abc") == 'weak'"""
    score = 0
    if len(pw) >= 8:
        score += 1
    if any(c.isdigit() for c in pw):
        score += 1
    if any(c.isupper() for c in pw):
        score += 1
    if score == 3:
        return "strong"
    if score == 2:
        return "medium"
    return "weak"


def mask_email(email):
    """mask_email("john@example.com") == 'j***@example.com'"""
    at = email.find("@")
    if at < 1:
        return email
    return email[0] + "***" + email[at:]


def domain_of(email):
    """domain_of("a@b.org") -> 'b.org'"""
    return email.split("@")[-1]


def file_extension(name):
    """file_extension("report.final.pdf") == 'pdf'"""
    if "." not in name:
        return ""
    return name.rsplit(".", 1)[1]


def count_lines(text):
    return len(text.splitlines())


def longest_line(text):
    """longest_line("a\\nabc\\nab") == 'abc'"""
    best = ""
    for line in text.split("\n"):
        if len(line) > len(best):
            best = line
    return best


def join_with_and(items):
    """join_with_and(["a", "b", "c"]) == 'a, b and c'"""
    if len(items) == 0:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def lowest_scorer(scores):
    """scores: dict of name to list of points.

    lowest_scorer({"a": [1, 2], "b": [0, 1]}) == 'b'
    """
    return min(scores, key=lambda name: sum(scores[name]))


def sum_columns(grid):
    totals = [0] * len(grid[0])
    for row in grid:
        for j, v in enumerate(row):
            totals[j] += v
    return totals


def find_in_grid(grid, target):
    """find_in_grid([[1, 2], [3, 4]], 3) == (1, 0)"""
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v == target:
                return (i, j)
    return None


def path_sum_min(grid):
    rows = len(grid)
    cols = len(grid[0])
    best = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        for j in range(cols):
            if i == 0 and j == 0:
                best[i][j] = grid[i][j]
            elif i == 0:
                best[i][j] = best[i][j - 1] + grid[i][j]
            elif j == 0:
                best[i][j] = best[i - 1][j] + grid[i][j]
            else:
                best[i][j] = min(best[i - 1][j], best[i][j - 1]) + grid[i][j]
    return best[-1][-1]


def count_islands(grid):
    """grid of 0/1 ints; 4-connected islands of 1s.

    >>> count_islands([[1, 1, 0], [0, 0, 1], [1, 0, 1]])
    3
    """
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = set()

    def fill(r, c):
        stack = [(r, c)]
        while stack:
            a, b = stack.pop()
            if (a, b) in seen:
                continue
            seen.add((a, b))
            for da, db in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                x, y = a + da, b + db
                if 0 <= x < rows and 0 <= y < cols and grid[x][y] == 1:
                    stack.append((x, y))

    n = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1 and (r, c) not in seen:
                fill(r, c)
                n += 1
    return n


def sum_until_negative(nums):
    """e.g. sum_until_negative([1, 2, -1, 5]) gives 3"""
    total = 0
    for n in nums:
        if n < 0:
            break
        total += n
    return total


def double_until(n, limit):
    """Example: double_until(3, 50) returns 96"""
    while n <= limit:
        n *= 2
    return n


def count_vowels_upper(s):
    """Example: count_vowels_upper("HEllo") returns 2"""
    return len([c for c in s.lower() if c in "aeiou"])


def alternating_sum(nums):
    """e.g. alternating_sum([5, 3, 2]) gives 4"""
    total = 0
    for i, n in enumerate(nums):
        if i % 2 == 0:
            total += n
        else:
            total -= n
    return total
