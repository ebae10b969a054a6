"""Judge each input (a Row) and each unit (a VerifyVerdict) from both sides' results.

Per input, in order: an input that does not fit the Rust types is a mismatch; a Python call
that timed out, crashed, exited or ran out of memory/recursion is *dropped*; a Rust case that
ran out of time is a *timeout* (later inputs of that function are *skipped*), unless it never
had its time on a CPU (``starved``: procs.ChargedClock): then it is *dropped*, as the machine's
failure, not the code's (later inputs skipped too); otherwise the
results are compared: "raised" matches "raised" (the kinds are shown, not compared), a value
matches a value per compare.same, and the post-call values of ``mut`` parameters must agree.
What each side wrote to stdout and to stderr during the call (``"out"`` and ``"err"`` of both,
see child.py and harness.py) must then be the same text, exactly, or the input is a mismatch
that shows both texts from the first character where they differ.

A typing nobody wrote is checked before anything else: where the engine assumed parameter types
(``Translation.typing``, e.g. ``s: str (usage)``) and Python itself raised TypeError or
AttributeError on most of the inputs drawn from them, the assumption is *refuted*: the entry point
is ``untested`` with a reason saying so, never verified (the code was not written for those types).

One case is neither a match nor a mismatch: an *overflow*. Python ints are unbounded and the
Rust ones are i64 with overflow checks on, so where Python returned a value and the Rust panicked
with an integer-overflow panic (``attempt to multiply with overflow``, the runtime's
``int too large``), or where an input int does not fit in i64 at all, the Rust did not compute a
different answer: it refused loudly at the documented limit of its int. The same holds for
``int ** negative int``, whose Python value is a float that the Rust int cannot hold (the
runtime panics ``int ** negative int gives a float``). Such inputs are counted and shown, and
the function's status is ``overflow`` rather than ``verified``: correct where its ints hold
Python's values, panicking elsewhere, never wrapping.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.pytypes import Classes, DoesNotFit, PyType
from pipeline.records import Mismatch, Status, VerifyVerdict
from pipeline.verify.compare import (
    SEQUENCES,
    Tolerance,
    TooDeep,
    from_shape,
    rust_shape,
    same,
    to_shape,
)
from pipeline.verify.plan import CaseRun, FnPlan

MAX_TEXT = 300
DROPPED = ("timeout", "starved", "crashed", "exit", "resource", "import_error")
# Panics that mean "Python's int value does not fit the Rust i64": rustc's checked arithmetic,
# the runtime's (pyrt.rs) width checks, and int ** negative int (a float in Python).
# Python-mirroring messages (float overflow, inf → int) are not listed: Python raises those too.
I64_OVERFLOW = re.compile(
    r"attempt to [a-z ]+ with overflow|OverflowError: int too large"
    r"|OverflowError: integer division result too large"
    r"|NotImplementedError: int \*\* negative int gives a float"
    r"|NotImplementedError: int -?\d+ is not exactly representable as a float"
)
NOT_I64 = "does not fit in i64"
TYPE_ERRORS = ("raised TypeError", "raised AttributeError")


@dataclass(frozen=True)
class Row:
    """One input of one function, both results side by side."""

    function: str
    origin: str  # doctest | call | user | generated
    inputs: str
    python: str
    rust: str
    outcome: str  # match | mismatch | overflow | timeout | dropped | skipped
    note: str = ""

    @property
    def match(self) -> bool | None:
        """True/False when compared, None when the input was dropped or skipped."""
        return {"match": True, "mismatch": False, "timeout": False, "overflow": False}.get(
            self.outcome
        )


def clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


PREFIX_ITEMS = 64  # a list or tuple longer than this is shown from a prefix of its items


def clip_repr(value: object) -> str:
    """``clip(repr(value))``, built from a prefix of a long list or tuple: the same text
    without the repr of a value of millions of items."""
    if type(value) in (list, tuple):
        seq: list | tuple = value  # type: ignore[assignment]
        return _clip_prefix(lambda k: seq[:k], len(seq))
    return clip(repr(value))


def _clip_prefix(head: Callable[[int], object], n: int) -> str:
    """``clip(repr(head(n)))`` where ``head(k)`` is the exact list or tuple of the first
    ``k`` items: once the repr of a prefix, less its closing bracket (and a 1-tuple's
    comma), is past ``MAX_TEXT``, the whole value's repr starts with the clipped text."""
    k = PREFIX_ITEMS
    while k < n:
        text = repr(head(k))
        if len(text) - 2 >= MAX_TEXT:
            return text[: MAX_TEXT - 1] + "…"
        k *= 4
    return clip(repr(head(n)))


