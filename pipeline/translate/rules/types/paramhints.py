"""Types for parameters without annotations, from the literal calls seen in their module.

The sharder hands each unit the calls with literal arguments of its function and of the
siblings it calls (``Unit.call_examples``: doctest examples and calls in the module's code).
A parameter with neither annotation nor a typed default takes the type those calls agree on
(``f(3)`` and ``f(-1)``: ``int``; ``f([1, 2])`` and ``f([])``: ``list[int]``; ``None`` and
``"a"``: ``Optional[str]``). Calls that disagree (``f(1)`` and ``f(2.5)``: Python keeps each
value's own type) refuse the parameter with both types named; no call leaves it untyped (the
later ``untyped parameter`` refusal). A parameter the body compares with None and never
rebinds takes None too (``Optional`` of the calls' type), as one whose default is None does.
The Rust function then takes that type, and the verifier draws its inputs from it: the
translation is claimed for the types the code uses.

Annotations do not bind callers (Python ignores them): an ``int`` parameter that some call
passes a float is met by floats. ``widen`` types it ``float`` when every call passes a number
(recorded as ``x: float (calls widen int)``) and refuses naming both types otherwise, so the
unit is never verified as ``i64`` where its own callers pass floats.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence

from pipeline.pytypes import PyType, typevar
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names, stmt_exprs, walk_stmts

INT = PyType("int")
FLOAT = PyType("float")
NUMBERS = ("int", "float", "bool")
UNKNOWN = PyType("_unknown")  # an empty container's item type: any later call may decide it
NONE = PyType("None")
NONE_TESTS = ("is", "is not", "==", "!=")
GENERIC_NAMES = ("T", "U", "V", "W")  # type variables the engine names (never the module's)
GENERIC_LEAVES = frozenset({"int", "str"})  # what verification instantiates them with


class Disagree(Exception):
    """Two calls pass values of different types."""


def calls_of(name: str, examples: Iterable[tuple[str, str]]) -> list[str]:
    """The call sources recorded for function ``name``."""
    return [call for fn, call in examples if fn == name]


def apply(fn: ir.Function, calls: Sequence[str], taken: Iterable[str] = ()) -> None:
    """Annotate ``fn``'s untyped parameters (no default, or ``None``) from ``calls``
    (``taken``: the module's own type variable names)."""
    untyped = [p for p in fn.params if p.ann is None and _takes_hint(p)]
    if not untyped or not calls:
        return
    seen: dict[str, list[PyType]] = {p.name: [] for p in untyped}
    for call in calls:
        for name, t in arg_types(call, [p.star + p.name for p in fn.params]).items():
            name = name.lstrip("*")
            if name in seen:
                seen[name].append(t)
    generic = _Generic(taken)
    tested = none_tested(fn)
    for p in untyped:
        agreed = _agreed(p, seen[p.name], generic)
        if (
            agreed is not None
            and agreed.name != "Optional"
            and (p.default is not None or p.name in tested)
        ):
            # ``x=None``, or a body that tests ``x is None``: None or the calls' type
            agreed = PyType("Optional", (agreed,))
        p.ann = agreed


def none_tested(fn: ir.Function) -> set[str]:
    """The parameters the body compares with None (``x is None``, ``x != None``) and never
    rebinds: the function takes None there, whatever type its calls pass otherwise."""
    out: set[str] = set()
    for s in walk_stmts(fn.body):
        for e in stmt_exprs(s):
            if isinstance(e, ir.Compare) and len(e.ops) == 1 and e.ops[0] in NONE_TESTS:
                pair = [e.left, e.rights[0]]
                if any(isinstance(x, ir.Const) and x.value is None for x in pair):
                    out.update(x.id for x in pair if isinstance(x, ir.Name))
    return out - assigned_names(fn.body)


def widen(fn: ir.Function, calls: Sequence[str]) -> list[str]:
    """Retype ``int`` parameters that some call passes a float (see the module docstring);
    returns the names widened to ``float``."""
    names = []
    for p in fn.params:  # calls bind by position only up to a star parameter
        if p.star:
            break
        names.append(p.name)
    annotated = {p.name: p for p in fn.params if p.ann == INT and p.name in names}
    if not annotated or not calls:
        return []
    seen: dict[str, list[PyType]] = {name: [] for name in annotated}
    for call in calls:
        for name, t in arg_types(call, names).items():
            if name in seen:
                seen[name].append(t)
    out = []
    for name, types in seen.items():
        if FLOAT not in types:
            continue
        other = next((t for t in types if t.name not in NUMBERS), None)
        if other is not None:
            raise Refusal(
                Code.UNTYPED_PARAMETER,
                f"parameter {name}: int, but its calls pass float and {_show(other)}",
                annotated[name].line,
            )
        annotated[name].ann = FLOAT
        out.append(name)
    return out


def _takes_hint(p: ir.Param) -> bool:
    return p.default is None or (isinstance(p.default, ir.Const) and p.default.value is None)


def _agreed(p: ir.Param, types: list[PyType], generic: _Generic) -> PyType | None:
    """The one type ``types`` agree on (None when they say nothing definite), or their
    generic form (see ``_Generic``)."""
    out = UNKNOWN
    for t in types:
        try:
            out = merge(out, t)
        except Disagree:
            shape = generic.of(types)
            if shape is not None and complete(shape):
                return shape
            raise Refusal(
                Code.UNTYPED_PARAMETER,
                f"untyped parameter {p.name}: its calls pass "
                f"{_show(out)} and {_show(t)} (Python keeps each value's type)",
                p.line,
            ) from None
    if not complete(out) or out == NONE:
        return None
    return out


class _Generic:
    """Calls that pass values of one shape whose scalars are ints in some calls and strs in
    others (``sort([3, 1])``, ``sort(["b", "a"])``): the parameter is generic, ``list[T]``,
    one type variable ``T`` for every such place of the function (``search(xs, x)`` with
    ``([1], 1)`` and ``(["a"], "a")``: ``list[T]`` and ``T``). Verification instantiates
    ``T`` with exactly those two types (``analysis/generics.py`` INSTANCES), and the body is
    translated only where it means the same for both (its bounds)."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.name = next((n for n in GENERIC_NAMES if n not in set(taken)), None)

    def of(self, types: Sequence[PyType]) -> PyType | None:
        known = [t for t in types if t != UNKNOWN]
        if NONE in known:
            inner = self.of([_strip(t) for t in known if t != NONE])
            return None if inner is None else PyType("Optional", (inner,))
        names = {t.name for t in known}
        if len(names) > 1 and names <= GENERIC_LEAVES and self.name is not None:
            return typevar(self.name)
        if len(names) != 1 or len({len(t.args) for t in known}) != 1:
            return None
        args = []
        for column in zip(*(t.args for t in known), strict=True):
            arg: PyType | None
            try:
                arg = _items_of(column)
            except Disagree:
                arg = self.of(column)
            if arg is None:
                return None
            args.append(arg)
        return PyType(known[0].name, tuple(args))


def _items_of(types: Iterable[PyType]) -> PyType:
    out = UNKNOWN
    for t in types:
        out = merge(out, t)
    return out


def arg_types(call: str, names: list[str]) -> dict[str, PyType]:
    """Parameter name -> type of the literal passed, for one call's source, bound as Python
    binds it: a ``*args`` parameter (spelled ``*args`` in ``names``) takes the extra positional
    arguments (``tuple[T, ...]``), a ``**kwargs`` one the extra keywords (``dict[str, V]``)."""
    try:
        node = ast.parse(call, mode="eval").body
    except SyntaxError:
        return {}
    varargs = next((n for n in names if n.startswith("*") and not n.startswith("**")), None)
    varkw = next((n for n in names if n.startswith("**")), None)
    n_pos = names.index(varargs) if varargs else len(names) - (varkw is not None)
    names = [n for n in names if not n.startswith("*")]
    if not isinstance(node, ast.Call) or (len(node.args) > n_pos and varargs is None):
        return {}
    bound: dict[str, ast.expr] = dict(zip(names, node.args[:n_pos], strict=False))
    extra: dict[str, ast.expr] = {}
    for k in node.keywords:
        if k.arg in names and k.arg not in bound:
            bound[k.arg] = k.value
        elif varkw is not None and k.arg is not None and k.arg not in names:
            extra[k.arg] = k.value
        else:
            return {}
    out: dict[str, PyType] = {}
    for name, arg in bound.items():
        try:
            out[name] = type_of(ast.literal_eval(arg))
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError, Disagree):
            continue
    for star, items, wrap in (
        (varargs, node.args[n_pos:], lambda t: PyType("tuple...", (t,))),
        (varkw, list(extra.values()), lambda t: PyType("dict", (PyType("str"), t))),
    ):
        if star is not None:
            try:
                out[star] = wrap(_items(ast.literal_eval(a) for a in items))
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError, Disagree):
                continue
    return out


def type_of(value: object) -> PyType:
    """The type-language type of a literal value (``UNKNOWN`` items for empty containers)."""
    if value is None:
        return NONE
    for py, name in (
        (bool, "bool"),
        (int, "int"),
        (float, "float"),
        (str, "str"),
        (bytes, "bytes"),
    ):
        if isinstance(value, py):
            return PyType(name)
    if isinstance(value, tuple):
        return PyType("tuple", tuple(type_of(v) for v in value))
    if isinstance(value, list | set | frozenset):
        return PyType("list" if isinstance(value, list) else "set", (_items(value),))
    if isinstance(value, dict):
        return PyType("dict", (_items(value.keys()), _items(value.values())))
    raise Disagree(f"no type for {type(value).__name__}")


def _items(values: Iterable[object]) -> PyType:
    out = UNKNOWN
    for v in values:
        out = merge(out, type_of(v))
    return out


def merge(a: PyType, b: PyType) -> PyType:
    """The type of values seen as ``a`` and as ``b`` (``None`` and ``T``: ``Optional[T]``)."""
    if a == UNKNOWN:
        return b
    if b == UNKNOWN:
        return a
    if NONE in (a, b):
        other = b if a == NONE else a
        return other if other.name in ("None", "Optional") else PyType("Optional", (other,))
    if a.name == "Optional" or b.name == "Optional":
        inner = merge(_strip(a), _strip(b))
        return PyType("Optional", (inner,))
    if a.name != b.name or len(a.args) != len(b.args):
        raise Disagree(f"{_show(a)} and {_show(b)}")
    return PyType(a.name, tuple(merge(x, y) for x, y in zip(a.args, b.args, strict=True)))


def complete(t: PyType) -> bool:
    """Whether ``t`` has no unknown part left."""
    return t != UNKNOWN and all(complete(a) for a in t.args)


def _strip(t: PyType) -> PyType:
    return t.args[0] if t.name == "Optional" else t


def _show(t: PyType) -> str:
    return t.render().replace("_unknown", "?")
