"""``it = iter(xs)`` in a generator (more_itertools ``split_at``, ``split_when``): exact where no
StopIteration can leave the generator through a ``next(it)`` without a default (Python turns
that one into RuntimeError), so every such ``next`` must sit under ``except StopIteration``.
Through rustc and the real verifier; a bare ``next(it)`` stays refused; a wrong translation is
caught."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = '''
def split_at(iterable, sep):
    """
    >>> list(split_at([1, 0, 2, 3, 0, 4], 0))
    [[1], [2, 3], [4]]
    >>> list(split_at([], 0))
    [[]]
    """
    buf = []
    it = iter(iterable)
    for item in it:
        if item == sep:
            yield buf
            buf = []
        else:
            buf.append(item)
    yield buf


def runs(iterable):
    """
    >>> list(runs([1, 1, 2, 3, 3, 3]))
    [[1, 1], [2], [3, 3, 3]]
    >>> list(runs([]))
    []
    """
    it = iter(iterable)
    try:
        cur = next(it)
    except StopIteration:
        return
    buf = [cur]
    for nxt in it:
        if nxt != cur:
            yield buf
            buf = []
        buf.append(nxt)
        cur = nxt
    yield buf


def skip_header(lines: list[str]):
    """
    >>> list(skip_header(["h", "a", "b"]))
    ['A', 'B']
    """
    it = iter(lines)
    next(it, None)
    for line in it:
        yield line.upper()


def pairs(iterable):
    """
    >>> list(pairs([1, 2, 3, 4]))
    [(1, 2), (3, 4)]
    """
    it = iter(iterable)
    for a in it:
        b = next(it)
        yield (a, b)
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    root = tmp_path_factory.mktemp("generator_iterators")
    return compile_module(root, "generator_iterators.py", SOURCE)


@pytest.mark.parametrize("name", ["split_at", "runs", "skip_header"])
def test_iterators_in_generators_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, examples=20, min_inputs=2)


def test_the_iterator_is_advanced_in_place(compiled) -> None:
    assert ".next()" in compiled_rust(compiled, "runs")


def test_a_next_whose_stop_iteration_leaves_the_generator_is_refused(compiled) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == "pairs")
    assert not tr.ok and "under `except StopIteration`" in tr.reason, tr.reason


def test_a_lost_first_item_is_a_mismatch(compiled) -> None:
    assert_change_caught(
        compiled,
        "runs",
        "let mut buf: Vec<i64> = vec![cur];",
        "let _ = it.next(); let mut buf = vec![cur];",
    )
