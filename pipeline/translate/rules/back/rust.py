"""The Rust vocabulary of the back end: printed expressions (``R``) with their holding kind and
precedence, the precedence levels, parenthesising, Rust spellings of types and literals, the
runtime types and the loop context. No printing state lives here."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.translate.rules.types import intmode

RT = "crate::pyrt::"


# precedence levels (higher binds tighter)
ATOM, UNARY, AS, MUL, ADD, SHIFT, BAND, BXOR, BOR, CMP, AND, OR, LOW = (
    100,
    90,
    85,
    80,
    70,
    60,
    50,
    45,
    40,
    30,
    20,
    10,
    0,
)


OP_PREC = {
    "*": MUL,
    "/": MUL,
    "%": MUL,
    "+": ADD,
    "-": ADD,
    "<<": SHIFT,
    ">>": SHIFT,
    "&": BAND,
    "^": BXOR,
    "|": BOR,
}


@dataclass
class LoopCtx:
    """An enclosing loop while its body is printed."""

    break_label: str | None  # label of the block a loop-else lives in
    header: int  # index of the loop's header line
    label: str | None = None  # the loop's own label, when a jump must name it
    blocks: int = 0  # labelled blocks currently open inside this loop's body
    flows: int = 0  # try closures open around the loop (a jump from deeper ones is returned)


@dataclass
class R:
    """A printed Rust expression.

    kind: "owned" (a temporary), "place" (a variable or element of owned type), "ref" (``&T``),
    "sref" (a borrowed ``&str`` / ``&[T]``), "mut" (``&mut T``).
    """

    code: str
    ty: PyType
    kind: str = "owned"
    prec: int = ATOM


def rtype(t: PyType) -> str:
    """Owned Rust type of ``t`` (collections types included)."""
    if intmode.big():
        t = pytypes.with_big_ints(t)
    if t.name == "defaultdict":
        return f"crate::pyrt::PyDict<{rtype(t.args[0])}, {rtype(t.args[1])}>"
    if t.name == "Counter":
        return f"crate::pyrt::PyDict<{rtype(t.args[0])}, i64>"
    if t.name == "OrderedDict":
        return f"crate::pyrt::PyOrderedDict<{rtype(t.args[0])}, {rtype(t.args[1])}>"
    if t.name == "deque":
        return f"crate::pyrt::PyDeque<{rtype(t.args[0])}>"
    if t.args and any(a.name in ("defaultdict", "Counter", "deque", "OrderedDict") for a in t.args):
        inner = [rtype(a) for a in t.args]
        if t.name in ("list", "tuple..."):
            return f"Vec<{inner[0]}>"
        if t.name == "tuple":
            return pytypes._tuple_of(inner)
        if t.name == "dict":
            return f"crate::pyrt::PyDict<{inner[0]}, {inner[1]}>"
        if t.name == "Optional":
            return f"Option<{inner[0]}>"
    return pytypes.rust_type(t)


def big_literal(int_path: str, v: int) -> str:
    """The int literal ``v`` as a runtime ``Int`` (``int_path`` names the type)."""
    if pytypes.I64_MIN <= v <= pytypes.I64_MAX:
        return f"{int_path}::from({v}_i64)"
    return f'{int_path}::parse("{v}")'


RUNTIME_TYPES = {
    "dict": "dict",
    "defaultdict": "dict",
    "Counter": "dict",
    "OrderedDict": "odict",
    "deque": "deque",
}


def type_helpers(t: PyType) -> set[str]:
    """The runtime helpers defining the Rust types inside ``t``: a function that only reads
    a dict parameter still names ``crate::pyrt::PyDict`` without calling any helper."""
    found = {RUNTIME_TYPES[t.name]} if t.name in RUNTIME_TYPES else set()
    if t.name == "int" and intmode.big():
        found.add("bigint")
    for a in t.args:
        found |= type_helpers(a)
    return found


def default_value(t: PyType) -> str:
    """The value a defaultdict factory makes for a missing key."""
    zero = {
        "int": "0",
        "float": "0.0",
        "bool": "false",
        "str": "String::new()",
        "list": "Vec::new()",
        "set": "std::collections::HashSet::new()",
        "dict": "crate::pyrt::PyDict::new()",
        "defaultdict": "crate::pyrt::PyDict::new()",
        "Counter": "crate::pyrt::PyDict::new()",
    }
    return zero[t.name]


HAS_DEFAULT = frozenset(
    {"int", "float", "bool", "str", "bytes", "None", "list", "tuple...", "set", "dict"}
    | {"defaultdict", "Counter", "OrderedDict", "deque", "Optional"}
)


def has_default(t: PyType) -> bool:
    """Whether ``rtype(t)`` implements ``Default`` (a tuple: when each item does)."""
    if t.name == "tuple":
        return len(t.args) <= 12 and all(has_default(a) for a in t.args)
    return t.name in HAS_DEFAULT


def paren(r: R, prec: int) -> str:
    """``r``'s text, parenthesised if it binds looser than ``prec``."""
    return f"({r.code})" if r.prec < prec else r.code


def ref_to(code: str) -> str:
    """``&code``, parenthesised when ``code`` is an operator expression (``&(row - c)``): an
    emitted binary operator, cast, range or closure has a space or ``..`` outside brackets."""
    depth, quoted, prev = 0, False, ""
    for ch in code:
        if quoted:
            quoted = not (ch == '"' and prev != "\\")
        elif ch == '"':
            quoted = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and (ch.isspace() or (ch == "." and prev == ".")):
            return f"&({code})"
        prev = ch
    return f"&{code}"


def float_lit(v: float) -> str:
    """A Rust f64 literal for a Python float."""
    if v != v:
        return "f64::NAN"
    if v in (float("inf"), float("-inf")):
        return "f64::INFINITY" if v > 0 else "f64::NEG_INFINITY"
    text = repr(v).replace("e+", "e")
    return text if any(c in text for c in ".e") else text + ".0"
