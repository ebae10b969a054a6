"""Sharding files into units: ids, sources, lines, context, and parser failures."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.records import FileRef, SourceFile, Status
from pipeline.units.load import load_file
from pipeline.units.shard import module_name, shard_file

MODULE = '''\
"""A module."""
import math
from collections import OrderedDict as OD

BASE = 10
SCALE = BASE * 2
LIMIT: int = 100
UNUSED = 5
a, b = 1, 2


def helper(x):
    return x * SCALE


def middle(x):
    return helper(x) + 1


@staticmethod
@decorate(arg=1)
def top(x):
    """Calls middle -> helper."""
    return middle(x) + math.floor(LIMIT)


class Stack:
    """A stack."""

    CAP = 3

    def __init__(self):
        self.items = []

    def push(self, x):
        if len(self.items) >= LIMIT:
            raise IndexError("full")
        self.items.append(helper(x))


def standalone():
    return 42


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def even(n):
    return n == 0 or odd(n - 1)


def odd(n):
    return n != 0 and even(n - 1)
'''


def source(text: str, path: str = "pkg/mod.py", repo: str = "demo") -> SourceFile:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceFile(repo=repo, path=path, size=len(text), sha256=digest, text=text)


def by_name(result) -> dict:
    return {u.qualname: u for u in result.units}


def test_units_ids_and_kinds() -> None:
    src = source(MODULE)
    result = shard_file(src)
    assert result.error is None and result.skipped == []
    units = by_name(result)
    assert list(units) == ["helper", "middle", "top", "Stack", "standalone", "fact", "even", "odd"]
    stack = units["Stack"]
    assert stack.id == "demo:pkg/mod.py::Stack" and stack.kind == "class"
    assert units["helper"].id == "demo:pkg/mod.py::helper" and units["helper"].kind == "function"
    # methods belong to the class unit, never units of their own
    assert not any("." in q or q in {"__init__", "push"} for q in units)
    assert "def push(self, x):" in stack.source and "CAP = 3" in stack.source
    for u in result.units:
        assert (u.repo, u.path, u.module, u.file_sha256) == (
            "demo",
            "pkg/mod.py",
            "pkg.mod",
            src.sha256,
        )


def test_lines_and_decorators() -> None:
    units = by_name(shard_file(source(MODULE)))
    lines = MODULE.splitlines()
    top = units["top"]
    assert top.source.startswith("@staticmethod\n@decorate(arg=1)\ndef top(x):\n")
    assert lines[top.first_line - 1] == "@staticmethod"
    assert lines[top.last_line - 1] == "    return middle(x) + math.floor(LIMIT)"
    assert top.lines == 5
    for u in units.values():
        expected = "\n".join(lines[u.first_line - 1 : u.last_line]) + "\n"
        assert u.source == expected, u.qualname
    assert (units["helper"].first_line, units["helper"].last_line) == (12, 13)


def test_imports_constants_calls_context() -> None:
    units = by_name(shard_file(source(MODULE)))
    imports = ("import math\n", "from collections import OrderedDict as OD\n")
    assert all(u.imports == imports for u in units.values())

    helper = units["helper"]
    assert helper.calls == () and helper.context == ()
    # SCALE = BASE * 2 needs BASE too
    assert helper.constants == (("BASE", "BASE = 10\n"), ("SCALE", "SCALE = BASE * 2\n"))

    top = units["top"]
    assert top.calls == ("helper", "middle")  # transitive, sorted
    assert dict(top.context) == {
        "helper": "def helper(x):\n    return x * SCALE\n",
        "middle": "def middle(x):\n    return helper(x) + 1\n",
    }
    assert [n for n, _ in top.constants] == ["BASE", "LIMIT", "SCALE"]
    assert dict(top.constants)["LIMIT"] == "LIMIT: int = 100\n"

    stack = units["Stack"]
    assert stack.calls == ("helper",)
    assert [n for n, _ in stack.constants] == ["BASE", "LIMIT", "SCALE"]

    assert units["standalone"].constants == () and units["standalone"].calls == ()
    assert units["fact"].calls == ()  # recursion is not a sibling call
    assert units["even"].calls == ("odd",) and units["odd"].calls == ("even",)
    assert not any(n == "UNUSED" for u in units.values() for n, _ in u.constants)


def test_redefined_function_is_skipped() -> None:
    text = "def f():\n    return 1\n\n\ndef g():\n    return f()\n\n\ndef f():\n    return 2\n"
    result = shard_file(source(text, path="m.py"))
    units = by_name(result)
    assert list(units) == ["g", "f"]  # source order of the live definitions
    assert units["f"].first_line == 9 and "return 2" in units["f"].source
    assert units["g"].context == (("f", "def f():\n    return 2\n"),)
    ((dead, status, reason),) = result.skipped
    assert dead.id == "demo:m.py::f@1" and status is Status.SKIPPED
    assert reason == "redefined at line 9; this definition is dead code"
    assert "return 1" in dead.source


def test_conditionally_defined_functions_are_skipped() -> None:
    text = """\
import sys

