"""geom's types reached through the package's re-export and under a clashing name."""

from pshapes import Point

from .geom import Pair


def manhattan(x: int, y: int) -> int:
    return Point(x, y).norm1() + Point(y, x).norm1()


def flipped(p: Pair) -> Pair:
    return Pair(p.b, p.a)
