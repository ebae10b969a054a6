"""itertools calls and starred displays through the real verifier (rustc, drawn inputs, the
Python run in its sandbox): they verify, and a wrong port of each family is caught as a
mismatch."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from tests.translate.rules.harness import compile_module, verify_compiled

SOURCE = r"""
import itertools
import re
from typing import Dict, List, Tuple


def pair_sums(nums: List[int]) -> List[int]:
    return [a + b for a, b in itertools.combinations(nums[:6], 2)]


def run_lengths(s: str) -> List[Tuple[str, int]]:
    return [(ch, len(list(g))) for ch, g in itertools.groupby(s)]


def steps(xs: List[int]) -> List[Tuple[int, int]]:
    return list(itertools.pairwise(xs))


def orderings(word: str) -> List[str]:
    return ["".join(p) for p in itertools.permutations(word[:4])]


def merged(d1: Dict[str, int], d2: Dict[str, int]) -> Dict[str, int]:
    return {**d1, "k": 0, **d2}


def joined(a: List[int], b: List[int]) -> List[int]:
    return [*a, -1, *b]


def words(text: str) -> List[str]:
    return re.findall(r"\w+", text + " ab1 c")


def swapped(text: str) -> str:
    return re.sub(r"(\w)(\w)", r"\2\1", text + "xy")


def rot(text: str) -> str:
    return (text + "a!").translate(str.maketrans("abcdefghijklm", "nopqrstuvwxyz", "!"))


def dot(a: List[int], b: List[int]) -> int:
    return sum(x * y for x, y in zip(a[:3], b[:3], strict=True))


def columns(m: List[List[int]]) -> List[List[int]]:
    return [list(c) for c in zip(*m)]
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("itertools"), "iters.py", SOURCE)


@pytest.mark.parametrize(
    "name",
    [
        *("pair_sums", "run_lengths", "steps", "orderings", "merged", "joined"),
        *("words", "swapped", "rot", "dot", "columns"),
    ],
)
def test_call_forms_verify(compiled, name: str) -> None:
    verdict, rows = verify_compiled(compiled, name)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:3])
    assert verdict.inputs_tried >= 5


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("pair_sums", "self.indices[j - 1] + 1", "self.indices[j - 1] + 0"),
        ("run_lengths", "if (self.key)(x) != k {", "if (self.key)(x) == k {"),
        ("steps", "Some((a, next))", "Some((next.clone(), a))"),
        ("orderings", "self.indices.swap(i, n - j);", "self.indices.swap(i, n - 1);"),
        ("merged", "d1.clone(),\n", "\n"),  # a part left out
        ("joined", "b.to_vec().as_slice(),\n", "a.to_vec().as_slice(),\n"),
        ("words", "if greedy {", "if !greedy {"),  # lazy where greedy
        ("swapped", "rx_text(&chars, caps[*g])", "rx_text(&chars, caps[0])"),
        ("rot", "unwrap_or(Some(c))", "flatten().or(Some(c))"),  # nothing deleted
        ("dot", "Some(_) => panic!", "Some(_) => None, Some(_) => panic!"),  # longer b ignored
        ("columns", "map(|r| r.len()).min()", "map(|r| r.len()).max()"),
    ],
)
def test_wrong_call_forms_are_mismatches(compiled, name: str, old: str, new: str) -> None:
    files = dict(compiled.outcome.crate.files)
    path = next(p for p, text in files.items() if old in text)
    files[path] = files[path].replace(old, new)
    verdict, rows = verify_compiled(compiled, name, files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:5])
