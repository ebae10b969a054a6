"""Small untyped everyday functions with examples in their docstrings (written for this project)."""


def count_vowels(word):
    """count_vowels("Celebration") ➞ 5"""
    return sum(1 for ch in word.lower() if ch in "aeiou")


def middle_of_three(a, b, c):
    """middle_of_three(7, 34, 12) == 12"""
    return sorted([a, b, c])[1]


def reverse_words(sentence):
    """reverse_words("the sky is blue") -> "blue is sky the" """
    return " ".join(reversed(sentence.split()))


def is_isogram(txt):
    """is_isogram("Algorism") ➞ True"""
    letters = txt.lower()
    return len(set(letters)) == len(letters)


def running_total(nums):
    """running_total([1, 2, 3]) ➞ [1, 3, 6]"""
    out = []
    total = 0
    for n in nums:
        total += n
        out.append(total)
    return out


def second_largest(nums):
    """second_largest([10, 40, 30, 20, 50]) ➞ 40"""
    uniq = sorted(set(nums))
    if len(uniq) < 2:
        return None
    return uniq[-2]


def char_histogram(s):
    """char_histogram("hello") ➞ {'h': 1, 'e': 1, 'l': 2, 'o': 1}"""
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def capitalize_each(s):
    """capitalize_each("hello world") ➞ "Hello World" """
    return " ".join(w[:1].upper() + w[1:] for w in s.split(" "))


def fizzbuzz(n):
    """fizzbuzz(15) ➞ "FizzBuzz" """
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)


def digital_root(n):
    """digital_root(493193) ➞ 2"""
    while n >= 10:
        n = sum(int(d) for d in str(n))
    return n


def flatten(lst):
    """flatten([[1, 2], [3], [4, 5]]) ➞ [1, 2, 3, 4, 5]"""
    return [x for sub in lst for x in sub]


def chunk(lst, size):
    """chunk([1, 2, 3, 4, 5], 2) ➞ [[1, 2], [3, 4], [5]]"""
    return [lst[i:i + size] for i in range(0, len(lst), size)]


def is_palindrome(s):
    """is_palindrome("A man, a plan, a canal: Panama") ➞ True"""
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]


def gcd(a, b):
    """gcd(48, 18) ➞ 6"""
    while b:
        a, b = b, a % b
    return abs(a)


def lcm_of(nums):
    """lcm_of([4, 6, 8]) ➞ 24"""
    result = 1
    for n in nums:
        result = result * n // gcd(result, n)
    return result


def rotate(lst, k):
    """rotate([1, 2, 3, 4, 5], 2) ➞ [4, 5, 1, 2, 3]"""
    if not lst:
        return lst
    k %= len(lst)
    return lst[-k:] + lst[:-k]


def word_lengths(sentence):
    """word_lengths("I love code") ➞ [1, 4, 4]"""
    return [len(w) for w in sentence.split()]


def max_profit(prices):
    """max_profit([7, 1, 5, 3, 6, 4]) ➞ 5"""
    best = 0
    lowest = float("inf")
    for p in prices:
        lowest = min(lowest, p)
        best = max(best, p - lowest)
    return best


def caesar(text, shift):
    """caesar("abc", 1) ➞ "bcd" """
    out = []
    for ch in text:
        if ch.isalpha() and ch.islower():
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        elif ch.isalpha():
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def mean(nums):
    """mean([1, 2, 3, 4]) ➞ 2.5"""
    return sum(nums) / len(nums)


def most_common_char(s):
    """most_common_char("abracadabra") ➞ "a" """
    best = ""
    best_count = 0
    for ch in s:
        c = s.count(ch)
        if c > best_count:
            best, best_count = ch, c
    return best


def binary_search(arr, target):
    """binary_search([1, 3, 5, 7], 5) ➞ 2"""
    lo, hi = 0, len(arr) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def merge_sorted(a, b):
    """merge_sorted([1, 4], [2, 3]) ➞ [1, 2, 3, 4]"""
    i = j = 0
    out = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    return out + a[i:] + b[j:]


def title_case(s, minor=None):
    """title_case("the lord of the rings") ➞ "The Lord Of The Rings" """
    minor = minor or []
    words = s.split()
    return " ".join(w if w in minor else w.capitalize() for w in words)


def pairs_summing_to(nums, target):
    """pairs_summing_to([1, 2, 3, 4], 5) ➞ [(1, 4), (2, 3)]"""
    seen = set()
    out = []
    for n in nums:
        if target - n in seen:
            out.append((target - n, n))
        seen.add(n)
    return sorted(out)


def to_binary(n):
    """to_binary(10) ➞ "1010" """
    return bin(n)[2:]


def count_words(text):
    """count_words("a b a") ➞ {'a': 2, 'b': 1}"""
    from collections import Counter
    return dict(Counter(text.split()))


def remove_duplicates(items):
    """remove_duplicates([1, 2, 1, 3]) ➞ [1, 2, 3]"""
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def is_prime(n):
    """is_prime(7) ➞ True"""
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


def primes_below(n):
    """primes_below(10) ➞ [2, 3, 5, 7]"""
    return [k for k in range(2, n) if is_prime(k)]


def transpose(matrix):
    """transpose([[1, 2], [3, 4]]) ➞ [[1, 3], [2, 4]]"""
    return [list(row) for row in zip(*matrix)]


def longest_word(sentence):
    """longest_word("a quick brown fox") ➞ "quick" """
    return max(sentence.split(), key=len)


def vowel_positions(word):
    """vowel_positions("apple") ➞ [0, 4]"""
    return [i for i, ch in enumerate(word) if ch in "aeiouAEIOU"]


def format_price(amount):
    """format_price(3.5) ➞ "$3.50" """
    return "${:.2f}".format(amount)


def sum_digits(n):
    """sum_digits(-123) ➞ 6"""
    return sum(int(d) for d in str(abs(n)))


def clamp(x, lo, hi):
    """clamp(15, 0, 10) ➞ 10"""
    return max(lo, min(x, hi))


def alternate_caps(s):
    """alternate_caps("hello") ➞ "HeLlO" """
    return "".join(c.upper() if i % 2 == 0 else c.lower() for i, c in enumerate(s))


def factorial(n):
    """factorial(5) ➞ 120"""
    return 1 if n <= 1 else n * factorial(n - 1)


def list_diff(a, b):
    """list_diff([1, 2, 3], [2]) ➞ [1, 3]"""
    return [x for x in a if x not in b]


def count_true(flags):
    """count_true([True, False, True]) ➞ 2"""
    return sum(1 for f in flags if f)


def acronym(phrase):
    """acronym("Portable Network Graphics") ➞ "PNG" """
    return "".join(w[0].upper() for w in phrase.split())


def index_of_max(values):
    """index_of_max([3, 9, 2]) ➞ 1"""
    return values.index(max(values))


def dict_invert(d):
    """dict_invert({"a": 1, "b": 2}) ➞ {1: "a", 2: "b"}"""
    return {v: k for k, v in d.items()}


def safe_div(a, b):
    """safe_div(6, 0) ➞ None"""
    try:
        return a / b
    except ZeroDivisionError:
        return None


def grade(score):
    """grade(85) ➞ "B" """
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    return "F"


def n_largest(nums, n):
    """n_largest([5, 1, 9, 3], 2) ➞ [9, 5]"""
    return sorted(nums, reverse=True)[:n]
