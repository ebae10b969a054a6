"""A module that was half-edited when someone committed it."""


def average(values: list[float]) -> float:
    """Mean of values.

    >>> average([1.0, 2.0, 3.0])
    2.0
    """
    return sum(values) / len(values)


def broken_loop(n: int) -> int
    total = 0
    for i in range(n:
        total += i
    return total
