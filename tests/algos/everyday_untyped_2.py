"""A second set of small untyped everyday functions (written for this project, session 8).

Written as a probe of how the engine generalises to untyped code it was not tuned on: katas,
interview questions and utility helpers in several authors' styles, most with an example in
their docstring.
"""


def sum_of_squares(n):
    """sum_of_squares(4) == 30"""
    total = 0
    for i in range(1, n + 1):
        total += i * i
    return total


def largest_of_three(x, y, z):
    """largest_of_three(3, 19, 7) ➞ 19"""
    if x >= y and x >= z:
        return x
    elif y >= z:
        return y
    return z


def count_words(text):
    """count_words("the cat and the hat") -> {'the': 2, 'cat': 1, 'and': 1, 'hat': 1}"""
    result = {}
    for word in text.split():
        if word in result:
            result[word] += 1
        else:
            result[word] = 1
    return result


def initials(name):
    """initials("ada king lovelace") ➞ "A.K.L." """
    return "".join(part[0].upper() + "." for part in name.split())


def evens_only(numbers):
    """evens_only([1, 2, 3, 4, 5, 6]) ➞ [2, 4, 6]"""
    return [n for n in numbers if n % 2 == 0]


def mean(values):
    """mean([1, 2, 3, 4]) == 2.5"""
    if not values:
        return 0.0
    return sum(values) / len(values)


def celsius_to_fahrenheit(c):
    """celsius_to_fahrenheit(100) -> 212.0"""
    return c * 9 / 5 + 32


def is_palindrome(s):
    """is_palindrome("A man, a plan, a canal: Panama") ➞ True"""
    cleaned = [ch.lower() for ch in s if ch.isalnum()]
    return cleaned == cleaned[::-1]


def factorial(n):
    """factorial(5) ➞ 120"""
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def fib(n):
    """fib(10) == 55"""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


def lcm(a, b):
    """lcm(4, 6) ➞ 12"""
    if a == 0 or b == 0:
        return 0
    return abs(a * b) // gcd(a, b)


def title_case(sentence):
    words = sentence.lower().split(" ")
    return " ".join(w.capitalize() for w in words)


def remove_duplicates(items):
    """remove_duplicates([3, 1, 3, 2, 1]) ➞ [3, 1, 2]"""
    seen = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def longest_word(sentence):
    """longest_word("I love programming in rust") -> "programming" """
    words = sentence.split()
    if not words:
        return ""
    return max(words, key=len)


def sort_by_length(words):
    """sort_by_length(["ccc", "a", "bb"]) ➞ ["a", "bb", "ccc"]"""
    return sorted(words, key=len)


def sort_people_by_age(people):
    """sort_people_by_age([("bob", 30), ("amy", 25)]) ➞ [("amy", 25), ("bob", 30)]"""
    return sorted(people, key=lambda p: p[1])


def count_char(s, c):
    """count_char("banana", "a") == 3"""
    n = 0
    for ch in s:
        if ch == c:
            n += 1
    return n


def to_binary(n):
    """to_binary(10) ➞ "1010" """
    if n == 0:
        return "0"
    bits = ""
    while n > 0:
        bits = str(n % 2) + bits
        n //= 2
    return bits


def from_binary(bits):
    """from_binary("1010") ➞ 10"""
    value = 0
    for b in bits:
        value = value * 2 + int(b)
    return value


def parse_ints(line):
    """parse_ints("4 8 15 16 23 42") -> [4, 8, 15, 16, 23, 42]"""
    return [int(tok) for tok in line.split()]


def safe_int(text, default=0):
    """safe_int("12") == 12"""
    try:
        return int(text)
    except ValueError:
        return default


def sum_csv(line):
    """sum_csv("1,2,3") ➞ 6"""
    total = 0
    for part in line.split(","):
        part = part.strip()
        if part:
            total += int(part)
    return total


