"""Module state built by top-level statements, folded exactly (units/fold.py): its readers
compile with rustc, the real verifier proves them against CPython, and a wrong folded value
is caught as a mismatch."""

from __future__ import annotations

import pytest

from pipeline.records import Status

from .harness import compile_module, compiled_rust, crate_with_change, rustc, verify_compiled

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [-1]
dbm = 0
for dim in _DAYS_IN_MONTH[1:]:
    _DAYS_BEFORE_MONTH.append(dbm)
    dbm += dim
del dbm, dim

SQUARES = {}
for k in range(1, 8):
    SQUARES[k] = k * k
SQUARES[0] = -1

N = 30
sieve = [True] * N
sieve[0] = sieve[1] = False
for i in range(2, 6):
    if sieve[i]:
        for j in range(i * i, N, i):
            sieve[j] = False


def days_before_month(month: int) -> int:
    \"\"\"
    >>> days_before_month(3)
    59
    \"\"\"
    if month < 1 or month > 12:
        return 0
    return _DAYS_BEFORE_MONTH[month]


def square(k: int) -> int:
    if k < 0 or k > 7:
        return 0
    return SQUARES[k]


def is_prime(n: int) -> bool:
    \"\"\"
    >>> is_prime(29)
    True
    \"\"\"
    if n < 0 or n >= N:
        return False
    return sieve[n]
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("folded"), "calendar_state.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "text"),
    [
        ("days_before_month", "[-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]"),
        ("square", "(0, -1)"),
        ("is_prime", "false, false, true, true, false, true"),
    ],
)
def test_readers_of_folded_state_verify(compiled, qualname: str, text: str) -> None:
    assert text in compiled_rust(compiled, qualname)
    verdict, rows = verify_compiled(compiled, qualname, examples=40)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])


def test_a_wrong_folded_value_is_caught(compiled) -> None:
    """The value a loop would leave without its last step (59 -> 58 for March): the
    verifier runs the real module, whose top level computed 59."""
    files = crate_with_change(compiled, "31, 59, 90", "31, 58, 90")
    verdict, rows = verify_compiled(compiled, "days_before_month", files, examples=40)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
    assert any(r.inputs == "3" and r.match is False for r in rows), rows


ACCELERATED = """
_SUMS = [0]
for step in (3, 5, 7):
    _SUMS.append(_SUMS[-1] + step)
del step


def prefix_sum(i: int) -> int:
    \"\"\"
    >>> prefix_sum(3)
    15
    \"\"\"
    if i < 0 or i > 3:
        return 0
    return _SUMS[i]


try:
    from _portalis_absent_accelerator import *
except ImportError:
    pass
else:
    del _SUMS, prefix_sum
"""


@pytest.fixture(scope="module")
def accelerated(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("accel"), "sums.py", ACCELERATED)


def test_state_an_accelerator_import_deletes_with_its_readers_verifies(accelerated) -> None:
    """datetime.py's shape: the pure-Python readers (and the state) are deleted when the C
    accelerator imports; without it, they read the folded value."""
    assert "[0, 3, 8, 15]" in compiled_rust(accelerated, "prefix_sum")
    verdict, rows = verify_compiled(accelerated, "prefix_sum", examples=20)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    files = crate_with_change(accelerated, "[0, 3, 8, 15]", "[0, 3, 8, 16]")
    verdict, rows = verify_compiled(accelerated, "prefix_sum", files, examples=20)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


REBOUND_BY_IMPORT = """
e = 3
pi = 3
tau = 3

from math import *

try:
    from math import pi
except ImportError:
    pass

from math import tau

tau = 6


def grow(x: int) -> float:
    return x * e


def turn(x: int) -> float:
    return x * pi


def spin(x: int) -> int:
    return x * tau
"""


def test_constants_an_import_rebinds_later_are_refused(tmp_path) -> None:
    """``e = 3`` then ``from math import *`` (a star import may bind any name): a call reads
    math's ``e``. Translated with 3, ``grow`` compiled and returned ``x * 3`` (silently wrong
    under ``--no-exec``); now refused. ``try: from math import pi`` after ``pi = 3`` is the
    import's value (the engine's import table: math.pi), and an assignment after the import
    (``tau = 6``) is the value: both verify."""
    done = compile_module(tmp_path, "rebound.py", REBOUND_BY_IMPORT)
    refused = {u.qualname: t.reason for u, t in done.items if not t.ok}
    assert set(refused) == {"grow"}, refused
    assert "unknown name e" in refused["grow"]
    for name in ("turn", "spin"):
        verdict, rows = verify_compiled(done, name, examples=12)
        assert verdict.status == Status.VERIFIED, (name, verdict, rows[:3])


HEAPQ_SHAPE = """
def heappush(heap: list[int], item: int) -> None:
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def _siftdown(heap: list[int], startpos: int, pos: int) -> None:
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


try:
    from _heapq import *
except ImportError:
    pass
"""


def test_a_def_the_accelerators_star_import_does_not_bind_verifies(tmp_path) -> None:
    """``from _heapq import *`` binds heappush (the C function runs: refused, PT902) but not
    ``_siftdown``: the pure-Python def is the module's, translated and verified against it."""
    done = compile_module(tmp_path, "heapshape.py", HEAPQ_SHAPE)
    assert [q for q, _ in done.refused] == ["heappush"], done.refused
    verdict, rows = verify_compiled(done, "_siftdown", examples=20)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
