"""``math.dist(p, q)`` of two 2-D points (``tuple[A, B]`` of ints and floats): CPython takes
each coordinate as a float and returns the hypot of the differences; other shapes are refused."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import assert_change_caught, assert_verifies, compile_module, make_unit

SOURCE = '''
import math
from typing import List, Tuple


def closest_pair(points: List[Tuple[int, int]]) -> float:
    """
    >>> closest_pair([(0, 0), (5, 5), (1, 1), (9, 0)])
    1.4142135623730951
    """
    best = float("inf")
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            d = math.dist(points[i], points[j])
            if d < best:
                best = d
    return best


def span(p: Tuple[float, float], q: Tuple[int, float]) -> float:
    """
    >>> span((0.5, 1.5), (3, -2.5))
    4.716990566028302
    """
    return math.dist(p, q)
'''


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("dist"), "dist.py", SOURCE)


@pytest.mark.parametrize("name", ["closest_pair", "span"])
def test_dist_of_points_verifies(done, name: str) -> None:
    assert_verifies(done, name, min_inputs=5)


def test_a_wrong_dist_is_caught(done) -> None:
    assert_change_caught(done, "span", "p1.1 as f64 - q1.1 as f64", "p1.1 as f64 + q1.1 as f64")


@pytest.mark.parametrize(
    "args", ["p: Tuple[int, int, int], q: Tuple[int, int, int]", "p: List[float], q: List[float]"]
)
def test_other_shapes_are_refused(args: str) -> None:
    tr = RuleEngine().translate(make_unit(f"def f({args}) -> float:\n    return math.dist(p, q)\n"))
    assert not tr.ok and "math.dist() with these arguments" in tr.reason, tr.reason
