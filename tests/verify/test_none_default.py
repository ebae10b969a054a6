"""The ``None``-default idiom (mode ``optmut``, Rust ``Option<&mut T>``) in the verifier:
inputs with the argument None or omitted and with a real container, the container compared
after the call; a translation that ignores the caller's container is a mismatch."""

from __future__ import annotations

import pytest

from pipeline.pytypes import PyType
from pipeline.records import Status, VerifyVerdict
from pipeline.verify import VerifyOptions, verify_crate
from pipeline.verify.harness import HarnessCase, HarnessFn, fn_source
from pipeline.verify.inputs import doctest_calls
from tests.verify.crates import Fixture, sig

PYTHON = '''
from typing import Dict, List, Optional


def add_item(item: int, bucket: Optional[List[int]] = None) -> List[int]:
    """>>> add_item(1), add_item(2, [5]), add_item(3, bucket=None)"""
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


def add_item_fresh(item: int, bucket: Optional[List[int]] = None) -> List[int]:
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


def add_item_unchanged(item: int, bucket: Optional[List[int]] = None) -> List[int]:
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


def tally(word: str, counts: Optional[Dict[str, int]] = None) -> int:
    if counts is None:
        counts = {}
    counts[word] = counts.get(word, 0) + 1
    return len(counts)
'''

RUST = r"""
pub fn add_item(item: i64, bucket: Option<&mut Vec<i64>>) -> Vec<i64> {
    let mut new_bucket = Vec::new();
    let bucket = bucket.unwrap_or(&mut new_bucket);
    bucket.push(item);
    bucket.clone()
}
// wrong: always a fresh list, the caller's is ignored (result and container both differ)
pub fn add_item_fresh(item: i64, _bucket: Option<&mut Vec<i64>>) -> Vec<i64> {
    vec![item]
}
// wrong: the right result, but the caller's list is not changed (only the container differs)
pub fn add_item_unchanged(item: i64, bucket: Option<&mut Vec<i64>>) -> Vec<i64> {
    let mut copy = bucket.map(|b| b.clone()).unwrap_or_default();
    copy.push(item);
    copy
}
pub fn tally(word: &str, counts: Option<&mut crate::pyrt::PyDict<String, i64>>) -> i64 {
    let mut new_counts = crate::pyrt::PyDict::new();
    let counts = counts.unwrap_or(&mut new_counts);
    let n = counts.iter().find(|(k, _)| k.as_str() == word).map(|(_, v)| *v).unwrap_or(0);
    counts.insert(word.to_string(), n + 1);
    counts.len() as i64
}
"""

LIST_SIG = "item: int; bucket: Optional[list[int]] @optmut"
FUNCTIONS = {
    "add_item": sig("add_item", LIST_SIG, "list[int]"),
    "add_item_fresh": sig("add_item_fresh", LIST_SIG, "list[int]"),
    "add_item_unchanged": sig("add_item_unchanged", LIST_SIG, "list[int]"),
    "tally": sig("tally", "word: str @ref; counts: Optional[dict[str, int]] @optmut"),
}


@pytest.fixture(scope="module")
def verdicts() -> dict[str, VerifyVerdict]:
    fx = Fixture(crate="nonedefault").module("m.py", PYTHON, RUST)
    for name, fn_sig in FUNCTIONS.items():
        fx.unit("m.py", name, fn_sig)
    result = verify_crate(
        fx.crate, fx.crate_files(), fx.python, fx.items, VerifyOptions(examples_per_function=30)
    )
    return {v.unit_id.rsplit("::", 1)[1]: v for v in result}


@pytest.mark.parametrize("name", ["add_item", "tally"])
def test_faithful_translation_is_verified(verdicts: dict[str, VerifyVerdict], name: str) -> None:
    v = verdicts[name]
    assert v.status == Status.VERIFIED, v
    assert v.inputs_tried == v.inputs_matched >= 20


def test_ignoring_the_callers_container_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["add_item_fresh"]
    assert v.status == Status.MISMATCH, v
    assert "None" not in v.mismatch.inputs  # only a passed container tells them apart
    assert "after: bucket=" in v.mismatch.expected


def test_leaving_the_callers_container_unchanged_is_a_mismatch(
    verdicts: dict[str, VerifyVerdict],
) -> None:
    v = verdicts["add_item_unchanged"]
    assert v.status == Status.MISMATCH, v
    assert "argument bucket after the call differs" in v.reason, v


def test_doctest_may_omit_a_none_default_argument() -> None:
    calls = doctest_calls(PYTHON, "add_item", ["item", "bucket"], none_default=("bucket",))
    assert calls == [(1, None), (2, [5]), (3, None)]
    assert doctest_calls(PYTHON, "add_item", ["item", "bucket"]) == [(2, [5]), (3, None)]


def test_harness_passes_the_container_as_an_option_of_a_borrow() -> None:
    t = PyType("Optional", (PyType("list", (PyType("int"),)),))
    fn = HarnessFn(
        0,
        "c::m::add_item",
        ((PyType("int"), "value"), (t, "optmut")),
        PyType("list", (PyType("int"),)),
        (HarnessCase(0, ("1i64", "None")),),
        observed=(1,),
    )
    text = "\n".join(fn_source(fn, "c"))
    assert "let (a0, mut a1,)" in text
    assert "c::m::add_item(a0, a1.as_mut())" in text
    assert "ok_json(&r, &[&a1])" in text
