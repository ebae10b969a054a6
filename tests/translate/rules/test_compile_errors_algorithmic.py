"""Forms of the real-world ``algorithms`` package that once gave Rust rustc rejected, through
the real sharder, engine, rustc and verifier:

- ``palindromic_substrings``: ``results.append([sub] + rest)`` in a loop that does not bind
  ``sub`` again moved ``sub`` on its first pass (E0382); each pass now stores a copy, which is
  refused where something changes objects in place (Python shares the one object); the
  same copy where a local bound once is read after it was stored (``len(row)`` after
  ``out.append(row)``);
- ``sum_sub_squares``: a bare ``return`` in a function whose other paths return a list
  (``return;`` in a function returning ``Option``, E0069);
- ``is_rotated`` / ``repeat_string``: ``x in xs`` where ``x`` is a borrowed list parameter
  (``contains`` wants ``&Vec<T>``, it was given ``&[T]``: E0308);
- pygorithm's ``merge_sort.merge``: ``a.remove(a[0])`` borrowed ``a`` for the needle while
  passing it ``&mut`` (E0502): the needle is now taken first.
"""

from __future__ import annotations

import pytest

from pipeline.records import Status

from .harness import ENGINE, compile_module, compiled_rust, make_unit, rustc, verify_compiled

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
def palindromic_substrings(s):
    if not s:
        return [[]]
    results = []
    for i in range(len(s), 0, -1):
        sub = s[:i]
        if sub == sub[::-1]:
            for rest in palindromic_substrings(s[i:]):
                results.append([sub] + rest)
    return results


def palindromic_words(s: str) -> list[list[str]]:
    if not s:
        return [[]]
    results = []
    for i in range(len(s), 0, -1):
        sub = [s[:i]]
        if s[:i] == s[:i][::-1]:
            for rest in palindromic_words(s[i:]):
                results.append(sub + rest)
                results.append([sub[0]] + rest)
    return results


def rows_of(n: int, k: int) -> list[list[int]]:
    row = [k] * n
    grid = []
    for _ in range(n):
        grid.append(row)
    return grid


def stored_then_read(n: int) -> int:
    row = [n] * 3
    out = {}
    out["a"] = row
    return len(row) + len(out["a"])


def sum_sub_squares(matrix, k):
    n = len(matrix)
    result = [[0 for i in range(k)] for j in range(k)]
    if k > n:
        return
    for i in range(n - k + 1):
        l = 0
        for j in range(n - k + 1):
            sum = 0
            for p in range(i, k + i):
                for q in range(j, k + j):
                    sum += matrix[p][q]
            result[i][l] = sum
            l += 1
    return result


def is_rotated(s1, s2):
    if len(s1) == len(s2):
        return s2 in s1 + s1
    else:
        return False


def repeat_string(A, B):
    count = 1
    tmp = A
    max_count = (len(B) / len(A)) + 1
    while not(B in tmp):
        tmp = tmp + A
        if (count > max_count):
            count = -1
            break
        count = count + 1
    return count


def has_row(grid: list[list[int]], row: list[int]) -> bool:
    return row in grid


def merge(a, b):
    c = []
    while len(a) != 0 and len(b) != 0:
        if a[0] < b[0]:
            c.append(a[0])
            a.remove(a[0])
        else:
            c.append(b[0])
            b.remove(b[0])
    if len(a) == 0:
        c += b
    else:
        c += a
    return c


def drop_last(n: int) -> list[int]:
    a = list(range(n))
    a.remove(a[-1])
    return a


def drop_firsts(g: list[list[str]]) -> list[list[str]]:
    g[0].remove(g[0][0])
    g.remove(g[-1])
    return g


# examples
sum_sub_squares([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2)
sum_sub_squares([[1, 2], [3, 4]], 3)
is_rotated("hello", "llohe")
repeat_string("abcd", "cdabcdab")
palindromic_substrings("abcbab")
merge([1, 3, 5], [2, 4])
"""

VERIFIED = [
    "palindromic_substrings",
    "palindromic_words",
    "rows_of",
    "stored_then_read",
    "sum_sub_squares",
    "is_rotated",
    "repeat_string",
    "has_row",
    "merge",
    "drop_last",
    "drop_firsts",
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("cerr_algorithmic"), "mod.py", SOURCE)


@pytest.mark.parametrize("qualname", VERIFIED)
def test_compiled_and_verified(compiled, qualname: str) -> None:
    unit = next(u for u, _ in compiled.items if u.qualname == qualname)
    assert unit.id in compiled.outcome.compiled_ids, compiled.outcome.failed.get(unit.id)
    verdict, rows = verify_compiled(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:5])


def test_shapes_of_the_rust(compiled) -> None:
    assert "vec![sub.clone()]" in compiled_rust(compiled, "palindromic_substrings")
    assert "grid.push(row.clone())" in compiled_rust(compiled, "rows_of")
    assert "row.clone()" in compiled_rust(compiled, "stored_then_read")
    assert "return None;" in compiled_rust(compiled, "sum_sub_squares")
    assert ".iter().any(|item| item == row)" in compiled_rust(compiled, "has_row")
    assert "let needle = *a.at(-1);" in compiled_rust(compiled, "drop_last")


@pytest.mark.parametrize(
    "source",
    [
        # the stored object is changed afterwards: every stored copy would have to change
        "def f(n: int) -> list[list[int]]:\n    row = [0]\n    grid = []\n"
        "    for _ in range(n):\n        grid.append(row)\n    row.append(1)\n    return grid\n",
        # an item of the container is changed in place: Python changes every row
        "def f(n: int) -> list[list[int]]:\n    row = [0]\n    grid = []\n"
        "    for _ in range(n):\n        grid.append(row)\n    grid[0][0] = 5\n    return grid\n",
        "def f(n: int) -> list[list[int]]:\n    row = [0]\n    grid = []\n"
        "    for _ in range(n):\n        grid.append(row)\n    grid[0].append(5)\n"
        "    return grid\n",
    ],
)
def test_a_shared_object_changed_in_place_is_refused(source: str) -> None:
    tr = ENGINE.translate(make_unit(source))
    assert not tr.ok
    assert tr.reason.startswith("PT030"), tr.reason
    assert "row is stored into a container on every pass of a loop" in tr.reason, tr.reason


def test_a_store_rebound_on_every_pass_is_still_a_move() -> None:
    tr = ENGINE.translate(
        make_unit(
            "def f(n: int) -> list[list[int]]:\n    grid = []\n    for i in range(n):\n"
            "        row = [i]\n        row.append(i)\n        grid.append(row)\n    return grid\n"
        )
    )
    assert tr.ok, tr.reason
    assert "grid.push(row);" in tr.rust
