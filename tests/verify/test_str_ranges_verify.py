"""str methods with start/end through rustc and the real verifier: they verify against
CPython on drawn strings and bounds (with expandtabs, splitlines(keepends) and a computed
replace count), and a wrong window (an empty prefix found past the end, a negative end not
clipped at 0, rfind answering like find), a tab column not reset by "\\r" and a kept "\\r\\n"
that loses its "\\n" are caught as mismatches."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = '''
def has_prefix(s: str, prefix: str, start: int) -> bool:
    """>>> has_prefix("abc", "", 5)
    False
    """
    return s.startswith(prefix, start)


def spans(s: str, sub: str, i: int, j: int) -> tuple[int, int, int]:
    """>>> spans("abcab", "", 0, -9)
    (0, 0, 1)
    >>> spans("abcab", "ab", 0, 5)
    (0, 3, 2)
    """
    return s.find(sub, i, j), s.rfind(sub, i, j), s.count(sub, i, j)


def layout(s: str, n: int, keep: bool) -> tuple[str, list[str], str]:
    r""">>> layout("a\\tb\\r\\n\\tc", 4, True)
    ('a   b\\r\\n    c', ['a\\tb\\r\\n', '\\tc'], 'a\\tb\\r\\n\\tc')
    >>> layout("ab\\r\\tc", 4, False)
    ('ab\\r    c', ['ab', '\\tc'], 'ab\\r\\tc')
    """
    return s.expandtabs(n), s.splitlines(keep), s.replace("  ", " ", n - 3)
'''

WRONG = [
    ("has_prefix", "if end - (fix.chars().count() as i64) < start {", "if false {"),
    ("spans", "e if e < 0 => (e + n).max(0),", "e if e < 0 => (e + n).max(-1),"),
    ("spans", "let found = if right {", "let found = if !right {"),
    ("layout", "if c == '\\n' || c == '\\r' {", "if c == '\\n' {"),
    ("layout", "cur.push('\\n');", "cur.push(' ');"),
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("ranges"), "ranges.py", SOURCE)


def test_range_methods_verify(compiled) -> None:
    for name in ("has_prefix", "spans", "layout"):
        assert_verifies(compiled, name, examples=30, min_inputs=20)


@pytest.mark.parametrize(
    ("name", "old", "new"), WRONG, ids=["affix", "clip", "rfind", "tab-column", "crlf-kept"]
)
def test_wrong_windows_are_mismatches(compiled, name: str, old: str, new: str) -> None:
    assert_change_caught(compiled, name, old, new, examples=30)
