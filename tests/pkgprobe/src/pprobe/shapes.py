"""A class used by another module."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tile:
    w: int
    h: int

    def area(self) -> int:
        return self.w * self.h
