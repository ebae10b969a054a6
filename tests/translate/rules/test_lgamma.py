"""``math.lgamma``: a port of CPython's own ``m_lgamma`` (Lanczos' approximation, the poles
at the integers <= 0 raising ValueError, overflow raising OverflowError), so the floats match
CPython's bit for bit; translated, built and verified against Python."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_unit
from tests.translate.rules.harness import compile_module

from .harness import rustc

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
import math


def factorial_digits(n: int) -> int:
    if n < 500:
        return len(str(math.factorial(n)))
    return math.floor(math.lgamma(n + 1) / math.log(10)) + 1


def log_gamma(x: float) -> float:
    return math.lgamma(x)
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("lgamma"), "mod.py", SOURCE)


@pytest.mark.parametrize("qualname", ["factorial_digits", "log_gamma"])
def test_translated_and_verified(compiled, qualname: str) -> None:
    unit, tr = next((u, t) for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert "lgamma(" in tr.rust
    assert unit.id in compiled.outcome.compiled_ids, compiled.outcome.failed.get(unit.id)
    crate = compiled.outcome.crate
    verdict, rows = verify_unit(
        crate.name,
        crate.files,
        {compiled.rel: compiled.text},
        unit,
        tr,
        VerifyOptions(examples_per_function=40),
    )
    if qualname == "log_gamma":
        assert verdict.status == Status.VERIFIED, (verdict, rows[:5])
        return
    # math.factorial(n) leaves i64 for 20 < n < 500 (an overflow outcome, loudly); the
    # lgamma branch (n >= 500) must match Python exactly
    assert verdict.status in (Status.VERIFIED, Status.OVERFLOW), (verdict, rows[:5])
    assert not [r for r in rows if r.outcome not in ("match", "overflow")], rows
    big = [r for r in rows if r.outcome == "match" and int(r.inputs.strip("(),")) >= 500]
    assert big, rows
