"""Sizes, formatted with the package's units."""

from pprobe import MAX_ITEMS
from pprobe.limits import DOUBLE_MAX, RATIO, UNITS
from pprobe.limits import _counter as counter

from .text import normalize


def human(n: int) -> str:
    i = 0
    x = float(n)
    while x >= 1024.0 and i < len(UNITS) - 1:
        x /= 1024.0
        i += 1
    return f"{x:.1f} {UNITS[i]}"


def scaled(n: int) -> float:
    return n * RATIO


def fits(n: int) -> bool:
    return 0 <= n <= MAX_ITEMS


def fits_double(n: int) -> bool:
    return n <= DOUBLE_MAX


def seen() -> int:
    return counter


def same(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)
