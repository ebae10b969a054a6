"""The catalogue of small pure functions the verifier passes where a callable is expected.

Standard library only: the sandbox child loads this file by path (like ``pipeline/codec.py``). Each
entry is written twice, once in Python and once in Rust, with the same meaning on every input
the generators draw (ints within +-2**31, finite floats, any str): floor division and modulo by
a positive constant are ``div_euclid``/``rem_euclid``, string functions work by code point and
avoid case mapping and whitespace classes (whose tables differ between Python and Rust), and
no entry grows fast enough to overflow i64 when applied repeatedly to a drawn value.

Keys are the normalised spelling of the callable type (``pytypes.PyType.render``); Rust
closures take their arguments as the engine's closures do (Copy scalars by value, ``&str``
for str). A signature missing here cannot be generated: its functions stay ``untested``
unless doctests or cases supply other inputs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One catalogue function: its display name, Python lambda source and Rust closure."""

    name: str
    python: str
    rust: str


def _entries(rows: list[tuple[str, str]], head: str) -> tuple[Entry, ...]:
    """Entries from (python lambda body, rust closure body) with a shared closure head."""
    params = head.split("|")[1]
    names = ", ".join(p.split(":")[0].strip() for p in params.split(",") if p.strip())
    lead = f"lambda {names}:" if names else "lambda:"
    return tuple(Entry(f"{lead} {py}", f"{lead} {py}", f"{head} {{ {rs} }}") for py, rs in rows)


