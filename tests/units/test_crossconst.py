"""Constants of another module carried into the units that read them (units/crossconst.py):
what is carried, what never is, and the rule engine's Rust for a carried one."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from pipeline.records import SourceFile, Unit
from pipeline.translate.rules.engine import RuleEngine
from pipeline.units import crossconst
from pipeline.units.shard import shard_file

BASE = """\
LIMIT = 100
NAME: str = "hi "
PAIR = (1, -2)
ALL = frozenset({"a", "b"})
WIDE = LIMIT * 2
ITEMS = [1, 2]
COUNT = 1
COUNT += 1
LEVEL = 3
SENTINEL = object()
if LIMIT:
    FLAG = True


def set_level(n: int) -> None:
    global LEVEL
    LEVEL = n
"""

INIT = "from .base import LIMIT\n"

USE = """\
LOCAL = 7
from .base import LOCAL
from .base import NAME as N, PAIR, ALL, WIDE, ITEMS, COUNT, LEVEL, SENTINEL, FLAG
from qpkg import LIMIT


def over(x: int) -> bool:
    return x > LIMIT


def greet(s: str) -> str:
    return N + s


def first(x: int) -> int:
    return x + PAIR[0]


def known(s: str) -> bool:
    return s in ALL


def wide(x: int) -> int:
    return x + WIDE


def local(x: int) -> int:
    return x + LOCAL


def items(x: int) -> bool:
    return x in ITEMS


def count(x: int) -> int:
    return x + COUNT


def level(x: int) -> int:
    return x * LEVEL


def sentinel(x: int) -> bool:
    return x is SENTINEL


def flag(x: int) -> bool:
    return FLAG and x > 0
"""


def source(path: str, module: str, text: str) -> SourceFile:
    return SourceFile(
        repo="r",
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        size=len(text),
        module=module,
    )


def sharded(files: dict[str, tuple[str, str]]) -> tuple[list[Unit], dict]:
    units: list[Unit] = []
    tables: dict[str, crossconst.ModuleConstants] = {}
    for path, (module, text) in files.items():
        result = shard_file(source(path, module, text))
        assert result.constants_table is not None
        tables[module] = result.constants_table
        units += result.units
    return units, tables


FILES = {
    "src/qpkg/__init__.py": ("qpkg", INIT),
    "src/qpkg/base.py": ("qpkg.base", BASE),
    "src/qpkg/use.py": ("qpkg.use", USE),
}


def carried() -> dict[str, dict[str, str]]:
    units, tables = sharded(FILES)
    return {
        u.qualname: dict(u.constants)
        for u in crossconst.carry(units, tables)
        if u.module == "qpkg.use"
    }


def test_immutable_literal_constants_are_carried_under_the_imported_name() -> None:
    got = carried()
    assert got["over"] == {"LIMIT": "LIMIT = 100\n"}  # through the package's re-export
    assert got["greet"] == {"N": "N: str = 'hi '\n"}  # `as N`: the same value under N
    assert got["first"] == {"PAIR": "PAIR = (1, -2)\n"}
    assert got["known"] == {"ALL": 'ALL = frozenset({"a", "b"})\n'}
    # WIDE = LIMIT * 2 would carry base's LIMIT along under that name, which this module
    # binds itself (the same value here, but a name may not mean two things)
    assert got["wide"] == {}


def test_what_may_not_hold_the_value_is_never_carried() -> None:
    got = carried()
    assert got["local"] == {}  # the import rebinds LOCAL = 7: neither is a constant here
    assert got["items"] == {}  # mutable: another module's function may change it in place
    assert got["count"] == {}  # changed by top-level code after its assignment
    assert got["level"] == {}  # rebound under `global`
    assert got["sentinel"] == {}  # an object, not a literal
    assert got["flag"] == {}  # bound inside a top-level block


def test_a_dependency_that_would_mean_something_else_is_not_carried() -> None:
    files = dict(FILES)
    files["src/qpkg/use.py"] = (
        "qpkg.use",
        "from .base import WIDE\n\n\ndef wide(x: int) -> int:\n    return x + WIDE\n",
    )
    units, tables = sharded(files)
    wide = next(u for u in crossconst.carry(units, tables) if u.qualname == "wide")
    # a constant computed from another carries it along under its own name
    assert dict(wide.constants) == {"WIDE": "WIDE = LIMIT * 2\n", "LIMIT": "LIMIT = 100\n"}
    files["src/qpkg/use.py"] = (
        "qpkg.use",
        "from .base import WIDE\nLIMIT = 5\n\n\ndef wide(x: int) -> int:\n    return x + WIDE\n",
    )
    units, tables = sharded(files)
    wide = next(u for u in crossconst.carry(units, tables) if u.qualname == "wide")
    assert "WIDE" not in dict(wide.constants)


def test_a_module_outside_the_tables_or_with_a_star_import_carries_nothing() -> None:
    units, tables = sharded(FILES)
    alone = {k: v for k, v in tables.items() if k != "qpkg.base"}
    assert all(
        "LIMIT" not in dict(u.constants)
        for u in crossconst.carry(units, alone)
        if u.qualname == "over"
    )
    star = dict(FILES)
    star["src/qpkg/use.py"] = ("qpkg.use", "from .other import *\n" + USE)
    units, tables = sharded(star)
    over = next(u for u in crossconst.carry(units, tables) if u.qualname == "over")
    assert dict(over.constants) == {}


def test_a_module_constant_rebound_by_a_later_import_is_not_a_constant() -> None:
    units, _ = sharded({"src/qpkg/use.py": ("qpkg.use", USE)})
    local = next(u for u in units if u.qualname == "local")
    assert "LOCAL" not in dict(local.constants)


def test_carried_constants_translate_as_constants_not_module_attributes() -> None:
    units, tables = sharded(FILES)
    by_name = {u.qualname: u for u in crossconst.carry(units, tables)}
    over = RuleEngine().translate(by_name["over"])  # `from qpkg import LIMIT`: absolute
    assert over.ok, over.diagnostics
    assert "const LIMIT: i64 = 100;" in over.rust
    greet = RuleEngine().translate(by_name["greet"])
    assert greet.ok, greet.diagnostics
    items = RuleEngine().translate(by_name["items"])
    assert not items.ok
    assert "unknown name ITEMS: a value imported from .base" in items.diagnostics[0].message


UTIL = """\
LIMIT = 100


