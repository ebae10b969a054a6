"""Module state changed by top-level code, and the units that read it (units/modstate.py)."""

from __future__ import annotations

import ast

from pipeline.records import SourceFile
from pipeline.units.modstate import changed_names, free_names, function_writes
from pipeline.units.shard import shard_file


def shard(text: str):
    return shard_file(SourceFile("r", "m.py", len(text), "", text))


def test_changes_in_place_are_found_with_their_first_line() -> None:
    tree = ast.parse(
        "import os\n"
        "table = {}\n"
        "xs = [1]\n"
        "flags = [True] * 4\n"
        "cfg = {}\n"
        "kept = (1, 2)\n"
        "for k in range(4):\n"
        "    flags[k] = False\n"
        "xs.append(2)\n"
        "os.environ['X'] = '1'\n"  # an import, not module state of ours
        "print(kept, len(kept))\n"  # read-only builtins change nothing
        "fill(table)\n"  # passed to a call: may be changed
        "def f():\n"
        "    cfg['a'] = 1\n"  # inside a def: runs only when called
    )
    assert changed_names(tree) == {"flags": 8, "xs": 9, "table": 12}


def test_free_names_leave_out_locals_and_parameters() -> None:
    fn = ast.parse(
        "def g(a, *rest):\n    b = a + N\n    global G\n    G = G + b\n"
        "    return sieve[b] + len(rest)\n"
    ).body[0]
    assert free_names(fn) == {"N", "G", "sieve", "len"}


def test_units_reading_changed_state_are_refused_precisely() -> None:
    result = shard(
        "N = 10\n"
        "sieve = [True] * N\n"
        "j = 4\n"
        "while j < N:  # beyond the folder (units/fold.py)\n"
        "    sieve[j] = False\n"
        "    j += 2\n"
        "EVENS = [k for k in range(N) if not sieve[k]]\n"
        "def is_prime(n: int) -> bool:\n    return sieve[n]\n"
        "def evens() -> int:\n    return len(EVENS)\n"
        "def via(n: int) -> bool:\n    return is_prime(n)\n"
        "def local(sieve: list[int]) -> int:\n    return sieve[0] + N\n"
    )
    refused = {u.qualname: d for u, d in result.refused}
    assert sorted(refused) == ["evens", "is_prime", "via"]
    assert refused["is_prime"].code == "PT902" and refused["is_prime"].line == 8
    assert "reads module state 'sieve'" in refused["evens"].message
    assert "(line 5)" in refused["via"].message
    assert [u.qualname for u in result.units] == ["local"]  # its sieve is a parameter


def test_a_top_level_call_of_a_global_writer_changes_the_name() -> None:
    """``_init()`` at module level rebinds TABLE through ``global``: TABLE's assignment is
    not the value a call sees."""
    text = (
        "TABLE = None\nLIMIT = 3\n"
        "def _init():\n    global TABLE, LIMIT\n    TABLE = [LIMIT]\n"
        "def reader():\n    global LIMIT\n    return LIMIT\n"
        "def table():\n    return TABLE\n"
        "_init()\n"
    )
    tree = ast.parse(text)
    assert changed_names(tree) == {"TABLE": 11}
    assert function_writes(tree) == {"TABLE": ("_init", 3)}
    result = shard(text)
    refused = {u.qualname: d.message for u, d in result.refused}
    assert "reads module state 'TABLE', which top-level code changes" in refused["table"]
    assert "(line 11)" in refused["table"]
    assert "reader" not in refused


def test_an_immutable_literal_passed_to_a_call_is_not_changed() -> None:
    """``decoding_table = ('...' '...')`` then ``charmap_build(decoding_table)`` (the stdlib's
    ``encodings`` modules): a str, number or tuple of them cannot change in place. A name also
    bound another way, or to a mutable value, still counts."""
    tree = ast.parse(
        "import codecs\n"
        "decoding_table = ('\\x00' 'a')\n"
        "LIMIT = -3\n"
        "PAIR = (1, ('a', None))\n"
        "items = (1, [2])\n"  # a tuple holding a list: its list can change
        "both = 'x'\n"
        "both = []\n"
        "encoding_table = codecs.charmap_build(decoding_table)\n"
        "use(LIMIT, PAIR, items, both)\n"
    )
    assert changed_names(tree) == {"items": 9, "both": 9}
    text = (
        "decoding_table = ('\\x00' 'a')\n"
        "encoding_table = build(decoding_table)\n"
        "def first() -> str:\n    return decoding_table[0]\n"
    )
    assert not shard(text).refused


