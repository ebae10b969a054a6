"""Functions generic over a module ``TypeVar``: which uses are exact, and the Rust bounds.

A type variable ``T`` becomes a Rust type parameter ``T``. That is exact only where the body
does nothing whose Python meaning depends on what ``T`` is at run time: it may move ``T``
values, store them in lists, tuples and dict values, index and slice lists of them, clear,
copy and view a dict whose keys are not ``T``, compare them with ``==`` / ``!=`` / ``in``
(bound ``PartialEq``) and order them with ``<`` / ``<=`` / ``>`` / ``>=`` (bounds ``PartialOrd``
and ``pyrt::PyOrd``, see ``ORDERED``). Arithmetic, truthiness, hashing (set members, dict keys),
printing and formatting, attributes, builtins other than the structural ones, calls of other
generic functions with ``T`` values, nested functions and lambdas are refused: a bound could
make them compile, but e.g. ``x + x`` (sum or concatenation) or ``str(x)`` means different things
for different ``T``. ``Clone`` is always a bound: the engine copies values that Python shares.

Verification instantiates every type variable with ``int``, then with ``str`` (one entry point
each, ``take[int]`` / ``take[str]``; see docs/verification.md "Generic functions"). Other
functions call it with fresh unknowns for its type variables (``Infer.instantiate``); Rust then
infers ``T`` from the arguments, so a type variable must occur in a parameter, and builtin
types (which meet ``Clone``/``PartialEq``) instantiate it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import fields

from pipeline.pytypes import PyType, is_typevar, substitute, typevar, typevars_in
from pipeline.records import FnSig, Param
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.facts import SigLookup, Signature, Typed
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import stmt_roots, walk_stmts

# what each type variable is instantiated with for verification (Python type, Rust type)
INSTANCES = (("int", "i64"), ("str", "String"))
STRUCTURAL_CALLS = frozenset({"len", "enumerate", "list", "reversed", "zip", "range", "tuple"})
LIST_METHODS = frozenset({"append", "extend", "insert", "pop", "copy", "clear", "reverse"})
EQ_METHODS = frozenset({"index", "count", "remove"})
DICT_METHODS = frozenset({"clear", "copy", "keys", "values", "items"})  # keys not generic
EQ_OPS = frozenset({"==", "!=", "in", "not in"})
ORDER_OPS = frozenset({"<", "<=", ">", ">="})
# Rust's ``<`` on a ``T`` is Python's only for the types whose Python order the runtime's
# ``PyOrd`` states (ints, floats, bools, strs, and lists and tuples of them): the bound keeps
# every other type (an ``Option``, whose ``None < 1`` Python refuses) from instantiating it
ORDERED = "crate::pyrt::PyOrd"
# ``isinstance(x, str)`` / ``type(x) is int`` / ``type(x).__name__`` of a ``T`` ask the value's
# Python class at run time; ``PyClass`` is implemented only by Rust types holding values of
# one Python class each (i64 int, bool, f64 float, String str, Vec of those list, tuples), so the
# answer is exact for every type that can instantiate ``T``
CLASSED = "crate::pyrt::PyClass"
CLASS_QUERIES = frozenset({"isinstance", "type.is", "type.name", "type.str"})
ORDERING_CALLS = frozenset({"sorted", "min", "max"})
BOUNDS = ("Clone", "PartialEq", "PartialOrd", ORDERED, CLASSED)
# the runtime helper each bound needs
BOUND_HELPERS = {ORDERED: "py_cmp", CLASSED: "py_class"}


def module_typevars(constants: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Names bound at module level by a plain ``T = TypeVar("T")`` (no bound, no constraints:
    those would let the body rely on more than the bounds this module derives)."""
    out = set()
    for name, src in constants:
        try:
            node = ast.parse(src).body[0]
        except (SyntaxError, IndexError):
            continue
        value = getattr(node, "value", None)
        if (
            isinstance(value, ast.Call)
            and _callee(value.func) == "TypeVar"
            and not value.keywords
            and len(value.args) == 1
            and isinstance(value.args[0], ast.Constant)
            and value.args[0].value == name
        ):
            out.add(name)
    return frozenset(out)


