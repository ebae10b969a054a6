"""Literal calls of imported functions, as the sharder exports them (units/outcalls.py)."""

from __future__ import annotations

import ast

from pipeline.records import SourceFile
from pipeline.units import callsites, outcalls
from pipeline.units.shard import shard_file

MODULE = '''
"""
>>> helpers.norm([3, 4])
5.0
"""
import math
import os.path
import pkg.util
import pkg.other as o
from .. import top
from . import util
from .util import scale, clip as cut
from pkg.rebound import gone


def gone():
    return 0


def run(xs: list[int]) -> int:
    scale(xs, 2)
    return scale([1, 2], 3)


cut(5, lo=0, hi=9)
util.scale([], -1)
pkg.util.scale((1,), 0)
o.f("x")
top.g(None)
math.sqrt(2.0)
os.path.join("a", "b")
gone(1)
scale([1, 2], 3)
'''


def export(text: str, path: str = "pkg/sub/mod.py") -> tuple[outcalls.OutCall, ...]:
    return shard_file(SourceFile("r", path, len(text), "0", text)).outgoing


def test_bindings_resolve_relative_and_absolute_imports() -> None:
    tree = ast.parse(MODULE)
    names = outcalls.bindings(tree, "pkg.sub.mod", is_package=False)
    assert names == {
        "pkg": "pkg",
        "o": "pkg.other",
        "top": "pkg.top",
        "util": "pkg.sub.util",
        "scale": "pkg.sub.util.scale",
        "cut": "pkg.sub.util.clip",
    }
    # in a package's __init__, "." is the package itself
    init = outcalls.bindings(ast.parse("from .util import scale"), "pkg.sub", is_package=True)
    assert init == {"scale": "pkg.sub.util.scale"}
    # above the repository's top: nothing
    assert outcalls.bindings(ast.parse("from ... import x"), "pkg.mod", False) == {}


def test_only_literal_calls_through_imported_names_are_exported_once() -> None:
    assert export(MODULE) == (
        ("pkg.sub.util", "scale", "scale([1, 2], 3)"),
        ("pkg.sub.util", "scale", "scale([], -1)"),
        ("pkg.sub.util", "clip", "cut(5, lo=0, hi=9)".replace("cut", "clip")),
        ("pkg.util", "scale", "scale((1,), 0)"),
        ("pkg.other", "f", "f('x')"),
        ("pkg.top", "g", "g(None)"),
    )


def test_a_packages_init_exports_its_reexports() -> None:
    text = "from .core import scale\nfrom . import util\nimport os\nfrom .x import g as h\n"
    got = shard_file(SourceFile("r", "pkg/__init__.py", len(text), "0", text)).aliases
    assert got == (("pkg", "h", "pkg.x.g"), ("pkg", "scale", "pkg.core.scale"))
    assert shard_file(SourceFile("r", "pkg/m.py", len(text), "0", text)).aliases == ()


def test_calls_of_the_module_itself_and_overlong_ones_are_left_out() -> None:
    assert export("from pkg.sub import mod\nmod.f(1)\n", "pkg/sub/mod.py") == ()
    long = "[" + ", ".join(["1"] * 300) + "]"
    assert export(f"from pkg.a import f\nf({long})\nf(2)\n") == (("pkg.a", "f", "f(2)"),)


def test_doctest_calls_count_and_callees_are_capped() -> None:
    calls = "".join(f"f({i})\n" for i in range(40))
    got = export(f'"""\n>>> f(-1)\n"""\nfrom pkg.a import f\n{calls}')
    assert len(got) == callsites.MAX_CALLS and got[0] == ("pkg.a", "f", "f(0)")
    assert export('"""\n>>> f(-1)\n"""\nfrom pkg.a import f\n') == (("pkg.a", "f", "f(-1)"),)
