"""``os.path``'s pure functions through rustc and the real verifier: each translation verifies
against CPython, and a deliberately wrong helper (".." resolved against "..", a dot file given
an extension, an absolute component not restarting the path, a root's slashes stripped) is
caught as a mismatch."""

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
import os
import posixpath
from os.path import splitext


def clean(p: str) -> str:
    """>>> clean("../../a/./b//")
    '../../a/b'
    >>> clean("//x/../y")
    '//y'
    """
    return os.path.normpath(p)


def stem(p: str) -> str:
    """>>> stem("/tmp/.bashrc")
    '.bashrc'
    >>> stem("a/b.tar.gz")
    'b.tar'
    """
    root, _ext = splitext(posixpath.basename(p))
    return root


def under(root: str, name: str) -> str:
    """>>> under("/srv", "/etc/x")
    '/etc/x'
    >>> under("a/", "b")
    'a/b'
    """
    return os.path.join(root, "data", name)


def parent(p: str) -> tuple[str, bool]:
    """>>> parent("///")
    ('///', True)
    >>> parent("a//b")
    ('a', False)
    """
    return os.path.dirname(p), os.path.isabs(p)


def spread(parts: list[str]) -> str:
    """>>> spread([])
    Traceback (most recent call last):
    TypeError: join() missing 1 required positional argument: 'a'
    >>> spread(["a", "/b", "c"])
    '/b/c'
    """
    return os.path.join(*parts)


def shared(ps: list[str]) -> str:
    """>>> shared(["/usr/lib", "/usr/local"])
    '/usr/l'
    """
    return os.path.commonprefix(ps)
'''

WRONG = [
    ("clean", 'comps.last() == Some(&"..")', 'comps.last() == Some(&".")'),
    ("stem", "iter().any(|&b| b != b'.')", "iter().all(|&b| b != b'.')"),
    ("under", "if b.starts_with('/') {", 'if b.starts_with("//") {'),
    ("parent", "if head.bytes().all(|b| b == b'/')", "if head.is_empty()"),
    ("spread", "if all.is_empty() {", "if all.len() < 2 {"),
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("paths"), "paths.py", SOURCE)


def test_path_functions_verify(compiled) -> None:
    names = [u.qualname for u, _t in compiled.items]
    assert sorted(names) == ["clean", "parent", "shared", "spread", "stem", "under"]
    for name in names:
        assert_verifies(compiled, name, examples=25, min_inputs=10)


@pytest.mark.parametrize(("name", "old", "new"), WRONG, ids=[w[0] for w in WRONG])
def test_wrong_path_helpers_are_mismatches(compiled, name: str, old: str, new: str) -> None:
    assert_change_caught(compiled, name, old, new, examples=25)