if sys.version_info >= (3, 12):
    def fast(x):
        def inner():
            return 0
        return x
else:
    def fast(x):
        return x

try:
    from _speedups import accel
except ImportError:
    def accel(x):
        return x

for _name in ("a", "b"):
    def gen():
        return _name

with open(__file__) as _fh:
    class Loaded:
        pass


def real():
    return 1
"""
    result = shard_file(source(text, path="m.py"))
    assert [u.qualname for u in result.units] == ["real"]
    skipped = [(u.qualname, u.first_line, status, reason) for u, status, reason in result.skipped]
    assert [(q, line) for q, line, _, _ in skipped] == [
        ("fast", 4),
        ("fast", 9),
        ("accel", 15),
        ("gen", 19),
        ("Loaded", 23),
    ]
    assert all(status is Status.SKIPPED for _, _, status, _ in skipped)
    assert all(reason.startswith("defined conditionally") for *_, reason in skipped)
    ids = [u.id for u, _, _ in result.skipped]
    assert len(set(ids)) == len(ids)  # both `fast`s are accounted for separately
    assert ids[0] == "demo:m.py::fast@4"


def test_line_numbers_survive_form_feeds_and_unicode_separators() -> None:
    # str.splitlines() splits on \f, \x1c and \u2028; Python's tokenizer does not.
    text = (
        "import os\n\x0c\n"
        "def f(x):\n    return x + 1\n"
        "S = 'a\u2028b\x1cc'\n"
        "def g(y):\n    return f(y)\n"
    )
    units = by_name(shard_file(source(text, path="m.py")))
    assert units["f"].source == "def f(x):\n    return x + 1\n"
    assert (units["f"].first_line, units["f"].last_line) == (3, 4)
    assert units["g"].source == "def g(y):\n    return f(y)\n"
    assert units["g"].first_line == 6


def test_crlf_sources() -> None:
    text = "X = 1\r\n\r\ndef f():\r\n    return X\r\n"
    (unit,) = shard_file(source(text, path="m.py")).units
    assert unit.source == "def f():\r\n    return X\r\n"
    assert unit.constants == (("X", "X = 1\r\n"),)
    assert (unit.first_line, unit.last_line) == (3, 4)


def test_syntax_error_is_pt005_with_line() -> None:
    text = "def ok():\n    return 1\n\n\ndef broken(:\n    pass\n"
    result = shard_file(source(text, path="m.py"))
    assert result.units == [] and result.error.code == "PT005"
    assert result.error.line == 5
    assert "syntax" in result.error.message


def test_unusable_source_passes_its_error_through() -> None:
    src = load_file(FileRef("r", "x.py", "/nonexistent/x.py", 1))
    result = shard_file(src)
    assert result.error == src.error and result.error.code == "PT001"


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "1+" * 100_000 + "1\n",  # RecursionError while building the AST
        "x = " + "-" * 100_000 + "1\n",  # MemoryError in the parser
    ],
)
def test_deep_nesting_is_pt006(text: str) -> None:
    result = shard_file(source(text, path="deep.py"))
    assert result.units == []
    assert result.error.code == "PT006"


def test_deep_parentheses_are_a_diagnostic_not_a_crash() -> None:
    text = "x = " + "(" * 100_000 + ")" * 100_000 + "\n"
    result = shard_file(source(text, path="deep.py"))
    # CPython's tokenizer gives up first ("too many nested parentheses")
    assert result.error.code in {"PT005", "PT006"}


def test_module_name() -> None:
    assert module_name("m.py") == "m"
    assert module_name("pkg/__init__.py") == "pkg"
    assert module_name("pkg/sub/mod.py") == "pkg.sub.mod"
    assert module_name("pkg/sub/__init__.py") == "pkg.sub"
    assert module_name("src/a_b/c.py") == "src.a_b.c"


def generated(n_funcs: int) -> str:
    """Many small documented functions (~100 bytes each), each calling one of 7 helpers."""
    return "".join(
        f'def f{i}(x):\n    """Generated function number {i}, adds and doubles."""\n'
        f"    return (x + {i}) * 2 + helper{i % 7}(x)\n\n\n"
        for i in range(n_funcs)
    ) + "".join(f"def helper{k}(x):\n    return x\n\n\n" for k in range(7))


def test_large_generated_file_shards_into_every_unit(tmp_path: Path) -> None:
    text = generated(30_000)
    assert 3_000_000 <= len(text) < 4 * 1024 * 1024  # big, but under the default size limit
    path = tmp_path / "gen.py"
    path.write_text(text)
    src = load_file(FileRef("r", "gen.py", str(path), path.stat().st_size))
    assert src.error is None
    result = shard_file(src)  # speed is measured by benchmarks/bench_scale.py, not here
    assert result.error is None and len(result.units) == 30_007
    u = result.units[29_999]
    assert u.qualname == "f29999" and u.calls == ("helper4",)
    assert u.source.endswith("    return (x + 29999) * 2 + helper4(x)\n")
    assert u.first_line == 29_999 * 5 + 1 and u.lines == 3


def test_five_megabyte_file_rejected_by_default_limit(tmp_path: Path) -> None:
    text = generated(50_000)
    assert len(text) > 5_000_000
    path = tmp_path / "gen.py"
    path.write_text(text)
    src = load_file(FileRef("r", "gen.py", str(path), path.stat().st_size))
    result = shard_file(src)
    assert result.error.code == "PT002" and result.units == []


def test_async_functions_and_decorated_classes() -> None:
    text = (
        "import dataclasses\n\n"
        "@dataclasses.dataclass(frozen=True)\nclass Point:\n    x: int\n    y: int\n\n"
        "async def fetch(p):\n    return Point(p, p)\n"
    )
    units = by_name(shard_file(source(text, path="m.py")))
    point, fetch = units["Point"], units["fetch"]
    assert point.kind == "class" and point.first_line == 3 and point.last_line == 6
    assert point.source.startswith("@dataclasses.dataclass(frozen=True)\nclass Point:")
    assert fetch.kind == "function" and fetch.source.startswith("async def fetch(p):")
    assert fetch.calls == ("Point",) and fetch.context[0][1] == point.source


def test_rebound_module_names_are_not_constants() -> None:
    """A name a function declares ``global`` (multiprocessing.util's ``_exiting``), or one
    rebound at module level other than by a plain assignment, has no fixed value, unless its
    final value folds exactly (units/fold.py)."""
    text = (
        "_exiting = False\nN = 1\nN += 1\nA = 1\nA, B = 2, 3\nC = 1\nif C:\n    C = 2\n"
        "K = 4\nD = 1\nif flag():\n    D = 2\n\n"
        "def is_exiting():\n    return _exiting or _exiting is None\n\n"
        "def _exit():\n    global _exiting\n    _exiting = True\n\n"
        "def uses():\n    return N + A + C + K + D\n"
    )
    result = shard_file(source(text, path="m.py"))
    units = by_name(result)
    refused = {u.qualname: d for u, d in result.refused}
    assert refused["is_exiting"].message.startswith(
        "reads module state '_exiting', which _exit() rebinds under `global` (line 17)"
    )
    assert units["uses"].constants == (
        ("A", "A = 2"),
        ("C", "C = 2"),
        ("K", "K = 4\n"),
        ("N", "N = 2"),
    )  # D: which branch runs is not known without running the module


def test_names_only_read_under_global_stay_constants() -> None:
    """``global LIMIT`` in a function that only reads it changes nothing: LIMIT is the
    module constant its assignment gives."""
    text = "LIMIT = 10\n\ndef capped(x):\n    global LIMIT\n    return min(x, LIMIT)\n"
    units = by_name(shard_file(source(text, path="m.py")))
    assert units["capped"].constants == (("LIMIT", "LIMIT = 10\n"),)


def test_classes_an_untyped_parameter_is_used_as_join_the_context() -> None:
    text = (
        "class Node:\n    def __init__(self, val, next=None):\n"
        "        self.val = val\n        self.next = next\n\n\n"
        "class Box:\n    def __init__(self, size):\n        self.size = size\n\n\n"
        "def length(head):\n    n = 0\n    cur = head\n    while cur:\n"
        "        n += 1\n        cur = cur.next\n    return n\n\n\n"
        "def plain(x):\n    return x + 1\n"
    )
    units = {u.qualname: u for u in shard_file(SourceFile("r", "m.py", len(text), "", text)).units}
    assert [name for name, _ in units["length"].context] == ["Node"]  # cur = head; cur.next
    assert units["plain"].context == ()


def test_imports_after_an_assignment_rebind_it_also_in_blocks_and_by_star() -> None:
    """``LIMIT = 10`` then ``try: from .fast import LIMIT`` (or a star import, which may bind
    any name) leaves the imported value at call time, not 10: no constant. An accelerator's
    ``else: del X`` spares X (with the accelerator, no reader of X is left), and an import
    before the assignment leaves the assignment's value."""
    text = (
        "LIMIT = 10\nSTEP = 2\nKEEP = 5\nLATE = 1\n\n"
        "try:\n    from .fast import LIMIT\nexcept ImportError:\n    pass\n\n"
        "from .speedups import *\n\n"
        "from .table import EARLY\nEARLY = 7\n\n"
        "def over(x):\n    return x > LIMIT\n\n"
        "def step(x):\n    return x + STEP + EARLY\n"
    )
    units = by_name(shard_file(source(text, path="pkg/m.py")))
    assert units["over"].constants == ()
    assert units["step"].constants == (("EARLY", "EARLY = 7\n"),)
    accel = (
        "KEEP = 5\nGONE = 3\n\n"
        "try:\n    from _speedups import *\nexcept ImportError:\n    pass\n"
        "else:\n    del GONE\n\n"
        "def keep(x):\n    return x + KEEP\n\n"
        "def gone(x):\n    return x + GONE\n"
    )
    units = by_name(shard_file(source(accel, path="m.py")))
    assert units["keep"].constants == ()
    assert units["gone"].constants == (("GONE", "GONE = 3\n"),)
