"""Text helpers reading the package's constants."""

from . import limits
from .limits import MIN_LEN, PREFIX, SEPARATOR, VOWELS, clip, is_short


def normalize(s: str) -> str:
    return s.strip().lower()


def join_words(words: list[str]) -> str:
    return SEPARATOR.join(words)


def count_vowels(s: str) -> int:
    return sum(1 for ch in s.lower() if ch in VOWELS)


def long_enough(s: str) -> bool:
    return len(s) >= MIN_LEN


def tag(s: str) -> str:
    return PREFIX + s


def clipped_len(s: str) -> int:
    return clip(len(s))


def short_words(words: list[str]) -> list[str]:
    return [w for w in words if is_short(w)]


def width() -> int:
    return limits.DEFAULTS["width"]


def max_items() -> int:
    return limits.MAX_ITEMS
