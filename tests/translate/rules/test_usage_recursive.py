"""Untyped functions typed from their uses (usage.py), the rules of issue 12 section 1:
recursive functions (a procedure returns None, a function the type its base cases agree on,
mutually recursive ones too; a literal default types a parameter; a generic one calls itself);
a nested def's parameters (and its return, when it recurses); a list-or-dict subscript settled
with the container's kind; what a recursive call returns, ``a, b = x, y``, an int index,
iterating calls and ``.copy()`` read from the body. End to end with rustc and the real
verifier, which catches a wrong body and refutes a typing Python rejects."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.records import Status
from pipeline.translate.rules.analysis import usage
from pipeline.translate.rules.diagnostics import Refusal, Where
from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.front import lower
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    make_unit,
)

SOURCE = """
def fill(grid, i, j):
    if i < 0 or i >= len(grid) or j < 0 or j >= len(grid[0]):
        return
    if grid[i][j] != 1:
        return
    grid[i][j] = 0
    fill(grid, i + 1, j)
    fill(grid, i - 1, j)
    fill(grid, i, j + 1)
    fill(grid, i, j - 1)


def islands(grid):
    count = 0
    for i in range(len(grid)):
        for j in range(len(grid[i])):
            if grid[i][j] == 1:
                fill(grid, i, j)
                count += 1
    return count


def merge(left, right):
    out = []
    i, j = 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def merge_sort(arr):
    if len(arr) <= 1:
        return arr.copy()
    mid = len(arr) // 2
    return merge(merge_sort(arr[:mid]), merge_sort(arr[mid:]))


def binom(n, k):
    if k == 0 or n == k:
        return 1
    return binom(n - 1, k - 1) + binom(n - 1, k)


