"""units/modnames.py: module attributes read as bare names, and when they are not."""

from __future__ import annotations

from pipeline.units.modnames import rewrite

MODULES = frozenset({"pkg", "pkg.geom"})
FROM = {"geom": ("pkg", "geom"), "Pair": ("pkg.geom", "Pair")}


def _rw(src: str, bound: frozenset[str] = frozenset({"geom", "Pair"}), **kw: object):
    return rewrite(src, (), {"g": "pkg.geom", "pkg": "pkg"}, FROM, MODULES, bound, **kw)  # type: ignore[arg-type]


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