def find_index(items, target):
    """find_index([5, 3, 9], 9) ➞ 2"""
    for i, item in enumerate(items):
        if item == target:
            return i
    return -1


def first_negative(nums):
    """first_negative([3, 4, -2, 5]) ➞ -2"""
    for n in nums:
        if n < 0:
            return n
    return None


def pairwise_sums(a, b):
    """pairwise_sums([1, 2, 3], [10, 20, 30]) ➞ [11, 22, 33]"""
    return [x + y for x, y in zip(a, b)]


def min_max(nums):
    """min_max([4, 1, 9, 7]) ➞ (1, 9)"""
    return min(nums), max(nums)


def divide_with_remainder(a, b):
    """divide_with_remainder(17, 5) ➞ (3, 2)"""
    q, r = divmod(a, b)
    return q, r


def round_to(x, places=2):
    """round_to(3.14159) -> 3.14"""
    return round(x, places)


def distance(x1, y1, x2, y2):
    return ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5


def absolute_difference(nums):
    """absolute_difference([1, 5, 2]) ➞ [4, 3]"""
    return [abs(nums[i + 1] - nums[i]) for i in range(len(nums) - 1)]


def transpose(matrix):
    """transpose([[1, 2, 3], [4, 5, 6]]) ➞ [[1, 4], [2, 5], [3, 6]]"""
    if not matrix:
        return []
    rows = len(matrix)
    cols = len(matrix[0])
    return [[matrix[r][c] for r in range(rows)] for c in range(cols)]


def matrix_sum(grid):
    """matrix_sum([[1, 2], [3, 4]]) ➞ 10"""
    total = 0
    for row in grid:
        for value in row:
            total += value
    return total


def diagonal(grid):
    """diagonal([[1, 2], [3, 4]]) ➞ [1, 4]"""
    return [grid[i][i] for i in range(len(grid))]


def make_grid(rows, cols, fill=0):
    """make_grid(2, 3) ➞ [[0, 0, 0], [0, 0, 0]]"""
    return [[fill] * cols for _ in range(rows)]


def word_lengths(sentence):
    """word_lengths("hi there you") ➞ {'hi': 2, 'there': 5, 'you': 3}"""
    return {w: len(w) for w in sentence.split()}


def invert_dict(d):
    """invert_dict({'a': 1, 'b': 2}) ➞ {1: 'a', 2: 'b'}"""
    return {v: k for k, v in d.items()}


def most_common_letter(text):
    """most_common_letter("mississippi") ➞ "i" """
    counts = {}
    for ch in text:
        if ch.isalpha():
            counts[ch] = counts.get(ch, 0) + 1
    best = ""
    best_count = 0
    for ch, n in counts.items():
        if n > best_count:
            best = ch
            best_count = n
    return best


def common_elements(a, b):
    """common_elements([1, 2, 3, 4], [3, 4, 5]) ➞ [3, 4]"""
    return sorted(set(a) & set(b))


def unique_chars(s):
    return len(set(s)) == len(s)


def caesar(text, shift):
    """caesar("abc xyz", 3) ➞ "def abc" """
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def run_length(s):
    """run_length("aaabccdd") ➞ "a3b1c2d2" """
    if not s:
        return ""
    result = ""
    current = s[0]
    count = 1
    for ch in s[1:]:
        if ch == current:
            count += 1
        else:
            result += current + str(count)
            current = ch
            count = 1
    result += current + str(count)
    return result


def is_prime(n):
    """is_prime(29) ➞ True"""
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


def primes_up_to(n):
    """primes_up_to(20) ➞ [2, 3, 5, 7, 11, 13, 17, 19]"""
    return [k for k in range(2, n + 1) if is_prime(k)]


def digit_sum(n):
    """digit_sum(-472) -> 13"""
    return sum(int(d) for d in str(abs(n)))


def reverse_number(n):
    """reverse_number(1234) ➞ 4321"""
    sign = -1 if n < 0 else 1
    return sign * int(str(abs(n))[::-1])