def test_a_comprehension_variable_is_not_module_state() -> None:
    """``frozenset(chr(i) for i in range(32))`` binds ``i`` in the comprehension only: passing
    it to ``chr`` changes no module name (tomllib's ASCII_CTRL)."""
    tree = ast.parse(
        "CTRL = frozenset(chr(i) for i in range(32)) | frozenset(chr(127))\n"
        "N = [fill(j) for j in range(3)]\n"
        "k = [1]\nM = [fill(k) for _ in range(2)]\n"
    )
    assert changed_names(tree) == {"k": 4}


def test_a_copy_holding_mutable_items_is_a_change_of_its_source() -> None:
    """``list(x)`` shares x's items: changing one changes x; a flat literal's items are
    immutable, and ``len`` copies nothing."""
    tree = ast.parse(
        "ROWS = [[1], [2]]\nFLAT = [1, 2]\nOTHER = [[3]]\n"
        "copy = list(ROWS)\ncopy[0].append(9)\n"
        "first = sorted(FLAT)\nn = len(OTHER)\n"
    )
    assert changed_names(tree) == {"ROWS": 4, "copy": 5}


def test_numeric_builtins_and_value_class_methods_only_read() -> None:
    """``int.from_bytes(MAGIC_NUMBER, 'little')`` (importlib's bootstrap) and ``pow(10, M - 2,
    M)`` (_pydecimal) read their arguments; a builtin the module rebinds may do anything."""
    tree = ast.parse(
        "MAGIC = (3495).to_bytes(2, 'little') + b'\\r\\n'\n"
        "M = compute()\n"
        "RAW = int.from_bytes(MAGIC, 'little')\n"
        "INV = pow(10, M - 2, M)\n"
        "HEX = bytes.fromhex(hex(M)[2:])\n"
        "T = [1]\n"
        "def abs(x):\n    x.append(2)\n"
        "abs(T)\n"
    )
    assert changed_names(tree) == {"T": 9}


def test_a_lazily_initialised_global_is_refused_saying_so() -> None:
    """``global _cache; if _cache is None: _cache = compute()`` (platform.uname): a reader
    sees None or the computed value, by what ran before."""
    result = shard(
        "_cache = None\n"
        "_count = 0\n"
        "def get() -> int:\n"
        "    global _cache\n"
        "    if _cache is None:\n"
        "        _cache = 41 + 1\n"
        "    return _cache\n"
        "def bump() -> int:\n"
        "    global _count\n"
        "    _count += 1\n"
        "    return _count\n"
        "def peek() -> int:\n"
        "    return _count\n"
    )
    refused = {u.qualname: d.message for u, d in result.refused}
    assert refused["get"] == (
        "reads module state '_cache', which is initialised lazily under `global` (first by "
        "get(), line 3: `if _cache is None:` or `if not _cache:`): a call sees the initial or "
        "the computed value, by what ran before; not translated"
    )
    assert refused["peek"].startswith("reads module state '_count', which bump() rebinds")


def test_a_top_level_call_or_decorator_of_an_in_place_writer_changes_the_name() -> None:
    """``@reg`` runs ``reg`` when the module defines ``g``: ``_names.append`` in its body
    changes ``_names``, so ``count`` (which reads it) is refused; ``g`` reads no state when
    called (its decorator ran once), and a local of the writer's own name is no module state."""
    text = (
        '_names = ["x"]\n_seen = []\n_local = []\n'
        "def reg(f):\n    _names.append(f.__name__)\n    return f\n"
        "def note(v):\n    _seen[0:0] = [v]\n"
        "def own():\n    _local = []\n    _local.append(1)\n    return _local\n"
        "@reg\ndef g():\n    return 1\n"
        "note(3)\nown()\n"
        "def count():\n    return len(_names)\n"
        "def seen():\n    return len(_seen)\n"
        "def local():\n    return len(_local)\n"
    )
    assert changed_names(ast.parse(text)) == {"_names": 13, "_seen": 16}
    refused = {u.qualname: d.message for u, d in shard(text).refused}
    assert "reads module state '_names'" in refused["count"]
    assert "reads module state '_seen'" in refused["seen"]
    assert "g" not in refused and "local" not in refused