def helper(x: int) -> int:
    return x + 1


def clamp(x: int) -> int:
    return max(0, min(LIMIT, helper(x)))


def twice(v):
    return v * 2


def grows(x: int) -> int:
    return SEEN + x


def later(x: int) -> int:
    return x


later = clamp
"""

CORE = """\
from .util import grows, later, twice
from pkg.util import clamp
from .util import clamp as c


def scaled(x: int) -> int:
    return clamp(x * 2)


def aliased(x: int) -> int:
    return c(x)


def doubled(x: float) -> float:
    return twice(x)


def grown(x: int) -> int:
    return grows(x)


def rebound(x: int) -> int:
    return later(x)
"""

MINE = """\
from .util import clamp


def helper(x: int) -> int:
    return x - 1


def both(x: int) -> int:
    return clamp(x) + helper(x)
"""


def translated(files: dict[str, tuple[str, str]]) -> dict[str, tuple[Unit, object]]:
    units, tables = sharded(files)
    engine = RuleEngine()
    return {u.qualname: (u, engine.translate(u)) for u in crossconst.carry(units, tables)}


def test_a_function_of_another_module_is_nested_in_its_caller_with_its_siblings() -> None:
    got = translated({"pkg/util.py": ("pkg.util", UTIL), "pkg/core.py": ("pkg.core", CORE)})
    unit, tr = got["scaled"]
    assert [f.qualname for f in unit.foreign] == ["clamp", "helper"]
    assert tr.ok, tr.diagnostics
    # private copies inside the caller's body, each with its own module's constants
    assert tr.rust.startswith("pub fn scaled(x: i64) -> i64 {\nfn clamp(x: i64) -> i64 {")
    assert "    const LIMIT: i64 = 100;" in tr.rust and "\nfn helper(x: i64) -> i64 {" in tr.rust
    # the foreign units are in the cache key
    from pipeline.cache import unit_key

    bare = replace(unit, foreign=())
    assert unit_key(unit, "rules@x") != unit_key(bare, "rules@x")


def test_what_another_module_may_not_mean_here_is_not_nested() -> None:
    got = translated({"pkg/util.py": ("pkg.util", UTIL), "pkg/core.py": ("pkg.core", CORE)})
    assert got["aliased"][0].foreign == ()  # `as c`: not v1
    assert got["rebound"][0].foreign == ()  # util rebinds `later` after its def
    # grows reads a name its module does not bind: refused here, saying so
    unit, tr = got["grown"]
    assert [f.qualname for f in unit.foreign] == ["grows"]
    assert not tr.ok
    assert tr.diagnostics[0].code == "PT040" and "grows" in tr.diagnostics[0].message
    assert "unknown name SEEN" in tr.diagnostics[0].message
    # twice is typed by its uses (int): called here with a float, refused
    unit, tr = got["doubled"]
    assert not tr.ok and "argument v of twice expects int, got float" in str(tr.diagnostics)
    # core has a helper of its own: util's helper, which clamp calls, may not be nested here
    mine = translated({"pkg/util.py": ("pkg.util", UTIL), "pkg/mine.py": ("pkg.mine", MINE)})
    assert mine["both"][0].foreign == ()
    assert not mine["both"][1].ok
