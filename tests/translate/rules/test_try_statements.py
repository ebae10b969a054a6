"""``try`` around several statements with Python's exact order of effects (issue 12, section
3): the body runs as one closure under ``pyrt::catch`` that captures the function's variables
by reference, so what ran before the raise stays done; ``except`` by class, ``else``,
``finally`` on every way out (a guard closure), re-raise, ``raise X from e``, ``return``,
``break`` and ``continue`` from inside the closures, ``yield`` in an eager generator. Real
engine, rustc and verifier; a translation that drops the effects of the statements before
the raise is caught as a mismatch."""

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
def effects_kept(xs: list[int]) -> list[int]:
    out = []
    try:
        for x in xs:
            out.append(x)
            out.append(60 // (x % 3))
    except ZeroDivisionError:
        out.append(-1)
    return out


def first_bad(items: list[int]) -> int:
    count = 0
    try:
        for s in items:
            count += 10 // s
        total = count * 2
    except ZeroDivisionError:
        return -count
    else:
        count = total
    finally:
        count += 1000
    return count


def safe_div(a: int, b: int) -> int:
    try:
        q = a // b
        r = a % b
        return q * 10 + r
    except ZeroDivisionError:
        return -1


def reraise(a: int, b: int) -> int:
    log = [0]
    try:
        log.append(a)
        x = a // b
        log.append(x)
    except ZeroDivisionError:
        log.append(-1)
        raise
    return sum(log)


def order(a: int, b: int) -> list[str]:
    log = []
    try:
        try:
            log.append("body")
            q = a // b
            log.append("after")
        except ZeroDivisionError as e:
            log.append(type(e).__name__)
            raise ValueError("wrapped") from e
        else:
            log.append("else")
            if q > 3:
                raise KeyError("big")
        finally:
            log.append("finally")
    except (ValueError, KeyError) as e:
        log.append("outer " + type(e).__name__)
    return log


def ret_in_body(xs: list[int], i: int) -> int:
    log = [0]
    try:
        log.append(1)
        return xs[i] + len(log)
    except IndexError:
        log.append(2)
        return -len(log)
    finally:
        log.append(3)
        xs.append(len(log))


class Acc:
    def __init__(self) -> None:
        self.total = 0
        self.seen = 0

    def add_all(self, xs: list[int]) -> int:
        try:
            for x in xs:
                self.seen += 1
                self.total += 12 // (x % 4)
        except ZeroDivisionError:
            self.total = -self.total
        return self.total * 1000 + self.seen


def acc_all(xs: list[int]) -> int:
    a = Acc()
    return a.add_all(xs) + a.add_all(xs)


def uncaught(xs: list[int], k: int) -> int:
    total = 0
    try:
        for x in xs:
            total += x
        total += xs[k]
    except KeyError:
        total = -1
    return total


def handler_raises(xs: list[int]) -> int:
    try:
        x = xs[0]
    except IndexError:
        x = xs[1]
    finally:
        xs.append(0)
    return x


def two_reads(xs: list[int]) -> int:
    try:
        a = xs[0]
        b = xs[1]
    except IndexError:
        return 0
    return a + b


def breaks_out(xs: list[int]) -> int:
    n = 0
    for x in xs:
        try:
            n += 10 // x
            if n > 5:
                break
            if n < -5:
                continue
            n += 1
        except ZeroDivisionError:
            n -= 1
            continue
        finally:
            n *= 2
    return n


def until_bad(xs: list[int]) -> list[int]:
    out = []
    i = 0
    while True:
        try:
            out.append(xs[i] // (xs[i] % 4))
            i += 1
        except IndexError:
            break
        except ZeroDivisionError:
            out.append(-1)
            i += 1
    return out


def gen_safe(xs: list[int]):
    for x in xs:
        try:
            y = 12 // x
            yield y
            yield y + 1
        except ZeroDivisionError:
            yield -1
            return


def use_gen(xs: list[int]) -> list[int]:
    return list(gen_safe(xs))


def returns_in_finally(x: int) -> int:
    try:
        y = 10 // x
        return y
    finally:
        return 0


def bare_raise_outside(x: int) -> int:
    if x < 0:
        raise
    return x
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("trys"), "trys.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        ("effects_kept", "match crate::pyrt::catch(|| -> std::ops::ControlFlow<Vec<i64>, u8> {"),
        ("first_bad", "let mut total: i64 = Default::default();"),
        ("first_bad", "return std::ops::ControlFlow::Break(-count);"),
        ("safe_div", 'unreachable!("the try body always leaves")'),
        ("reraise", "std::panic::resume_unwind(err);"),
        ("ret_in_body", "Ok(std::ops::ControlFlow::Break(value)) => return value,"),
        ("order", 'panic!("ValueError: wrapped");'),
        ("breaks_out", "return std::ops::ControlFlow::Continue(2);"),
        ("breaks_out", "Ok(std::ops::ControlFlow::Continue(1)) => {\n                break;"),
        ("gen_safe", "yielded.push(y + 1);"),
    ],
)
def test_translation_shape(compiled, qualname: str, words: str) -> None:
    assert words in compiled_rust(compiled, qualname)


@pytest.mark.parametrize(
    "qualname",
    [
        "effects_kept",
        "first_bad",
        "safe_div",
        "reraise",
        "order",
        "ret_in_body",
        "Acc",
        "acc_all",
        "uncaught",
        "handler_raises",
        "two_reads",
        "breaks_out",
        "until_bad",
        "gen_safe",
        "use_gen",
    ],
)
def test_verified_against_python(compiled, qualname: str) -> None:
    assert_verifies(compiled, qualname)


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        ("returns_in_finally", "PT010 line 186: return inside finally"),
        (
            "bare_raise_outside",
            "PT010 line 191: bare raise outside an except block / raise ... from "
            "<expression> is not supported",
        ),
    ],
)
def test_refused_with_reason(compiled, qualname: str, words: str) -> None:
    assert dict(compiled.refused)[qualname] == words


def test_dropped_effects_before_the_raise_are_a_mismatch(compiled) -> None:
    """A translation that rolls back what the body did before it raised (as if the body ran
    on a copy) is caught on the inputs where the raise comes after some appends."""
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn effects_kept" in v)
    handler = 'caught(&err, &["ZeroDivisionError"]) => {\n'
    start = files[key].index("pub fn effects_kept")
    at = files[key].index(handler, start) + len(handler)
    files[key] = files[key][:at] + "out.truncate(0);\n" + files[key][at:]
    verdict, rows = verify_compiled(compiled, "effects_kept", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])
