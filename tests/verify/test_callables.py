"""Verification of functions that take or return callables (hand-written Rust translations):
catalogue inputs for callable parameters, observed (applied) callable results, and wrong
closures caught as mismatches."""

from __future__ import annotations

import pytest

from pipeline.pytypes import parse, rust_literal
from pipeline.records import Status, VerifyVerdict
from pipeline.verify import VerifyOptions, verify_crate, verify_one
from pipeline.verify.callables import catalogue_refs, observe
from pipeline.verify.catalogue import CATALOGUE, python_function
from tests.verify.crates import Fixture, sig

PYTHON = """
from typing import Callable, List


def apply_n(f: Callable[[int], int], n: int, x: int) -> int:
    for _ in range(min(n, 50)):
        x = f(x)
    return x


def keep(items: List[str], pred: Callable[[str], bool]) -> List[str]:
    return [s for s in items if pred(s)]


def run_all(x: int, steps: List[Callable[[int], int]]) -> int:
    for step in steps:
        x = step(x)
    return x


def adder(n: int) -> Callable[[int], int]:
    return lambda x: x + n


def adder_wrong(n: int) -> Callable[[int], int]:
    return lambda x: x + n


def counter(start: int) -> Callable[[], int]:
    count = start

    def tick() -> int:
        nonlocal count
        count += 1
        return count
    return tick


def counter_wrong(start: int) -> Callable[[], int]:
    count = start

    def tick() -> int:
        nonlocal count
        count += 1
        return count
    return tick


def curry(a: int) -> Callable[[int], Callable[[int], int]]:
    return lambda b: lambda c: a * 100 + b * 10 + c


def powers(n: int) -> List[Callable[[int], int]]:
    return [lambda x, p=p: x ** p for p in range(min(n, 4))]
"""

RUST = """
pub fn apply_n(f: impl Fn(i64) -> i64, n: i64, x: i64) -> i64 {
    let mut x = x;
    for _ in 0..n.min(50) { x = f(x); }
    x
}
pub fn keep(items: &[String], pred: impl Fn(&str) -> bool) -> Vec<String> {
    items.iter().filter(|s| pred(s)).cloned().collect()
}
pub fn run_all(x: i64, steps: &[Box<dyn Fn(i64) -> i64>]) -> i64 {
    let mut x = x;
    for step in steps { x = step(x); }
    x
}
pub fn adder(n: i64) -> impl Fn(i64) -> i64 { move |x: i64| x + n }
pub fn adder_wrong(n: i64) -> impl Fn(i64) -> i64 { move |x: i64| if x == -7 { x } else { x + n } }
pub fn counter(start: i64) -> impl FnMut() -> i64 {
    let mut count = start;
    move || { count += 1; count }
}
pub fn counter_wrong(start: i64) -> impl FnMut() -> i64 {
    let count = start;
    move || count + 1
}
pub fn curry(a: i64) -> impl Fn(i64) -> Box<dyn Fn(i64) -> i64> {
    move |b: i64| Box::new(move |c: i64| a * 100 + b * 10 + c)
}
pub fn powers(n: i64) -> Vec<Box<dyn Fn(i64) -> i64>> {
    (0..n.min(4)).map(|p| Box::new(move |x: i64| x.pow(p as u32)) as Box<dyn Fn(i64) -> i64>)
        .collect()
}
"""

FUNCTIONS = {
    "apply_n": sig("apply_n", "f: Callable[[int], int]; n: int; x: int"),
    "keep": sig("keep", "items: list[str] @ref; pred: Callable[[str], bool]", "list[str]"),
    "run_all": sig("run_all", "x: int; steps: list[Callable[[int], int]] @ref"),
    "adder": sig("adder", "n: int", "Callable[[int], int]"),
    "adder_wrong": sig("adder_wrong", "n: int", "Callable[[int], int]"),
    "counter": sig("counter", "start: int", "Callable[[], int]"),
    "counter_wrong": sig("counter_wrong", "start: int", "Callable[[], int]"),
    "curry": sig("curry", "a: int", "Callable[[int], Callable[[int], int]]"),
    "powers": sig("powers", "n: int", "list[Callable[[int], int]]"),
}


@pytest.fixture(scope="module")
def verdicts() -> dict[str, VerifyVerdict]:
    fx = Fixture(crate="calls").module("hof.py", PYTHON, RUST)
    for name, fn_sig in FUNCTIONS.items():
        fx.unit("hof.py", name, fn_sig)
    result = verify_crate(
        fx.crate, fx.crate_files(), fx.python, fx.items, VerifyOptions(examples_per_function=20)
    )
    return {v.unit_id.rsplit("::", 1)[1]: v for v in result}


@pytest.mark.parametrize(
    "name", ["apply_n", "keep", "run_all", "adder", "counter", "curry", "powers"]
)
def test_callable_forms_verify(verdicts: dict[str, VerifyVerdict], name: str) -> None:
    verdict = verdicts[name]
    assert verdict.status == Status.VERIFIED, verdict
    assert verdict.inputs_tried >= 5


@pytest.mark.parametrize("name", ["adder_wrong", "counter_wrong"])
def test_wrong_closures_are_mismatches(verdicts: dict[str, VerifyVerdict], name: str) -> None:
    assert verdicts[name].status == Status.MISMATCH, verdicts[name]


def test_reports_name_the_catalogue_function() -> None:
    fx = Fixture(crate="calls1").module("hof.py", PYTHON, RUST)
    unit = fx.unit("hof.py", "apply_n", FUNCTIONS["apply_n"])
    rows = verify_one(
        fx.crate,
        fx.crate_files(),
        fx.python,
        unit,
        fx.items[0][1],
        VerifyOptions(examples_per_function=12),
    )
    assert rows and all(r.inputs.startswith("lambda x: ") for r in rows)  # by its source
    assert all(r.match for r in rows if r.match is not None)


def test_catalogue_python_and_rust_agree_on_types() -> None:
    for key, entries in CATALOGUE.items():
        t = parse(key)
        assert t.render() == key
        for i, ref in enumerate(catalogue_refs(t)):
            assert callable(python_function(key, i))
            assert rust_literal(t, ref).startswith("Box::new(|")
        assert len(entries) >= 2


def test_observation_of_nested_and_stateful_results() -> None:
    obs = observe(parse("Callable[[int], Callable[[int], int]]"), "c")
    assert obs is not None and obs.type.render() == "list[list[int]]"
    assert len(obs.probe["call"]) == 4 and len(obs.probe["then"]["call"]) == 3
    counter = observe(parse("Callable[[], int]"), "c")
    assert counter is not None and counter.probe["call"] == [[], [], [], []]
    assert observe(parse("list[int]"), "c") is None
