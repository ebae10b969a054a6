"""``itertools`` calls: lazy Rust iterators with CPython's order, laziness and errors, built
with rustc and run against Python on edge cases (empty pools, ``r`` past the pool, negative
arguments); ``groupby`` only where its lazily emptied groups cannot be told apart."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, assert_like_python, build_and_run, make_unit, rustc

CASES = [
    Case(
        """
    def orderings(items: List[int], r: int) -> List[List[int]]:
        return [list(p) for p in itertools.permutations(items, r)]
    """,
        [([1, 2, 3], 2), ([1, 2, 3], 3), ([], 0), ([4], 2), ([5, 5, 6], 0), ([1, 2], -1)],
    ),
    Case(
        """
    def all_orderings(word: str) -> List[str]:
        return ["".join(p) for p in itertools.permutations(word)]
    """,
        [("abc",), ("",), ("aab",), ("é",)],
    ),
    Case(
        """
    def triples(nums: List[int], target: int) -> int:
        return sum(1 for a, b, c in itertools.combinations(nums, 3) if a + b + c == target)
    """,
        [([1, 2, 3, 4, 5], 9), ([], 0), ([1, 2], 3), ([0, 0, 0, 0], 0)],
    ),
    Case(
        """
    def choose(n: int, k: int) -> List[List[int]]:
        return [list(c) for c in itertools.combinations(range(n), k)]
    """,
        [(4, 2), (3, 0), (2, 5), (0, 0), (3, -1), (5, 9)],
    ),
    Case(
        """
    def multisets(xs: List[str], k: int) -> List[str]:
        return ["".join(c) for c in itertools.combinations_with_replacement(xs, k)]
    """,
        [(["a", "b", "c"], 2), ([], 0), ([], 2), (["x"], 3)],
    ),
    Case(
        """
    def dice(sides: int) -> Dict[int, int]:
        counts: Dict[int, int] = {}
        for a, b in itertools.product(range(1, sides + 1), repeat=2):
            counts[a + b] = counts.get(a + b, 0) + 1
        return counts
    """,
        [(1,), (3,), (0,)],
    ),
    Case(
        """
    def labelled(n: int, s: str) -> List[Tuple[int, str]]:
        return list(itertools.product(range(n), s))
    """,
        [(2, "ab"), (0, "ab"), (3, "")],
    ),
    Case(
        """
    def cells(a: List[int], b: List[int], c: List[int]) -> List[Tuple[int, int, int]]:
        return list(itertools.product(a, b, c))
    """,
        [([1, 2], [3], [4, 5]), ([], [1], [2])],
    ),
    Case(
        """
    def prefix(nums: List[int], start: int) -> List[int]:
        return list(itertools.accumulate(nums)) + list(itertools.accumulate(nums, initial=start))
    """,
        [([1, 2, 3], 10), ([], 5), ([-4], 0)],
    ),
    Case(
        """
    def running(nums: List[int]) -> List[List[int]]:
        return [
            list(itertools.accumulate(nums, max)),
            list(itertools.accumulate(nums, lambda a, b: a * b)),
        ]
    """,
        [([3, 1, 4, 1, 5],), ([],), ([2, -3, 7],)],
    ),
    Case(
        """
    def prefixes(words: List[str]) -> List[str]:
        return list(itertools.accumulate(words))
    """,
        [(["a", "b", "ç"],), ([],)],
    ),
    Case(
        """
    def rle(s: str) -> List[Tuple[str, int]]:
        return [(ch, len(list(g))) for ch, g in itertools.groupby(s)]
    """,
        [("aaabccdd",), ("",), ("a",), ("abab",)],
    ),
    Case(
        """
    def runs_by_parity(xs: List[int]) -> List[Tuple[int, List[int]]]:
        out = []
        for k, g in itertools.groupby(xs, key=lambda x: x % 2):
            out.append((k, sorted(g)))
        return out
    """,
        [([1, 3, 2, 4, 5, 8],), ([],), ([2],)],
    ),
    Case(
        """
    def longest_run(xs: List[int]) -> int:
        return max((sum(1 for _ in g) for _, g in itertools.groupby(xs)), default=0)
    """,
        [([1, 1, 2, 2, 2, 1],), ([],)],
    ),
    Case(
        """
    def steps(xs: List[int]) -> List[int]:
        return [b - a for a, b in itertools.pairwise(xs)]
    """,
        [([1, 4, 9, 16],), ([],), ([7],)],
    ),
    Case(
        """
    def flat(xss: List[List[int]], tail: List[int]) -> List[int]:
        return list(itertools.chain.from_iterable(xss)) + list(itertools.chain(tail, [0], tail))
    """,
        [([[1, 2], [], [3]], [9]), ([], [])],
    ),
    Case(
        """
    def window(xs: List[int], a: int, b: int, step: int) -> List[List[int]]:
        return [
            list(itertools.islice(xs, b)),
            list(itertools.islice(xs, a, b)),
            list(itertools.islice(xs, a, None, step)),
        ]
    """,
        [([1, 2, 3, 4, 5, 6], 1, 4, 2), ([1, 2], 0, 9, 1), ([1, 2, 3], -1, 2, 1), ([1], 0, 1, 0)],
    ),
    Case(
        """
    def squares(n: int, start: int, step: int) -> List[int]:
        return list(itertools.islice((i * i for i in itertools.count(start, step)), n))
    """,
        [(4, 0, 1), (3, 5, -2), (0, 1, 1)],
    ),
    Case(
        """
    def roman(s: str) -> int:
        values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
        total = 0
        for a, b in itertools.zip_longest(s, s[1:], fillvalue=""):
            v = values[a]
            total += -v if b and values[b] > v else v
        return total
    """,
        [("MCMXCIV",), ("",), ("IV",)],
    ),
    Case(
        """
    def padded(a: List[int], b: List[str]) -> List[Tuple[Optional[int], Optional[str]]]:
        return list(itertools.zip_longest(a, b))
    """,
        [([1, 2, 3], ["x"]), ([], ["a", "b"]), ([], [])],
    ),
    Case(
        """
    def split_at_sign(xs: List[int]) -> List[List[int]]:
        return [
            list(itertools.takewhile(lambda x: x > 0, xs)),
            list(itertools.dropwhile(lambda x: x > 0, xs)),
            list(itertools.filterfalse(lambda x: x % 2 == 0, xs)),
        ]
    """,
        [([3, 1, -2, 4, 5],), ([],), ([-1],)],
    ),
    Case(
        """
    def repeated(s: str, n: int) -> str:
        return "-".join(itertools.repeat(s, n))
    """,
        [("ab", 3), ("x", 0), ("y", -2)],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("itertools")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_itertools_cases_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_itertools_behave_like_python(built, case: Case) -> None:
    assert_like_python(built, case)


def translate(src: str):
    return RuleEngine().translate(make_unit(src))


def test_known_lengths_give_fixed_tuples() -> None:
    tr = translate(CASES[2].source)
    assert "crate::pyrt::combinations(" in tr.rust and "crate::pyrt::fixed(v)" in tr.rust
    src = (
        "def f(n: int, k: int) -> List[Tuple[int, ...]]:\n"
        "    return list(itertools.combinations(range(n), k))\n"
    )
    assert translate(src).signatures[0].returns == "list[tuple[int, ...]]"


@pytest.mark.parametrize(
    "src, text",
    [
        (
            "def f(s: str) -> List[int]:\n    out = []\n    for k, g in itertools.groupby(s):\n"
            "        out.append(len(list(g)) + len(list(g)))\n    return out\n",
            "the group g is used other than once",
        ),
        (
            "def f(s: str) -> int:\n    gs = []\n    for k, g in itertools.groupby(s):\n"
            "        gs.append(g)\n    return len(gs)\n",
            "the group g is used other than once",
        ),
        (
            "def f(s: str) -> int:\n    n = 0\n    for k, g in itertools.groupby(s):\n"
            "        for i in range(2):\n            n += len(list(g))\n    return n\n",
            "the group g is used other than once",
        ),
        (
            "def f(s: str) -> int:\n    return len(list(itertools.groupby(s)))\n",
            "groupby() other than as the iterable of a loop",
        ),
        (
            "def f(n: int) -> List[List[int]]:\n    return list(itertools.repeat([], n))\n",
            "repeat() of a mutable value shares it",
        ),
        (
            "def f(a: List[int]) -> List[Tuple[int, int]]:\n"
            "    return list(itertools.permutations(set(a), 2))\n",
            "over a set",
        ),
        (
            "def f(a: List[int]) -> List[int]:\n    return list(itertools.cycle(a))\n",
            "call of itertools.cycle() is not supported",
        ),
    ],
)
def test_inexact_forms_stay_refused(src: str, text: str) -> None:
    tr = translate(src)
    assert not tr.ok and text in tr.reason, tr.reason
