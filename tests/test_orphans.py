"""A unit whose Rust calls a sibling that is refused on its own is refused too (PT040), never
left to fail the crate's compile (E0425): checks.refuse_orphans, with the real engine and
rustc through process_partition."""

from __future__ import annotations

from pathlib import Path

from pipeline.checks import refuse_orphans
from pipeline.config import RunConfig
from pipeline.outputs import PartitionOutput
from pipeline.records import Diagnostic, FileRef, Translation, TranslationStatus, Unit
from pipeline.stages import finalize_repo, process_partition

# datetime.py's ordinal helpers (docstrings dropped): _isoweek_to_gregorian types _ord2ymd
# from its own call, but alone _ord2ymd is refused (its parameter n has no call to type it)
DATES = """
_DAYS_BEFORE_MONTH = [-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
MINYEAR = 1

MAXYEAR = 9999

_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400

def _days_in_month(year, month):
    assert 1 <= month <= 12, month
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]

def _days_before_month(year, month):
    assert 1 <= month <= 12, 'month must be in 1..12'
    return _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))

def _ymd2ord(year, month, day):
    assert 1 <= month <= 12, 'month must be in 1..12'
    dim = _days_in_month(year, month)
    assert 1 <= day <= dim, 'day must be in 1..%d' % dim
    return _days_before_year(year) + _days_before_month(year, month) + day

_DI400Y = _days_before_year(401)

_DI100Y = _days_before_year(101)

_DI4Y = _days_before_year(5)

def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, _DI400Y)
    year = n400 * 400 + 1
    n100, n = divmod(n, _DI100Y)
    n4, n = divmod(n, _DI4Y)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        assert n == 0
        return (year - 1, 12, 31)
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    assert leapyear == _is_leap(year)
    month = n + 50 >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    n -= preceding
    assert 0 <= n < _days_in_month(year, month)
    return (year, month, n + 1)

def _isoweek_to_gregorian(year, week, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f'Year is out of range: {year}')
    if not 0 < week < 53:
        out_of_range = True
        if week == 53:
            first_weekday = _ymd2ord(year, 1, 1) % 7
            if first_weekday == 4 or (first_weekday == 3 and _is_leap(year)):
                out_of_range = False
        if out_of_range:
            raise ValueError(f'Invalid week: {week}')
    if not 0 < day < 8:
        raise ValueError(f'Invalid weekday: {day} (range is [1, 7])')
    day_offset = (week - 1) * 7 + (day - 1)
    day_1 = _isoweek1monday(year)
    ord_day = day_1 + day_offset
    return _ord2ymd(ord_day)

def _isoweek1monday(year):
    THURSDAY = 3
    firstday = _ymd2ord(year, 1, 1)
    firstweekday = (firstday + 6) % 7
    week1monday = firstday - firstweekday
    if firstweekday > THURSDAY:
        week1monday += 7
    return week1monday
"""


def unit(name: str, calls: tuple[str, ...] = ()) -> Unit:
    return Unit(f"r:m.py::{name}", "r", "m.py", "m", name, "function", "", 1, 1, calls=calls)


def translated(name: str, rust: str) -> Translation:
    return Translation(f"r:m.py::{name}", "rules@t", TranslationStatus.TRANSLATED, rust=rust)


def test_callers_of_a_refused_sibling_are_refused_transitively() -> None:
    out = PartitionOutput("r")
    out.units = [unit("leaf"), unit("mid", ("leaf",)), unit("top", ("leaf", "mid")), unit("ok")]
    out.translations = {
        "r:m.py::leaf": Translation(
            "r:m.py::leaf",
            "rules@t",
            TranslationStatus.REFUSED,
            diagnostics=(Diagnostic("PT020", "untyped parameter n", 3),),
        ),
        "r:m.py::mid": translated("mid", "pub fn mid(n: i64) -> i64 { leaf(n) }"),
        # calls leaf only through mid: its Rust names mid, not leaf
        "r:m.py::top": translated("top", "pub fn top() -> i64 { mid(1) }"),
        "r:m.py::ok": translated("ok", "pub fn ok() -> i64 { 1 }"),
    }
    refuse_orphans(out)
    status = {u.qualname: out.translations[u.id].status for u in out.units}
    assert status == {"leaf": "refused", "mid": "refused", "top": "refused", "ok": "translated"}
    (mid,) = out.translations["r:m.py::mid"].diagnostics
    assert mid.code == "PT040"
    assert mid.message == (
        "sibling leaf, which this unit's Rust calls, is refused on its own "
        "(PT020 line 3: untyped parameter n); not translated"
    )
    (top,) = out.translations["r:m.py::top"].diagnostics
    assert top.message.startswith(
        "sibling mid, which this unit's Rust calls, is refused on its own (PT040 sibling leaf,"
    )


def test_a_sibling_named_only_in_python_or_present_in_the_context_keeps_the_caller() -> None:
    out = PartitionOutput("r")
    out.units = [unit("leaf"), unit("user", ("leaf",))]
    out.translations = {
        "r:m.py::leaf": Translation("r:m.py::leaf", "rules@t", TranslationStatus.REFUSED),
        # no Rust of leaf: a longer identifier, a raised exception's name in a string
        "r:m.py::user": translated(
            "user",
            'pub fn user() -> i64 { let c = \'"\'; let leafy = 1; panic!("leaf: {}", c); leafy }',
        ),
    }
    refuse_orphans(out)
    assert out.translations["r:m.py::user"].ok
    other = PartitionOutput("r")
    other.units = [unit("user", ("leaf",))]
    other.translations = {"r:m.py::user": translated("user", "pub fn user() -> i64 { leaf() }")}
    refuse_orphans(other, [(unit("leaf"), translated("leaf", "pub fn leaf() -> i64 { 1 }"))])
    assert other.translations["r:m.py::user"].ok


def test_a_run_refuses_the_caller_instead_of_failing_its_compile(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "m.py").write_text(DATES)
    path = repo / "m.py"
    refs = [FileRef("r", "m.py", str(path), path.stat().st_size)]
    config = RunConfig(verify={"enabled": False})
    out = process_partition(refs, config)
    rows = {r.unit_id.split("::")[1]: r for r in finalize_repo("r", config, None, out).records}
    assert {name: r.status for name, r in rows.items()} == {
        "_days_before_month": "compiled",
        "_days_before_year": "compiled",
        "_days_in_month": "compiled",
        "_is_leap": "compiled",
        "_isoweek1monday": "compiled",
        "_isoweek_to_gregorian": "unsupported",
        "_ord2ymd": "unsupported",
        "_ymd2ord": "compiled",
    }
    assert rows["_isoweek_to_gregorian"].reason.startswith(
        "PT040 sibling _ord2ymd, which this unit's Rust calls, is refused on its own (PT012"
    )
