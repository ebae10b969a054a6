"""Per-unit verdicts from entry-point results (pure)."""

from __future__ import annotations

from pipeline.records import Status
from pipeline.verify.outcome import FnResult, Row, unit_verdict

BAD = Row("f", "generated", "3", "4", "5", "mismatch", "return value differs")


def test_worst_entry_point_wins_and_counts_add_up() -> None:
    v = unit_verdict("u", [FnResult(Status.VERIFIED, 10, 10, None, ""),
                           FnResult(Status.MISMATCH, 5, 4, BAD, "f: return value differs")],
                     1.5, "")
    assert v.status == Status.MISMATCH and (v.inputs_tried, v.inputs_matched) == (15, 14)
    assert (v.mismatch.inputs, v.mismatch.expected, v.mismatch.actual) == ("3", "4", "5")
    assert v.seconds == 1.5


def test_partly_untested_unit_is_untested_and_says_how_much_was_verified() -> None:
    v = unit_verdict("u", [FnResult(Status.VERIFIED, 3, 3, None, ""),
                           FnResult(Status.UNTESTED, 0, 0, None, "g: no usable inputs")], 0, "")
    assert v.status == Status.UNTESTED
    assert v.reason == "1 of 2 entry points verified; g: no usable inputs"


def test_timeout_outranks_mismatch() -> None:
    v = unit_verdict("u", [FnResult(Status.MISMATCH, 1, 0, BAD, "x"),
                           FnResult(Status.TIMEOUT, 1, 0, BAD, "y")], 0, "")
    assert v.status == Status.TIMEOUT


def test_no_entry_points() -> None:
    v = unit_verdict("u", [], 0, "no callable entry point")
    assert v.status == Status.UNTESTED and v.reason == "no callable entry point"


def test_row_match_property() -> None:
    assert BAD.match is False
    assert Row("f", "user", "", "", "", "dropped").match is None