def show_args(args: tuple[object, ...]) -> str:
    return clip(", ".join(repr(a) for a in args))


def show_python(run: CaseRun) -> str:
    py = run.py
    if py is None:
        return "(not run)"
    status = py["status"]
    if status == "ok":
        return clip_repr(run.py_decoded())
    if status == "raised":
        return clip(f"raised {py['type']}: {py['error']}")
    return clip(f"{status}: {py.get('type', '')} {py.get('error', '')}".strip())


def show_rust(rust: dict | None, returns: PyType, classes: Classes | None = None) -> str:
    if rust is None:
        return "(not run)"
    if "ok" in rust:
        tree, t = rust["ok"], returns
        own = set(classes or ())  # a class of the code named so is shaped as one
        while t.name == "Optional" and isinstance(tree, list) and t.name not in own:
            t = t.args[0]  # from_shape unwraps it so
        if t.name in SEQUENCES and isinstance(tree, list) and t.name not in own:
            seq: list = tree
            return _clip_prefix(lambda k: from_shape(t, seq[:k], classes), len(seq))
        return clip(repr(from_shape(returns, tree, classes)))
    if "raised" in rust:
        return clip(f"raised panic: {rust['raised']}")
    kind = next(iter(rust))
    return clip(f"{kind}: {rust[kind]}")


def _mut_params(plan: FnPlan) -> list[tuple[int, PyType]]:
    """Parameters compared after the call: ``mut`` ones and objects (see FnPlan.observed)."""
    return plan.observed()


def _with_muts(text: str, plan: FnPlan, values: list[object], rust: bool) -> str:
    """Append the post-call values of mut parameters to a displayed result."""
    shown = []
    for (i, t), value in zip(_mut_params(plan), values, strict=False):
        shown.append(
            f"{plan.sig.params[i].name}={from_shape(t, value, plan.classes) if rust else value!r}"
        )
    return clip(f"{text}; after: {', '.join(shown)}") if shown else text


def compare_ok(plan: FnPlan, run: CaseRun, tol: Tolerance) -> tuple[bool, str]:
    """Compare two successful calls: return value, then mut parameters; (equal, note)."""
    assert run.py is not None and run.rust is not None and plan.returns is not None
    checks = [(plan.returns, run.py_decoded(), run.rust["ok"], "return value")]
    py_args = run.py.get("args", [])
    muts = run.rust.get("muts", [])
    for (i, t), rust_value in zip(_mut_params(plan), muts, strict=False):
        name = f"argument {plan.sig.params[i].name} after the call"
        checks.append((t, run.py_decoded(i) if i < len(py_args) else None, rust_value, name))
    for t, py_value, rust_value, what in checks:
        try:
            expected = to_shape(t, py_value, plan.classes)
        except (DoesNotFit, TypeError) as exc:
            return False, f"Python {what} has no Rust {t.render()}: {exc}"
        if not same(t, expected, rust_shape(t, rust_value, plan.classes), tol, plan.classes):
            return False, f"{what} differs"
    return True, ""