def collatz_steps(n):
    """collatz_steps(6) ➞ 8"""
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def grade(score):
    """grade(85) ➞ "B" """
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"


def clamp(value, low, high):
    """clamp(15, 0, 10) == 10"""
    return max(low, min(value, high))


def percent(part, whole):
    """percent(1, 4) ➞ 25.0"""
    if whole == 0:
        return None
    return round(part / whole * 100, 1)


def bmi(weight, height):
    value = weight / (height * height)
    if value < 18.5:
        return "under"
    elif value < 25:
        return "normal"
    return "over"


def get_or_default(d, key):
    """get_or_default({'x': 3}, 'y') ➞ -1"""
    return d.get(key, -1)


def merge_counts(a, b):
    """merge_counts({'a': 1}, {'a': 2, 'b': 1}) ➞ {'a': 3, 'b': 1}"""
    merged = dict(a)
    for k, v in b.items():
        merged[k] = merged.get(k, 0) + v
    return merged


def group_by_length(words):
    """group_by_length(["a", "bb", "c"]) ➞ {1: ['a', 'c'], 2: ['bb']}"""
    groups = {}
    for w in words:
        groups.setdefault(len(w), []).append(w)
    return groups


def keys_with_value(d, value):
    """keys_with_value({'a': 1, 'b': 2, 'c': 1}, 1) ➞ ['a', 'c']"""
    return [k for k, v in d.items() if v == value]


def count_upper_lower(s):
    """count_upper_lower("Hello World") ➞ (2, 8)"""
    upper = lower = 0
    for ch in s:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    return upper, lower


def snake_to_camel(name):
    """snake_to_camel("hello_big_world") ➞ "helloBigWorld" """
    parts = name.split("_")
    return parts[0] + "".join(p.title() for p in parts[1:])


def camel_to_snake(name):
    """camel_to_snake("helloBigWorld") ➞ "hello_big_world" """
    out = ""
    for ch in name:
        if ch.isupper():
            out += "_" + ch.lower()
        else:
            out += ch
    return out


def pad_left(s, width, char=" "):
    """pad_left("42", 5, "0") ➞ "00042" """
    while len(s) < width:
        s = char + s
    return s


def repeat_string(s, n):
    return s * n


def acronym(phrase):
    """acronym("portable network graphics") ➞ "PNG" """
    return "".join(w[0] for w in phrase.split()).upper()


def vowel_positions(word):
    """vowel_positions("education") ➞ [0, 2, 4, 6, 7]"""
    return [i for i, ch in enumerate(word) if ch in "aeiouAEIOU"]


def second_smallest(nums):
    """second_smallest([5, 1, 4, 1, 2]) ➞ 2"""
    distinct = sorted(set(nums))
    if len(distinct) < 2:
        return None
    return distinct[1]


def moving_average(values, k):
    """moving_average([1, 2, 3, 4, 5], 2) ➞ [1.5, 2.5, 3.5, 4.5]"""
    result = []
    for i in range(len(values) - k + 1):
        window = values[i : i + k]
        result.append(sum(window) / k)
    return result


def cumulative_max(nums):
    """cumulative_max([1, 3, 2, 5, 4]) ➞ [1, 3, 3, 5, 5]"""
    out = []
    best = None
    for n in nums:
        if best is None or n > best:
            best = n
        out.append(best)
    return out


def rotate_left(items, k):
    """rotate_left([1, 2, 3, 4, 5], 2) ➞ [3, 4, 5, 1, 2]"""
    if not items:
        return items
    k = k % len(items)
    return items[k:] + items[:k]


def chunk_string(s, size):
    """chunk_string("abcdefg", 3) ➞ ["abc", "def", "g"]"""
    return [s[i : i + size] for i in range(0, len(s), size)]