CATALOGUE: dict[str, tuple[Entry, ...]] = {
    "Callable[[int], int]": _entries(
        [
            ("x", "x"),
            ("x + 1", "x + 1"),
            ("-x", "-x"),
            ("x // 3", "x.div_euclid(3)"),
            ("x % 7", "x.rem_euclid(7)"),
            ("x * x % 1000003", "(x * x).rem_euclid(1000003)"),
            ("abs(x) - 5", "x.abs() - 5"),
            ("x - 2 if x > 0 else x + 3", "if x > 0 { x - 2 } else { x + 3 }"),
        ],
        "|x: i64| -> i64",
    ),
    "Callable[[int], bool]": _entries(
        [
            ("x > 0", "x > 0"),
            ("x % 2 == 0", "x.rem_euclid(2) == 0"),
            ("x % 3 == 1", "x.rem_euclid(3) == 1"),
            ("x == 0", "x == 0"),
            ("True", "true"),
            ("False", "false"),
        ],
        "|x: i64| -> bool",
    ),
    "Callable[[int, int], int]": _entries(
        [
            ("a + b", "a + b"),
            ("a - b", "a - b"),
            ("max(a, b)", "a.max(b)"),
            ("a * b % 1009", "(a * b).rem_euclid(1009)"),
            ("a", "a"),
        ],
        "|a: i64, b: i64| -> i64",
    ),
    "Callable[[int, int], bool]": _entries(
        [
            ("a < b", "a < b"),
            ("a == b", "a == b"),
            ("(a + b) % 2 == 0", "(a + b).rem_euclid(2) == 0"),
        ],
        "|a: i64, b: i64| -> bool",
    ),
    "Callable[[int], float]": _entries(
        [
            ("x / 2", "x as f64 / 2.0"),
            ("x * 1.5", "x as f64 * 1.5"),
        ],
        "|x: i64| -> f64",
    ),
    "Callable[[int], str]": _entries(
        [
            ("str(x)", "x.to_string()"),
            ("'#' * (x % 4)", '"#".repeat(x.rem_euclid(4) as usize)'),
        ],
        "|x: i64| -> String",
    ),
    "Callable[[float], float]": _entries(
        [
            ("x", "x"),
            ("x + 1.5", "x + 1.5"),
            ("-x", "-x"),
            ("x * 0.5", "x * 0.5"),
            ("abs(x)", "x.abs()"),
            ("x * x", "x * x"),
        ],
        "|x: f64| -> f64",
    ),
    "Callable[[float, float], float]": _entries(
        [
            ("a + b", "a + b"),
            ("a - b", "a - b"),
            ("a * b", "a * b"),
            ("a", "a"),
        ],
        "|a: f64, b: f64| -> f64",
    ),
    "Callable[[float], bool]": _entries(
        [
            ("x > 0", "x > 0.0"),
            ("x < 10.5", "x < 10.5"),
        ],
        "|x: f64| -> bool",
    ),
    "Callable[[str], str]": _entries(
        [
            ("s", "s.to_string()"),
            ("s[:1]", "s.chars().take(1).collect()"),
            ("s[::-1]", "s.chars().rev().collect()"),
            ("s + '!'", 'format!("{s}!")'),
            ("s * 2", "s.repeat(2)"),
        ],
        "|s: &str| -> String",
    ),
    "Callable[[str], bool]": _entries(
        [
            ("len(s) > 2", "s.chars().count() > 2"),
            ("s == ''", "s.is_empty()"),
            ("s.startswith('a')", "s.starts_with('a')"),
            ("'e' in s", "s.contains('e')"),
        ],
        "|s: &str| -> bool",
    ),
    "Callable[[str], int]": _entries(
        [
            ("len(s)", "s.chars().count() as i64"),
            ("ord(s[0]) if s else -1", "s.chars().next().map_or(-1, |c| c as i64)"),
        ],
        "|s: &str| -> i64",
    ),
    "Callable[[], int]": _entries([("0", "0"), ("42", "42")], "|| -> i64"),
}
# Factories (``factory=dict`` passed on, toolz's dicttoolz): the empty container and one
# holding a single item, their Rust types taken from the parameter's ``impl Fn() -> ...``.
_ONE = {  # a value of each item type: Python, Rust
    "int": ("7", "7_i64"),
    "str": ("'a'", '"a".to_string()'),
    "float": ("0.5", "0.5_f64"),
    "bool": ("True", "true"),
    "list[int]": ("[1]", "vec![1_i64]"),
    "list[str]": ("['b']", 'vec!["b".to_string()]'),
}
for _k in ("int", "str"):
    for _v in _ONE:
        _kp, _kr = _ONE[_k]
        _vp, _vr = _ONE[_v]
        CATALOGUE[f"Callable[[], dict[{_k}, {_v}]]"] = (
            Entry("lambda: {}", "lambda: {}", "|| crate::pyrt::PyDict::new()"),
            Entry(
                f"lambda: {{{_kp}: {_vp}}}",
                f"lambda: {{{_kp}: {_vp}}}",
                f"|| {{ let mut d = crate::pyrt::PyDict::new(); d.insert({_kr}, {_vr}); d }}",
            ),
        )
for _t in ("int", "str", "float"):
    _tp, _tr = _ONE[_t]
    CATALOGUE[f"Callable[[], list[{_t}]]"] = (
        Entry("lambda: []", "lambda: []", "|| Vec::new()"),
        Entry(f"lambda: [{_tp}]", f"lambda: [{_tp}]", f"|| vec![{_tr}]"),
    )
for _t in ("int", "str"):
    _tp, _tr = _ONE[_t]
    CATALOGUE[f"Callable[[], set[{_t}]]"] = (
        Entry("lambda: set()", "lambda: set()", "|| std::collections::HashSet::new()"),
        Entry(
            f"lambda: {{{_tp}}}",
            f"lambda: {{{_tp}}}",
            f"|| {{ let mut s = std::collections::HashSet::new(); s.insert({_tr}); s }}",
        ),
    )


def python_function(sig: str, index: int) -> object:
    """The Python function of entry ``index`` for ``sig`` (evaluated from its source)."""
    names = {"abs": abs, "max": max, "len": len, "ord": ord, "str": str, "set": set}
    return eval(CATALOGUE[sig][index].python, {"__builtins__": names})
