"""A module constant an import rebinds: its value at call time is the imported one."""

MIN_LEN = 7
from .limits import MIN_LEN  # noqa: E402, F811


def min_len_plus(x: int) -> int:
    return x + MIN_LEN
