"""Defs whose name a later top-level statement may rebind (units/rebind.py): refused PT902."""

from __future__ import annotations

import ast

from pipeline.records import SourceFile
from pipeline.units.rebind import later_rebinds
from pipeline.units.shard import shard_file


def rebinds(text: str) -> dict[str, tuple[int, str]]:
    return {n: (r.line, r.text) for n, r in later_rebinds(ast.parse(text)).items()}


def shard(text: str):
    return shard_file(SourceFile("r", "m.py", len(text), "", text))


def test_every_kind_of_later_binding_in_any_block_is_found() -> None:
    text = (
        "def a(): pass\n"
        "def b(): pass\n"
        "def c(): pass\n"
        "class D: pass\n"
        "def e(): pass\n"
        "def f(): pass\n"
        "def g(): pass\n"
        "def h(): pass\n"
        "def i(): pass\n"
        "def j(): pass\n"
        "if X:\n    a = 1\n"  # line 11
        "else:\n    import b\n"  # line 14
        "try:\n    from m import c as c\nexcept ImportError:\n    pass\n"  # line 16
        "with open('x') as D: pass\n"  # line 19
        "for e in range(3): pass\n"  # line 18
        "while X:\n    def f(): pass\n"  # line 22
        "try:\n    pass\nexcept Exception as g:\n    pass\n"  # line 23, its except 25
        "print(h := 1)\n"  # line 27
        "match X:\n    case [*i]: pass\n"  # line 28
        "j += 1\n"  # line 30
    )
    assert rebinds(text) == {
        "a": (12, "a = 1"),
        "b": (14, "import b"),
        "c": (16, "from m import c as c"),
        "D": (19, "with open('x') as D:"),
        "e": (20, "for e in range(3):"),
        "f": (22, "def f"),
        "g": (25, "except Exception as g:"),
        "h": (27, "print((h := 1))"),
        "i": (28, "match X:"),
        "j": (30, "j += 1"),
    }


def test_what_cannot_rebind_is_left_alone() -> None:
    text = (
        "a = 1\n"  # before the def: the def rebinds it
        "def a(): pass\n"
        "def b(): pass\n"
        "def c(): pass\n"
        "def d(): pass\n"
        "def e(): pass\n"
        "def use():\n    b = 2\n    return b\n"  # a local of another def
        "xs = [c for c in range(3)]\n"  # a comprehension's own variable
        "f = lambda d: d\n"
        "if False:\n    d = 1\n"  # never runs
        "if __name__ == '__main__':\n    e = 1\n"  # only as a script
        "class K:\n    a = 1\n"  # a class attribute
        "del b\n"  # deleted, not rebound
    )
    assert rebinds(text) == {}


def test_a_star_import_rebinds_every_name_but_those_its_else_deletes() -> None:
    text = (
        "def S_IFMT(m): return m & 0o170000\n"
        "def _fill(m): return m\n"
        "def keep(m): return m\n"
        "try:\n    from _stat import *\nexcept ImportError:\n    pass\n"
        "else:\n    del _fill\n"
    )
    star = (5, "from _stat import *")
    assert rebinds(text) == {"S_IFMT": star, "keep": star}
    # a plain import the else branch deletes again is spared too; one it does not is not
    text = (
        "def inv(p): return p\n"
        "def other(p): return p\n"
        "try:\n    from _c import inv, other\nexcept ImportError:\n    pass\nelse:\n    del inv\n"
    )
    assert rebinds(text) == {"other": (4, "from _c import inv, other")}


def test_the_last_def_of_a_name_is_the_one_asked_about() -> None:
    assert rebinds("def f(): pass\ndef f(): return 1\nf = 3\n") == {"f": (3, "f = 3")}
    assert rebinds("def f(): pass\nf = 3\ndef f(): return 1\n") == {}