def _callee(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def signature_typevars(sig: Signature) -> list[str]:
    """The type variables of a signature (parameters, then return), in order."""
    out: list[str] = []
    for t in [t for _, t, _ in sig.params] + [sig.returns]:
        out += [n for n in typevars_in(t) if n not in out]
    return out


def _generic(t: PyType | None) -> bool:
    return t is not None and bool(typevars_in(t))


def bounds(typed: Typed, sibling: SigLookup) -> list[str]:
    """The Rust bounds the body needs on its type variables; Refusal for a use whose Python
    meaning depends on the type (see the module docstring)."""
    fn = typed.fn
    if fn.decorators:
        raise Refusal(Code.ANNOTATION, "a generic function cannot be memoised", fn.line)
    for name, t in [*typed.params.items(), *typed.locals.items(), ("the result", typed.returns)]:
        if _hashed_typevar(t):
            raise Refusal(
                Code.ANNOTATION,
                f"{name} is a {t.render().replace('~', '')}: a type "
                "variable as a set member or dict key needs hashing, whose Python "
                "meaning depends on the type",
                fn.line,
            )
    need = {"Clone"}
    for st in walk_stmts(fn.body):
        _check_stmt(st)
        for e in stmt_roots(st):
            for sub in _walk(e):
                need |= _check_expr(sub, sibling, st.line, fn.name)
    return sorted(need, key=BOUNDS.index)


def _check_stmt(st: ir.Stmt) -> None:
    if isinstance(st, ir.LocalDef):
        raise Refusal(Code.ANNOTATION, "nested def inside a generic function", st.line)
    test = getattr(st, "test", None)
    if isinstance(test, ir.Expr) and _truthiness_depends(test.ty):
        raise Refusal(
            Code.ANNOTATION,
            f"truth value of a {test.ty} depends on the type it is instantiated with",
            st.line,
        )
    if (
        isinstance(st, ir.AugAssign)
        and _generic(st.target.ty)
        and not (st.target.ty is not None and st.target.ty.name == "list" and st.op == "+")
    ):
        raise Refusal(
            Code.ANNOTATION,
            f"`{st.op}=` on a {st.target.ty} depends on the type it is instantiated with",
            st.line,
        )


def _hashed_typevar(t: PyType) -> bool:
    hashed = t.args[:1] if t.name in ("set", "dict", "OrderedDict") else ()
    return any(_generic(h) for h in hashed) or any(_hashed_typevar(a) for a in t.args)


def _truthiness_depends(t: PyType | None) -> bool:
    return t is not None and (is_typevar(t) or (t.name == "Optional" and _generic(t)))


def _children(e: ir.Node) -> list[ir.Expr]:
    """Direct sub-expressions (through comprehension clauses and f-string fields)."""
    out: list[ir.Expr] = []
    for f in fields(e):
        value = getattr(e, f.name)
        if f.name == "ty" or value is None or isinstance(value, str | int | float | bool):
            continue
        items = (
            list(value.values())
            if isinstance(value, dict)
            else (value if isinstance(value, list) else [value])
        )
        for item in items:
            if isinstance(item, ir.Expr):
                out.append(item)
            elif isinstance(item, ir.CompFor | ir.FmtField):
                out += _children(item)
    return out


def _walk(e: ir.Expr) -> Iterator[ir.Expr]:
    yield e
    for c in _children(e):
        yield from _walk(c)


def _check_expr(e: ir.Expr, sibling: SigLookup, line: int | None, itself: str) -> set[str]:
    """Bounds ``e`` needs (none when no type variable is involved); Refusal if inexact. A
    call of the function ``itself`` is exact: it means what the body means, under the same
    bounds (inference has checked its arguments against the function's own parameters)."""
    kids = _children(e)
    if not _generic(e.ty) and not any(_generic(c.ty) for c in kids):
        return set()
    where = e.line or line
    if isinstance(e, ir.Name | ir.Slice | ir.StarUnpack):
        return set()
    if isinstance(e, ir.Seq) and e.kind in ("list", "tuple"):
        return set()
    if isinstance(e, ir.Comp) and e.kind in ("list", "gen"):
        return _comp_conditions(e, where)
    if isinstance(e, ir.Index) and not _generic(e.index.ty):
        return set()
    if isinstance(e, ir.IfExp) and not _truthiness_depends(e.test.ty):
        return set()
    if isinstance(e, ir.Unary) and e.op == "not" and not _truthiness_depends(e.operand.ty):
        return set()  # ``not items`` on a list: its length, whatever the elements
    if isinstance(e, ir.BoolOp) and not any(_truthiness_depends(v.ty) for v in e.values):
        return set()
    if isinstance(e, ir.DictLit) and not any(_generic(k.ty) for k in e.keys):
        return set()
    if isinstance(e, ir.Compare) and set(e.ops) <= EQ_OPS:
        return {"PartialEq"}
    if isinstance(e, ir.Compare) and set(e.ops) <= EQ_OPS | ORDER_OPS:
        return {"PartialEq", "PartialOrd", ORDERED}
    if isinstance(e, ir.Compare) and _none_test(e):
        return set()  # ``x is None`` on an Optional[T]: whether it holds a value
    if (
        isinstance(e, ir.BinOp)
        and e.ty is not None
        and e.ty.name == "list"
        and (e.op in ("+", "*"))
    ):
        return set()
    if isinstance(e, ir.Call) and (e.func in STRUCTURAL_CALLS or e.func == itself):
        return set()
    if isinstance(e, ir.Call) and e.func in ORDERING_CALLS and "key" not in e.kwargs:
        return {ORDERED}  # the runtime's ``*_by`` helpers order by ``PyOrd``
    if (
        isinstance(e, ir.Method)
        and e.name == "sort"
        and "key" not in e.kwargs
        and e.obj.ty is not None
        and e.obj.ty.name == "list"
    ):
        return {ORDERED}
    if (
        isinstance(e, ir.Call)
        and e.func in CLASS_QUERIES
        and e.args[0].ty is not None
        and is_typevar(e.args[0].ty)
    ):
        return {CLASSED}  # answered at run time (``Infer.class_query``)
    callee = sibling(e.func) if isinstance(e, ir.Call) else None
    if isinstance(e, ir.Call) and callee is not None and signature_typevars(callee):
        raise Refusal(
            Code.ANNOTATION,
            f"call of the generic function {e.func} with values of a type "
            "variable (its Rust bounds are not carried over)",
            where,
        )
    if callee is not None:
        return set()
    if isinstance(e, ir.Method) and e.obj.ty is not None and e.obj.ty.name == "list":
        if e.name in LIST_METHODS:
            return set()
        if e.name in EQ_METHODS:
            return {"PartialEq"}
    if (
        isinstance(e, ir.Method)
        and e.obj.ty is not None
        and e.obj.ty.name == "dict"
        and e.name in DICT_METHODS
        and not _generic(e.obj.ty.args[0])
    ):
        return set()
    raise Refusal(
        Code.ANNOTATION,
        f"{_describe(e)} on a value of a type variable: its Python meaning "
        "depends on the type the function is called with",
        where,
    )


def _none_test(e: ir.Compare) -> bool:
    sides = [e.left, *e.rights]
    return (
        len(sides) == 2
        and set(e.ops) <= {"is", "is not"}
        and any(isinstance(s, ir.Const) and s.value is None for s in sides)
    )


def _comp_conditions(e: ir.Comp, where: int | None) -> set[str]:
    for gen in e.gens:
        for cond in gen.conds:
            if _truthiness_depends(cond.ty):
                raise Refusal(
                    Code.ANNOTATION,
                    f"truth value of a {cond.ty} depends on the type it is instantiated with",
                    where,
                )
    return set()


def _describe(e: ir.Expr) -> str:
    if isinstance(e, ir.Call):
        return f"{e.func}()"
    if isinstance(e, ir.Method):
        return f"method .{e.name}()"
    if isinstance(e, ir.BinOp | ir.Compare):
        ops = [e.op] if isinstance(e, ir.BinOp) else e.ops
        return f"operator {' '.join(ops)}"
    return {
        "FStr": "string formatting",
        "Attr": "attribute access",
        "Unary": "unary operator",
        "BoolOp": "and/or",
        "Lambda": "lambda",
        "Seq": "set display",
        "Comp": "set/dict comprehension",
        "DictLit": "dict key",
    }.get(type(e).__name__, type(e).__name__)


def bound_helpers(need: list[str]) -> tuple[str, ...]:
    """The runtime helpers the bounds ``need`` name."""
    return tuple(BOUND_HELPERS[b] for b in need if b in BOUND_HELPERS)


def generic_params(names: list[str], need: list[str]) -> str:
    """``<T: Clone + PartialEq, U: Clone + PartialEq>`` for the Rust ``fn`` header."""
    return "<" + ", ".join(f"{n}: {' + '.join(need)}" for n in names) + ">"


def instances(sig: Signature, names: list[str]) -> tuple[FnSig, ...]:
    """The entry points verification tests: every type variable ``int``, then ``str``
    (``take[int]`` calls Rust ``take::<i64>``)."""
    out = []
    for py, rust in INSTANCES:
        mapping = {typevar(n).name: PyType(py) for n in names}
        params = tuple(
            Param(sig.record_name(n), as_list(substitute(t, mapping)).render(), mode)
            for n, t, mode in sig.params
        )
        turbofish = ", ".join(rust for _ in names)
        out.append(
            FnSig(
                f"{sig.name}[{py}]",
                f"{ident(sig.name)}::<{turbofish}>",
                params,
                substitute(sig.returns, mapping).render(),
            )
        )
    return tuple(out)


def as_list(t: PyType) -> PyType:
    """How verification sees a parameter: an iterator parameter (``Iterable[T]`` consumed
    once, Rust ``impl IntoIterator``) is given a ``list[T]``, passed by value."""
    return PyType("list", t.args) if t.name == "Iterator" else t
