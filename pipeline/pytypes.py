"""The shared type language: Python annotations <-> normalised strings <-> Rust types and values.

One place decides how a Python type is spelled, which Rust type it maps to, how a parameter of
that type is passed, and how a Python value of it is written as a Rust expression. The rule
engine uses it to type signatures; the verifier uses it to build inputs for the Rust side.

Normalised spellings (``render`` produces exactly these):
    int float bool str bytes None
    list[T]  set[T]  dict[K, V]  tuple[A, B]  tuple[T, ...]  Optional[T]  Callable[[A, B], R]

A ``Callable[[A, B], R]`` is ``PyType("Callable", (A, B, R))``: the last argument is the result.

Rust mapping (owned):
    int -> i64   float -> f64   bool -> bool   str -> String   bytes -> Vec<u8>   None -> ()
    list[T] -> Vec<T>   tuple[T, ...] -> Vec<T>   tuple[A, B] -> (A, B)
    dict[K, V] -> crate::pyrt::PyDict<K, V> (insertion-ordered, like Python's dict)
    set[T] -> std::collections::HashSet<T>   Optional[T] -> Option<T>
    Callable[[A], R] -> Box<dyn Fn(A') -> R> where stored (a parameter takes ``impl Fn``, a
    returned closure is ``impl Fn``/``impl FnMut``); closure arguments are passed like borrowed
    parameters except Copy scalars (``callable_arg_type``).
Borrowed parameters (mode "ref"): str -> &str, list/tuple[T, ...] -> &[T], bytes -> &[u8],
anything else -> &T.  Mutated parameters (mode "mut"): &mut T.
Python exceptions map to Rust panics; the verifier treats both as "raised".
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
SCALARS = ("int", "float", "bool", "str", "bytes", "None")
RUNTIME_MODULE = "pyrt"

_ALIASES = {
    "List": "list", "list": "list", "Sequence": "list", "MutableSequence": "list",
    "Iterable": "list", "Iterator": "list", "Collection": "list",
    "Dict": "dict", "dict": "dict", "Mapping": "dict", "MutableMapping": "dict",
    "Set": "set", "set": "set", "FrozenSet": "set", "frozenset": "set", "AbstractSet": "set",
    "MutableSet": "set", "Tuple": "tuple", "tuple": "tuple", "Optional": "Optional",
}


class TypeSyntaxError(ValueError):
    """An annotation or type string outside the supported type language."""


class DoesNotFit(ValueError):
    """A Python value that the mapped Rust type cannot represent (e.g. int beyond i64)."""


@dataclass(frozen=True, slots=True)
class PyType:
    """A node of the type language: a scalar name, or a constructor with arguments."""

    name: str  # scalar name, or "list" | "set" | "dict" | "tuple" | "tuple..." | "Optional"
    args: tuple[PyType, ...] = ()

    def render(self) -> str:
        if self.name == "Callable":
            args = ", ".join(a.render() for a in self.args[:-1])
            return f"Callable[[{args}], {self.args[-1].render()}]"
        if not self.args:
            return self.name
        if self.name == "tuple...":
            return f"tuple[{self.args[0].render()}, ...]"
        return f"{self.name}[{', '.join(a.render() for a in self.args)}]"

    def __str__(self) -> str:
        return self.render()


def parse(text: str) -> PyType:
    """Parse a type string (normalised or any supported annotation spelling)."""
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise TypeSyntaxError(f"not a type: {text!r}") from exc
    return from_annotation(node)


def from_annotation(node: ast.expr) -> PyType:
    """Normalise an annotation AST (``List[int]``, ``list[int]``, ``str | None``…)."""
    if isinstance(node, ast.Constant) and node.value is None:
        return PyType("None")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return parse(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([node.left, node.right])
    name = dotted_name(node.value if isinstance(node, ast.Subscript) else node)
    if name is None:
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    name = name.rsplit(".", 1)[-1]
    if not isinstance(node, ast.Subscript):
        if name in SCALARS:
            return PyType(name)
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    elts = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
    if name == "Union":
        return _union(elts)
    if name == "Callable":
        return _callable(elts, node)
    kind = _ALIASES.get(name)
    if kind is None:
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    return _constructor(kind, elts, node)


def _constructor(kind: str, elts: list[ast.expr], node: ast.expr) -> PyType:
    if kind == "tuple":
        if len(elts) == 2 and isinstance(elts[1], ast.Constant) and elts[1].value is Ellipsis:
            return PyType("tuple...", (from_annotation(elts[0]),))
        return PyType("tuple", tuple(from_annotation(e) for e in elts))
    want = 2 if kind == "dict" else 1
    if len(elts) != want:
        raise TypeSyntaxError(f"{kind} needs {want} type argument(s): {ast.unparse(node)}")
    return PyType(kind, tuple(from_annotation(e) for e in elts))


def _callable(elts: list[ast.expr], node: ast.expr) -> PyType:
    """``Callable[[A, B], R]`` (``Callable[..., R]`` and bare ``Callable`` are refused)."""
    if len(elts) != 2 or not isinstance(elts[0], ast.List):
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    args = tuple(from_annotation(e) for e in elts[0].elts)
    return PyType("Callable", (*args, from_annotation(elts[1])))


def _union(members: list[ast.expr]) -> PyType:
    types = [from_annotation(m) for m in members]
    others = [t for t in types if t.name != "None"]
    if len(others) == 1 and len(types) == 2:
        return PyType("Optional", (others[0],))
    raise TypeSyntaxError("unions other than Optional[T] are not supported")


def dotted_name(node: ast.expr) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def rust_type(t: PyType, crate: str = "crate") -> str:
    """The owned Rust type for ``t``; ``crate`` prefixes runtime paths (``crate`` or a name)."""
    scalar = {"int": "i64", "float": "f64", "bool": "bool", "str": "String",
              "bytes": "Vec<u8>", "None": "()"}
    if t.name in scalar:
        return scalar[t.name]
    inner = [rust_type(a, crate) for a in t.args]
    if t.name in ("list", "tuple..."):
        return f"Vec<{inner[0]}>"
    if t.name == "set":
        return f"std::collections::HashSet<{inner[0]}>"
    if t.name == "dict":
        return f"{crate}::{RUNTIME_MODULE}::PyDict<{inner[0]}, {inner[1]}>"
    if t.name == "Optional":
        return f"Option<{inner[0]}>"
    if t.name == "tuple":
        return _tuple_of(inner)
    if t.name == "Callable":
        return f"Box<dyn {rust_fn_trait(t, 'Fn', crate)}>"
    raise TypeSyntaxError(f"no Rust type for {t.render()}")


def callable_arg_mode(t: PyType) -> str:
    """How a closure takes an argument of type ``t``: Copy scalars by value, the rest
    borrowed (``&str``, ``&[T]``, ``&T``), like parameters that are only read."""
    copy = t.name in ("int", "float", "bool", "None") or (
        t.name in ("tuple", "Optional") and all(callable_arg_mode(a) == "value" for a in t.args))
    return "value" if copy else "ref"


def rust_fn_trait(t: PyType, trait: str = "Fn", crate: str = "crate") -> str:
    """``Fn(i64, &str) -> bool`` for ``Callable[[int, str], bool]`` (``trait``: Fn/FnMut)."""
    args = ", ".join(rust_param_type(a, callable_arg_mode(a), crate) for a in t.args[:-1])
    ret = t.args[-1]
    arrow = "" if ret.name == "None" else f" -> {rust_type(ret, crate)}"
    return f"{trait}({args}){arrow}"


def rust_param_type(t: PyType, mode: str, crate: str = "crate") -> str:
    """The Rust type of a parameter passed by ``mode`` ("value", "ref" or "mut")."""
    if mode == "value":
        return rust_type(t, crate)
    if mode == "mut":
        return f"&mut {rust_type(t, crate)}"
    if t.name == "str":
        return "&str"
    if t.name == "bytes":
        return "&[u8]"
    if t.name in ("list", "tuple..."):
        return f"&[{rust_type(t.args[0], crate)}]"
    return f"&{rust_type(t, crate)}"


def rust_literal(t: PyType, value: object, crate: str = "crate") -> str:
    """A Rust expression that builds ``value`` as an owned ``rust_type(t)``.

    Raises DoesNotFit when the value is outside what the Rust type represents, and
    TypeError when the value is not of type ``t`` at all.
    """
    name = t.name
    if name == "bool":
        _check(isinstance(value, bool), t, value)
        return "true" if value else "false"
    if name == "int":
        _check(isinstance(value, int) and not isinstance(value, bool), t, value)
        assert isinstance(value, int)
        if not I64_MIN <= value <= I64_MAX:
            raise DoesNotFit(f"{value} does not fit in i64")
        return f"{value}i64" if value != I64_MIN else "i64::MIN"
    if name == "float":
        _check(isinstance(value, float | int) and not isinstance(value, bool), t, value)
        return _float_literal(float(value))  # type: ignore[arg-type]
    if name == "str":
        return f"String::from({rust_str(_as(value, str, t))})"
    if name == "bytes":
        data = _as(value, bytes | bytearray, t)
        return "vec![" + ", ".join(f"{b}u8" for b in data) + "]"
    if name == "None":
        _check(value is None, t, value)
        return "()"
    if name == "Callable":  # a verifier catalogue entry carries its own Rust text
        text = getattr(value, "rust", None)
        _check(isinstance(text, str) and getattr(value, "sig", None) == t.render(), t, value)
        return f"Box::new({text}) as {rust_type(t, crate)}"
    return _container_literal(t, value, crate)


def _container_literal(t: PyType, value: object, crate: str) -> str:
    name = t.name
    if name == "Optional":
        return "None" if value is None else f"Some({rust_literal(t.args[0], value, crate)})"
    if name in ("list", "tuple..."):
        seq = _as(value, list | tuple, t)
        items = ", ".join(rust_literal(t.args[0], v, crate) for v in seq)
        return f"Vec::<{rust_type(t.args[0], crate)}>::from([{items}])"
    if name == "tuple":
        tup = _as(value, tuple, t)
        _check(len(tup) == len(t.args), t, value)
        return _tuple_of([rust_literal(a, v, crate) for a, v in zip(t.args, tup, strict=True)])
    if name == "set":
        members = _as(value, set | frozenset, t)
        items = ", ".join(sorted(rust_literal(t.args[0], v, crate) for v in members))
        return f"<{rust_type(t, crate)}>::from([{items}])"
    if name == "dict":
        mapping = _as(value, dict, t)
        pairs = ", ".join(
            f"({rust_literal(t.args[0], k, crate)}, {rust_literal(t.args[1], v, crate)})"
            for k, v in mapping.items()
        )
        return f"<{rust_type(t, crate)}>::from_pairs(vec![{pairs}])"
    raise TypeSyntaxError(f"no Rust literal for {t.render()}")


def _as(value: object, kinds: Any, t: PyType) -> Any:
    """``value`` when it is an instance of ``kinds``, else TypeError."""
    _check(isinstance(value, kinds), t, value)
    return value


def _check(ok: bool, t: PyType, value: object) -> None:
    if not ok:
        raise TypeError(f"{value!r} is not a {t.render()}")


def _float_literal(x: float) -> str:
    if math.isnan(x):
        return "f64::NAN"
    if math.isinf(x):
        return "f64::INFINITY" if x > 0 else "f64::NEG_INFINITY"
    return f"{x!r}f64"


def _tuple_of(parts: list[str]) -> str:
    """Rust tuple syntax: ``()``, ``(a,)``, ``(a, b)``."""
    if len(parts) == 1:
        return f"({parts[0]},)"
    return "(" + ", ".join(parts) + ")"


def rust_str(s: str) -> str:
    """A Rust string literal for ``s`` (every non-printable-ASCII char escaped as \\u{..})."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    return '"' + "".join(out) + '"'
