"""Type-directed comparison of a Python result with the Rust harness's JSON.

Both sides are first brought to the harness's JSON shape for the declared type (``to_shape``
for Python values, ``rust_shape`` for parsed harness output); ``same`` then compares:

- int, bool, str, bytes, None: exactly;
- float: ``math.isclose`` with the configured relative/absolute tolerance; NaN equals NaN,
  infinities equal only themselves, a zero only a zero of the same sign (``-0.0`` prints,
  divides and ``copysign``s differently from ``0.0``: not a rounding matter); a Python int
  where float is declared compares by value when an f64 holds it exactly (else
  ``DoesNotFit``);
- list, tuple[T, ...], tuple[A, B]: element by element;
- set: as sorted sequences (order never matters);
- dict: as *ordered* sequences of (key, value) pairs: insertion order must agree, because
  ``PyDict`` keeps it and Python code can observe it; an ``OrderedDict`` likewise (and
  Python's value must be a real ``OrderedDict``, as its annotation says).

A Python value that the Rust type cannot represent (an int beyond i64, a str with lone
surrogates) raises ``DoesNotFit``; a value of the wrong type raises ``TypeError``.
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from dataclasses import dataclass

from pipeline import codec
from pipeline.pytypes import I64_MAX, I64_MIN, MAPPINGS, Classes, DoesNotFit, PyType, is_class

SEQUENCES = ("list", "tuple...")


@dataclass(frozen=True)
class Tolerance:
    """Float comparison tolerance."""

    rel: float = 1e-9
    abs: float = 1e-12


class TooDeep(ValueError):
    """Python's value was cut where the sandbox pipe stops (``codec.MAX_DEPTH``: a long
    linked list): it cannot be compared, which is no verdict on the translation."""


def to_shape(t: PyType, value: object, classes: Classes | None = None) -> object:
    """A Python value of type ``t`` in the harness's JSON shape (an object: the list of its
    field values, in the class's field order; a node met again in the same value:
    ``{"ref": k}``, its number in the order the walk first met the nodes)."""
    return _shape(t, value, classes, _Nodes(value))


class _Nodes:
    """The nodes of one value: its instances by the child's number (a node the child sent
    as a reference is read from its first occurrence) and the numbers the walk gave."""

    def __init__(self, value: object) -> None:
        self.root = value
        self.numbers: dict[int, int] = {}
        self._full: dict[int, codec.Opaque] | None = None

    def full(self) -> dict[int, codec.Opaque]:
        """Every instance sent whole, by number (walked once, when a node is first met)."""
        if self._full is None:
            self._full = {}
            todo = [self.root]
            while todo:
                v = todo.pop()
                if isinstance(v, codec.Opaque) and v.fields is not None:
                    if v.ident is not None:
                        self._full.setdefault(v.ident, v)
                    todo.extend(x for _, x in v.fields)
                elif isinstance(v, list | tuple | set | frozenset):
                    todo.extend(v)
                elif isinstance(v, dict):
                    todo.extend([*v.keys(), *v.values()])
        return self._full

    def node(self, t: PyType, value: object, classes: Classes) -> object:
        """``{"ref": k}`` for a node met before, else its fields (numbered now)."""
        if not isinstance(value, codec.Opaque) or value.ident is None:
            raise TypeError(f"{value!r} is not a {t.name} object")
        if value.ident in self.numbers:
            return {"ref": self.numbers[value.ident]}
        self.numbers[value.ident] = len(self.numbers)
        whole = self.full().get(value.ident, value)
        return [_shape(ft, v, classes, self) for ft, v in _object_fields(t, whole, classes)]


def _shape(t: PyType, value: object, classes: Classes | None, nodes: _Nodes) -> object:
    """``to_shape`` inside one value."""
    name = t.name
    if name in _SCALAR_SHAPERS:  # first: most of a value's nodes are scalars
        return _SCALAR_SHAPERS[name](value)
    if isinstance(value, codec.Opaque) and value.deep:
        raise TooDeep(f"Python's value is nested deeper than {codec.MAX_DEPTH} levels")
    if is_class(t) and classes and t.name in classes and classes[t.name].variants:
        kind = value.type_name if isinstance(value, codec.Opaque) else None
        if kind != t.name and kind not in classes[t.name].variants:
            raise TypeError(f"{value!r} is not a {t.name} object")
        return [kind, _shape(PyType(kind), value, classes, nodes) if kind != t.name else []]
    if is_class(t) and classes and t.name in classes and classes[t.name].handle:
        return nodes.node(t, value, classes)
    if is_class(t):
        return [_shape(ft, v, classes, nodes) for ft, v in _object_fields(t, value, classes)]
    if name == "Optional":
        return None if value is None else _shape(t.args[0], value, classes, nodes)
    if name in SEQUENCES and isinstance(value, list | tuple):
        shaper = _SCALAR_SHAPERS.get(t.args[0].name)  # a list of scalars: the usual case
        if shaper is not None:
            fast = _scalars_as_they_are(t.args[0].name, value)
            return fast if fast is not None else [shaper(v) for v in value]
        return [_shape(t.args[0], v, classes, nodes) for v in value]
    if name == "tuple" and isinstance(value, tuple | list) and len(value) == len(t.args):
        return [_shape(a, v, classes, nodes) for a, v in zip(t.args, value, strict=True)]
    if name == "deque" and isinstance(value, deque):
        return [_shape(t.args[0], v, classes, nodes) for v in value]
    if name == "set" and isinstance(value, set | frozenset):
        return sort_set([_shape(t.args[0], v, classes, nodes) for v in value])
    if (
        name in MAPPINGS
        and isinstance(value, dict)
        and (name == "dict" or isinstance(value, OrderedDict))
    ):
        k, v = t.args
        return [
            [_shape(k, a, classes, nodes), _shape(v, b, classes, nodes)] for a, b in value.items()
        ]
    raise TypeError(f"{value!r} is not a {t.render()}")


def _scalars_as_they_are(name: str, value: list | tuple) -> list | None:
    """``[shaper(v) for v in value]`` without a call per item where every item is already
    its own shape (exact ints within i64, exact strs without lone surrogates); None
    otherwise, and the items are shaped one by one (which raises at the first unfit one)."""
    if not value:
        return []
    kinds = set(map(type, value))
    if name == "int" and kinds == {int} and min(value) >= I64_MIN and max(value) <= I64_MAX:
        return list(value)
    if name == "str" and kinds == {str}:
        try:
            "".join(value).encode("utf-8")
        except UnicodeEncodeError:
            return None
        return list(value)
    return None


def _object_fields(
    t: PyType, value: object, classes: Classes | None
) -> list[tuple[PyType, object]]:
    """(type, value) of each declared field of an object the child sent back."""
    shape = classes.get(t.name) if classes else None
    if shape is None:
        raise TypeError(f"no fields known for class {t.name}")
    if not (
        isinstance(value, codec.Opaque) and value.type_name == t.name and value.fields is not None
    ):
        raise TypeError(f"{value!r} is not a {t.name} object")
    have = dict(value.fields)
    missing = [n for n, _ in shape.fields if n not in have]
    if missing:
        raise TypeError(f"{t.name} object without attribute {missing[0]}")
    return [(ft, have[n]) for n, ft in shape.fields]


def _int(value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"{value!r} is not an int")
    if not I64_MIN <= value <= I64_MAX:
        raise DoesNotFit(f"{value} does not fit in i64")
    return int(value)


def _bigint(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{value!r} is not an int")
    return int(value)


def _float(value: object) -> float:
    """A float, or an int where a float is declared (a float function's ``return 0``: Python
    returns the int, compared by value), which must be exactly an f64."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"{value!r} is not a float")
    try:
        out = float(value)
    except OverflowError as exc:
        raise DoesNotFit(f"{value} does not fit in f64") from exc
    if isinstance(value, int) and out != value:
        raise DoesNotFit(f"int {value} is not exactly an f64")
    return out


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a str")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DoesNotFit(f"{value!r} holds a lone surrogate (no Rust String can)") from exc
    return value


