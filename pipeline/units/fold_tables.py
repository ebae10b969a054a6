"""The folding evaluator's tables (``fold.py``): the operators, builtin functions and
methods it applies to builtin values, none of which calls back into user code or depends on
the process."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

MAX_LEN = 100_000  # items of a folded str, bytes or container


class Unfoldable(Exception):
    """The evaluator cannot compute this statement's effect exactly."""


def ordered(items: object) -> Any:  # Any: an iterable whatever its type
    """``items`` when iterating it gives the same order in every process."""
    if isinstance(items, set | frozenset):
        raise Unfoldable("iteration over a set")
    return sized(items)


def sized(value: object) -> object:
    """``value`` unless it is a container too long to fold (checked before iterating it)."""
    if isinstance(value, range | str | bytes | list | tuple | dict) and len(value) > MAX_LEN:
        raise Unfoldable("value too large")
    return value


SCALARS = (type(None), bool, int, float, str, bytes)
VIEWS: tuple[type, ...] = (slice, type({}.keys()), type({}.values()), type({}.items()))
BINOPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.LShift: operator.lshift,
    ast.RShift: operator.rshift,
    ast.BitOr: operator.or_,
    ast.BitAnd: operator.and_,
    ast.BitXor: operator.xor,
}
INPLACE: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.iadd,
    ast.Sub: operator.isub,
    ast.Mult: operator.imul,
    ast.FloorDiv: operator.ifloordiv,
    ast.Mod: operator.imod,
    ast.Div: operator.itruediv,
    ast.Pow: operator.ipow,
    ast.LShift: operator.ilshift,
    ast.RShift: operator.irshift,
    ast.BitOr: operator.ior,
    ast.BitAnd: operator.iand,
    ast.BitXor: operator.ixor,
}
COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: operator.contains(b, a),
    ast.NotIn: lambda a, b: not operator.contains(b, a),
}
UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Not: operator.not_,
    ast.Invert: operator.invert,
}
# Builtins whose result depends only on their (builtin) arguments. Iterating a set is
# order-dependent (string hashing is randomised per process): those that iterate get their
# argument through ordered.
BUILTINS: dict[str, Callable[..., object]] = {
    "set": lambda *a: set(*a),
    "frozenset": lambda *a: frozenset(*a),
    "list": lambda *a: list(*map(ordered, a)),
    "tuple": lambda *a: tuple(*map(ordered, a)),
    "dict": lambda *a, **k: dict(*map(ordered, a), **k),
    "range": range,
    "len": len,
    "chr": chr,
    "ord": ord,
    "str": str,
    "repr": repr,
    "int": int,
    "float": float,
    "bool": bool,
    "abs": abs,
    "hex": hex,
    "oct": oct,
    "bin": bin,
    "divmod": divmod,
    "round": round,
    "format": format,
    "sorted": sorted,
    "min": min,
    "max": max,
    "any": any,
    "all": all,
    "sum": lambda items, *start: sum(ordered(items), *start),
    "enumerate": lambda items, *a: list(enumerate(ordered(items), *a)),
    "zip": lambda *its: list(zip(*map(ordered, its), strict=False)),
    "reversed": lambda items: list(reversed(ordered(items))),
    "bytes": lambda *a: bytes(*map(ordered, a)),
}
_READS = {"copy", "count", "index"}
_STR = _READS | {
    "join",
    "format",
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "replace",
    "startswith",
    "endswith",
    "zfill",
    "ljust",
    "rjust",
    "center",
    "title",
    "capitalize",
    "casefold",
    "swapcase",
    "splitlines",
    "partition",
    "rpartition",
    "find",
    "rfind",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isidentifier",
    "isascii",
}
_SET_READS = _READS | {
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
}
METHODS: dict[type, frozenset[str]] = {
    str: frozenset(_STR),
    bytes: frozenset(_STR - {"format", "casefold", "isidentifier"} | {"decode", "hex"}),
    tuple: frozenset(_READS - {"copy"}),
    list: frozenset(
        _READS | {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"}
    ),
    dict: frozenset(
        {"copy", "keys", "values", "items", "get", "update", "setdefault", "pop", "clear"}
    ),
    set: frozenset(
        _SET_READS
        | {
            "add",
            "discard",
            "remove",
            "update",
            "clear",
            "difference_update",
            "intersection_update",
            "symmetric_difference_update",
        }
    ),
    frozenset: frozenset(_SET_READS),
    int: frozenset({"bit_length"}),
}
# methods of builtin classes called on the class (their first argument iterated in order)
CLASS_METHODS: dict[tuple[str, str], Callable[..., Any]] = {
    ("dict", "fromkeys"): dict.fromkeys,
    ("str", "maketrans"): str.maketrans,
    ("bytes", "maketrans"): bytes.maketrans,
}
