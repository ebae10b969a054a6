"""A module that means something else by a name geom's class needs: not carried."""

from .geom import Rect

dataclass = 3


def rect_plus(w: float) -> float:
    return Rect(w, 2.0).area() + dataclass
