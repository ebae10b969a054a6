"""str methods with ``start``/``end`` arguments (``find``, ``rfind``, ``index``, ``rindex``,
``count``, ``startswith``, ``endswith``): CPython clips the bounds like slice bounds but
answers on the window, not on a slice (``"abc".startswith("", 5)`` is False,
``"abc".find("", 5)`` is -1). The helpers are checked against CPython on every bound from -5
to 5 over strings with non-ASCII characters, and the translations built with rustc."""

from __future__ import annotations

import subprocess

import pytest

from pipeline.pytypes import rust_str
from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.runtime import select as runtime

from .harness import Case, assert_like_python, build_and_run, make_unit, rustc

TEXTS = ["", "a", "abcab", "éaé", "aaa"]
SUBS = ["", "a", "ab", "é", "aa", "x"]
BOUNDS = [None, *range(-5, 6)]


def _opt(b: int | None) -> str:
    return "None" if b is None else f"Some({b})"


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_window_helpers_match_cpython(tmp_path) -> None:
    names = ["str_find_in", "str_count_in", "str_affix_in"]
    want = []
    for s in TEXTS:
        for sub in SUBS:
            for start in BOUNDS:
                for end in BOUNDS:
                    args = (start, end)
                    got = [
                        s.find(sub, *args),
                        s.rfind(sub, *args),
                        s.count(sub, *args),
                        str(s.startswith(sub, *args)).lower(),
                        str(s.endswith(sub, *args)).lower(),
                    ]
                    want.append(" ".join(map(str, got)))
    a = "s, sub, start, end"
    main = f"""
fn main() {{
    let texts = [{", ".join(rust_str(t) for t in TEXTS)}];
    let subs = [{", ".join(rust_str(t) for t in SUBS)}];
    let bounds = [{", ".join(map(_opt, BOUNDS))}];
    for s in texts {{
        for sub in subs {{
            for start in bounds {{
                for end in bounds {{
                    println!("{{}} {{}} {{}} {{}} {{}}", pyrt::str_find_in({a}, false),
                        pyrt::str_find_in({a}, true), pyrt::str_count_in({a}),
                        pyrt::str_affix_in({a}, false), pyrt::str_affix_in({a}, true));
                }}
            }}
        }}
    }}
}}
"""
    src = tmp_path / "main.rs"
    src.write_text(f"mod pyrt {{\n{runtime.runtime_source(names)}\n}}\n{main}")
    exe = tmp_path / "main"
    proc = subprocess.run(
        [rustc() or "rustc", "--edition", "2021", "-o", str(exe), str(src)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == want


CASES = [
    Case(
        """
    def windows(s: str, sub: str, i: int, j: int) -> List[int]:
        return [s.find(sub, i), s.rfind(sub, i, j), s.count(sub, i, j), s.find(sub, i, j)]
    """,
        [("abcab", "ab", 1, 5), ("abc", "", 5, 9), ("éaé", "é", -1, 3), ("", "", 0, 0)],
    ),
    Case(
        """
    def affixes(s: str, i: int, j: int) -> List[bool]:
        return [s.startswith("", i), s.endswith("b", i, j), s.startswith(("x", "ab"), i, j)]
    """,
        [("abc", 5, 1), ("abc", 3, 3), ("xab", 1, 3), ("ab", -2, -1), ("", 0, 0)],
    ),
    Case(
        """
    def located(s: str, i: int) -> int:
        return s.index("a", i) + s.rindex("a", 0, i)
    """,
        [("banana", 2), ("banana", 0), ("a", 1), ("bab", 2)],
    ),
]


@pytest.fixture(scope="module")
def built():
    return build_and_run(CASES)


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_range_methods_behave_like_python(built, case: Case) -> None:
    assert built.returncode == 0, built.stderr[-3000:]
    assert_like_python(built, case)


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("s.find('a', 1, 2, 3)", "method str.find() with these arguments"),
        ("s.count('a', 'b')", "method str.count() with these arguments"),
        ("s.find('a', 1.5)", "method str.find() with these arguments"),
    ],
)
def test_other_arguments_stay_refused(expr: str, reason: str) -> None:
    tr = RuleEngine().translate(make_unit(f"def f(s: str) -> int:\n    return {expr}\n"))
    assert not tr.ok and reason in tr.reason, tr.reason


MORE = [
    Case(
        """
    def tabs(s: str, n: int) -> List[str]:
        return [s.expandtabs(), s.expandtabs(n)]
    """,
        [("a\tbc\td", 4), ("ab\r\tc\n\t", 3), ("\t", 0), ("x\ty", -1), ("é\t日\t", 1), ("", 2)],
    ),
    Case(
        """
    def lines(s: str, keep: bool) -> List[List[str]]:
        return [s.splitlines(True), s.splitlines(keep), s.splitlines(False)]
    """,
        [("a\r\nb\rc\n", True), ("x\x85y\u2028\n\n", False), ("", True), ("\r\r\n", True)],
    ),
    Case(
        """
    def swap(s: str, old: str, n: int) -> List[str]:
        return [s.replace(old, "-", n), s.replace(old, "", n - 2)]
    """,
        [("banana", "a", 2), ("banana", "", 1), ("aaa", "a", -1), ("", "", 0), ("ab", "b", 9)],
    ),
    Case(
        """
    def plain(s: str) -> bool:
        return s.isascii()
    """,
        [("abc~\x7f",), ("é",), ("",)],
    ),
]


@pytest.fixture(scope="module")
def built_more():
    return build_and_run(MORE)


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", MORE, ids=lambda c: c.name)
def test_more_str_methods_behave_like_python(built_more, case: Case) -> None:
    assert built_more.returncode == 0, built_more.stderr[-3000:]
    assert_like_python(built_more, case)
