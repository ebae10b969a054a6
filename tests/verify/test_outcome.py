"""Per-unit verdicts from entry-point results (pure)."""

from __future__ import annotations

import pytest

from pipeline.pytypes import parse
from pipeline.records import Status
from pipeline.verify.compare import from_shape
from pipeline.verify.outcome import (
    I64_OVERFLOW,
    FnResult,
    Row,
    clip,
    clip_repr,
    judge_fn,
    show_rust,
    unit_verdict,
)

BAD = Row("f", "generated", "3", "4", "5", "mismatch", "return value differs")


def test_worst_entry_point_wins_and_counts_add_up() -> None:
    v = unit_verdict(
        "u",
        [
            FnResult(Status.VERIFIED, 10, 10, None, ""),
            FnResult(Status.MISMATCH, 5, 4, BAD, "f: return value differs"),
        ],
        1.5,
        "",
    )
    assert v.status == Status.MISMATCH and (v.inputs_tried, v.inputs_matched) == (15, 14)
    assert (v.mismatch.inputs, v.mismatch.expected, v.mismatch.actual) == ("3", "4", "5")
    assert v.seconds == 1.5


def test_partly_untested_unit_is_untested_and_says_how_much_was_verified() -> None:
    v = unit_verdict(
        "u",
        [
            FnResult(Status.VERIFIED, 3, 3, None, ""),
            FnResult(Status.UNTESTED, 0, 0, None, "g: no usable inputs"),
        ],
        0,
        "",
    )
    assert v.status == Status.UNTESTED
    assert v.reason == "1 of 2 entry points verified; g: no usable inputs"


def test_timeout_outranks_mismatch() -> None:
    v = unit_verdict(
        "u",
        [FnResult(Status.MISMATCH, 1, 0, BAD, "x"), FnResult(Status.TIMEOUT, 1, 0, BAD, "y")],
        0,
        "",
    )
    assert v.status == Status.TIMEOUT


def test_no_entry_points() -> None:
    v = unit_verdict("u", [], 0, "no callable entry point")
    assert v.status == Status.UNTESTED and v.reason == "no callable entry point"


def test_row_match_property() -> None:
    assert BAD.match is False
    assert Row("f", "user", "", "", "", "dropped").match is None


def _rows(*outcomes: str) -> list[Row]:
    return [Row("f", "generated", str(i), "1", "2", o, f"note {o}") for i, o in enumerate(outcomes)]


def _plan():  # a minimal plan for judge_fn
    from pipeline.records import FnSig, Param, Unit
    from pipeline.verify.plan import FnPlan

    unit = Unit(
        id="r:m.py::f",
        repo="r",
        path="m.py",
        module="m",
        qualname="f",
        kind="function",
        source="def f(x): ...",
        first_line=1,
        last_line=1,
    )
    return FnPlan(0, unit, FnSig("f", "f", (Param("x", "int", "value"),), "int"))


def test_overflow_ranks_between_mismatch_and_verified() -> None:
    plan = _plan()
    over = judge_fn(plan, _rows("match", "overflow", "match", "overflow"), "")
    assert over.status == Status.OVERFLOW and (over.tried, over.matched) == (4, 2)
    assert over.reason == "f: note overflow on 2 of 4 inputs, all others matched"
    assert judge_fn(plan, _rows("overflow", "mismatch"), "").status == Status.MISMATCH
    v = unit_verdict("u", [FnResult(Status.VERIFIED, 3, 3, None, ""), over], 0, "")
    assert v.status == Status.OVERFLOW and v.mismatch is not None


@pytest.mark.parametrize(
    ("panic", "overflow"),
    [
        ("attempt to multiply with overflow", True),
        ("attempt to calculate the remainder with overflow", True),
        ("attempt to shift left with overflow", True),
        ("OverflowError: int too large", True),
        ("OverflowError: integer division result too large", True),
        ("NotImplementedError: int ** negative int gives a float", True),
        ("NotImplementedError: format spec 'q'", False),
        ("OverflowError: cannot convert float infinity to integer", False),  # Python raises too
        ("index out of bounds: the len is 0 but the index is 0", False),
        ("attempt to divide by zero", False),
    ],
)
def test_only_i64_width_panics_count_as_overflow(panic: str, overflow: bool) -> None:
    assert bool(I64_OVERFLOW.search(panic)) is overflow


@pytest.mark.parametrize(
    "value",
    [
        list(range(10_000)),
        tuple(range(10_000)),
        ("x" * 290, "y"),  # a 1-tuple's prefix ends "(x,)"
        [[n] * 50 for n in range(1000)],
        list(range(60)),
        ["é" * 7] * 300,
        [],
    ],
)
def test_long_values_are_shown_as_their_clipped_repr(value: object) -> None:
    assert clip_repr(value) == clip(repr(value))


@pytest.mark.parametrize(
    ("t", "tree"),
    [
        ("list[int]", list(range(10_000))),
        ("tuple[int, ...]", list(range(10_000))),
        ("Optional[list[tuple[int, str]]]", [[n, "ab"] for n in range(2000)]),
        ("list[int]", list(range(10))),
    ],
)
def test_long_rust_results_are_shown_as_their_clipped_repr(t: str, tree: list) -> None:
    ty = parse(t)
    assert show_rust({"ok": tree}, ty) == clip(repr(from_shape(ty, tree)))
