"""A top-level ``try`` of standard-library imports with ImportError handlers (the
compatibility idiom) binds the stdlib's names on this interpreter: its imports are the
module's (``units/tryimports.py``); other ``try`` blocks leave their names unknown."""

from __future__ import annotations

import textwrap

from pipeline.records import SourceFile
from pipeline.translate.rules.engine import RuleEngine
from pipeline.units.shard import shard_file

MODULE = """
try:
    from functools import lru_cache
except ImportError:
    from backports.functools_lru_cache import lru_cache
try:
    import os.path as osp, string
except (ImportError, ModuleNotFoundError):
    osp = None
try:
    from itertools import izip
except ImportError:
    izip = zip
try:
    import not_a_stdlib_module_xyz
except ImportError:
    pass
try:
    from math import gcd
except Exception:
    gcd = None
try:
    from math import sqrt
except ImportError:
    sqrt = None
else:
    pass


@lru_cache(maxsize=128)
def version_value(ver: str) -> tuple:
    return tuple(map(int, ver.split(".")))


def pairs(a: list[int], b: list[int]) -> list[tuple[int, int]]:
    return list(izip(a, b))
"""


def _units(text: str) -> dict:
    text = textwrap.dedent(text)
    return {u.qualname: u for u in shard_file(SourceFile("r", "m.py", len(text), "", text)).units}


def test_stdlib_imports_of_a_compatibility_try_are_the_modules() -> None:
    imports = _units(MODULE)["version_value"].imports
    assert "from functools import lru_cache" in imports
    assert "import os.path as osp, string" in imports
    joined = "\n".join(imports)
    for absent in ("backports", "izip", "not_a_stdlib_module_xyz", "gcd", "sqrt"):
        assert absent not in joined, imports


def test_the_decorator_it_binds_is_lru_cache() -> None:
    units = _units(MODULE)
    tr = RuleEngine().translate(units["version_value"])
    assert tr.ok, tr.reason
    tr = RuleEngine().translate(units["pairs"])
    assert not tr.ok and "izip" in tr.reason, tr.reason
