"""Folding module state the top level builds from literals (units/fold.py, units/shard.py)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from pipeline.records import SourceFile
from pipeline.units.fold import fold_module
from pipeline.units.shard import shard_file


def fold(text: str, *names: str) -> dict[str, object]:
    """The folded values of ``names`` (absent: not folded), read back from their literals."""
    text = textwrap.dedent(text)
    got = fold_module(ast.parse(text), names)
    return {name: ast.literal_eval(src.split(" = ", 1)[1]) for name, src in got.items()}


def python_final(text: str, *names: str) -> dict[str, object]:
    """What Python itself leaves in those names (the test runs the module; the pipeline
    never does)."""
    scope: dict[str, object] = {}
    exec(textwrap.dedent(text), scope)  # noqa: S102 - the test's own literal source
    return {name: scope[name] for name in names}


def shard(text: str):
    text = textwrap.dedent(text)
    return shard_file(SourceFile("r", "m.py", len(text), "", text))


BUILT = [
    (
        """
        _DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        _DAYS_BEFORE_MONTH = [-1]
        dbm = 0
        for dim in _DAYS_IN_MONTH[1:]:
            _DAYS_BEFORE_MONTH.append(dbm)
            dbm += dim
        """,
        ("_DAYS_BEFORE_MONTH", "dbm"),
    ),
    (
        """
        WSP = set(' \\t')
        SPECIALS = set('()<>@,:;.')
        SPECIALS |= {'[', ']'}
        SPECIALS.update('"')
        ATOM_ENDS = SPECIALS | WSP
        SPECIALS.add('!')
        SPECIALS.discard('(')
        """,
        ("SPECIALS", "ATOM_ENDS"),
    ),
    (
        """
        MAP = {}
        for c in range(32, 40):
            MAP[c] = chr(c)
        MAP[ord(' ')] = '_'
        HEX = ['=%02X' % c for c in range(4)]
        NAMES = {f"k{i:02d}": i * i for i in range(5) if i % 2}
        del MAP[33]
        ESC = {'\\\\': '\\\\\\\\'}
        for i in range(3):
            ESC.setdefault(chr(i), '\\\\u{0:04x}'.format(i))
        """,
        ("MAP", "HEX", "NAMES", "ESC"),
    ),
    (
        """
        SCHEMES = {'posix': {'a': '{base}/lib'}, 'nt': {'a': 'x'}}
        SCHEMES['venv'] = SCHEMES['posix']
        SCHEMES['posix']['b'] = 'y'
        ROWS = [[0] * 3 for _ in range(2)]
        ROWS[1][2] = 7
        ROWS.extend([(1, 2)])
        ROWS.sort(key=None, reverse=True) if False else ROWS.reverse()
        """,
        ("SCHEMES", "ROWS"),
    ),
    (
        """
        ARGS = {}
        ARGS['builtins'] = {'bool': '*', 'float': 'x'}
        ARGS['builtins'].update(dict.fromkeys('map zip'.split(), '**'))
        SHARED = dict.fromkeys(['a', 'b'], [])
        SHARED['a'].append(1)
        TABLE = str.maketrans('ab', 'xy')
        """,
        ("ARGS", "SHARED", "TABLE"),
    ),
]


@pytest.mark.parametrize(("text", "names"), BUILT)
def test_folded_values_equal_what_python_leaves(text: str, names: tuple[str, ...]) -> None:
    assert fold(text, *names) == python_final(text, *names)


UNKNOWN = [
    # a while loop is beyond the folder: the sieve of section 5 stays refused
    "N = 10\nS = [True] * N\ni = 2\nwhile i < N:\n    S[i] = False\n    i += 1\n",
    # a call of anything but a few builtins (it may do anything)
    "S = []\nS.append(compute())\n",
    "S = []\nfill(S)\n",
    "import os\nS = [os.sep]\n",
    # an alias changed by a statement that does not fold: both names are unknown
    "S = T = []\nT.append(compute())\n",
    "S = []\nD = {'k': S}\nregister(D)\n",
    # a def that changes it in place, or takes it as a default argument, or passes it on
    "S = [1]\ndef f():\n    S.append(2)\n",
    "S = [1]\ndef f(acc=S):\n    return acc\nS.append(2)\n",
    "S = [1]\nS.append(2)\ndef f():\n    fill(S)\n",
    # a class body runs at import; a decorator too
    "S = []\nS.append(1)\nclass C:\n    S.append(2)\n",
    "S = []\nS.append(1)\n@register(S)\ndef f():\n    pass\n",
    # set iteration order (and a set shown as text) depends on the process
    "S = []\nfor x in {'a', 'b'}:\n    S.append(x)\n",
    "S = [1]\nS.append(str({'a', 'b'}))\n",
    # a builtin shadowed by the module, a try, a huge value, a non-literal value
    "def set(x):\n    return x\nS = set('ab')\nS.add('c')\n",
    "S = []\ntry:\n    S.append(1)\nexcept Exception:\n    pass\n",
    "S = []\nS.append('x' * 10**9)\n",
    "S = []\nS.append(range(3))\n",
    "S = [1.0]\nS.append(float('inf'))\n",
    "S = dict.fromkeys({'a', 'b'})\n",
    # names written other than by statements, or rebound by a star import
    "S = [1]\nS.append(2)\nglobals()['S'] = [3]\n",
    "S = [1]\nS.append(2)\ndef f():\n    exec('S = 3')\n",
    "S = [1]\nS.append(2)\nglobals().update(S=3)\n",
    "S = [1]\nS.append(2)\ndef f(ns):\n    exec('S = 3', globals())\n",
    "S = [1]\nS.append(2)\nsetattr(sys.modules[__name__], 'S', 0)\n",
    "S = [1]\nS.append(2)\nfrom m import *\n",
    "from m import *\nS = [1]\nS.append(len('ab'))\n",  # keys in the set's per-process order
    "S = dict.fromkeys(['a'], value=1)\n",
    "S = []\nS.append(S)\n",
    # a copy that holds its mutable items, passed on or kept by a def: they may change
    "S = [[1]]\nS.append([2])\nT = register(sorted(S))\n",
    "S = [[1]]\nS.append([2])\ndef f():\n    return list(S)\n",
]


@pytest.mark.parametrize(
    "text",
    [
        "S = [1]\nS.append(2)\nT = register(sorted(S))\n",
        "S = [1]\nS.append(2)\ndef f():\n    return list(S)\n",
        "S = [1]\nS.append(2)\nN = register(len(S))\n",
        "S = [1]\nS.append(2)\nif 'x' not in globals():\n    x = 1\n",
        "S = [1]\nS.append(2)\ndef f(src):\n    ns = {}\n    exec(src, ns)\n",
    ],
)
def test_copies_of_immutable_items_leave_the_value_known(text: str) -> None:
    assert fold(text, "S") == {"S": [1, 2]}


@pytest.mark.parametrize("text", UNKNOWN)
def test_what_cannot_be_folded_exactly_is_not(text: str) -> None:
    assert fold(text, "S") == {}


def test_sets_render_in_one_order_whatever_the_hash_seed() -> None:
    text = "S = set()\nfor w in ['pear', 'apple', 'fig']:\n    S.add(w)\n"
    assert fold_module(ast.parse(text), ["S"]) == {"S": "S = {'apple', 'fig', 'pear'}"}


def test_readers_get_the_folded_value_and_constants_computed_before_a_change() -> None:
    result = shard(
        """
        SPECIALS = set('()')
        ENDS = SPECIALS | {' '}
        SPECIALS.add('!')
        LATE = [1]
        LATE.append(compute())
        FROM_LATE = LATE + [2]

        def special(c: str) -> bool:
            return c in SPECIALS

        def ends(c: str) -> bool:
            return c in ENDS

        def late() -> int:
            return len(FROM_LATE)
        """
    )
    units = {u.qualname: u for u in result.units}
    assert dict(units["special"].constants) == {"SPECIALS": "SPECIALS = {'!', '(', ')'}"}
    # ENDS was computed before the '!' was added: folded from that earlier value
    assert dict(units["ends"].constants) == {"ENDS": "ENDS = {' ', '(', ')'}"}
    refused = {u.qualname: d for u, d in result.refused}
    assert sorted(refused) == ["late"]
    assert refused["late"].code == "PT902"
    assert "'LATE', which top-level code changes" in refused["late"].message


def test_a_constant_read_from_folded_state_it_cannot_fold_is_refused() -> None:
    result = shard(
        """
        import re
        WSP = set(' ')
        WSP.add('\\t')
        SPLIT = re.compile('[%s]' % ''.join(sorted(WSP))).split

        def parts(s: str) -> int:
            return len(SPLIT(s))
        """
    )
    refused = {u.qualname: d.message for u, d in result.refused}
    assert "reads module state 'SPLIT', computed from 'WSP'" in refused["parts"]


def test_doc_stores_and_str_literal_methods_change_nothing() -> None:
    result = shard(
        """
        import re
        ENDS = {'(', ')'}
        MATCH = re.compile('[^%s]' % re.escape(''.join(ENDS))).match
        KIND = object()
        KIND.__doc__ = 'documentation only'

        def ends(c: str) -> bool:
            return c in ENDS
        """
    )
    assert [u.qualname for u in result.units] == ["ends"]
    assert dict(result.units[0].constants) == {"ENDS": "ENDS = {'(', ')'}\n"}


ACCELERATED = """
S = [1]
for x in (2, 3):
    S.append(x)

