"""geom reached through module names: `from . import geom`, `import pkg.geom as g`,
`import pkg.geom` (then `pshapes.geom.f`)."""

import pshapes.geom
import pshapes.geom as g

from . import geom


def via_module(x: int) -> int:
    return geom.total(geom.Pair(x, 2 * x))


def via_alias(x: int, y: int) -> int:
    return g.Point(x, y).norm1() + g.SCALE


def via_path(x: int) -> int:
    return pshapes.geom.bigger(pshapes.geom.Pair(x, 3))


def shadowed(total: int) -> int:
    return geom.total(geom.Pair(total, 1))