def test_the_sharder_refuses_rebound_defs_and_their_callers_precisely() -> None:
    result = shard(
        "def S_IFMT(mode):\n    return mode & 0o170000\n"
        "def S_ISDIR(mode):\n    return S_IFMT(mode) == 0o040000\n"
        "def plain(mode: int) -> int:\n    return mode + 1\n"
        "def _uses(mode: int) -> bool:\n    return S_IFMT(mode) == 0\n"
        "try:\n    from _stat import S_IFMT\nexcept ImportError:\n    pass\n"
    )
    refused = {u.qualname: d for u, d in result.refused}
    assert sorted(refused) == ["S_IFMT", "S_ISDIR", "_uses"]
    assert refused["S_IFMT"].code == "PT902" and refused["S_IFMT"].line == 1
    assert refused["S_IFMT"].message == (
        "S_IFMT may be rebound by `from _stat import S_IFMT` (line 10): the module's S_IFMT "
        "at run time may not be this def; not translated"
    )
    assert refused["_uses"].message.startswith(
        "calls S_IFMT, which may be rebound by `from _stat import S_IFMT` (line 10)"
    )
    assert [u.qualname for u in result.units] == ["plain"]


def test_a_def_a_function_rebinds_under_global_is_refused() -> None:
    result = shard(
        "def f(x: int) -> int:\n    return x\n"
        "def _fast(x: int) -> int:\n    return x\n"
        "def _init() -> None:\n    global f\n    f = _fast\n"
    )
    refused = {u.qualname: d.message for u, d in result.refused}
    assert refused["f"] == (
        "f may be rebound by _init() under `global` (line 5): the module's f at run time "
        "may not be this def; not translated"
    )
    assert refused["_init"].startswith("calls f, which may be rebound by _init()")
    assert [u.qualname for u in result.units] == ["_fast"]


def test_builtin_names_the_module_binds_itself_are_refused_where_read() -> None:
    """``len = sum`` at top level, a conditional ``def input``, or ``pred=bool`` under a module
    ``def bool``: the engine would translate Python's builtin where the module's value runs
    (each was a mismatch under verification, and wrong Rust under ``--no-exec``). Top-level
    imports and defs called by name are resolved by the engine and stay translated."""
    result = shard(
        "from math import pow\n"
        "from builtins import str\n"
        "def bool(x):\n    return x > 1\n"
        "def tot(keys: list[int]) -> int:\n    return len(keys)\n"
        "def bump(keys: list[int], pred=bool) -> list[int]:\n"
        "    return [k for k in keys if pred(k)]\n"
        "def called(keys: list[int]) -> list[int]:\n    return [k for k in keys if bool(k)]\n"
        "def via(keys: list[int]) -> int:\n    return tot(keys) + 1\n"
        "def power(x: float) -> float:\n    return pow(x, 2) + float(str(x) != '')\n"
        "def ask() -> str:\n    return input()\n"
        "len = sum\n"  # line 17
        "if X:\n    def input():\n        return 'y'\n"  # line 18
    )
    refused = {u.qualname: d for u, d in result.refused}
    assert sorted(refused) == ["ask", "bump", "tot", "via"], refused
    assert all(d.code == "PT902" for d in refused.values())
    assert refused["tot"].message == (
        "reads len: the module binds it by `len = sum` (line 17), not Python's builtin len"
    )
    assert refused["via"].message.startswith("calls tot, which reads len: ")
    assert refused["ask"].message.startswith("reads input: the module binds it by `def input`")
    assert refused["bump"].message.startswith(
        "reads bool as a value: the module's def bool (line 3)"
    )
    assert sorted(u.qualname for u in result.units) == ["bool", "called", "power"]


def test_a_star_import_rebinds_only_the_names_it_binds_where_they_are_known() -> None:
    """heapq.py's shape: ``try: from _heapq import *`` binds _heapq's public names
    (``heappop``), never ``_siftup`` (a star import without ``__all__`` skips ``_`` names):
    the pure-Python ``_siftup`` is the module's function and is translated; ``heappop`` is
    the accelerator's and stays refused. An unknown star import may bind any name."""
    text = (
        "def heappop(heap):\n    return heap.pop()\n\n"
        "def _siftup(n):\n    return n + 1\n\n"
        "try:\n    from _heapq import *\nexcept ImportError:\n    pass\n"
    )
    tree = ast.parse(text)
    assert set(later_rebinds(tree)) == {"heappop", "_siftup"}
    known = later_rebinds(tree, lambda node: frozenset({"heappop", "heapify"}))
    assert {n: (r.line, r.text) for n, r in known.items()} == {
        "heappop": (8, "from _heapq import *")
    }
    assert set(later_rebinds(tree, lambda node: None)) == {"heappop", "_siftup"}
    result = shard(text)  # the sharder reads _heapq's names (units/starnames.py)
    assert [u.qualname for u in result.units] == ["_siftup"]
    assert [u.qualname for u, _ in result.refused] == ["heappop"]