def _exact(kind: type | tuple[type, ...], name: str):  # tiny factory
    def shaper(value: object) -> object:
        if not isinstance(value, kind):
            raise TypeError(f"{value!r} is not a {name}")
        return list(value) if isinstance(value, bytes | bytearray) else value

    return shaper


_SCALAR_SHAPERS = {
    "int": _int,
    "bigint": _bigint,
    "float": _float,
    "str": _str,
    "bool": _exact(bool, "bool"),
    "bytes": _exact((bytes, bytearray), "bytes"),
    "None": _exact(type(None), "None"),
}


def sort_set(items: list[object]) -> list[object]:
    """Set members in a canonical order (by their JSON text)."""
    return sorted(items, key=codec.key)


def rust_shape(t: PyType, tree: object, classes: Classes | None = None) -> object:
    """Harness output for type ``t`` with set members put in canonical order."""
    if t.name in _SCALAR_SHAPERS or isinstance(tree, dict):  # a node met before: {"ref": k}
        return tree
    if (
        is_class(t)
        and classes
        and t.name in classes
        and isinstance(tree, list)
        and (classes[t.name].variants and len(tree) == 2 and tree[0] in classes[t.name].variants)
    ):
        return [tree[0], rust_shape(PyType(str(tree[0])), tree[1], classes)]
    if is_class(t) and classes and t.name in classes and classes[t.name].variants:
        return tree  # the base's own instance: ["Base", []]
    if is_class(t) and classes and t.name in classes and isinstance(tree, list):
        fields = classes[t.name].fields
        if len(tree) == len(fields):
            return [rust_shape(ft, v, classes) for (_, ft), v in zip(fields, tree, strict=True)]
    if t.name == "set" and isinstance(tree, list):
        return sort_set([rust_shape(t.args[0], v, classes) for v in tree])
    if t.name == "Optional":
        return None if tree is None else rust_shape(t.args[0], tree, classes)
    if not isinstance(tree, list):
        return tree
    if t.name in SEQUENCES:
        if t.args[0].name in _SCALAR_SHAPERS:
            return list(tree)
        return [rust_shape(t.args[0], v, classes) for v in tree]
    if t.name == "tuple" and len(tree) == len(t.args):
        return [rust_shape(a, v, classes) for a, v in zip(t.args, tree, strict=True)]
    if t.name in MAPPINGS:
        k, v = t.args
        return [
            [rust_shape(k, p[0], classes), rust_shape(v, p[1], classes)]
            if isinstance(p, list) and len(p) == 2
            else p
            for p in tree
        ]
    return tree