def judge(plan: FnPlan, run: CaseRun, tol: Tolerance) -> tuple[str, str]:
    """(outcome, note) for one input; see the module docstring."""
    if run.not_fit:
        kind = "overflow" if NOT_I64 in run.not_fit else "mismatch"
        return kind, f"input does not fit the Rust parameter types: {run.not_fit}"
    py, rust = run.py, run.rust
    if py is None or py["status"] in DROPPED:
        said = "" if py is None else py.get("error") or py.get("type", "")  # MemoryError: ""
        why = "not run" if py is None else f"{py['status']}: {said}"
        return "dropped", f"Python {why}"
    if rust is None:
        return "dropped", "Rust not run"
    if "starved" in rust:  # the machine's share of CPU, not a verdict on the code
        return "dropped", f"Rust {rust['starved']}"
    if "timeout" in rust:
        return "timeout", "Rust ran out of time"
    if "skipped" in rust:
        return "skipped", rust["skipped"]
    if "crashed" in rust:
        return "mismatch", f"Rust {rust['crashed']}"
    if py["status"] == "raised":
        if "raised" in rust:
            return _printed(run) or ("match", "both raised")
        return "mismatch", f"Python raised {py['type']}, Rust returned a value"
    if "raised" in rust:
        if I64_OVERFLOW.search(str(rust["raised"])):
            return "overflow", (
                "i64 overflow: Rust panicked where Python's int left i64 "
                f"({_panic_kind(str(rust['raised']))})"
            )
        return "mismatch", _unfit_result(plan, run) or "Rust panicked, Python returned a value"
    try:
        equal, note = compare_ok(plan, run, tol)
    except TooDeep as exc:
        return "dropped", f"not compared: {exc}"
    if not equal:
        return "mismatch", note
    return _printed(run) or ("match", note)


PRINTED_CONTEXT = 20  # characters shown before the first difference of two printed texts
PRINTED_SHOWN = 60  # characters shown of each text from there
STREAMS = ("out", "err")  # stdout, stderr


def _printed(run: CaseRun) -> tuple[str, str] | None:
    """A mismatch when the two sides wrote different text to stdout or stderr (None when the
    same)."""
    assert run.py is not None and run.rust is not None
    for stream in STREAMS:
        python, rust = printed(run.py, stream), printed(run.rust, stream)
        if python != rust:
            return "mismatch", _printed_note(run, stream, python, rust)
    return None


def _printed_note(run: CaseRun, stream: str, python: str, rust: str) -> str:
    at = len(os.path.commonprefix([python, rust]))
    start = max(0, at - PRINTED_CONTEXT)

    def part(text: str) -> str:
        shown = text[start : start + PRINTED_SHOWN]
        more = "…" if len(text) > start + PRINTED_SHOWN else ""
        return f"{'…' if start else ''}{shown!r}{more}"

    where = "" if stream == "out" else " to stderr"
    return (
        f"printed output{where} differs at character {at} "
        f"on input ({_short(show_args(run.case.args))}): "
        f"Python printed {part(python)}, Rust printed {part(rust)}"
    )


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printed(result: dict, stream: str = "out") -> str:
    """What one side's call wrote to ``stream`` ("out" or "err"; "" when nothing)."""
    return str(result.get(stream, ""))


def _panic_kind(panic: str) -> str:
    if "exactly representable" in panic:
        return "an int no f64 holds exactly, where a float is computed or returned"
    return "a float from int ** negative int" if "negative int" in panic else "beyond i64"


def _unfit_result(plan: FnPlan, run: CaseRun) -> str:
    """Why Python's return value has no Rust counterpart ("" when it has one)."""
    assert run.py is not None and plan.returns is not None
    try:
        to_shape(plan.returns, run.py_decoded(), plan.classes)
    except (DoesNotFit, TypeError) as exc:
        return f"Python return value has no Rust {plan.returns.render()}: {exc}"
    except TooDeep:
        return ""
    return ""


def row_for(plan: FnPlan, run: CaseRun, tol: Tolerance) -> Row:
    """The displayed row for one input."""
    outcome, note = judge(plan, run, tol)
    assert plan.returns is not None
    python = show_python(run)
    rust = show_rust(run.rust, plan.returns, plan.classes)
    if run.not_fit:
        rust = clip(f"not run: the input does not fit the Rust types ({run.not_fit})")
    if run.py is not None and run.py["status"] == "ok":
        python = _with_muts(
            python,
            plan,
            [run.py_decoded(i) for i, _ in _mut_params(plan)],
            rust=False,
        )
    if run.rust is not None and "ok" in run.rust:
        rust = _with_muts(rust, plan, run.rust.get("muts", []), rust=True)
    if run.py is not None:
        python = _with_printed(python, run.py)
    if run.rust is not None:
        rust = _with_printed(rust, run.rust)
    return Row(
        plan.sig.py_name, run.case.origin, show_args(run.case.args), python, rust, outcome, note
    )


