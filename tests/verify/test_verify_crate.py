"""verify_crate end to end: real rustc, real child processes, hand-written translations.

One repository with many functions is verified once (module fixture); each test checks one
function's verdict, so that the rlib, harness and Python child are built once.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from pipeline.records import Status, VerifyVerdict
from pipeline.verify import VerifyOptions, verify_crate
from tests.verify.crates import Fixture, sig

SCRIBBLE = "portalis_scribble_probe.txt"

PYTHON = f'''
import os
import sys
import tempfile
from typing import Optional

from .helpers import two


def add2(x: int) -> int:
    """Adds two.

    >>> add2(3)
    5
    >>> add2(x=9223372036854775807000)
    """
    return x + two()


def total(n: int) -> int:
    acc = 0
    for i in range(min(n, 1000)):
        acc += i
    return acc


def half_round(x: float) -> int:
    return round(x)


def floor_div(a: int, b: int) -> int:
    return a // b


def char_at(s: str, i: int) -> str:
    return s[i] if 0 <= i < len(s) else ""


def histogram(words: list[str]) -> dict[str, int]:
    counts = {{}}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def uniq(xs: list[int]) -> set[int]:
    return set(xs)


def minmax(xs: list[int]) -> Optional[tuple[int, int]]:
    return (min(xs), max(xs)) if xs else None


def scale(xs: list[float], k: float) -> list[float]:
    return [x * k for x in xs]


def push_twice(xs: list[int], v: int) -> None:
    xs.append(v)
    xs.append(v)


def push_twice_wrong(xs: list[int], v: int) -> None:
    xs.append(v)
    xs.append(v)


def first(xs: list[int]) -> int:
    return xs[0]


def first_or(xs: list[int]) -> int:
    return xs[0] if xs else -1


def cube_root_of_cube(x: int) -> int:
    return x * x * x // (x * x) if x else 0


def cube(x: int) -> int:
    return x * x * x


def halvings(n: int) -> int:
    steps = 0
    while n > 0:
        n //= 2
        steps += 1
    return steps


def depth(n: int) -> int:
    return 0 if n <= 0 else 1 + depth(n - 1)


def spin(x: int) -> int:
    while True:
        x += 1


def hog(x: int) -> int:
    chunks = []
    while True:
        chunks.append(bytearray(1 << 24))


def leave(x: int) -> int:
    sys.exit(3)


def die(x: int) -> int:
    os._exit(7)


def scribble(x: int) -> int:
    with open("{SCRIBBLE}", "w") as f:
        f.write("cwd")
    with open(os.path.join(tempfile.gettempdir(), "{SCRIBBLE}"), "w") as f:
        f.write("tmp")
    with open(os.path.expanduser("~/{SCRIBBLE}"), "w") as f:
        f.write("home")
    return x


def wrong_sig(x: int) -> int:
    return x


def noisy(x: int) -> int:
    print("python says", x)
    return x


def doubled(x: float) -> float:
    return x * 2


def not_an_int(x: int) -> int:
    return str(x)


def big_alloc(x: int) -> int:
    return 0


class Stack:
    pass


class Counter:
    @staticmethod
    def bump(n: int) -> int:
        return n + 1
'''

RUST = r"""
pub fn add2(x: i64) -> i64 { x + 2 }
pub fn total(n: i64) -> i64 { (0..=n.min(1000)).sum() }
pub fn half_round(x: f64) -> i64 { x.round() as i64 }
pub fn floor_div(a: i64, b: i64) -> i64 { a / b }
pub fn char_at(s: &str, i: i64) -> String {
    let b = s.as_bytes();
    if i >= 0 && (i as usize) < s.chars().count() { (b[i as usize] as char).to_string() }
    else { String::new() }
}
pub fn histogram(words: &[String]) -> crate::pyrt::PyDict<String, i64> {
    let mut counts: Vec<(String, i64)> = Vec::new();
    for w in words {
        match counts.iter_mut().find(|(k, _)| k == w) {
            Some(slot) => slot.1 += 1,
            None => counts.push((w.clone(), 1)),
        }
    }
    crate::pyrt::PyDict::from_pairs(counts)
}
pub fn uniq(xs: &[i64]) -> std::collections::HashSet<i64> { xs.iter().cloned().collect() }
pub fn minmax(xs: &[i64]) -> Option<(i64, i64)> {
    if xs.is_empty() { None } else { Some((*xs.iter().min().unwrap(), *xs.iter().max().unwrap())) }
}
pub fn scale(xs: &[f64], k: f64) -> Vec<f64> { xs.iter().map(|x| x * k).collect() }
pub fn push_twice(xs: &mut Vec<i64>, v: i64) { xs.push(v); xs.push(v); }
pub fn push_twice_wrong(xs: &mut Vec<i64>, v: i64) { xs.push(v); }
pub fn first(xs: &[i64]) -> i64 { xs[0] }
pub fn first_or(xs: &[i64]) -> i64 { xs[0] }
pub fn cube_root_of_cube(x: i64) -> i64 { if x != 0 { x * x * x / (x * x) } else { 0 } }
pub fn cube(x: i64) -> i64 { x.wrapping_mul(x).wrapping_mul(x) }
pub fn halvings(n: i64) -> i64 {
    let mut n = n;
    let mut steps = 0;
    while n != 0 { n = n.div_euclid(2); steps += 1; }
    steps
}
pub fn depth(n: i64) -> i64 { if n == 0 { 0 } else { 1 + depth(n - 1) } }
pub fn spin(x: i64) -> i64 { x }
pub fn hog(x: i64) -> i64 { x }
pub fn leave(x: i64) -> i64 { x }
pub fn die(x: i64) -> i64 { x }
pub fn scribble(x: i64) -> i64 { x }
pub fn wrong_sig(x: i64) -> String { x.to_string() }
// the same printed text as Python, a partial line first (the rows must still parse)
pub fn noisy(x: i64) -> i64 { print!("python says {}", x); println!(); x }
pub fn doubled(x: f64) -> f64 { x * 2.0 }
pub fn not_an_int(x: i64) -> i64 { x }
pub fn big_alloc(x: i64) -> i64 { let v = vec![0u8; 1 << 30]; v[v.len() - 1] as i64 }
pub struct Stack;
pub struct Counter;
impl Counter {
    pub fn bump(n: i64) -> i64 { n + 1 }
}
"""

FUNCTIONS = {
    "add2": sig("add2"),
    "total": sig("total", "n: int"),
    "half_round": sig("half_round", "x: float"),
    "floor_div": sig("floor_div", "a: int; b: int"),
    "char_at": sig("char_at", "s: str @ref; i: int", "str"),
    "histogram": sig("histogram", "words: list[str] @ref", "dict[str, int]"),
    "uniq": sig("uniq", "xs: list[int] @ref", "set[int]"),
    "minmax": sig("minmax", "xs: list[int] @ref", "Optional[tuple[int, int]]"),
    "scale": sig("scale", "xs: list[float] @ref; k: float", "list[float]"),
    "push_twice": sig("push_twice", "xs: list[int] @mut; v: int", "None"),
    "push_twice_wrong": sig("push_twice_wrong", "xs: list[int] @mut; v: int", "None"),
    "first": sig("first", "xs: list[int] @ref"),
    "first_or": sig("first_or", "xs: list[int] @ref"),
    "cube_root_of_cube": sig("cube_root_of_cube"),
    "cube": sig("cube"),
    "halvings": sig("halvings", "n: int"),
    "depth": sig("depth", "n: int"),
    "spin": sig("spin"),
    "hog": sig("hog"),
    "leave": sig("leave"),
    "die": sig("die"),
    "scribble": sig("scribble"),
    "wrong_sig": sig("wrong_sig"),
    "noisy": sig("noisy"),
    "doubled": sig("doubled", "x: float", "float"),
    "not_an_int": sig("not_an_int"),
    "big_alloc": sig("big_alloc"),
}


def build_fixture() -> Fixture:
    fx = Fixture(crate="demo")
    fx.module("pkg/calc.py", PYTHON, RUST)
    fx.python["pkg/__init__.py"] = ""
    fx.python["pkg/helpers.py"] = "def two():\n    return 2\n"
    for name, fn_sig in FUNCTIONS.items():
        fx.unit("pkg/calc.py", name, fn_sig)
    fx.unit("pkg/calc.py", "Stack")
    fx.unit("pkg/calc.py", "Counter", sig("Counter.bump", "n: int", rust_name="Counter::bump"))
    return fx


OPTIONS = VerifyOptions(examples_per_function=40, call_timeout_s=1.0, memory_mb=256)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, VerifyVerdict]:
    fx = build_fixture()
    cases = tmp_path_factory.mktemp("cases") / "portalis_cases.json"
    cases.write_text(
        '{"pkg/calc.py::total": [[3], "4"], "pkg/calc.py::uniq": [[[1, 1, 2]]],'
        ' "pkg/calc.py::doubled": [[NaN], [Infinity], [-Infinity], [1e308]]}'
    )
    options = VerifyOptions(**{**OPTIONS.__dict__, "cases_file": str(cases)})
    probes = _probe_paths()
    cwd = os.getcwd()
    result = verify_crate(fx.crate, fx.crate_files(), fx.python, fx.items, options)
    assert os.getcwd() == cwd
    leaked = [p for p in probes if p.exists()]
    assert not leaked, f"the sandbox let files escape: {leaked}"
    return {v.unit_id.rsplit("::", 1)[1]: v for v in result}


def _probe_paths() -> list[Path]:
    paths = [Path.cwd() / SCRIBBLE, Path(tempfile.gettempdir()) / SCRIBBLE, Path.home() / SCRIBBLE]
    for p in paths:
        p.unlink(missing_ok=True)
    return paths


def test_one_verdict_per_unit_in_order(verdicts: dict[str, VerifyVerdict]) -> None:
    assert list(verdicts) == [*FUNCTIONS, "Stack", "Counter"]


@pytest.mark.parametrize(
    "name",
    [
        "histogram",
        "uniq",
        "minmax",
        "scale",
        "push_twice",
        "first",
        "scribble",
        "noisy",
        "doubled",
        "Counter",
    ],
)
def test_good_translation_is_verified(verdicts: dict[str, VerifyVerdict], name: str) -> None:
    v = verdicts[name]
    assert v.status == Status.VERIFIED, v
    assert v.inputs_tried == v.inputs_matched >= 1
    assert v.mismatch is None and v.seconds > 0


def test_doctests_are_inputs_and_int_input_beyond_i64_is_an_overflow(
    verdicts: dict[str, VerifyVerdict],
) -> None:
    v = verdicts["add2"]  # doctests: add2(3), and add2(x=<int beyond i64>) by keyword
    assert v.status == Status.OVERFLOW
    assert v.mismatch.inputs == "9223372036854775807000"
    assert v.mismatch.expected == "9223372036854775807002"  # Python still ran it
    assert "does not fit in i64" in v.mismatch.actual
    assert v.inputs_matched == v.inputs_tried - 1 >= 1


def test_off_by_one_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["total"]
    assert v.status == Status.MISMATCH
    n = min(int(v.mismatch.inputs), 1000)
    assert int(v.mismatch.expected) == sum(range(n))
    assert int(v.mismatch.actual) == sum(range(n + 1))


def test_user_cases_come_before_generated_inputs(verdicts: dict[str, VerifyVerdict]) -> None:
    assert verdicts["total"].mismatch.inputs == "3"  # the first user case already differs


def test_round_half_away_from_zero_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["half_round"]
    assert v.status == Status.MISMATCH
    x = float(v.mismatch.inputs)
    assert x % 1 == 0.5 and int(v.mismatch.expected) == round(x)


def test_truncating_division_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["floor_div"]
    assert v.status == Status.MISMATCH
    a, b = (int(p) for p in v.mismatch.inputs.split(", "))
    assert (a < 0) != (b < 0) and a % b != 0
    assert int(v.mismatch.expected) == a // b


def test_byte_index_on_non_ascii_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["char_at"]
    assert v.status == Status.MISMATCH
    s = eval(v.mismatch.inputs.rsplit(", ", 1)[0])  # the repr of the str argument
    assert not s.isascii()


def test_wrong_mutation_of_mut_argument_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["push_twice_wrong"]
    assert v.status == Status.MISMATCH
    assert "after the call" in v.reason
    assert "after: xs=" in v.mismatch.expected and "after: xs=" in v.mismatch.actual


def test_panic_where_python_returns_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["first_or"]
    assert v.status == Status.MISMATCH
    assert v.mismatch.inputs == "[]" and v.mismatch.expected == "-1"
    assert v.mismatch.actual.startswith("raised panic: index out of bounds")


def test_i64_overflow_panics_and_is_reported_as_overflow(
    verdicts: dict[str, VerifyVerdict],
) -> None:
    v = verdicts["cube_root_of_cube"]  # Python's x*x*x outgrows i64 for |x| > 2**21
    assert v.status == Status.OVERFLOW
    assert "with overflow" in v.mismatch.actual
    assert "i64 overflow" in v.reason and "all others matched" in v.reason
    assert 1 <= v.inputs_matched < v.inputs_tried


def test_wrapping_where_python_grows_is_a_mismatch_not_an_overflow(
    verdicts: dict[str, VerifyVerdict],
) -> None:
    v = verdicts["cube"]  # the Rust wraps silently instead of panicking: wrong, not a limit
    assert v.status == Status.MISMATCH
    assert "does not fit in i64" in v.reason


def test_rust_infinite_loop_is_a_timeout(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["halvings"]  # -1 // 2 == -1: the Rust loop never ends for n < 0
    assert v.status == Status.TIMEOUT
    assert int(v.mismatch.inputs) < 0 and v.mismatch.actual.startswith("timeout")


def test_rust_crash_is_a_mismatch_and_the_run_goes_on(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["depth"]  # unbounded recursion for n < 0: stack overflow kills the harness
    assert v.status == Status.MISMATCH
    assert "harness killed by signal 6 (SIGABRT: stack overflow" in v.mismatch.actual
    assert v.inputs_matched >= 1  # inputs after the crash still ran


@pytest.mark.parametrize(
    ("name", "why"),
    [("spin", "timeout"), ("hog", "resource"), ("leave", "exit"), ("die", "crashed")],
)
def test_python_that_misbehaves_is_untested(
    verdicts: dict[str, VerifyVerdict], name: str, why: str
) -> None:
    v = verdicts[name]
    assert v.status == Status.UNTESTED
    assert "inputs dropped" in v.reason and why in v.reason


def test_call_that_does_not_compile_only_sinks_its_function(
    verdicts: dict[str, VerifyVerdict],
) -> None:
    v = verdicts["wrong_sig"]
    assert v.status == Status.UNTESTED
    assert "does not compile in the harness" in v.reason and "mismatched types" in v.reason


def test_rust_side_has_a_memory_limit(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["big_alloc"]  # 1 GiB (untouched, so cheap without a limit) > 256 MiB
    assert v.status == Status.MISMATCH
    assert "an allocation past the memory limit" in v.mismatch.actual


def test_python_result_of_the_wrong_type_is_a_mismatch(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["not_an_int"]
    assert v.status == Status.MISMATCH and "has no Rust int" in v.reason


def test_non_finite_floats_from_user_cases(verdicts: dict[str, VerifyVerdict]) -> None:
    v = verdicts["doubled"]  # NaN, +-inf and 1e308 * 2 == inf all agree
    # the user's 4, then generated ones until coverage stops growing (at least the floor)
    assert v.status == Status.VERIFIED and v.inputs_tried >= 4 + OPTIONS.min_examples


def test_unit_without_signature_is_untested(verdicts: dict[str, VerifyVerdict]) -> None:
    assert verdicts["Stack"].status == Status.UNTESTED
    assert "no callable entry point" in verdicts["Stack"].reason


def test_crate_that_does_not_build_gives_untested_verdicts() -> None:
    fx = Fixture(crate="broken")
    fx.module("m.py", "def f(x: int) -> int:\n    return x\n", "pub fn f(x: i64) -> i64 { y }\n")
    fx.unit("m.py", "f", sig("f"))
    [v] = verify_crate(
        fx.crate, fx.crate_files(), fx.python, fx.items, VerifyOptions(examples_per_function=3)
    )
    assert v.status == Status.UNTESTED
    assert "did not build" in v.reason and "cannot find value `y`" in v.reason


def test_bad_input_never_raises() -> None:
    fx = Fixture(crate="odd")
    fx.module("m.py", "def f(x: int) -> int:\n    return x\n", "pub fn f(x: i64) -> i64 { x }\n")
    fx.unit("m.py", "f", sig("f", "x: Callable[..., int]"))
    fx.unit("m.py", "g", sig("g", "x: int @sideways"))
    out = verify_crate(
        fx.crate,
        {"src/lib.rs": "garbage"},
        {"../escape.py": "x"},
        fx.items,
        VerifyOptions(examples_per_function=2, cases_file="/nonexistent.json"),
    )
    assert [v.status for v in out] == [Status.UNTESTED, Status.UNTESTED]
    assert "type not supported" in out[0].reason
