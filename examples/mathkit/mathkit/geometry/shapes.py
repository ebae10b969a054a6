"""Areas, distances and friends for points given as (x, y) tuples."""

import math
from typing import List, Tuple

Point = Tuple[float, float]


def distance(p: Point, q: Point) -> float:
    """Euclidean distance between two points.

    >>> distance((0, 0), (3, 4))
    5.0
    >>> distance((1.5, -2.0), (1.5, -2.0))
    0.0
    """
    return math.hypot(q[0] - p[0], q[1] - p[1])


def circle_area(radius: float) -> float:
    """Area of a circle.

    >>> round(circle_area(2.0), 4)
    12.5664
    >>> circle_area(-1)
    Traceback (most recent call last):
    ...
    ValueError: radius must be non-negative
    """
    if radius < 0:
        raise ValueError("radius must be non-negative")
    return math.pi * radius ** 2


def triangle_area(a: float, b: float, c: float) -> float:
    """Heron's formula from three side lengths.

    >>> triangle_area(3, 4, 5)
    6.0
    >>> triangle_area(1, 1, 3)
    Traceback (most recent call last):
    ...
    ValueError: sides do not form a triangle
    """
    if a + b <= c or a + c <= b or b + c <= a:
        raise ValueError("sides do not form a triangle")
    s = (a + b + c) / 2
    return math.sqrt(s * (s - a) * (s - b) * (s - c))


def polygon_area(vertices: List[Point]) -> float:
    """Shoelace formula; vertices in order, result is unsigned.

    >>> polygon_area([(0, 0), (4, 0), (4, 3), (0, 3)])
    12.0
    >>> polygon_area([(0, 0), (1, 1)])
    0.0
    """
    n = len(vertices)
    if n < 3:
        return 0.0
    twice = 0.0
    for i in range(n):
        x1, y1 = vertices[i]
        x2, y2 = vertices[(i + 1) % n]
        twice += x1 * y2 - x2 * y1
    return abs(twice) / 2


def centroid(points: List[Point]) -> Point:
    """Average of a set of points.

    >>> centroid([(0, 0), (2, 0), (2, 2), (0, 2)])
    (1.0, 1.0)
    """
    if not points:
        raise ValueError("no points")
    xs = sum(p[0] for p in points)
    ys = sum(p[1] for p in points)
    return (xs / len(points), ys / len(points))


def rotate(p: Point, degrees: float) -> Point:
    """Rotate a point about the origin, rounding to 9 decimals.

    >>> rotate((1.0, 0.0), 90)
    (0.0, 1.0)
    >>> rotate((1.0, 1.0), 180)
    (-1.0, -1.0)
    """
    theta = math.radians(degrees)
    c, s = math.cos(theta), math.sin(theta)
    x = p[0] * c - p[1] * s
    y = p[0] * s + p[1] * c
    return (round(x, 9) + 0.0, round(y, 9) + 0.0)


def is_collinear(a: Point, b: Point, c: Point, eps: float = 1e-9) -> bool:
    """True if three points lie on one line.

    >>> is_collinear((0, 0), (1, 1), (2, 2))
    True
    >>> is_collinear((0, 0), (1, 1), (2, 2.5))
    False
    """
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return abs(cross) < eps
