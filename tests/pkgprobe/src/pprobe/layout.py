"""Functions taking and making another module's class."""

from .limits import MAX_ITEMS
from .shapes import Tile


def total_area(boxes: list[Tile]) -> int:
    return sum(b.area() for b in boxes)


def square(n: int) -> Tile:
    return Tile(n, n)


def too_big(b: Tile) -> bool:
    return b.area() > MAX_ITEMS
