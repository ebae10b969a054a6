"""The package's own types."""

from dataclasses import dataclass
from typing import NamedTuple

SCALE = 10


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def shifted(self, dx: int) -> "Point":
        return Point(self.x + dx, self.y)


class Pair(NamedTuple):
    a: int
    b: int


@dataclass
class Rect:
    width: float
    height: float

    def area(self) -> float:
        return self.width * self.height


def total(p: Pair) -> int:
    return p.a + p.b


def bigger(p: Pair) -> int:
    return max(p.a, p.b)


class Segment:
    def __init__(self, start: Point, end: Point) -> None:
        self.start = start
        self.end = end

    def dx(self) -> int:
        return self.end.x - self.start.x
