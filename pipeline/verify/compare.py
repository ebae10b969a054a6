"""Type-directed comparison of a Python result with the Rust harness's JSON.

Both sides are first brought to the harness's JSON shape for the declared type (``to_shape``
for Python values, ``rust_shape`` for parsed harness output); ``same`` then compares:

- int, bool, str, bytes, None: exactly;
- float: ``math.isclose`` with the configured relative/absolute tolerance; NaN equals NaN,
  infinities equal only themselves;
- list, tuple[T, ...], tuple[A, B]: element by element;
- set: as sorted sequences (order never matters);
- dict: as *ordered* sequences of (key, value) pairs: insertion order must agree, because
  ``PyDict`` keeps it and Python code can observe it.

A Python value that the Rust type cannot represent (an int beyond i64, a str with lone
surrogates) raises ``DoesNotFit``; a value of the wrong type raises ``TypeError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.pytypes import I64_MAX, I64_MIN, DoesNotFit, PyType
from pipeline.verify import codec

SEQUENCES = ("list", "tuple...")


@dataclass(frozen=True)
class Tolerance:
    """Float comparison tolerance."""

    rel: float = 1e-9
    abs: float = 1e-12


def to_shape(t: PyType, value: object) -> object:
    """A Python value of type ``t`` in the harness's JSON shape."""
    name = t.name
    if name in _SCALAR_SHAPERS:
        return _SCALAR_SHAPERS[name](value)
    if name == "Optional":
        return None if value is None else to_shape(t.args[0], value)
    if name in SEQUENCES and isinstance(value, list | tuple):
        return [to_shape(t.args[0], v) for v in value]
    if name == "tuple" and isinstance(value, tuple | list) and len(value) == len(t.args):
        return [to_shape(a, v) for a, v in zip(t.args, value, strict=True)]
    if name == "set" and isinstance(value, set | frozenset):
        return sort_set([to_shape(t.args[0], v) for v in value])
    if name == "dict" and isinstance(value, dict):
        k, v = t.args
        return [[to_shape(k, a), to_shape(v, b)] for a, b in value.items()]
    raise TypeError(f"{value!r} is not a {t.render()}")


def _int(value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"{value!r} is not an int")
    if not I64_MIN <= value <= I64_MAX:
        raise DoesNotFit(f"{value} does not fit in i64")
    return int(value)


def _float(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"{value!r} is not a float")
    try:
        return float(value)
    except OverflowError as exc:
        raise DoesNotFit(f"{value} does not fit in f64") from exc


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a str")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DoesNotFit(f"{value!r} holds a lone surrogate (no Rust String can)") from exc
    return value


def _exact(kind: type | tuple[type, ...], name: str):  # noqa: ANN202 - tiny factory
    def shaper(value: object) -> object:
        if not isinstance(value, kind):
            raise TypeError(f"{value!r} is not a {name}")
        return list(value) if isinstance(value, bytes | bytearray) else value
    return shaper


_SCALAR_SHAPERS = {
    "int": _int, "float": _float, "str": _str, "bool": _exact(bool, "bool"),
    "bytes": _exact((bytes, bytearray), "bytes"), "None": _exact(type(None), "None"),
}


def sort_set(items: list[object]) -> list[object]:
    """Set members in a canonical order (by their JSON text)."""
    return sorted(items, key=codec.key)


def rust_shape(t: PyType, tree: object) -> object:
    """Harness output for type ``t`` with set members put in canonical order."""
    if t.name == "set" and isinstance(tree, list):
        return sort_set([rust_shape(t.args[0], v) for v in tree])
    if t.name == "Optional":
        return None if tree is None else rust_shape(t.args[0], tree)
    if not isinstance(tree, list):
        return tree
    if t.name in SEQUENCES:
        return [rust_shape(t.args[0], v) for v in tree]
    if t.name == "tuple" and len(tree) == len(t.args):
        return [rust_shape(a, v) for a, v in zip(t.args, tree, strict=True)]
    if t.name == "dict":
        k, v = t.args
        return [[rust_shape(k, p[0]), rust_shape(v, p[1])] if isinstance(p, list) and len(p) == 2
                else p for p in tree]
    return tree


def same(t: PyType, expected: object, actual: object, tol: Tolerance) -> bool:
    """Whether two shaped values of type ``t`` agree (see the module docstring)."""
    name = t.name
    if name == "float":
        return _same_float(expected, actual, tol)
    if name == "int":
        return type(expected) is int and type(actual) is int and expected == actual
    if name == "Optional":
        if expected is None or actual is None:
            return expected is None and actual is None
        return same(t.args[0], expected, actual, tol)
    if name in ("list", "tuple...", "set"):
        return _same_seq([t.args[0]] * _len(expected), expected, actual, tol)
    if name == "tuple":
        return _same_seq(list(t.args), expected, actual, tol)
    if name == "dict":
        pair = PyType("tuple", t.args)
        return _same_seq([pair] * _len(expected), expected, actual, tol)
    return type(expected) is type(actual) and expected == actual


def _len(value: object) -> int:
    return len(value) if isinstance(value, list) else 0


def _same_seq(types: list[PyType], expected: object, actual: object, tol: Tolerance) -> bool:
    if not (isinstance(expected, list) and isinstance(actual, list)):
        return False
    if not len(types) == len(expected) == len(actual):
        return False
    return all(same(t, e, a, tol) for t, e, a in zip(types, expected, actual, strict=True))


def _same_float(expected: object, actual: object, tol: Tolerance) -> bool:
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (expected, actual)):
        return False
    e, a = float(expected), float(actual)  # type: ignore[arg-type]
    if math.isnan(e) or math.isnan(a):
        return math.isnan(e) and math.isnan(a)
    if math.isinf(e) or math.isinf(a):
        return e == a
    return math.isclose(e, a, rel_tol=tol.rel, abs_tol=tol.abs)


def from_shape(t: PyType, tree: object) -> object:
    """The Python value a shaped tree stands for (tuples, sets, dicts rebuilt), for display."""
    if not isinstance(tree, list):
        return tree
    if t.name == "bytes":
        return bytes(x % 256 for x in tree if isinstance(x, int))
    if t.name == "Optional":
        return from_shape(t.args[0], tree)
    if t.name in SEQUENCES:
        items = [from_shape(t.args[0], v) for v in tree]
        return tuple(items) if t.name == "tuple..." else items
    if t.name == "tuple" and len(tree) == len(t.args):
        return tuple(from_shape(a, v) for a, v in zip(t.args, tree, strict=True))
    if t.name == "set":
        return _try(lambda: {from_shape(t.args[0], v) for v in tree}, tree)
    if t.name == "dict":
        return _try(lambda: {from_shape(t.args[0], p[0]): from_shape(t.args[1], p[1])
                             for p in tree}, tree)
    return tree


def _try(build, fallback: object) -> object:  # noqa: ANN001 - a thunk
    try:
        return build()
    except (TypeError, IndexError):
        return fallback