def interleave(a, b):
    """interleave([1, 2, 3], [10, 20]) ➞ [1, 10, 2, 20, 3]"""
    out = []
    i = 0
    while i < len(a) or i < len(b):
        if i < len(a):
            out.append(a[i])
        if i < len(b):
            out.append(b[i])
        i += 1
    return out


def binary_search(sorted_items, target):
    """binary_search([1, 3, 5, 7, 9], 7) ➞ 3"""
    lo, hi = 0, len(sorted_items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if sorted_items[mid] == target:
            return mid
        if sorted_items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def bubble_sort(items):
    arr = list(items)
    n = len(arr)
    for i in range(n):
        for j in range(n - 1 - i):
            if arr[j] > arr[j + 1]:
                arr[j], arr[j + 1] = arr[j + 1], arr[j]
    return arr


def power_set_size(items):
    """power_set_size([1, 2, 3]) ➞ 8"""
    return 2 ** len(set(items))


def count_pairs_with_sum(nums, target):
    """count_pairs_with_sum([1, 5, 7, -1, 5], 6) ➞ 3"""
    count = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                count += 1
    return count


def two_sum(nums, target):
    """two_sum([2, 7, 11, 15], 9) ➞ (0, 1)"""
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return seen[target - n], i
        seen[n] = i
    return None


def anagrams(a, b):
    """anagrams("listen", "silent") ➞ True"""
    return sorted(a.replace(" ", "").lower()) == sorted(b.replace(" ", "").lower())


def letter_score(word):
    """letter_score("abc") ➞ 6"""
    return sum(ord(c) - 96 for c in word.lower() if c.isalpha())


def highest_scoring_word(sentence):
    """highest_scoring_word("man i need a taxi up to ubud") ➞ "taxi" """
    return max(sentence.split(), key=letter_score)


def format_duration(seconds):
    """format_duration(3725) ➞ "1:02:05" """
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def parse_time(text):
    """parse_time("01:30") ➞ 90"""
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def parse_key_values(text):
    """parse_key_values("a=1;b=2") ➞ {'a': 1, 'b': 2}"""
    result = {}
    for pair in text.split(";"):
        if "=" not in pair:
            continue
        key, value = pair.split("=", 1)
        result[key.strip()] = int(value)
    return result


def nested_sum(lists):
    total = 0
    for inner in lists:
        total += sum(inner)
    return total


def max_row(grid):
    """max_row([[1, 2], [5, 1], [0, 0]]) ➞ 1"""
    best_index = 0
    best_sum = sum(grid[0])
    for i, row in enumerate(grid):
        s = sum(row)
        if s > best_sum:
            best_sum = s
            best_index = i
    return best_index


def neighbours(grid, r, c):
    """neighbours([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 0, 0) ➞ 11"""
    total = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == 0 and dc == 0:
                continue
            rr, cc = r + dr, c + dc
            if 0 <= rr < len(grid) and 0 <= cc < len(grid[0]):
                total += grid[rr][cc]
    return total


def staircase(n):
    """staircase(3) ➞ ["  #", " ##", "###"]"""
    return [" " * (n - i) + "#" * i for i in range(1, n + 1)]


def triangle_type(a, b, c):
    """triangle_type(3, 3, 3) ➞ "equilateral" """
    if a + b <= c or a + c <= b or b + c <= a:
        return "invalid"
    if a == b == c:
        return "equilateral"
    if a == b or b == c or a == c:
        return "isosceles"
    return "scalene"


def leap_year(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(month, year):
    """days_in_month(2, 2024) ➞ 29"""
    if month == 2:
        return 29 if leap_year(year) else 28
    if month in (4, 6, 9, 11):
        return 30
    return 31


def count_positives_sum_negatives(arr):
    """count_positives_sum_negatives([1, 2, -3, -4]) ➞ [2, -7]"""
    if not arr:
        return []
    pos = len([x for x in arr if x > 0])
    neg = sum(x for x in arr if x < 0)
    return [pos, neg]


def hamming(a, b):
    """hamming("karolin", "kathrin") ➞ 3"""
    if len(a) != len(b):
        raise ValueError("lengths differ")
    return sum(1 for x, y in zip(a, b) if x != y)


def scale(values, factor):
    """scale([1.0, 2.5], 2) ➞ [2.0, 5.0]"""
    return [v * factor for v in values]


def normalize(values):
    """normalize([1, 2, 3]) -> [0.0, 0.5, 1.0]"""
    lo = min(values)
    hi = max(values)
    if hi == lo:
        return [0.0 for _ in values]
    return [(v - lo) / (hi - lo) for v in values]


def median(nums):
    """median([3, 1, 4, 2]) ➞ 2.5"""
    s = sorted(nums)
    n = len(s)
    mid = n // 2
    if n % 2 == 1:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def mode(nums):
    """mode([1, 2, 2, 3]) ➞ 2"""
    counts = {}
    for n in nums:
        counts[n] = counts.get(n, 0) + 1
    return max(counts, key=counts.get)


def word_frequencies_sorted(text):
    """word_frequencies_sorted("b a b c a b") ➞ [('b', 3), ('a', 2), ('c', 1)]"""
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def spell_digits(n):
    """spell_digits(305) ➞ "three zero five" """
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return " ".join(names[int(d)] for d in str(n))


def compress_spaces(s):
    return " ".join(s.split())


def balanced(brackets):
    """balanced("([]{})") ➞ True"""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in brackets:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack


def flatten_deep(nested):
    """flatten_deep([[1, [2, 3]], [4]]) ➞ [1, 2, 3, 4]"""
    out = []
    for item in nested:
        if isinstance(item, list):
            out.extend(flatten_deep(item))
        else:
            out.append(item)
    return out


def product(nums):
    """product([2, 3, 4]) ➞ 24"""
    result = 1
    for n in nums:
        result *= n
    return result


def product_except_self(nums):
    """product_except_self([1, 2, 3, 4]) ➞ [24, 12, 8, 6]"""
    return [product(nums[:i] + nums[i + 1 :]) for i in range(len(nums))]


def max_profit(prices):
    """max_profit([7, 1, 5, 3, 6, 4]) ➞ 5"""
    best = 0
    lowest = None
    for p in prices:
        if lowest is None or p < lowest:
            lowest = p
        elif p - lowest > best:
            best = p - lowest
    return best


def last_word_length(s):
    words = s.split()
    return len(words[-1]) if words else 0


def halve_until_odd(n):
    """halve_until_odd(48) ➞ 3"""
    if n == 0:
        return 0
    while n % 2 == 0:
        n //= 2
    return n


def average_word_length(sentence):
    """average_word_length("hi there") ➞ 3.5"""
    words = sentence.split()
    if len(words) == 0:
        return 0
    return sum(len(w) for w in words) / len(words)


def tally(votes):
    """tally(["yes", "no", "yes"]) ➞ ("yes", 2)"""
    counts = {}
    for v in votes:
        counts[v] = counts.get(v, 0) + 1
    winner = max(counts.items(), key=lambda kv: kv[1])
    return winner


# ---- a second author: terser, more builtins, more mixed returns ----


def is_perfect_square(n):
    """is_perfect_square(49) ➞ True"""
    if n < 0:
        return False
    root = int(n**0.5)
    return root * root == n


def divisors(n):
    """divisors(12) ➞ [1, 2, 3, 4, 6, 12]"""
    return [i for i in range(1, n + 1) if n % i == 0]


def is_perfect(n):
    return n > 1 and sum(divisors(n)) - n == n


def sort_letters(word):
    """sort_letters("hello") ➞ "ehllo" """
    return "".join(sorted(word))


def to_float_or_none(s):
    """to_float_or_none("3.5") ➞ 3.5"""
    try:
        return float(s)
    except ValueError:
        return None


def sum_floats(text):
    """sum_floats("1.5, 2.25, 3") ➞ 6.75"""
    return sum(float(x) for x in text.split(","))


def top_three(scores):
    """top_three({'ann': 5, 'bo': 9, 'cy': 7, 'di': 1}) ➞ ['bo', 'cy', 'ann']"""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    return [name for name, _ in ranked[:3]]


def zero_pad(n, width=3):
    """zero_pad(7) ➞ "007" """
    return str(n).zfill(width)


def money(x):
    """money(3.14159) ➞ "$3.14" """
    return "${:.2f}".format(x)


def describe(name, items):
    """describe("cart", [1, 2]) ➞ "cart has 2 items" """
    return "%s has %d items" % (name, len(items))


def numbered(lines):
    """numbered(["a", "b"]) ➞ ["1. a", "2. b"]"""
    return [f"{i}. {line}" for i, line in enumerate(lines, start=1)]


def all_even(nums):
    return all(n % 2 == 0 for n in nums)


def any_long(words, limit=5):
    """any_long(["hi", "wonderful"]) ➞ True"""
    return any(len(w) > limit for w in words)


def split_digits(n):
    """split_digits(4096) ➞ [4, 0, 9, 6]"""
    return list(map(int, str(n)))


def join_numbers(nums, sep="-"):
    """join_numbers([1, 2, 3]) ➞ "1-2-3" """
    return sep.join(map(str, nums))


def reverse_recursive(s):
    """reverse_recursive("abc") ➞ "cba" """
    if len(s) <= 1:
        return s
    return reverse_recursive(s[1:]) + s[0]


def sum_digits_recursive(n):
    if n < 10:
        return n
    return n % 10 + sum_digits_recursive(n // 10)


def power(base, exp):
    """power(2, 10) ➞ 1024"""
    if exp == 0:
        return 1
    half = power(base, exp // 2)
    if exp % 2 == 0:
        return half * half
    return half * half * base


def smallest_missing(nums):
    """smallest_missing([3, 4, -1, 1]) ➞ 2"""
    present = set(nums)
    k = 1
    while k in present:
        k += 1
    return k


def closest_to_zero(nums):
    """closest_to_zero([7, -2, 5, 2]) ➞ 2"""
    if not nums:
        return 0
    return min(nums, key=lambda n: (abs(n), -n))


def longest_run(nums):
    """longest_run([1, 1, 2, 2, 2, 3]) ➞ 3"""
    if not nums:
        return 0
    best = cur = 1
    for i in range(1, len(nums)):
        if nums[i] == nums[i - 1]:
            cur += 1
            best = max(best, cur)
        else:
            cur = 1
    return best


def queue_simulation(arrivals):
    """queue_simulation([3, 1, 2]) ➞ [3, 4, 6]"""
    waiting = list(arrivals)
    done = []
    clock = 0
    while waiting:
        clock += waiting.pop(0)
        done.append(clock)
    return done


def remove_all(items, value):
    """remove_all([1, 2, 1, 3], 1) ➞ [2, 3]"""
    result = items[:]
    while value in result:
        result.remove(value)
    return result


def insert_sorted(items, x):
    """insert_sorted([1, 3, 5], 4) ➞ [1, 3, 4, 5]"""
    out = list(items)
    for i, v in enumerate(out):
        if x < v:
            out.insert(i, x)
            return out
    out.append(x)
    return out


def spiral_order(matrix):
    """spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) ➞ [1, 2, 3, 6, 9, 8, 7, 4, 5]"""
    result = []
    top, bottom = 0, len(matrix) - 1
    left, right = 0, len(matrix[0]) - 1 if matrix else -1
    while top <= bottom and left <= right:
        for c in range(left, right + 1):
            result.append(matrix[top][c])
        top += 1
        for r in range(top, bottom + 1):
            result.append(matrix[r][right])
        right -= 1
        if top <= bottom:
            for c in range(right, left - 1, -1):
                result.append(matrix[bottom][c])
            bottom -= 1
        if left <= right:
            for r in range(bottom, top - 1, -1):
                result.append(matrix[r][left])
            left += 1
    return result


def identity(n):
    """identity(2) ➞ [[1, 0], [0, 1]]"""
    grid = [[0] * n for _ in range(n)]
    for i in range(n):
        grid[i][i] = 1
    return grid


def column(grid, j):
    return [row[j] for row in grid]


def count_islands_row(row):
    """count_islands_row("..##.#..###") ➞ 3"""
    count = 0
    inside = False
    for ch in row:
        if ch == "#" and not inside:
            count += 1
            inside = True
        elif ch != "#":
            inside = False
    return count


def parse_scores(text):
    """parse_scores("ann:3,bo:5") ➞ [('ann', 3), ('bo', 5)]"""
    pairs = []
    for item in text.split(","):
        name, score = item.split(":")
        pairs.append((name, int(score)))
    return pairs


def best_student(records):
    """best_student([("ann", 3.5), ("bo", 3.9)]) ➞ "bo" """
    best = None
    for name, gpa in records:
        if best is None or gpa > best[1]:
            best = (name, gpa)
    return best[0] if best else None


def histogram(nums):
    """histogram([1, 3]) ➞ "*\\n***" """
    return "\n".join("*" * n for n in nums)


def count_substring(s, sub):
    """count_substring("abababa", "aba") ➞ 3"""
    count = 0
    for i in range(len(s) - len(sub) + 1):
        if s[i : i + len(sub)] == sub:
            count += 1
    return count


def find_all(s, ch):
    """find_all("hello", "l") ➞ [2, 3]"""
    positions = []
    start = s.find(ch)
    while start != -1:
        positions.append(start)
        start = s.find(ch, start + 1)
    return positions


def is_numeric_string(s):
    return s.isdigit() and not s.startswith("0") or s == "0"


def mask(card):
    """mask("4556364607935616") ➞ "############5616" """
    return "#" * (len(card) - 4) + card[-4:]


def centered(word, width):
    """centered("hi", 6) ➞ "  hi  " """
    return word.center(width)


def dict_from_lists(keys, values):
    """dict_from_lists(["a", "b"], [1, 2]) ➞ {'a': 1, 'b': 2}"""
    return dict(zip(keys, values))


def append_to_groups(pairs):
    """append_to_groups([("x", 1), ("y", 2), ("x", 3)]) ➞ {'x': [1, 3], 'y': [2]}"""
    groups = {}
    for key, value in pairs:
        groups[key] = groups.get(key, []) + [value]
    return groups


def total_price(cart, prices):
    """total_price({'apple': 2, 'pear': 1}, {'apple': 0.5, 'pear': 0.75}) ➞ 1.75"""
    total = 0
    for item, qty in cart.items():
        total += prices.get(item, 0) * qty
    return total


def nearly_equal(a, b, tol=1e-9):
    return abs(a - b) <= tol


def hypotenuse(a, b):
    """hypotenuse(3, 4) ➞ 5.0"""
    return (a * a + b * b) ** 0.5


def round_half(x):
    """round_half(2.5) ➞ 2"""
    return round(x)


def steps_to_zero(n):
    """steps_to_zero(14) ➞ 6"""
    steps = 0
    while True:
        if n == 0:
            break
        if n % 2:
            n -= 1
        else:
            n //= 2
        steps += 1
    return steps


def swap_case_words(sentence):
    return " ".join(word.swapcase() for word in sentence.split())


def first_repeated(s):
    """first_repeated("abcdbea") ➞ "b" """
    seen = set()
    for ch in s:
        if ch in seen:
            return ch
        seen.add(ch)
    return None


def frequency_sort(s):
    """frequency_sort("tree") ➞ "eert" """
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    ordered = sorted(counts, key=lambda c: (-counts[c], c))
    return "".join(c * counts[c] for c in ordered)