def same(
    t: PyType, expected: object, actual: object, tol: Tolerance, classes: Classes | None = None
) -> bool:
    """Whether two shaped values of type ``t`` agree (see the module docstring)."""
    name = t.name
    if name in _SCALAR_SHAPERS:
        return _same_scalar(name, expected, actual, tol)
    if is_class(t) and classes and name in classes and classes[name].variants:
        return _same_variant(t, expected, actual, tol, classes)
    if isinstance(expected, dict) or isinstance(actual, dict):  # nodes met before
        return expected == actual
    if is_class(t) and classes and name in classes:
        types = [ft for _, ft in classes[name].fields]
        return _same_seq(types, expected, actual, tol, classes)
    if name == "Optional":
        if expected is None or actual is None:
            return expected is None and actual is None
        return same(t.args[0], expected, actual, tol, classes)
    if name in ("list", "tuple...", "set"):
        item = t.args[0].name
        if item in _SCALAR_SHAPERS:
            return _same_scalars(item, expected, actual, tol)
        return _same_seq([t.args[0]] * _len(expected), expected, actual, tol, classes)
    if name == "tuple":
        return _same_seq(list(t.args), expected, actual, tol, classes)
    if name in MAPPINGS:
        pair = PyType("tuple", t.args)
        return _same_seq([pair] * _len(expected), expected, actual, tol, classes)
    return type(expected) is type(actual) and expected == actual


def _same_scalars(name: str, expected: object, actual: object, tol: Tolerance) -> bool:
    """``_same_seq`` of two sequences of the scalar type ``name``."""
    if not (isinstance(expected, list) and isinstance(actual, list)):
        return False
    if len(expected) != len(actual):
        return False
    kind = EXACT_ITEMS.get(name)  # every item of that exact type on both sides: == is the test
    if kind is not None and {kind} == set(map(type, expected)) == set(map(type, actual)):
        return expected == actual
    return all(_same_scalar(name, e, a, tol) for e, a in zip(expected, actual, strict=True))


EXACT_ITEMS = {"int": int, "bigint": int, "str": str, "bool": bool}  # == as _same_scalar's


