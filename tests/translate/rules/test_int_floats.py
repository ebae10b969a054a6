"""``float("inf")`` sentinels given ints (analysis/intfloats.py): a float local that later
holds ints, and ``min``/``max`` mixing ints and floats, are f64s equal to the ints (converted
exactly or not at all); they may only be compared, converted with ``int()``, given to
``min``/``max`` or returned as a float, since their text and arithmetic differ from Python's."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import assert_change_caught, assert_verifies, compile_module, make_unit

SOURCE = '''
from typing import List


def max_subarray(values: List[int]) -> int:
    """
    >>> max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4])
    6
    """
    best = float("-inf")
    running = 0
    for v in values:
        running = max(v, running + v)
        best = max(best, running)
    return int(best)


def spread(values: List[int]) -> int:
    """
    >>> spread([3, -2, 8, 0])
    10
    """
    low = float("inf")
    high = float("-inf")
    for v in values:
        if v < low:
            low = v
        if v > high:
            high = v
    return int(high) - int(low)


def smallest_or_inf(values: List[int]) -> float:
    """
    >>> smallest_or_inf([4, 2, 9])
    2
    >>> smallest_or_inf([])
    inf
    """
    low = float("inf")
    for v in values:
        low = min(low, v)
    return low


def first_above(values: List[int], limit: int) -> int:
    """
    >>> first_above([1, 5, 9], 4)
    5
    """
    found = float("inf")
    for v in values:
        if v > limit and v < found:
            found = v
    if found == float("inf"):
        return -1
    return int(found)
'''


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("intfloats"), "sentinels.py", SOURCE)


@pytest.mark.parametrize("name", ["max_subarray", "spread", "smallest_or_inf", "first_above"])
def test_sentinel_loops_verify(done, name: str) -> None:
    assert_verifies(done, name, min_inputs=5)


def test_ints_are_stored_exactly(done) -> None:
    tr = next(t for u, t in done.items if u.qualname == "spread")
    assert "low = crate::pyrt::exact_float(v);" in tr.rust
    tr = next(t for u, t in done.items if u.qualname == "max_subarray")
    assert "crate::pyrt::exact_float(running)" in tr.rust


def test_a_wrong_sentinel_translation_is_caught(done) -> None:
    assert_change_caught(
        done,
        "spread",
        "low = crate::pyrt::exact_float(v);",
        "low = crate::pyrt::exact_float(v + 1);",
    )


def translate(body: str, returns: str = "int"):  # a Translation
    source = (
        f"def f(values: List[int]) -> {returns}:\n"
        '    low = float("inf")\n'
        "    for v in values:\n"
        "        if v < low:\n"
        "            low = v\n" + body
    )
    return RuleEngine().translate(make_unit(source))


@pytest.mark.parametrize(
    ("body", "returns", "why"),
    [
        ("    print(low)\n    return 0\n", "int", "variable low holds ints and floats"),
        ("    return int(low + 1)\n", "int", "variable low holds ints and floats"),
        ("    return low\n", "int", "return expects int, got float"),
        ("    return len(str(low))\n", "int", "variable low holds ints and floats"),
        ("    x = low\n    return int(x)\n", "int", "variable low holds ints and floats"),
    ],
)
def test_other_uses_are_refused(body: str, returns: str, why: str) -> None:
    tr = translate(body, returns)
    assert not tr.ok and why in tr.reason, tr.reason


def test_a_mixed_min_max_used_otherwise_is_refused() -> None:
    tr = RuleEngine().translate(
        make_unit("def f(a: float, n: int) -> str:\n    return str(max(a, n))\n")
    )
    assert not tr.ok and "max() of ints and floats keeps the type" in tr.reason, tr.reason


def test_big_ints_refuse_the_mixed_min_max() -> None:
    tr = RuleEngine("big").translate(
        make_unit("def f(a: float, n: int) -> int:\n    return int(max(a, n))\n")
    )
    assert not tr.ok and "with big ints" in tr.reason, tr.reason