def _with_printed(text: str, result: dict) -> str:
    """Append what a call printed (to stdout, then to stderr) to its displayed result."""
    for stream, label in zip(STREAMS, ("printed", "printed to stderr"), strict=True):
        if printed(result, stream):
            text = clip(f"{text}; {label} {printed(result, stream)!r}")
    return text


def rows_for(plan: FnPlan, tol: Tolerance) -> list[Row]:
    if plan.problem:
        return []
    return [row_for(plan, run, tol) for run in plan.cases]


# ---- verdicts -------------------------------------------------------------------------


@dataclass
class FnResult:
    """One entry point's judgement."""

    status: Status
    tried: int
    matched: int
    first_bad: Row | None
    reason: str


def judge_fn(plan: FnPlan, rows: list[Row], build_error: str) -> FnResult:
    """Status of one entry point from its rows (timeout > mismatch > overflow > verified >
    untested)."""
    name = plan.sig.py_name
    if plan.problem:
        return FnResult(Status.UNTESTED, 0, 0, None, plan.problem)
    if build_error:
        return FnResult(Status.UNTESTED, 0, 0, None, f"{name}: {build_error}")
    tried = [r for r in rows if r.outcome in ("match", "mismatch", "timeout", "overflow")]
    matched = sum(r.outcome == "match" for r in tried)
    refuted = _refuted(plan, tried)
    if refuted:
        return FnResult(Status.UNTESTED, len(tried), matched, None, f"{name}: {refuted}")
    for outcome, status in (
        ("timeout", Status.TIMEOUT),
        ("mismatch", Status.MISMATCH),
        ("overflow", Status.OVERFLOW),
    ):
        bad = [r for r in tried if r.outcome == outcome]
        if bad:
            note = bad[0].note
            if outcome == "overflow":
                note = f"{note} on {len(bad)} of {len(tried)} inputs, all others matched"
            return FnResult(status, len(tried), matched, bad[0], f"{name}: {note}")
    if tried:
        return FnResult(Status.VERIFIED, len(tried), matched, None, "")
    return FnResult(Status.UNTESTED, 0, 0, None, f"{name}: {_why_untested(plan, rows)}")


def _refuted(plan: FnPlan, tried: list[Row]) -> str:
    """Why the assumed typing is refuted ("" when there is none, or Python accepted it)."""
    if not plan.typing or not tried:
        return ""
    bad = [r for r in tried if r.python.startswith(TYPE_ERRORS)]
    if 2 * len(bad) <= len(tried):
        return ""
    return (
        f"typing refuted: {', '.join(plan.typing)} assumed, and Python raised "
        f"TypeError/AttributeError on {len(bad)} of {len(tried)} inputs drawn from it "
        f"({clip(bad[0].python)})"
    )


def _why_untested(plan: FnPlan, rows: list[Row]) -> str:
    if not rows:
        extra = f" ({'; '.join(plan.notes[:3])})" if plan.notes else ""
        return "no usable inputs" + extra
    notes = sorted({r.note for r in rows})
    return f"all {len(rows)} inputs dropped: " + "; ".join(clip(n) for n in notes[:3])


_PRECEDENCE = (
    Status.INTERNAL_ERROR,
    Status.TIMEOUT,
    Status.MISMATCH,
    Status.OVERFLOW,
    Status.UNTESTED,
    Status.VERIFIED,
)


def unit_verdict(
    unit_id: str, results: list[FnResult], seconds: float, no_sig_reason: str
) -> VerifyVerdict:
    """Combine a unit's entry points: the worst status wins (verified only if all are)."""
    if not results:
        return VerifyVerdict(unit_id, Status.UNTESTED, reason=no_sig_reason, seconds=seconds)
    worst = min(results, key=lambda r: _PRECEDENCE.index(r.status))
    bad = worst.first_bad
    mismatch = Mismatch(bad.inputs, bad.python, bad.rust) if bad is not None else None
    reasons = [r.reason for r in results if r.reason]
    verified = sum(r.status == Status.VERIFIED for r in results)
    if worst.status == Status.UNTESTED and verified:
        reasons.insert(0, f"{verified} of {len(results)} entry points verified")
    return VerifyVerdict(
        unit_id,
        worst.status,
        sum(r.tried for r in results),
        sum(r.matched for r in results),
        mismatch,
        clip("; ".join(reasons)),
        seconds,
    )
