"""units/modnames.py: module attributes read as bare names, and when they are not."""

from __future__ import annotations

from pipeline.records import Unit
from pipeline.units import crossconst
from pipeline.units.modnames import rewrite
from tests.units.test_crossconst import sharded

MODULES = frozenset({"pkg", "pkg.geom"})
FROM = {"geom": ("pkg", "geom"), "Pair": ("pkg.geom", "Pair")}


def _rw(src: str, bound: frozenset[str] = frozenset({"geom", "Pair"}), **kw: object):
    table = crossconst.ModuleConstants(
        "pkg.ops",
        {},
        FROM,
        bound,
        aliases={"g": "pkg.geom", "pkg": "pkg"},
        imported=frozenset({"pkg", "pkg.geom"}),
    )
    return rewrite(src, (), table, MODULES, **kw)  # type: ignore[arg-type]


def test_three_spellings_read_as_bare_names() -> None:
    src = "def f(x):\n    return geom.total(g.Pair(x, 1)) + pkg.geom.LIMIT\n"
    got = _rw(src)
    assert got is not None
    assert got.source == "def f(x):\n    return total(Pair(x, 1)) + LIMIT\n"
    assert got.names == {
        "LIMIT": ("pkg.geom", "LIMIT"),
        "Pair": ("pkg.geom", "Pair"),  # the module's own Pair is that very class
        "total": ("pkg.geom", "total"),
    }


def test_names_meaning_something_else_stay_attributes() -> None:
    # a parameter, a local, a builtin, a name the module binds otherwise
    assert _rw("def f(total):\n    return geom.total(total)\n") is None
    got = _rw(
        "def f(x):\n    y = geom.max(x)\n    return geom.other(y) + geom.h(x)\n", frozenset({"h"})
    )
    assert got is not None and set(got.names) == {"other"}
    assert _rw("def f(x):\n    total = 1\n    return geom.total(x)\n") is None


def test_module_state_or_module_values_leave_the_unit_alone() -> None:
    assert _rw("def f(x):\n    geom.LIMIT = x\n    return geom.total(x)\n") is None
    assert _rw("def f(x):\n    return getattr(geom, 'total')(x) + geom.total(x)\n") is None
    assert _rw("def f(x):\n    g.table[0] = x\n    return g.total(x)\n") is None


def test_keep_and_a_submodule_is_no_attribute() -> None:
    src = "def f(x):\n    return pkg.geom.a(x) + pkg.geom.b(x)\n"
    got = _rw(src, keep=frozenset({"a"}))
    assert got is not None and got.source == "def f(x):\n    return a(x) + pkg.geom.b(x)\n"


GEOM = "LIMIT = 5\n\n\ndef total(x: int) -> int:\n    return x + LIMIT\n"
OPS = (
    "import mpkg\n\nfrom . import geom\n\n\n"
    "def f(x: int) -> int:\n    return geom.total(x) + mpkg.geom.LIMIT\n"
)


def _carried(init: str) -> Unit:
    files = {
        "src/mpkg/__init__.py": ("mpkg", init),
        "src/mpkg/geom.py": ("mpkg.geom", GEOM),
        "src/mpkg/ops.py": ("mpkg.ops", OPS),
    }
    units, tables = sharded(files)
    return next(u for u in crossconst.carry(units, tables) if u.qualname == "f")


def test_carried_through_module_names() -> None:
    unit = _carried("from . import geom\n")
    assert [f.qualname for f in unit.foreign] == ["total"]
    assert ("LIMIT", "LIMIT = 5\n") in unit.constants
    assert "return total(x) + LIMIT" in unit.source


def test_a_package_binding_the_module_name_otherwise_is_no_module() -> None:
    # `from . import geom` and `mpkg.geom` are the package's geom = 3, not the module
    unit = _carried("geom = 3\n")
    assert not unit.foreign and "geom.total(x)" in unit.source
    # the package unknown (not in the partition): nothing is assumed either
    units, tables = sharded(
        {"src/mpkg/geom.py": ("mpkg.geom", GEOM), "src/mpkg/ops.py": ("mpkg.ops", OPS)}
    )
    unit = next(u for u in crossconst.carry(units, tables) if u.qualname == "f")
    assert not unit.foreign and "geom.total(x)" in unit.source
    # import mpkg alone: mpkg.geom is the module only if something imported it
    only = OPS.replace("from . import geom\n", "").replace("geom.total(x) + ", "")
    units, tables = sharded(
        {
            "src/mpkg/__init__.py": ("mpkg", ""),
            "src/mpkg/geom.py": ("mpkg.geom", GEOM),
            "src/mpkg/ops.py": ("mpkg.ops", only),
        }
    )
    unit = next(u for u in crossconst.carry(units, tables) if u.qualname == "f")
    assert "mpkg.geom.LIMIT" in unit.source and not unit.constants
