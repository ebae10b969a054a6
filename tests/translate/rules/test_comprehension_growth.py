"""A comprehension over ``range`` grows its list item by item, as Python's does: an element
that raises part-way ends it before memory for every item is asked for. ``collect`` reserved
the range's whole length first, so ``[inv(i) for i in range(3_000_000_000)]`` aborted on the
harness's memory limit where Python raised ZeroDivisionError at ``i == 50`` (a mismatch that
was no wrong translation: pygorithm's golden-ratio sequence). Real rustc and verifier."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = '''
def inv(i: int) -> float:
    return 1.0 / (50 - i)


def table(n: int) -> list[float]:
    """>>> table(3)
    [0.02, 0.02040816326530612, 0.020833333333333332]
    >>> table(3_000_000_000)
    Traceback (most recent call last):
    ZeroDivisionError: float division by zero
    """
    return [inv(i) for i in range(n)]


def residues(n: int) -> set[int]:
    """>>> sorted(residues(10))
    [0, 1, 2, 4]
    """
    return {i * i % 7 for i in range(n)}
'''

GROWN = "crate::pyrt::grow::<Vec<f64>, _, _>((0..n).map(|i| inv(i)))"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("grow"), "grow.py", SOURCE)


def test_range_comprehensions_grow_item_by_item(compiled) -> None:
    assert GROWN in compiled_rust(compiled, "table")
    assert "crate::pyrt::grow::<std::collections::HashSet<i64>, _, _>(" in compiled_rust(
        compiled, "residues"
    )


def test_they_verify_even_where_the_range_is_huge(compiled) -> None:
    assert_verifies(compiled, "table", examples=12, min_inputs=2)
    assert_verifies(compiled, "residues", examples=12, min_inputs=5)


def test_reserving_the_whole_range_is_caught(compiled) -> None:
    reserved = "(0..n).map(|i| inv(i)).collect::<Vec<f64>>()"
    assert_change_caught(compiled, "table", GROWN, reserved, examples=12)
