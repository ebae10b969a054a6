"""Constants shared by the package."""

MAX_ITEMS = 64
MIN_LEN = 2
SEPARATOR = ", "
VOWELS = frozenset({"a", "e", "i", "o", "u"})
RATIO = 0.75
DOUBLE_MAX = MAX_ITEMS * 2
UNITS = ("B", "KB", "MB", "GB")
PREFIX = "pp-"
DEFAULTS = {"width": 80}  # mutable: not carried
_counter = 0
_counter += 1


def clip(n: int) -> int:
    return max(0, min(MAX_ITEMS, n))


def is_short(s: str) -> bool:
    return len(s) < MIN_LEN
