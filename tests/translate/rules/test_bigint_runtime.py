"""pyrt's big int (``Int``) against CPython: thousands of random operations, huge values,
floor division and modulo of every sign, shifts, bit operations, exact float comparisons
and conversions, all in one rustc build and one run."""

from __future__ import annotations

import math
import random
import subprocess
import sys

import pytest

from pipeline.translate.rules.runtime import select as runtime

from .harness import rustc

MAIN = r"""
use pyrt::Int;
use std::io::BufRead;

fn show<T: std::fmt::Display>(r: std::thread::Result<T>) -> String {
    match r {
        Ok(v) => v.to_string(),
        Err(e) => {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            format!("raised {}", msg.split(':').next().unwrap_or(""))
        }
    }
}

fn ord(o: Option<std::cmp::Ordering>) -> i32 {
    match o {
        None => 9,
        Some(std::cmp::Ordering::Less) => -1,
        Some(std::cmp::Ordering::Equal) => 0,
        Some(std::cmp::Ordering::Greater) => 1,
    }
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let p: Vec<&str> = line.split(' ').collect();
        let b = || Int::parse(p[2]);
        let x = || f64::from_bits(p[2].parse::<u64>().unwrap());
        let r = std::panic::catch_unwind(|| (p[0], Int::parse(p[1]))).and_then(|(op, a)| {
            std::panic::catch_unwind(|| match op {
            "add" => (&a + &b()).to_string(),
            "sub" => (&a - &b()).to_string(),
            "mul" => (&a * &b()).to_string(),
            "floordiv" => a.floordiv(&b()).to_string(),
            "mod" => a.modulo(&b()).to_string(),
            "divmod" => {
                let (q, r) = a.divmod(&b());
                format!("{} {}", q, r)
            }
            "pow" => a.pow(&b()).to_string(),
            "shl" => a.shl(&b()).to_string(),
            "shr" => a.shr(&b()).to_string(),
            "and" => a.bitand(&b()).to_string(),
            "or" => a.bitor(&b()).to_string(),
            "xor" => a.bitxor(&b()).to_string(),
            "neg" => (-&a).to_string(),
            "inv" => (!&a).to_string(),
            "abs" => a.abs().to_string(),
            "cmp" => (a.cmp(&b()) as i32).to_string(),
            "eq" => (a == b()).to_string(),
            "hash" => a.py_hash().to_string(),
            "i64" => format!("{:?}", a.to_i64()),
            "float" => a.to_f64().to_bits().to_string(),
            "truediv" => a.truediv(&b()).to_bits().to_string(),
            "cmpf" => ord(a.cmp_f64(x())).to_string(),
            "fromf" => Int::from_f64(x()).to_string(),
            "bits" => a.bit_length().to_string(),
            "range" => Int::range(a.clone(), b(), Int::parse(p[3]))
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(","),
            "fmt" => format!("[{:>30}] [{:<5}]", a, a),
            "str" => a.pow(&b()).to_py_str().len().to_string(),
            "powmod" => Int::powmod(&a, &b(), &Int::parse(p[3])).to_string(),
            "gcd" => Int::gcd(&a, &b()).to_string(),
            "lcm" => Int::lcm(&a, &b()).to_string(),
            "isqrt" => Int::isqrt(&a).to_string(),
            "factorial" => Int::factorial(&a).to_string(),
            "comb" => Int::comb(&a, &b()).to_string(),
            "perm" => Int::perm(&a, &b()).to_string(),
            "sum" => [a.clone(), b(), a.clone()].iter().sum::<Int>().to_string(),
            _ => unreachable!(),
            })
        });
        println!("{}", show(r));
    }
}
"""

HUGE = [10**40, 2**64, 2**64 - 1, 2**63, 2**63 - 1, 2**32, 2**32 - 1, 2**96 + 12345, 10**100]


def draw(rng: random.Random) -> int:
    kind = rng.random()
    if kind < 0.15:
        v = rng.randint(-5, 5)
    elif kind < 0.35:
        v = rng.randint(-(2**63), 2**63 - 1)
    elif kind < 0.5:
        v = rng.choice(HUGE) + rng.randint(-3, 3)
    else:
        v = rng.getrandbits(rng.randint(1, 400))
    return -v if rng.random() < 0.5 else v