def digit_count(n):
    return 1 if n < 10 else 1 + digit_count(n // 10)


def digits_sum(n, acc=0):
    if n == 0:
        return acc
    return digits_sum(n // 10, acc + n % 10)


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def sort_desc(arr):
    def swap(i, j):
        arr[i], arr[j] = arr[j], arr[i]

    for a in range(len(arr)):
        for b in range(len(arr) - 1 - a):
            if arr[b] < arr[b + 1]:
                swap(b, b + 1)
    return arr


def fib_list(n):
    def fib(k):
        if k < 2:
            return k
        return fib(k - 1) + fib(k - 2)

    return [fib(i) for i in range(n % 15)]


def count_clean(text: str) -> int:
    def clean(w):
        return w.strip(".,").lower()

    return len([clean(w) for w in text.split() if clean(w)])


def is_one_edit(s, t):
    if len(s) > len(t):
        return is_one_edit(t, s)
    if len(t) - len(s) > 1 or t == s:
        return False
    for i in range(len(s)):
        if s[i] != t[i]:
            return s[i + 1 :] == t[i + 1 :] or s[i:] == t[i + 1 :]
    return True


def rev(xs):
    if len(xs) <= 1:
        return xs[:]
    return rev(xs[1:]) + [xs[0]]


def clear_dict(in_dict):
    try:
        in_dict.clear()
    except AttributeError:
        for key in list(in_dict):
            del in_dict[key]


def relax(dist, node, w):
    if dist[node] > w:
        dist[node] = w
    return dist[node]


def shout_all(words, i):
    if i >= len(words):
        return
    words[i] = words[i].upper()
    shout_all(words, i + 1)
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("usage_rec"), "usage_rec.py", SOURCE)


def _tr(done, qualname: str):
    return next(t for u, t in done.items if u.qualname == qualname)


@pytest.mark.parametrize(
    ("qualname", "typing", "signature"),
    [
        (
            "fill",
            ("grid: list[list[int]] (usage)", "i: int (usage)", "j: int (usage)"),
            "pub fn fill(grid: &mut Vec<Vec<i64>>, i: i64, j: i64) {",
        ),
        ("islands", ("grid: list[list[int]] (usage)",), "pub fn islands(grid: &mut Vec<Vec<i64>>)"),
        (
            "merge",
            ("left: list[int] (usage)", "right: list[int] (usage)"),
            "pub fn merge(left: &[i64], right: &[i64]) -> Vec<i64>",
        ),
        ("merge_sort", ("arr: list[int] (usage)",), "pub fn merge_sort(arr: &[i64]) -> Vec<i64>"),
        ("binom", ("n: int (usage)", "k: int (usage)"), "pub fn binom(n: i64, k: i64) -> i64"),
        ("digits_sum", ("n: int (usage)",), "pub fn digits_sum(n: i64, acc: i64) -> i64"),
        ("digit_count", ("n: int (usage)",), "pub fn digit_count(n: i64) -> i64"),
        ("shout_all", ("words: list[str] (usage)", "i: int (usage)"), "pub fn shout_all("),
        ("is_even", ("n: int (usage)",), "pub fn is_even(n: i64) -> bool"),
        (
            "is_one_edit",
            ("s: list[T] (usage)", "t: list[T] (usage)"),
            "pub fn is_one_edit<T: Clone + PartialEq>(s: &[T], t: &[T]) -> bool",
        ),
        ("rev", ("xs: list[T] (usage)",), "pub fn rev<T: Clone>(xs: &[T]) -> Vec<T>"),
        ("clear_dict", ("in_dict: dict[int, T] (usage)",), "pub fn clear_dict<T: Clone>("),
        ("sort_desc", ("arr: list[int] (usage)",), "fn swap(i: i64, j: i64, arr: &mut Vec<i64>)"),
        ("fib_list", ("n: int (usage)",), "fn fib(k: i64) -> i64"),
        ("count_clean", (), "fn clean(w: &str) -> String"),
        ("is_odd", ("n: int (usage)",), "pub fn is_odd(n: i64) -> bool"),
        (
            "relax",
            ("dist: list[int] (usage)", "node: int (usage)", "w: int (usage)"),
            "pub fn relax(dist: &mut Vec<i64>, node: i64, w: i64) -> i64",
        ),
    ],
)
def test_recursive_functions_typed_from_usage_verify(
    compiled, qualname: str, typing: tuple[str, ...], signature: str
) -> None:
    tr = _tr(compiled, qualname)
    assert tr.ok, tr.reason
    assert tr.typing == typing
    assert signature in tr.rust
    assert_verifies(compiled, qualname)


def test_wrong_body_of_a_recursive_procedure_is_a_mismatch(compiled) -> None:
    """``shout_all`` changes its argument in place: a Rust that lowers the words Python
    uppercases is caught on the argument's value after the call."""
    assert "to_uppercase" in _tr(compiled, "shout_all").rust
    assert_change_caught(compiled, "shout_all", "to_uppercase", "to_lowercase")


def test_typing_python_rejects_is_refuted(compiled) -> None:
    """The Rust of ``binom`` (``n: int (usage)``) against a Python body that calls a str
    method on ``n``: Python raises AttributeError on the drawn ints, so the recorded
    assumption is refuted, never verified; without the record it is a mismatch."""
    from pipeline.verify import VerifyOptions, verify_unit

    unit, tr = next((u, t) for u, t in compiled.items if u.qualname == "binom")
    crate = compiled.outcome.crate
    python = compiled.text.replace("if k == 0 or n == k:", "if k == 0 or n.strip() == k:")
    options = VerifyOptions(examples_per_function=10)
    verdict, _ = verify_unit(crate.name, crate.files, {compiled.rel: python}, unit, tr, options)
    assert verdict.status == Status.UNTESTED, verdict
    assert "typing refuted: n: int (usage), k: int (usage) assumed" in verdict.reason
    bare = dataclasses.replace(tr, typing=())
    verdict, _ = verify_unit(crate.name, crate.files, {compiled.rel: python}, unit, bare, options)
    assert verdict.status == Status.MISMATCH, verdict


def _lowered(src: str):
    fn = lower.lower_function(src, Where(1), {"itertools": "itertools"}, frozenset())
    assumed = usage.apply(fn, usage.untyped(fn), lambda name: None)
    return fn, [a.render() for a in assumed]


@pytest.mark.parametrize(
    ("src", "returns"),
    [
        # no return with a value: None
        ("def f(xs, i):\n    if i < len(xs):\n        xs[i] = 0\n        f(xs, i + 1)\n", "None"),
        # the base case's type; an unknown one (a sibling's result) does not decide
        (
            "def f(xs):\n    if len(xs) < 2:\n        return xs\n    return g(f(xs[1:]))\n",
            "list[~T]",
        ),
        # a tuple display's items
        (
            "def f(n, acc):\n    if n == 0:\n        return acc, 0\n    return f(n - 1, acc)\n",
            "tuple[~T, int]",
        ),
        (
            "def f(n):\n    if n == 0:\n        return 1, 'a'\n    return f(n - 1)\n",
            "tuple[int, str]",
        ),
        # an annotated parameter returned: its annotation
        ("def f(s: str, n):\n    if n == 0:\n        return s\n    return f(s, n - 1)\n", "str"),
        # a float only when every base case says so
        (
            "def f(n):\n    if n == 0:\n        return 0.5\n    if n == 1:\n        return h(n)\n"
            "    return f(n - 1)\n",
            None,
        ),
        # each branch of a returned if-expression is a return (the base case among them)
        ("def f(n):\n    return 1 if n <= 1 else n * f(n - 1)\n", "int"),
        ("def f(n):\n    return 'a' if n < 1 else (f(n - 1) + 'b' if n > 5 else 'c')\n", "str"),
        # a path that falls off the end: no guess
        (
            "def f(n):\n    if n > 0:\n        return f(n - 1) + 1\n    elif n == 0:\n"
            "        return 0\n",
            None,
        ),
    ],
)
def test_recursive_return_rules(src: str, returns: str | None) -> None:
    fn, _ = _lowered(src)
    if returns is None:
        assert not fn.has_return_ann
    else:
        assert fn.has_return_ann and fn.returns.render() == returns


@pytest.mark.parametrize(
    ("src", "want"),
    [
        # ``i, j = 0, 0`` makes ints, so ``a[i] <= b[j]`` compares items
        (
            "def f(a, b):\n    i, j = 0, 0\n    return a[i] <= b[j]\n",
            ["a: list[int] (usage)", "b: list[int] (usage)"],
        ),
        # an index some use made a number indexes a sequence, not a dict
        (
            "def f(g, i):\n    if i < 0:\n        return 0\n    return g[i][0] + 1\n",
            ["g: list[list[int]] (usage)", "i: int (usage)"],
        ),
        # what itertools and zip/map/filter iterate is iterable; islice's bounds are ints
        (
            "def f(xs, ys, n):\n    return list(zip(xs, itertools.islice(ys, n)))\n",
            ["xs: list[T] (usage)", "ys: list[U] (usage)", "n: int (usage)"],
        ),
        # ``.copy()`` has the type of what it copies
        (
            "def f(xs):\n    ys = xs.copy()\n    ys.append(1)\n    return ys\n",
            ["xs: list[int] (usage)"],
        ),
    ],
)
def test_walk_reads_more_uses(src: str, want: list[str]) -> None:
    assert _lowered(src)[1] == want


@pytest.mark.parametrize(
    ("src", "want"),
    [
        # a subscript by a value of no known kind, read before the container's kind is
        # known: a list (the rules' default) with an int index...
        (
            "def f(seen, v):\n    seen[v] = True\n    return seen\n",
            ["seen: list[bool] (usage)", "v: int (usage)"],
        ),
        (
            "def f(w, node):\n    w[node] = 0.5\n    return w[node] * 2\n",
            ["w: list[float] (usage)", "node: int (usage)"],
        ),
        # ... a dict once a use says so: the index is its key, the item its value
        (
            "def f(d, k):\n    d[k] = 'x'\n    return d.get(k, 'y')\n",
            ["d: dict[int, str] (usage)", "k: int (usage)"],
        ),
        (
            "def f(d, k):\n    v = d[k]\n    for a in d.keys():\n        pass\n    return v + 1\n",
            ["d: dict[int, int] (usage)", "k: int (usage)"],
        ),
        # ... or when one value is tested ``in`` it and indexes it
        (
            "def f(g, v, w):\n    if v not in g:\n        g[v] = []\n    g[v].append(w)\n",
            ["g: dict[int, list[T]] (usage)", "v: int (usage)", "w: T (usage)"],
        ),
        # ... and a str's item is a str
        (
            "def f(s, k):\n    return s[k].upper() + s.lower()\n",
            ["s: str (usage)", "k: int (usage)"],
        ),
    ],
)
def test_list_or_dict_subscripts_settle_with_the_container(src: str, want: list[str]) -> None:
    assert _lowered(src)[1] == want


def test_a_list_or_dict_subscript_that_disagrees_is_refused() -> None:
    """``xs[k]`` used as a number, and ``xs`` a str: the item cannot be both."""
    with pytest.raises(Refusal) as info:
        _lowered("def f(xs, k):\n    n = xs[k] + 1\n    return xs.upper()\n")
    assert info.value.code == "PT020" and "its uses disagree" in info.value.message


def test_a_nested_def_parameter_of_a_type_variable_stays_untyped() -> None:
    """``ok(a, b)`` only compares: ``a`` would be the enclosing function's ``T``, which a
    lifted Rust fn cannot name; it is left untyped (and refused later), never guessed."""
    fn, assumed = _lowered(
        "def pairs(xs):\n    def ok(a, b):\n        return a != b\n\n"
        "    return [(a, b) for a in xs for b in xs if ok(a, b)]\n"
    )
    local = fn.body[0].fn
    assert assumed == ["xs: list[T] (usage)"]
    assert [p.ann for p in local.params] == [None, None]


def test_a_promoted_variable_bound_by_unpacking_is_refused() -> None:
    """``old_r / r`` makes the ints of ``old_r, r = a, b`` floats: the unpacking would keep
    an int in the Rust, so the function is refused naming the variable, not miscompiled."""
    src = (
        "def egcd(a, b):\n    old_s, s = 1, 0\n    old_r, r = a, b\n    while r != 0:\n"
        "        q = old_r / r\n        old_r, r = r, old_r - q * r\n"
        "        old_s, s = s, old_s - q * s\n    return old_s, old_r\n"
    )
    tr = RuleEngine().translate(make_unit(src))
    assert not tr.ok
    assert "starts as an int and becomes a float, and is bound by unpacking" in tr.reason


def test_a_recursive_generator_keeps_inference_s_return_type() -> None:
    """A generator's result is its items, inferred from its yields: no None is assumed."""
    fn, _ = _lowered(
        "def walk(xs):\n    for x in xs:\n        if isinstance(x, list):\n"
        "            yield from walk(x)\n        else:\n            yield x\n"
    )
    assert fn.generator and not fn.has_return_ann


def test_a_typed_function_whose_displays_disagree_is_left_to_inference() -> None:
    """A recursive function with every parameter typed is walked only for its return type:
    a display holding an int and a str is not a parameter's disagreement (no PT020)."""
    fn, assumed = _lowered(
        "def f(n: int):\n    out = [1]\n    out.append('a')\n    if n == 0:\n"
        "        return 0\n    return f(n - 1)\n"
    )
    assert assumed == [] and not fn.has_return_ann
