"""What is not carried: a module meaning something else by a name geom's class needs, and a
class whose values hold another geom class this module does not import."""

from .geom import Rect, Segment

dataclass = 3


def rect_plus(w: float) -> float:
    return Rect(w, 2.0).area() + dataclass


def seg_dx(s: Segment) -> int:
    return s.dx() * 2
