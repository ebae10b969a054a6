"""Coverage-guided stopping: past a floor of generated inputs, drawing stops once the Python
side's line arcs (and kinds of outcome) stop growing; a wrong translation is still caught."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from pipeline import codec
from pipeline.records import Status, VerifyVerdict
from pipeline.verify import VerifyOptions, api, verify_crate
from pipeline.verify.files import write_tree
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits
from tests.verify.crates import Fixture, sig

PYTHON = """
def flat(x: int) -> int:
    return 3 * x + 1


def late(x: int) -> int:
    if x == 7:
        return 0
    return x


def picky(x: int) -> int:
    return 10 // x


def band(x: int) -> int:
    if x < -1000:
        return -1
    if x < 0:
        return 0
    if x < 1000:
        return 1
    return 2
"""
RUST_RIGHT = """
pub fn flat(x: i64) -> i64 { 3 * x + 1 }
pub fn band(x: i64) -> i64 {
    if x < -1000 { -1 } else if x < 0 { 0 } else if x < 1000 { 1 } else { 2 }
}
"""
RUST_WRONG = """
pub fn flat(x: i64) -> i64 { if x > 1_000_000 { 3 * x } else { 3 * x + 1 } }
pub fn band(x: i64) -> i64 {
    if x < -1000 { -1 } else if x < 0 { 0 } else if x < 1000 { 1 } else { 3 }
}
"""
OPTIONS = VerifyOptions(examples_per_function=50)  # the defaults: floor 16, patience 8


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PythonSandbox]:
    scratch = tmp_path_factory.mktemp("scratch")
    write_tree(scratch / "src", {"mod.py": PYTHON})
    limits = SandboxLimits(call_timeout_s=5.0, cpu_s=5, memory_mb=256)
    with PythonSandbox(scratch, [str(scratch / "src")], limits) as sandbox:
        yield sandbox


def statuses(box: PythonSandbox, name: str, xs: list[int], after: int, patience: int) -> list:
    cases = [[codec.encode(x)] for x in xs]
    stop = {"after": after, "patience": patience}
    return [r["status"] for r in box.calls("mod", name, cases, None, stop)]


def test_a_branch_free_function_stops_after_the_floor_and_patience(box: PythonSandbox) -> None:
    # 0 covers every arc, 1 is a new class of argument (a positive int); 2 and 3 add nothing,
    # the floor (3) is passed: it stops
    assert statuses(box, "flat", [0, 1, 2, 3, 4, 5, 6], 3, 2) == ["ok"] * 4 + ["covered"] * 3


def test_the_floor_holds_however_quiet(box: PythonSandbox) -> None:
    assert statuses(box, "flat", list(range(10)), 6, 1) == ["ok"] * 6 + ["covered"] * 4


def test_a_new_arc_restarts_the_patience(box: PythonSandbox) -> None:
    # 7 takes the other branch: two more quiet calls before it stops
    assert statuses(box, "late", [0, 1, 7, 2, 3, 4, 5], 0, 2) == ["ok"] * 5 + ["covered"] * 2


def test_a_new_kind_of_outcome_counts_as_coverage(box: PythonSandbox) -> None:
    # 10 // 0 runs the same line as 10 // 1, but raises: a new outcome
    got = statuses(box, "picky", [1, 2, 0, 3, 4, 5], 0, 2)
    assert got == ["ok", "ok", "raised", "ok", "ok", "covered"]


def test_without_a_stop_rule_every_case_runs(box: PythonSandbox) -> None:
    cases = [[codec.encode(x)] for x in range(10)]
    assert [r["status"] for r in box.calls("mod", "flat", cases)] == ["ok"] * 10


def _verdicts(rust: str, options: VerifyOptions) -> dict[str, VerifyVerdict]:
    fx = Fixture(crate="cov", with_pyrt=False).module("mod.py", PYTHON, rust)
    fx.unit("mod.py", "flat", sig("flat"))
    fx.unit("mod.py", "band", sig("band"))
    found = verify_crate(fx.crate, fx.crate_files(), fx.python, fx.items, options)
    return {v.unit_id.rsplit("::", 1)[1]: v for v in found}


def test_inputs_stop_once_coverage_stops_growing() -> None:
    stopped = _verdicts(RUST_RIGHT, OPTIONS)
    everything = _verdicts(RUST_RIGHT, replace(OPTIONS, coverage_patience=0))
    assert {v.status for v in [*stopped.values(), *everything.values()]} == {Status.VERIFIED}
    for name in ("flat", "band"):  # the floor, and draws until no new arc nor class of value
        assert OPTIONS.min_examples < stopped[name].inputs_tried < 50
        assert everything[name].inputs_tried == 50


def test_wrong_translations_are_still_caught() -> None:
    found = _verdicts(RUST_WRONG, OPTIONS)
    # wrong above a million only, on one line: the 13th draw (2084860699) exposes it, inside
    # the default floor of 16 (with a floor of 8 it went unseen: the floor is what protects)
    assert found["flat"].status == Status.MISMATCH
    assert found["band"].status == Status.MISMATCH  # wrong on the last branch only


def test_a_resumed_request_goes_on_with_the_same_coverage(box: PythonSandbox) -> None:
    # the request of test_a_new_arc_restarts_the_patience cut in three: the same statuses
    # (the parent draws more inputs only while the child's coverage grows)
    whole = statuses(box, "late", [0, 1, 7, 2, 3, 4, 5], 0, 2)
    cases = [[codec.encode(x)] for x in (0, 1, 7, 2, 3, 4, 5)]
    parts = []
    for start, end in ((0, 2), (2, 4), (4, 7)):
        stop = {"after": 0, "patience": 2, **({"resume": True} if start else {})}
        parts += [r["status"] for r in box.calls("mod", "late", cases[start:end], None, stop)]
    assert parts == whole
    # a request that does not resume starts from nothing: 0 and 1 are new again
    fresh = statuses(box, "late", [0, 1], 0, 2)
    assert fresh == ["ok", "ok"]


def test_each_traced_response_says_whether_it_added_coverage(box: PythonSandbox) -> None:
    cases = [[codec.encode(x)] for x in (0, 2, 7)]
    stop = {"after": 3, "patience": 2}
    assert [r["new"] for r in box.calls("mod", "late", cases, None, stop)] == [True, True, True]
    cases = [[codec.encode(x)] for x in (0, 0, 0)]
    assert [r["new"] for r in box.calls("mod", "late", cases, None, stop)] == [True, False, False]


def test_lazy_drawing_runs_the_inputs_of_drawing_all_up_front(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Planning draws the floor and one patience of inputs, the Python side more as coverage
    grows: the inputs that run (the evidence) are those of the whole draw sent at once."""
    options = replace(OPTIONS, min_examples=4, coverage_patience=3)  # planning draws 7
    lazy = _verdicts(RUST_RIGHT, options)
    monkeypatch.setattr(api, "_first", lambda options: None)  # all 50 drawn at planning
    eager = _verdicts(RUST_RIGHT, options)
    for name in ("flat", "band"):
        assert lazy[name].inputs_tried == eager[name].inputs_tried
        assert lazy[name].evidence == eager[name].evidence
    # both need more than planning drew: the Python side drew the rest
    assert min(v.inputs_tried for v in lazy.values()) > 7
