"""Basic string manipulation using the str methods people reach for."""

from typing import List, Optional

VOWELS = "aeiouAEIOU"


def reverse_string(s: str) -> str:
    """Reverse with a slice.

    >>> reverse_string("hello")
    'olleh'
    >>> reverse_string("")
    ''
    """
    return s[::-1]


def reverse_words(sentence: str) -> str:
    """Reverse word order, collapsing whitespace.

    >>> reverse_words("  the sky   is blue ")
    'blue is sky the'
    """
    return " ".join(reversed(sentence.split()))


def count_vowels(s: str) -> int:
    """Number of vowels.

    >>> count_vowels("Hello World")
    3
    """
    return sum(1 for ch in s if ch in VOWELS)


def remove_vowels(s: str) -> str:
    """Drop vowels.

    >>> remove_vowels("Programming is fun")
    'Prgrmmng s fn'
    """
    return "".join(ch for ch in s if ch not in VOWELS)


def capitalize_words(s: str) -> str:
    """Capitalize the first letter of each space-separated word.

    >>> capitalize_words("hello wORLD from python")
    'Hello World From Python'
    """
    return " ".join(w.capitalize() for w in s.split(" "))


def is_palindrome(s: str) -> bool:
    """Exact palindrome check.

    >>> is_palindrome("racecar"), is_palindrome("Racecar")
    (True, False)
    """
    return s == s[::-1]


def count_char(s: str, ch: str) -> int:
    """Occurrences of a character with str.count.

    >>> count_char("banana", "a")
    3
    """
    return s.count(ch)


def char_frequency(s: str) -> dict[str, int]:
    """Character counts in first-seen order.

    >>> char_frequency("hello")
    {'h': 1, 'e': 1, 'l': 2, 'o': 1}
    """
    freq: dict[str, int] = {}
    for ch in s:
        freq[ch] = freq.get(ch, 0) + 1
    return freq


def first_non_repeating(s: str) -> Optional[str]:
    """First character that occurs exactly once.

    >>> first_non_repeating("swiss")
    'w'
    >>> first_non_repeating("aabb") is None
    True
    """
    counts = char_frequency(s)
    for ch in s:
        if counts[ch] == 1:
            return ch
    return None


def truncate(s: str, width: int, suffix: str = "...") -> str:
    """Truncate to width characters including the suffix.

    >>> truncate("The quick brown fox", 10)
    'The qui...'
    >>> truncate("short", 10)
    'short'
    """
    if len(s) <= width:
        return s
    return s[: width - len(suffix)] + suffix


def pad_left(s: str, width: int, fill: str = " ") -> str:
    """Right-justify.

    >>> pad_left("42", 5, "0")
    '00042'
    >>> pad_left("abc", 2)
    'abc'
    """
    return s.rjust(width, fill)


def zero_pad(n: int, width: int) -> str:
    """zfill keeps the sign in front.

    >>> zero_pad(42, 5), zero_pad(-42, 5)
    ('00042', '-0042')
    """
    return str(n).zfill(width)


def strip_chars(s: str) -> tuple[str, str, str]:
    """strip, lstrip and rstrip of whitespace.

    >>> strip_chars("  padded  ")
    ('padded', 'padded  ', '  padded')
    """
    return s.strip(), s.lstrip(), s.rstrip()


def remove_prefix_suffix(s: str, prefix: str, suffix: str) -> str:
    """Remove a prefix and a suffix if present (startswith/endswith).

    >>> remove_prefix_suffix("test_foo.py", "test_", ".py")
    'foo'
    >>> remove_prefix_suffix("foo.txt", "test_", ".py")
    'foo.txt'
    """
    if s.startswith(prefix):
        s = s[len(prefix):]
    if s.endswith(suffix):
        s = s[: len(s) - len(suffix)]
    return s


def replace_all(s: str, old: str, new: str) -> str:
    """str.replace wrapper.

    >>> replace_all("a-b-c", "-", "+")
    'a+b+c'
    """
    return s.replace(old, new)


def find_all(s: str, sub: str) -> List[int]:
    """All (possibly overlapping) start indices of sub, using str.find.

    >>> find_all("abababa", "aba")
    [0, 2, 4]
    >>> find_all("abc", "z")
    []
    """
    positions = []
    i = s.find(sub)
    while i != -1:
        positions.append(i)
        i = s.find(sub, i + 1)
    return positions


def index_or_minus_one(s: str, sub: str) -> int:
    """str.index, catching the ValueError.

    >>> index_or_minus_one("hello", "l"), index_or_minus_one("hello", "z")
    (2, -1)
    """
    try:
        return s.index(sub)
    except ValueError:
        return -1


def is_numeric_string(s: str) -> bool:
    """Digits only, at least one.

    >>> is_numeric_string("12345"), is_numeric_string("12a"), is_numeric_string("")
    (True, False, False)
    """
    return s.isdigit()


def only_letters(s: str) -> str:
    """Keep alphabetic characters.

    >>> only_letters("R2-D2 & C-3PO")
    'RDCPO'
    """
    return "".join(ch for ch in s if ch.isalpha())


def alternate_case(s: str) -> str:
    """Upper-case even positions, lower-case odd ones.

    >>> alternate_case("python")
    'PyThOn'
    """
    return "".join(ch.upper() if i % 2 == 0 else ch.lower() for i, ch in enumerate(s))


def repeat_string(s: str, times: int, sep: str = "") -> str:
    """Join `times` copies with sep.

    >>> repeat_string("ab", 3)
    'ababab'
    >>> repeat_string("x", 3, "-")
    'x-x-x'
    >>> repeat_string("x", 0)
    ''
    """
    return sep.join([s] * times)


def common_prefix(words: List[str]) -> str:
    """Longest common prefix.

    >>> common_prefix(["flower", "flow", "flight"])
    'fl'
    >>> common_prefix(["dog", "car"])
    ''
    >>> common_prefix([])
    ''
    """
    if not words:
        return ""
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def is_rotation(a: str, b: str) -> bool:
    """True if b is a rotation of a.

    >>> is_rotation("waterbottle", "erbottlewat"), is_rotation("abc", "acb")
    (True, False)
    """
    return len(a) == len(b) and b in a + a


def center_text(s: str, width: int) -> str:
    """Center with asterisks.

    >>> center_text("hi", 6)
    '**hi**'
    >>> center_text("odd", 6)
    '*odd**'
    """
    return s.center(width, "*")


def initials(full_name: str) -> str:
    """Upper-case initials with dots.

    >>> initials("ada king lovelace")
    'A.K.L.'
    """
    return "".join(part[0].upper() + "." for part in full_name.split())


def mask_string(s: str, visible: int = 4, mask: str = "#") -> str:
    """Mask all but the last `visible` characters.

    >>> mask_string("4556364607935616")
    '############5616'
    >>> mask_string("abc")
    'abc'
    """
    if len(s) <= visible:
        return s
    return mask * (len(s) - visible) + s[-visible:]


def lower_upper(s: str) -> List[str]:
    """lower(), upper(), title() and swapcase() side by side.

    >>> lower_upper("hELLo wOrld")
    ['hello world', 'HELLO WORLD', 'Hello World', 'HellO WoRLD']
    """
    return [s.lower(), s.upper(), s.title(), s.swapcase()]