def python_side(op: str, a: int, b: object, c: int = 0) -> str:
    try:
        return str(_python(op, a, b, c))
    except (ZeroDivisionError, ValueError, OverflowError, NotImplementedError) as exc:
        return f"raised {type(exc).__name__}"


def _python(op: str, a: int, b, c: int):  # noqa: ANN001, ANN202 - one operation of the table
    if op == "pow" and b < 0:
        raise NotImplementedError
    table = {
        "add": lambda: a + b,
        "sub": lambda: a - b,
        "mul": lambda: a * b,
        "floordiv": lambda: a // b,
        "mod": lambda: a % b,
        "divmod": lambda: " ".join(map(str, divmod(a, b))),
        "pow": lambda: a**b,
        "shl": lambda: a << b,
        "shr": lambda: a >> b,
        "and": lambda: a & b,
        "or": lambda: a | b,
        "xor": lambda: a ^ b,
        "neg": lambda: -a,
        "inv": lambda: ~a,
        "abs": lambda: abs(a),
        "cmp": lambda: (a > b) - (a < b),
        "eq": lambda: str(a == b).lower(),
        "hash": lambda: hash(a),
        "i64": lambda: f"Some({a})" if -(2**63) <= a < 2**63 else "None",
        "float": lambda: _bits(float(a)),
        "truediv": lambda: _bits(a / b),
        "cmpf": lambda: 9 if math.isnan(b) else (a > b) - (a < b),
        "fromf": lambda: int(b),
        "bits": lambda: a.bit_length(),
        "range": lambda: ",".join(map(str, range(a, b, c))),
        "fmt": lambda: f"[{a:>30}] [{a:<5}]",
        "str": lambda: len(str(a**b)),
        "powmod": lambda: pow(a, b, c),
        "gcd": lambda: math.gcd(a, b),
        "lcm": lambda: math.lcm(a, b),
        "isqrt": lambda: math.isqrt(a),
        "factorial": lambda: math.factorial(a),
        "comb": lambda: math.comb(a, b),
        "perm": lambda: math.perm(a, b),
        "sum": lambda: sum([a, b, a]),
    }
    return table[op]()


def _bits(x: float) -> int:
    import struct

    return struct.unpack("<Q", struct.pack("<d", x))[0]


def _floats(rng: random.Random, a: int) -> float:
    choice = rng.random()
    if choice < 0.1:
        return rng.choice([math.inf, -math.inf, math.nan, 0.0, -0.0, 2.0**63, -(2.0**63), 1e308])
    if choice < 0.5 and abs(a) < 2**1000:
        near = float(a)
        return near + rng.choice([0.0, 0.5, -0.5, 1.0, near * 1e-16])
    return rng.uniform(-1e30, 1e30) * rng.choice([1, 1e-20, 1e20, 1e100])