def reader(i):
    return S[i]

try:
    from _accel import *
except ImportError:
    pass
else:
    del (S, reader{more})
"""


def test_state_deleted_with_all_its_readers_after_an_accelerator_import_keeps_its_value() -> None:
    # without _accel the pure-Python readers see [1, 2, 3]; with it, no reader is left
    assert fold(ACCELERATED.format(more=""), "S") == {"S": [1, 2, 3]}


@pytest.mark.parametrize(
    "text",
    [
        # a reader the else branch keeps: with the accelerator it would read a deleted name
        ACCELERATED.replace("del (S, reader{more})", "del S"),
        ACCELERATED.format(more="") + "\ndef late():\n    return S\n",
        # the fallback changes it; the import itself binds it
        ACCELERATED.replace("    pass", "    S.append(fill())").format(more=""),
        ACCELERATED.replace("from _accel import *", "from _accel import S").replace(
            "del (S, reader{more})", "del reader"
        ),
        # a star import anywhere else may rebind it; any other exception caught
        "S = [1]\nS.append(2)\nif flag:\n    from m import *\n",
        ACCELERATED.replace("ImportError", "Exception").format(more=""),
    ],
)
def test_what_an_accelerator_import_may_change_is_not_folded(text: str) -> None:
    assert fold(text, "S") == {}
