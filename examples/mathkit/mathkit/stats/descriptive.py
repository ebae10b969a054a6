"""Descriptive statistics without numpy."""

import math
from typing import Dict, List, Sequence


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean.

    >>> mean([1, 2, 3, 4])
    2.5
    >>> mean([])
    Traceback (most recent call last):
    ...
    ValueError: mean of empty data
    """
    if not values:
        raise ValueError("mean of empty data")
    return sum(values) / len(values)


def median(values: Sequence[float]) -> float:
    """Median; the average of the two middle values for even lengths.

    >>> median([3, 1, 2])
    2
    >>> median([4, 1, 3, 2])
    2.5
    """
    if not values:
        raise ValueError("median of empty data")
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def mode(values: List[int]) -> int:
    """Most common value; ties go to the smallest value.

    >>> mode([1, 2, 2, 3, 3])
    2
    >>> mode([7])
    7
    """
    counts: Dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    best = max(counts.values())
    return min(v for v, c in counts.items() if c == best)


def variance(values: Sequence[float], sample: bool = True) -> float:
    """Sample (default) or population variance.

    >>> variance([2, 4, 4, 4, 5, 5, 7, 9], sample=False)
    4.0
    >>> round(variance([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), 6)
    1.16875
    """
    n = len(values)
    if n < 2 and sample:
        raise ValueError("variance requires at least two data points")
    m = mean(values)
    ss = sum((x - m) ** 2 for x in values)
    return ss / (n - 1 if sample else n)


def stdev(values: Sequence[float], sample: bool = True) -> float:
    """Standard deviation.

    >>> stdev([2, 4, 4, 4, 5, 5, 7, 9], sample=False)
    2.0
    """
    return math.sqrt(variance(values, sample))


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear-interpolated percentile, pct in [0, 100].

    >>> percentile([15, 20, 35, 40, 50], 40)
    29.0
    >>> percentile([1, 2, 3, 4], 100)
    4.0
    """
    if not values:
        raise ValueError("percentile of empty data")
    if not 0 <= pct <= 100:
        raise ValueError("pct must be between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    lo = math.floor(rank)
    hi = math.ceil(rank)
    frac = rank - lo
    return ordered[lo] + (ordered[hi] - ordered[lo]) * frac


def zscores(values: List[float]) -> List[float]:
    """Standardise values (population stdev), rounded to 3 places.

    >>> zscores([2, 4, 4, 4, 5, 5, 7, 9])
    [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]
    """
    m = mean(values)
    s = stdev(values, sample=False)
    return [round((v - m) / s, 3) for v in values]
