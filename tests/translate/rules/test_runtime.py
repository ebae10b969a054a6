"""The pyrt runtime: helper selection, and helper behaviour checked against Python itself."""

from __future__ import annotations

import subprocess

import pytest

from pipeline.pytypes import rust_str
from pipeline.translate.rules.runtime import select as runtime

from .harness import rustc


def test_selection_includes_dependencies_in_file_order() -> None:
    src = runtime.runtime_source(["divmod"])
    assert "pub fn floordiv" in src and "pub fn modulo" in src and "pub fn divmod" in src
    assert src.index("pub fn floordiv") < src.index("pub fn divmod")
    assert "PyDict" not in src


def test_empty_and_deterministic() -> None:
    assert runtime.runtime_source([]) == ""
    every = list(runtime.helpers())
    assert runtime.runtime_source(every) == runtime.runtime_source(reversed(every))


def test_unknown_helper_is_an_error() -> None:
    with pytest.raises(KeyError):
        runtime.closure(["no_such_helper"])


FLOATS = [
    0.1,
    1e-05,
    0.0001,
    1e16,
    1e15,
    123456.789,
    -0.0,
    2.5,
    1 / 3,
    1e22,
    5e-324,
    float("inf"),
    float("nan"),
    100.0,
]
INT_PAIRS = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (9, 3)]
FLOAT_PAIRS = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-0.5, 1.0), (1e300, 1e-300), (5.0, 0.5)]
ROUNDS = [
    (2.675, 2),
    (0.125, 2),
    (2.5, 0),
    (-1.5, 0),
    (1234.5, -1),
    (1250.0, -2),
    (1350.0, -2),
    (0.5, -1),
    (-0.05, 1),
]
SLICES = [
    (None, None, -1),
    (1, None, 2),
    (-2, None, None),
    (5, 1, -2),
    (None, -10, None),
    (3, 3, None),
    (-100, 100, 3),
]


