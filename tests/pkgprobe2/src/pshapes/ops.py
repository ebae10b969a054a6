"""Functions of another module taking and building geom's types."""

from .geom import Pair, Point, Rect, Segment, total


def dist(p: Point, q: Point) -> int:
    return abs(p.x - q.x) + abs(p.y - q.y)


def origin_norm(x: int, y: int) -> int:
    return Point(x, y).norm1()


def make_pair(x: int) -> int:
    return Pair(x, x + 1).b


def pair_total(x: int, y: int) -> int:
    return total(Pair(x, y)) * 2


def right(p: Point, dx: int) -> int:
    return p.shifted(dx).x


def rect_area(w: float, h: float) -> float:
    return Rect(w, h).area() + 1.0


def widest(rects: list[Rect]) -> float:
    best = 0.0
    for b in rects:
        if b.width > best:
            best = b.width
    return best


def seg_width(s: Segment) -> int:
    return abs(s.dx())