def cases(n: int, seed: int = 12) -> list[tuple[str, str]]:
    """(input line, Python's answer) pairs."""
    rng = random.Random(seed)
    out = []
    binary = ["add", "sub", "mul", "floordiv", "mod", "divmod", "cmp", "eq", "and", "or", "xor"]
    unary = ["neg", "inv", "abs", "hash", "i64", "float", "bits", "fmt"]
    for _ in range(n):
        op = rng.choice([*binary, *binary, *unary, "pow", "shl", "shr", "truediv", "cmpf", "fromf"])
        a = draw(rng)
        if op in binary or op == "truediv":
            b = draw(rng) if rng.random() < 0.9 else rng.choice([0, 1, -1, a])
            if op == "truediv" and b == 0 and rng.random() < 0.8:
                b = 3
            line = f"{op} {a} {b}"
        elif op == "pow":
            a = rng.choice([a, rng.randint(-20, 20)])
            b = rng.randint(-2, 20) if abs(a) > 2**64 else rng.randint(-2, 200)
            line = f"{op} {a} {b}"
        elif op in ("shl", "shr"):
            b = rng.randint(-1, 300)
            line = f"{op} {a} {b}"
        elif op in ("cmpf", "fromf"):
            b = _floats(rng, a)
            line = f"{op} {a} {_bits(b)}"
        else:
            b = 0
            line = f"{op} {a}"
        out.append((line, python_side(op, a, b)))
    for a, b, c in [(2**64 - 3, 2**64 + 3, 1), (10**20, 10**20 - 7, -2), (-3, 4, 2), (5, 1, 0)]:
        out.append((f"range {a} {b} {c}", python_side("range", a, b, c)))
    for op in ("gcd", "lcm", "sum"):
        for _ in range(40):
            a, b = draw(rng), draw(rng)
            out.append((f"{op} {a} {b}", python_side(op, a, b)))
    for _ in range(40):
        a = draw(rng)
        out.append((f"isqrt {a}", python_side("isqrt", a, 0)))
    for _ in range(120):
        a, b = draw(rng), rng.choice([draw(rng), rng.randint(-3, 3)])
        c = rng.choice([draw(rng), rng.randint(-9, 9)])
        b = abs(b) if rng.random() < 0.7 else -(abs(b) % 7) - 1
        out.append((f"powmod {a} {b} {c}", python_side("powmod", a, b, c)))
    for b in (4299, 4300, 4301):  # CPython's limit on decimal conversions
        out.append((f"str 10 {b - 1}", python_side("str", 10, b - 1)))
        out.append((f"str -10 {b - 1}", python_side("str", -10, b - 1)))
    for b in (14283, 14284, 14285, 14286, 14287, 30001):  # the early size check: 4300 digits
        out.append((f"str 2 {b}", python_side("str", 2, b)))
        out.append((f"str -2 {b}", python_side("str", -2, b)))
    for a in (16, 17, 18, 33, 34, 35, 500, 1234, 1499):  # binary splitting of factorial
        out.append((f"factorial {a}", python_side("factorial", a, 0)))
    for op in ("factorial", "comb", "perm"):
        for _ in range(20):
            a, b = rng.randint(-3, 120), rng.randint(-3, 130)
            out.append((f"{op} {a} {b}", python_side(op, a, b)))
    for text in ["42", "-0", "\t1_000_000\t", "+7", "1__0", "_1", "12a", "", "-"]:
        try:
            expect = str(int(text))
        except ValueError:
            expect = "raised ValueError"
        out.append((f"abs {text}", expect.lstrip("-") if not expect.startswith("r") else expect))
    return out


@pytest.fixture(scope="module")
def binary(tmp_path_factory: pytest.TempPathFactory) -> str:
    compiler = rustc()
    if compiler is None:
        pytest.fail("rustc is required (tests compile the runtime)")
    tmp = tmp_path_factory.mktemp("bigint")
    src = tmp / "main.rs"
    src.write_text("mod pyrt {\n" + runtime.runtime_source(["bigint"]) + "}\n" + MAIN)
    exe = tmp / "main"
    subprocess.run(
        [compiler, "-O", "-C", "overflow-checks=on", "--edition", "2021", "-o", exe, src],
        check=True,
        capture_output=True,
        text=True,
    )
    return str(exe)


def test_thousands_of_random_operations_agree_with_cpython(binary: str) -> None:
    table = cases(4000)
    lines = [line for line, _ in table]
    run = subprocess.run(
        [binary], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120
    )
    got = run.stdout.splitlines()
    assert len(got) == len(table), run.stderr[-2000:]
    pairs = zip(table, got, strict=True)
    wrong = [(line, want, have) for (line, want), have in pairs if want != have]
    assert not wrong, wrong[:5]


def test_the_sample_covers_what_it_claims() -> None:
    table = cases(4000)
    ops = {line.split(" ")[0] for line, _ in table}
    assert len(ops) == 35
    negative_floor = [
        line for line, _ in table if line.startswith("floordiv -") and " -" not in line[10:]
    ]
    assert len(negative_floor) > 20
    assert any(len(line) > 100 for line, _ in table)  # values far beyond i64
    assert sum(want.startswith("raised") for _, want in table) > 10


if __name__ == "__main__":  # pragma: no cover - a quick look at the cases
    for line, want in cases(int(sys.argv[1]) if len(sys.argv) > 1 else 10):
        print(line, "->", want)