def _checks() -> list[tuple[str, str]]:
    """(Rust expression producing a String, the Python answer)."""
    checks = [(f"crate::pyrt::float_repr({_lit(x)})", repr(x)) for x in FLOATS]
    for a, b in INT_PAIRS:
        checks.append((f'format!("{{:?}}", crate::pyrt::divmod({a}, {b}))', f"({a // b}, {a % b})"))
    for a, b in FLOAT_PAIRS:
        checks.append((f"crate::pyrt::float_repr(crate::pyrt::fmod({a!r}, {b!r}))", repr(a % b)))
        checks.append(
            (f"crate::pyrt::float_repr(crate::pyrt::ffloordiv({a!r}, {b!r}))", repr(a // b))
        )
    for x, n in ROUNDS:
        checks.append(
            (f"crate::pyrt::float_repr(crate::pyrt::round_to({x!r}, {n}))", repr(round(x, n)))
        )
    for x in (0.5, 1.5, 2.5, -0.5, -2.5, 3.49):
        checks.append((f"crate::pyrt::round_int({x!r}).to_string()", str(round(x))))
    word = "héllo, wörld"
    for start, stop, step in SLICES:
        args = ", ".join(_opt(v) for v in (start, stop, step))
        checks.append((f"crate::pyrt::str_slice({rust_str(word)}, {args})", word[start:stop:step]))
    checks += [
        ("crate::pyrt::fmt_exp(12345.678, 2)", f"{12345.678:.2e}"),
        ("crate::pyrt::fmt_group(\"-1234567.25\", ',')", f"{-1234567.25:,}"),
        ('crate::pyrt::fmt_radix(-255, 16, "0x")', hex(-255)),
        ('crate::pyrt::zfill("-42", 6)', "-42".zfill(6)),
        ('crate::pyrt::justify("ab", 7, "*", \'c\')', "ab".center(7, "*")),
        ('crate::pyrt::justify("abc", 6, "*", \'c\')', "abc".center(6, "*")),
        ('crate::pyrt::split_ws("  a b\\tc  ", 1).join("|")', "|".join(["a", "b\tc  "])),
        ('crate::pyrt::rsplit_sep("a,b,c", ",", 1).join("|")', "|".join(["a,b", "c"])),
        ('crate::pyrt::str_find("héllo", "llo").to_string()', str("héllo".find("llo"))),
        ('crate::pyrt::str_count("abc", "").to_string()', str("abc".count(""))),
        ("crate::pyrt::powmod(3, -1, 7).to_string()", str(pow(3, -1, 7))),
        ("crate::pyrt::powmod(-2, 5, -7).to_string()", str(pow(-2, 5, -7))),
        ("crate::pyrt::isqrt(99).to_string()", "9"),
        ("crate::pyrt::comb(52, 5).to_string()", "2598960"),
        ('crate::pyrt::parse_int(" -1_000 ").to_string()', "-1000"),
        ('crate::pyrt::float_repr(crate::pyrt::parse_float(" 1e3 "))', "1000.0"),
        ('crate::pyrt::PyStr::py_repr("it\'s")', repr("it's")),
        ("crate::pyrt::PyStr::py_repr(&(1i64, vec![2.5f64], None::<i64>))", repr((1, [2.5], None))),
        (
            "crate::pyrt::PyStr::py_repr(&crate::pyrt::PyDict::from_pairs(vec![(2i64, true), "
            "(1, false), (2, false)]))",
            repr({2: False, 1: False}),
        ),
    ]
    return checks


def _lit(x: float) -> str:
    if x != x:
        return "f64::NAN"
    if x in (float("inf"), float("-inf")):
        return "f64::INFINITY"
    return f"{x!r}f64"


def _opt(v: int | None) -> str:
    return "None" if v is None else f"Some({v})"


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_helpers_match_python(tmp_path) -> None:
    checks = _checks()
    lines = [f'    println!("{{}}", {expr});' for expr, _ in checks]
    main = "pub mod pyrt;\nfn main() {\n" + "\n".join(lines) + "\n}\n"
    (tmp_path / "pyrt.rs").write_text(runtime.runtime_source(runtime.helpers()))
    (tmp_path / "main.rs").write_text(main)
    exe = tmp_path / "main"
    build = subprocess.run(
        [
            rustc(),
            "--edition",
            "2021",
            "-C",
            "overflow-checks=on",
            "-o",
            str(exe),
            str(tmp_path / "main.rs"),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    got = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    assert got.splitlines() == [want for _, want in checks]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_panics_carry_python_exception_names(tmp_path) -> None:
    cases = {
        "crate::pyrt::floordiv(1, 0)": "ZeroDivisionError",
        "crate::pyrt::idx(3, 2) as i64": "IndexError",
        "*crate::pyrt::PyDict::<i64, i64>::new().item(&1)": "KeyError",
        "crate::pyrt::iabs(i64::MIN)": "OverflowError",
        "crate::pyrt::shl(3, 62)": "OverflowError",
        'crate::pyrt::parse_int("x")': "ValueError",
        "crate::pyrt::fdiv(1.0, 0.0) as i64": "ZeroDivisionError",
        "crate::pyrt::math1(-1.0, f64::sqrt, false) as i64": "ValueError",
    }
    body = "\n".join(
        f"    let r = std::panic::catch_unwind(|| {{ let _ = {e}; }});\n"
        f"    let msg = r.err().and_then(|p| p.downcast_ref::<String>().cloned()"
        f".or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))).unwrap_or_default();\n"
        f'    println!("{{}}", msg.contains("{name}"));'
        for e, name in cases.items()
    )
    main = (
        "pub mod pyrt;\nfn main() {\n    std::panic::set_hook(Box::new(|_| {}));\n" + body + "\n}\n"
    )
    (tmp_path / "pyrt.rs").write_text(runtime.runtime_source(runtime.helpers()))
    (tmp_path / "main.rs").write_text(main)
    exe = tmp_path / "main"
    build = subprocess.run(
        [
            rustc(),
            "--edition",
            "2021",
            "-C",
            "overflow-checks=on",
            "-o",
            str(exe),
            str(tmp_path / "main.rs"),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    got = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    assert got.split() == ["true"] * len(cases)
