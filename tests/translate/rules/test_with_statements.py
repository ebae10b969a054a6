"""``with`` over context managers of the same module (issue 12, section 3). A class is rewritten
as the statements Python runs (PEP 343): ``__enter__`` (inlined when it ends ``return self``),
the body under a ``try``, ``__exit__`` on the normal path, on the exceptional path (its truthy
result suppressing the exception) and before a ``return``. Real engine, rustc and verifier;
a lock made and used only by ``with`` in one function is
the block itself (one call is one thread: nothing can observe it); files, shared locks and
re-entering a ``Lock`` are refused with a reason; a translation that skips ``__exit__`` when the
body raises is caught as a mismatch. A ``@contextmanager`` generator is inlined: its statements
with the body in place of its ``yield``, so its ``try``/``finally``/``except`` act on the
body as Python's ``gen.throw`` does."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    compiled_rust,
    verify_compiled,
)

SOURCE = """
import contextlib
import threading
from contextlib import contextmanager

LOCK = threading.Lock()


class Depth:
    def __init__(self) -> None:
        self.depth = 0
        self.entered = 0

    def __enter__(self):
        self.depth += 1
        self.entered += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        self.depth -= 1


class Count:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.exits = 0
        self.inside = 0

    def __enter__(self) -> int:
        return self.limit * 2

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.exits += 1
        return self.limit > 0


def nested(xs: list[int]) -> list[int]:
    out = []
    with Depth() as d:
        for x in xs:
            out.append(d.depth)
            out.append(12 // x)
    out.append(d.depth)
    out.append(d.entered)
    return out


def counted(xs: list[int], limit: int) -> list[int]:
    out = []
    c = Count(limit)
    with c as twice:
        out.append(twice)
        for x in xs:
            c.inside += 1
            out.append(6 // (x % 3))
    out.append(c.inside)
    out.append(c.exits)
    return out


def returns_inside(x: int) -> int:
    with Depth() as d:
        if x > 3:
            return d.depth * 100 + x
        y = 10 // x
    return y + d.depth


def two_managers(x: int, limit: int) -> int:
    with Depth() as d, Count(limit):
        d.entered += 10 // x
    return d.entered * 10 + d.depth


def reads_file(p: str) -> str:
    with open(p) as f:
        return f.read()


class Peeks:
    def __init__(self) -> None:
        self.seen = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        return exc_type is ValueError


def peeking(x: int) -> int:
    with Peeks():
        x += 1
    return x


def locked_sum(xs: list[int]) -> list[int]:
    lock = threading.RLock()
    out = []
    with lock as got:
        out.append(int(got))
        for x in xs:
            with lock:
                out.append(12 // x)
    return out


def waits_forever(x: int) -> int:
    lock = threading.Lock()
    with lock:
        with lock:
            x += 1
    return x


def shared_lock(x: int) -> int:
    with LOCK:
        x += 1
    return x


class Spread:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


@contextlib.contextmanager
def tagged(out: list[str], name: str):
    out.append("<" + name + ">")
    try:
        yield len(out)
    finally:
        out.append("</" + name + ">")


@contextmanager
def swallow(log: list[int], code: int):
    depth = code * 2
    try:
        yield depth
    except ZeroDivisionError:
        log.append(-depth)
    log.append(depth)


def render(xs: list[int]) -> list[str]:
    out = []
    with tagged(out, "a") as n:
        out.append(str(n))
        for x in xs:
            out.append(str(12 // x))
    return out


def guarded(xs: list[int]) -> list[int]:
    log = []
    for x in xs:
        with swallow(log, x % 3) as d:
            log.append(d + 100 // (x % 3))
    return log


def returns_early(xs: list[int]) -> list[str]:
    out = []
    with tagged(out, "b"):
        if len(xs) > 2:
            return out
        out.append("short")
    return out


def leaves_early(xs: list[int]) -> list[int]:
    log = []
    with swallow(log, 3):
        if len(xs) > 2:
            return log
    return log
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("withs"), "withs.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        ("nested", "let mut d = Depth::new();\n    d.depth += 1;"),
        ("nested", "d.py_exit(None, None, None);\n            std::panic::resume_unwind(err);"),
        ("counted", "if !c.py_exit(None, None, None) {"),
        ("returns_inside", "if _with1_ok {"),
        ("Depth", "pub fn py_exit("),
        ("render", 'out.push(format!("{}{}", &format!("{}{}", "<", "a"), ">"));'),
        ("locked_sum", "let got = true;\n    out.push(i64::from(got));\n    for &x in xs {"),
    ],
)
def test_translation_shape(compiled, qualname: str, words: str) -> None:
    assert words in compiled_rust(compiled, qualname)


def test_enter_returning_self_is_inlined_not_a_method(compiled) -> None:
    assert "py_enter" not in compiled_rust(compiled, "Depth")


@pytest.mark.parametrize(
    "qualname",
    [
        "Depth",
        "Count",
        "nested",
        "counted",
        "returns_inside",
        "two_managers",
        "locked_sum",
        "render",
        "guarded",
    ],
)
def test_verified_against_python(compiled, qualname: str) -> None:
    assert_verifies(compiled, qualname)


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        ("reads_file", "PT010 line 76: with open(p): files and sockets are out of scope"),
        ("Peeks", "PT050 line 87: __exit__ of class Peeks reads the exception it is given"),
        ("peeking", "PT040 class Peeks cannot be translated"),
        (
            "waits_forever",
            "PT010 line 110: with lock inside with lock: Python waits forever "
            "(a Lock is not reentrant)",
        ),
        ("shared_lock", "PT010 line 117: with LOCK: locks and conditions are not supported"),
        ("Spread", "PT050 line 126: __exit__ of class Spread without exactly three exception"),
        (
            "returns_early",
            "PT010 line 170: return of out inside a try whose finally uses it (the returned "
            "object would show what finally does)",
        ),
        (
            "leaves_early",
            "PT010 line 177: return/break/continue inside with swallow(...): code after its "
            "yield runs first",
        ),
    ],
)
def test_refused_with_reason(compiled, qualname: str, words: str) -> None:
    assert dict(compiled.refused)[qualname].startswith(words)


def test_skipping_exit_when_the_body_raises_is_a_mismatch(compiled) -> None:
    """``__exit__`` not called on the exceptional path: its count is wrong wherever the body
    raised (and the exception is suppressed, so the result shows it)."""
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn counted" in v)
    assert files[key].count("if !c.py_exit(None, None, None) {") == 1
    files[key] = files[key].replace("if !c.py_exit(None, None, None) {", "if false {")
    verdict, rows = verify_compiled(compiled, "counted", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


def test_inlined_generator_handler_dropped_is_a_mismatch(compiled) -> None:
    """The ``except`` of an inlined ``@contextmanager`` acts on the body's exception (as
    ``gen.throw`` does): a translation without it is caught where the body raised."""
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn guarded" in v)
    assert files[key].count("log.push(-_cm1_depth);") == 1
    files[key] = files[key].replace("log.push(-_cm1_depth);", "")
    verdict, rows = verify_compiled(compiled, "guarded", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
