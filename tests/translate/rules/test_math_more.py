"""``math.frexp`` and ``math.modf``: the ``pyrt`` helpers checked bit for bit against CPython on
zeros of both signs, subnormals, the largest floats, infinities and NaN, and the translations
built with rustc. ``math.cbrt`` stays refused: CPython calls the C library's cbrt, which is not
correctly rounded (glibc: ``cbrt(27.0) == 3.0000000000000004``), and Rust's ``f64::cbrt`` says
3.0."""

from __future__ import annotations

import math
import struct
import subprocess
import sys

import pytest

from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.runtime import select as runtime

from .harness import Case, assert_like_python, build_and_run, make_unit, rustc

FLOATS = [
    0.0,
    -0.0,
    1.0,
    -2.5,
    0.1,
    -3.0,
    1e300,
    -1e-300,
    5e-324,
    -2.2250738585072014e-308,
    2.225073858507201e-308,
    sys.float_info.max,
    123456.789,
    4503599627370496.5,
    float("inf"),
    float("-inf"),
    float("nan"),
]


def _bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_frexp_and_modf_match_cpython(tmp_path) -> None:
    values = ", ".join(f"f64::from_bits({_bits(x)}u64)" for x in FLOATS)
    main = f"""
fn show(x: f64) -> String {{
    if x.is_nan() {{ "nan".to_string() }} else {{ format!("{{:016x}}", x.to_bits()) }}
}}
fn main() {{
    for x in [{values}] {{
        let (m, e) = pyrt::frexp(x);
        let (f, w) = pyrt::modf(x);
        println!("{{}} {{}} {{}} {{}}", show(m), e, show(f), show(w));
    }}
}}
"""
    src = tmp_path / "main.rs"
    src.write_text(f"mod pyrt {{\n{runtime.runtime_source(['frexp', 'modf'])}\n}}\n{main}")
    exe = tmp_path / "main"
    proc = subprocess.run(
        [rustc() or "rustc", "--edition", "2021", "-o", str(exe), str(src)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout

    def show(x: float) -> str:
        return "nan" if math.isnan(x) else f"{_bits(x):016x}"

    want = []
    for x in FLOATS:
        m, e = math.frexp(x)
        f, w = math.modf(x)
        want.append(f"{show(m)} {e} {show(f)} {show(w)}")
    assert out.splitlines() == want


CASES = [
    Case(
        """
    def parts(x: float) -> Tuple[float, int, float, float]:
        m, e = math.frexp(x)
        f, w = math.modf(x)
        return m, e, f, w
    """,
        [(8.0,), (-0.75,), (5e-324,), (-3.0,), (0.0,)],
    ),
]


@pytest.fixture(scope="module")
def built():
    return build_and_run(CASES)


def test_cbrt_and_exp2_stay_refused() -> None:
    for fn in ("cbrt", "exp2"):
        src = f"def f(x: float) -> float:\n    return math.{fn}(x)\n"
        tr = RuleEngine().translate(make_unit(src))
        assert not tr.ok and f"call of math.{fn}()" in tr.reason, tr.reason


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_math_functions_behave_like_python(built, case: Case) -> None:
    assert built.returncode == 0, built.stderr[-3000:]
    assert_like_python(built, case)
