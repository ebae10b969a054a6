"""Call forms spelled another way in Rust: ``s.translate(str.maketrans(...))``, ``print(*xs)``
and ``zip(..., strict=True)``, built with rustc and run against Python on edge cases (duplicate
and deleted table keys, unequal lengths raising, nothing to print)."""

from __future__ import annotations

import subprocess

import pytest

from pipeline.translate.rules.engine import RuleEngine

from .harness import Case, build_and_run, make_unit, python_results, rustc

CASES = [
    Case(
        """
    def rot(text: str, shift: int) -> str:
        lower = "abcdefghijklmnopqrstuvwxyz"
        shifted = lower[shift % 26:] + lower[: shift % 26]
        return text.translate(str.maketrans(lower, shifted))
    """,
        [("hello, wörld", 3), ("", 0), ("xyz", -1)],
    ),
    Case(
        """
    def table(text: str, a: str, b: str) -> str:
        return text.translate(str.maketrans(a, b, "zé"))
    """,
        [("abcz é", "aab", "xyq"), ("abc", "ab", "x"), ("zz", "z", "y")],
    ),
    Case(
        """
    def show(xs: List[int], words: List[str]) -> None:
        print(*xs)
        print(*words, sep="-", end="|\\n")
        print(*xs, sep=None)
        print("n", len(xs), ":", 1.5, *xs, sep=", ")
        print(True, None, *words, end="")
        print()
    """,
        [([1, -2, 3], ["a", "b"]), ([], [])],
    ),
    Case(
        """
    def dot(a: List[int], b: List[int], c: List[int]) -> int:
        total = sum(x * y for x, y in zip(a, b, strict=True))
        for x, y, z in zip(a, b, c, strict=True):
            total += z
        return total
    """,
        [
            ([1, 2], [3, 4], [5, 6]),
            ([1], [], []),
            ([], [1], [1]),
            ([1, 2], [3, 4], [5]),
            ([], [], []),
        ],
    ),
    Case(
        """
    def columns(m: List[List[int]]) -> List[List[int]]:
        return [list(c) for c in zip(*m)] + [[sum(c)] for c in zip(*m)]
    """,
        [([[1, 2, 3], [4, 5]],), ([],), ([[], [1]],), ([[7]],)],
    ),
    Case(
        """
    def typed_items(xs: List[Optional[int]], words: List[str]) -> List[bool]:
        flags = [isinstance(xs[i], int) for i in range(len(xs))]
        return flags + [isinstance(words[0], str), isinstance(len(words), float)]
    """,
        [([1, None], ["a"]), ([], []), ([None], ["b", "c"])],
    ),
    Case(
        """
    def set_ops(a: List[int], b: List[int], c: List[int]) -> List[List[int]]:
        s = set(a)
        return [
            sorted(s.union(b, c)),
            sorted(s.intersection(b, c)),
            sorted(s.difference(b, [0])),
            sorted(s.symmetric_difference(b)),
            [int(s.issubset(b)), int(s.isdisjoint(c)), int(s.issuperset(range(2)))],
        ]
    """,
        [([1, 2, 3], [2, 3, 4], [3]), ([], [], []), ([0, 1], [1], [5, 0])],
    ),
    Case(
        """
    def numbers(xs: List[int], pairs: List[Tuple[str, int]]) -> List[int]:
        ranked = sorted(pairs, key=operator.itemgetter(1))
        by_both = sorted(pairs, key=operator.itemgetter(1, 0), reverse=True)
        return (
            [x.bit_length() for x in xs]
            + [math.prod(xs)]
            + [n for _, n in ranked]
            + [len(w) for w, _ in by_both]
        )
    """,
        [([0, 1, -1, 255, -256, 2**40], [("b", 2), ("a", 2), ("c", 1)]), ([], [])],
    ),
    Case(
        """
    def rotated(m: List[List[int]]) -> List[List[int]]:
        return [list(r) for r in zip(*m[::-1])]
    """,
        [([[1, 2], [3, 4]],), ([],), ([[1, 2, 3]],)],
    ),
    Case(
        """
    def by_length(words: List[str]) -> Dict[int, List[str]]:
        out: Dict[int, List[str]] = defaultdict(list)
        counts: Dict[str, int] = Counter(words)
        for w in words:
            out[len(w)].append(w)
            out[-counts["zz"]].append(w)
        return dict(out)
    """,
        [(["a", "bb", "", "cc"],), ([],)],
    ),
    Case(
        """
    def shapes(xs: List[int], t: Tuple[int, str], d: Dict[str, int], s: str) -> List[bool]:
        return [
            isinstance(xs, list),
            isinstance(xs, (tuple, dict)),
            isinstance(t, tuple),
            isinstance(d, dict),
            isinstance(s, (list, str)),
            isinstance(d.get(s), int),
        ]
    """,
        [([1], (2, "b"), {"a": 1}, "a"), ([], (0, ""), {}, "")],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_and_run(CASES, str(tmp_path_factory.mktemp("callforms")))


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_call_forms_compile(built) -> None:
    assert built.returncode == 0, built.stderr[-4000:]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_call_forms_behave_like_python(built, case: Case) -> None:
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    modes = [p.mode for p in tr.signatures[0].params]
    assert built.rust[case.name] == python_results(case, modes, tr.signatures[0].returns), tr.rust


@pytest.mark.parametrize(
    "body, text",
    [
        ("t = str.maketrans('ab', 'cd')\n    return s.translate(t)", "str.maketrans() other than"),
        ("print(*s, sep=s)\n    return s", "*s in a call of print (only a fixed-size tuple"),
        ("print(s, *s.split(), sep=s)\n    return s", "print sep= must be a string literal"),
        ("print(*s.split(), s)\n    return s", "*args/**kwargs in call print"),
        ("return ''.join(a + b for a, b in zip(s, s, strict=bool(s)))", "call of zip()"),
        ("return str(isinstance(s.find('a'), bool))", "depends on the value passed"),
        ("return str(isinstance(set(s), set))", "depends on the value passed"),
        (
            "w = s.split()\n    return ''.join(c[0] for c in zip(*w))",
            "only the rows of a list of lists",
        ),
    ],
)
def test_other_spellings_stay_refused(body: str, text: str) -> None:
    tr = RuleEngine().translate(make_unit(f"def f(s: str) -> str:\n    {body}\n"))
    assert not tr.ok and text in tr.reason, tr.reason


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_print_spread_prints_what_python_prints(tmp_path, capsys) -> None:
    """The verifier ignores what a function prints, so the text is compared here."""
    src = CASES[2].source
    tr = RuleEngine().translate(make_unit(src))
    assert tr.ok, tr.reason
    calls = "\n".join(
        f"    m::show(&{rust_vec(xs)}, &[{', '.join(f'String::from({w!r})' for w in ws)}]".replace(
            "'", '"'
        )
        + ");"
        for xs, ws in CASES[2].inputs
    )
    (tmp_path / "pyrt.rs").write_text(RuleEngine().runtime_source(set(tr.helpers)))
    (tmp_path / "m.rs").write_text(tr.rust)
    (tmp_path / "main.rs").write_text(f"mod pyrt;\nmod m;\nfn main() {{\n{calls}\n}}\n")
    exe = tmp_path / "main"
    build = subprocess.run(
        [rustc() or "rustc", "--edition", "2021", "-o", str(exe), str(tmp_path / "main.rs")],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    printed = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    python_results(CASES[2], ["ref", "ref"])
    assert printed == capsys.readouterr().out


def rust_vec(xs: list[int]) -> str:
    return f"vec![{', '.join(f'{x}i64' for x in xs)}]"