def _same_scalar(name: str, expected: object, actual: object, tol: Tolerance) -> bool:
    if name == "float":
        return _same_float(expected, actual, tol)
    if name in ("int", "bigint"):
        return type(expected) is int and type(actual) is int and expected == actual
    return type(expected) is type(actual) and expected == actual


def _same_variant(
    t: PyType, expected: object, actual: object, tol: Tolerance, classes: Classes
) -> bool:
    """Two ``[class name, fields]`` values of a base class: same class, same fields."""
    if not (
        isinstance(expected, list)
        and isinstance(actual, list)
        and len(expected) == len(actual) == 2
        and expected[0] == actual[0]
    ):
        return False
    kind = expected[0]
    if kind == t.name:
        return expected[1] == actual[1] == []
    return kind in classes[t.name].variants and same(
        PyType(kind), expected[1], actual[1], tol, classes
    )


def _len(value: object) -> int:
    return len(value) if isinstance(value, list) else 0


def _same_seq(
    types: list[PyType],
    expected: object,
    actual: object,
    tol: Tolerance,
    classes: Classes | None = None,
) -> bool:
    if not (isinstance(expected, list) and isinstance(actual, list)):
        return False
    if not len(types) == len(expected) == len(actual):
        return False
    return all(same(t, e, a, tol, classes) for t, e, a in zip(types, expected, actual, strict=True))


def _same_float(expected: object, actual: object, tol: Tolerance) -> bool:
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (expected, actual)):
        return False
    e, a = float(expected), float(actual)  # type: ignore[arg-type]
    if math.isnan(e) or math.isnan(a):
        return math.isnan(e) and math.isnan(a)
    if math.isinf(e) or math.isinf(a):
        return e == a
    if e == 0.0 and a == 0.0:
        return math.copysign(1.0, e) == math.copysign(1.0, a)
    return math.isclose(e, a, rel_tol=tol.rel, abs_tol=tol.abs)


def from_shape(t: PyType, tree: object, classes: Classes | None = None) -> object:
    """The Python value a shaped tree stands for (tuples, sets, dicts rebuilt), for display
    (an object as ``Cls(field=value, ...)``)."""
    if isinstance(tree, dict) and "ref" in tree:  # a node met before in the same value
        return codec.Opaque(t.name, f"<{t.name} #{tree['ref']}, met before>", ())
    if not isinstance(tree, list):
        return tree
    if (
        is_class(t)
        and classes
        and t.name in classes
        and classes[t.name].variants
        and len(tree) == 2
        and isinstance(tree[0], str)
    ):
        if tree[0] == t.name:
            return codec.Opaque(t.name, f"{t.name}()", ())
        return from_shape(PyType(tree[0]), tree[1], classes)
    if is_class(t) and classes and t.name in classes and len(tree) == len(classes[t.name].fields):
        fields = classes[t.name].fields
        text = ", ".join(
            f"{n}={from_shape(ft, v, classes)!r}" for (n, ft), v in zip(fields, tree, strict=True)
        )
        return codec.Opaque(t.name, f"{t.name}({text})", ())
    if t.name == "bytes":
        return bytes(x % 256 for x in tree if isinstance(x, int))
    if t.name == "Optional":
        return from_shape(t.args[0], tree, classes)
    if t.name in SEQUENCES:
        scalars = t.args[0].name in _SCALAR_SHAPERS and t.args[0].name != "bytes"
        items = list(tree) if scalars else [from_shape(t.args[0], v, classes) for v in tree]
        return tuple(items) if t.name == "tuple..." else items
    if t.name == "tuple" and len(tree) == len(t.args):
        return tuple(from_shape(a, v, classes) for a, v in zip(t.args, tree, strict=True))
    if t.name == "set":
        return _try(lambda: {from_shape(t.args[0], v, classes) for v in tree}, tree)
    if t.name == "deque":
        return _try(lambda: deque(from_shape(t.args[0], v, classes) for v in tree), tree)
    if t.name in MAPPINGS:
        k, v = t.args
        mapping: type = OrderedDict if t.name == "OrderedDict" else dict
        return _try(
            lambda: mapping(
                (from_shape(k, p[0], classes), from_shape(v, p[1], classes)) for p in tree
            ),
            tree,
        )
    return tree


def _try(build, fallback: object) -> object:  # a thunk
    try:
        return build()
    except (TypeError, IndexError):
        return fallback
