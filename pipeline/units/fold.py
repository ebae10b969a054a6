"""Exact values of module state that a few top-level statements build (constant folding).

``WSP = set(' \\t')`` then ``WSP.add('\\n')``; ``_DAYS_BEFORE_MONTH = [-1]`` then a top-level
``for`` loop appending to it; ``_MAP = {}`` then ``for c in range(256): _MAP[c] = chr(c)``.
A call of a function reading such a name sees the value the whole top level leaves, not its
first assignment's. This module computes that final value *by folding*, as a compiler folds
constants: its own small evaluator over the syntax tree, on builtin values only (None, bool,
int, float, str, bytes, tuple, list, dict, set, frozenset, range), with a fixed set of builtin
functions and methods that neither call back into user code nor depend on the process. Nothing
of the module is imported or executed (``--no-exec`` holds).

A statement the evaluator cannot fold exactly (a call of anything else, ``while``, ``try``,
an import, a def...) does not stop it: every name that statement mentions, and every name whose
value shares a mutable object with one of those, becomes unknown from there on. A name some
def (or lambda) changes in place is never folded. The result is the rendered literal
(``NAME = [...]``) of every asked-for name whose final value is known; any other name keeps the
sharder's precise refusal (PT902).
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterable, Iterator

from pipeline.units import modstate
from pipeline.units.astnodes import nodes
from pipeline.units.fold_tables import (
    _SET_READS,
    _STR,
    BINOPS,
    BUILTINS,
    CLASS_METHODS,
    COMPARE,
    INPLACE,
    MAX_LEN,
    METHODS,
    SCALARS,
    UNARY,
    VIEWS,
    Unfoldable,
    ordered,
    sized,
)

STEP_BUDGET = 200_000  # expression and statement evaluations per module
MAX_INT_BITS = 4_096
MAX_LITERAL = 200_000  # characters of one rendered literal

NAMESPACES = frozenset({"globals", "vars", "locals"})
IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
NAMESPACE_READS = frozenset({"get", "items", "keys", "values", "copy"})
TEXT_BUILTINS = frozenset({"str", "repr", "format"})
# a method that iterates its argument in order (set arguments would make the result depend
# on the process's string hashing)
ORDERED_ARGS = frozenset({"join", "extend", "update", "insert"})
_DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
DefStmt = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
# calls that only read a name passed to them, inside a def (anything else may change it)
READERS = frozenset(BUILTINS) | {"print", "isinstance", "iter", "id", "hash", "type"}
# read-only builtins whose result holds their argument's items (a shallow copy, an element)
SHARING = frozenset(
    {"sorted", "list", "tuple", "dict", "enumerate", "zip", "iter", "reversed", "min", "max", "sum"}
)
_WIDE = re.compile(r"\d{6,}")  # a width or precision that would build a huge string


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


_UNKNOWN = object()


def fold_module(tree: ast.Module, wanted: Iterable[str]) -> dict[str, str]:
    """``name -> "name = <literal>"`` for each name of ``wanted`` whose value after the whole
    top level is exactly known and renders as a Python literal."""
    changed, shared = changed_in_defs(tree)
    wanted = set(wanted) - changed
    if not wanted or _dynamic_namespace(tree):
        return {}
    folder = _Folder(_module_bindings(tree), _readers(tree))
    for stmt in tree.body:
        folder.top(stmt)
    out = {}
    for name in sorted(wanted):
        value = folder.env.get(name, _UNKNOWN)
        if name in shared and _nested_mutable(value):
            continue  # a def copies it with its mutable items, which it may change
        text = None if value is _UNKNOWN else render(value)
        if text is not None and len(text) <= MAX_LITERAL:
            out[name] = f"{name} = {text}"
    return out


def _dynamic_namespace(tree: ast.Module) -> bool:
    """Whether the module may write its names other than by statements: ``globals()`` or
    ``vars()`` anywhere other than read, ``exec``/``eval`` in its own namespace, ``setattr``
    at the top level."""
    reads: set[int] = set()  # globals() only read: ``k in globals()``, ``globals().get(k)``
    for node in nodes(tree):
        if isinstance(node, ast.Compare):
            reads.update(id(c) for c in node.comparators)
        elif isinstance(node, ast.Attribute) and node.attr in NAMESPACE_READS:
            reads.add(id(node.value))
    for node in nodes(tree):
        name = _called(node)
        if name in NAMESPACES and id(node) not in reads:
            return True
        if name in ("exec", "eval") and len(node.args) < 2:  # type: ignore[attr-defined]
            return True  # the module's own namespace
    top = (_called(n) == "setattr" for stmt in tree.body for n in _outside_defs(stmt))
    return any(top)


def _called(node: ast.AST) -> str | None:
    """The plain name a call node calls (``f(...)`` -> ``f``)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id
    return None


def changed_in_defs(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names some def or lambda (anywhere) changes in place through an item or attribute
    store or delete, or a mutating method call, rooted at the name, or passes to a call that
    may change it: its value at call time depends on what ran before. Second, the names a
    def passes to a read-only builtin whose result holds their items (``sorted(X)``)."""
    out: set[str] = set()
    shared: set[str] = set()
    for fn in nodes(tree):
        if not isinstance(fn, _DefNode):
            continue
        for node in nodes(fn):
            root = None
            if isinstance(node, ast.Subscript | ast.Attribute) and not isinstance(
                node.ctx, ast.Load
            ):
                root = _root(node.value)
            elif isinstance(node, ast.Call):
                out.update(_passed(node))
                if isinstance(node.func, ast.Name) and node.func.id in SHARING:
                    shared.update(a.id for a in node.args if isinstance(a, ast.Name))
                if isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
                    root = _root(node.func.value)
            if root is not None:
                out.add(root)
    return out, shared


def _nested_mutable(value: object) -> bool:
    """Whether ``value`` holds a list, dict or set inside it (not counting itself)."""
    ids: set[int] = set()
    _mutable_ids(value, ids)
    return bool(ids - {id(value)})


def _passed(call: ast.Call) -> list[str]:
    """Names passed as arguments to a call that may change them (not a builtin that only
    reads, nor a method of a str literal such as ``"".join``)."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in READERS:
        return []
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
        return []
    args = [*call.args, *(k.value for k in call.keywords)]
    return [a.id for a in args if isinstance(a, ast.Name)]


_MUTATORS = frozenset(
    m for methods in METHODS.values() for m in methods if m not in _STR | _SET_READS
) | {"popitem", "appendleft", "extendleft", "popleft", "rotate", "__setitem__", "__delitem__"}


def render(value: object, depth: int = 0) -> str | None:
    """The Python literal of a folded value, deterministic (sets sorted), or None."""
    if depth > 20:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if type(value) in SCALARS:
        return repr(value)
    if type(value) in (list, tuple, set, frozenset):
        parts = [render(v, depth + 1) for v in value]  # type: ignore[attr-defined]
        if None in parts:
            return None
        if type(value) in (set, frozenset):
            parts.sort()
        body = ", ".join(parts)  # type: ignore[arg-type]
        if type(value) is list:
            return f"[{body}]"
        if type(value) is tuple:
            return f"({body},)" if len(parts) == 1 else f"({body})"
        shown = f"{{{body}}}" if parts else ""
        return f"frozenset({shown})" if type(value) is frozenset else (shown or "set()")
    if type(value) is dict:
        items = [(render(k, depth + 1), render(v, depth + 1)) for k, v in value.items()]
        if any(k is None or v is None for k, v in items):
            return None
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    return None


def _module_bindings(tree: ast.Module) -> frozenset[str]:
    """Every name the module binds anywhere at its top level (a builtin of that name is
    shadowed), plus ``*`` when a star import may bind anything."""
    out: set[str] = set()
    for node in nodes(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            out.add(node.id)
        elif isinstance(node, _DefNode | ast.ClassDef) and not isinstance(node, ast.Lambda):
            out.add(node.name)
        elif isinstance(node, ast.alias):
            out.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.Global | ast.Nonlocal):
            out.update(node.names)
    return frozenset(out)


def _root(expr: ast.expr) -> str | None:
    while isinstance(expr, ast.Subscript | ast.Attribute):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def _no_sets(value: object) -> object:
    """``value`` unless turning it into text would show a set (its order is per process)."""
    if isinstance(value, set | frozenset):
        raise Unfoldable("text of a set")
    if isinstance(value, list | tuple):
        for item in value:
            _no_sets(item)
    elif isinstance(value, dict):
        for k, v in value.items():
            _no_sets(k)
            _no_sets(v)
    return value


def _check(value: object) -> object:
    """Keep folded values small (a literal that builds gigabytes is not folded)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            raise Unfoldable("int too large")
    elif isinstance(value, str | bytes | list | tuple | dict | set | frozenset | range):
        if len(value) > MAX_LEN:
            raise Unfoldable("value too large")
    elif not isinstance(value, SCALARS + VIEWS):
        raise Unfoldable(f"value of type {type(value).__name__}")
    return value


def _mutable_ids(value: object, seen: set[int]) -> None:
    if isinstance(value, list | dict | set) and id(value) not in seen:
        seen.add(id(value))
    if isinstance(value, dict):
        for k, v in value.items():
            _mutable_ids(k, seen)
            _mutable_ids(v, seen)
    elif isinstance(value, list | tuple):
        for v in value:
            _mutable_ids(v, seen)


def _readers(tree: ast.Module) -> dict[str, set[str]]:
    """Module name -> the top-level defs and classes that read it (``<block>`` for a def or
    lambda nested in another top-level statement)."""
    out: dict[str, set[str]] = {}
    for top in tree.body:
        if isinstance(top, DefStmt):
            for name in modstate.free_names(top):
                out.setdefault(name, set()).add(top.name)
            continue
        for node in nodes(top):
            if isinstance(node, DefStmt | ast.Lambda):
                for name in _lambda_or_def_reads(node):
                    out.setdefault(name, set()).add("<block>")
    return out


def _lambda_or_def_reads(node: DefStmt | ast.Lambda) -> frozenset[str]:
    if isinstance(node, ast.Lambda):
        return frozenset(n.id for n in nodes(node.body) if isinstance(n, ast.Name))
    return modstate.free_names(node)


def accelerator(stmt: ast.stmt) -> ast.ExceptHandler | None:
    """The ``except ImportError`` handler of ``try: <one import> except ImportError: ...``
    (an optional accelerator module; the pure-Python code is the fallback), else None."""
    if not isinstance(stmt, ast.Try) or stmt.finalbody or len(stmt.body) != 1:
        return None
    if not isinstance(stmt.body[0], ast.Import | ast.ImportFrom):
        return None
    for handler in stmt.handlers:
        caught = handler.type
        names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if any(isinstance(n, ast.Name) and n.id in IMPORT_ERRORS for n in names):
            return handler
    return None


def else_deletes(stmt: ast.Try) -> set[str]:
    """The names the ``else`` branch of a ``try`` deletes (``else: del X, f``)."""
    return {
        n.id
        for sub in stmt.orelse
        if isinstance(sub, ast.Delete)
        for target in sub.targets
        for n in nodes(target)
        if isinstance(n, ast.Name)
    }


class _Folder:
    def __init__(self, bound: frozenset[str], readers: dict[str, set[str]]) -> None:
        self.env: dict[str, object] = {}
        self.scopes: list[dict[str, object]] = []  # comprehension locals, innermost last
        self.shadowed = bound
        self.readers = readers
        self.steps = 0

    # -- the top level ------------------------------------------------------------------
    def top(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            if any(alias.name == "*" for alias in stmt.names):  # may rebind any name
                self.env = dict.fromkeys(self.env, _UNKNOWN)
            for name in _import_names(stmt):
                self.env[name] = _UNKNOWN
            return
        handler = accelerator(stmt)
        if handler is not None:
            self._accelerated(stmt, handler)  # type: ignore[arg-type]
            return
        try:
            if isinstance(stmt, DefStmt):
                raise Unfoldable("a def or class statement")
            self.exec(stmt)
        except Exception:  # Unfoldable, or what Python itself would raise at import
            self._forget(stmt)

    def _accelerated(self, stmt: ast.Try, handler: ast.ExceptHandler) -> None:
        """``try: from _accel import * / except ImportError: ... / else: del X, f, g``.
        Whichever branch runs, what the handler or the ``else`` branch mentions is unknown,
        as is what the import binds (everything, for a star import), except a name the
        ``else`` branch deletes together with every def that reads it: with the accelerator
        no reader of it is left, without it the name keeps its value."""
        deleted = else_deletes(stmt)
        gone = {name for name in deleted if self.readers.get(name, set()) <= deleted}
        for sub in handler.body:
            self._forget(sub)
        for sub in stmt.orelse:
            self._forget(sub, keep=gone)
        imported = _import_names(stmt.body[0])  # type: ignore[arg-type]
        for name in self.env if "*" in imported else imported:
            if name not in gone:
                self.env[name] = _UNKNOWN
        if handler.name:
            self.env[handler.name] = _UNKNOWN

    def _forget(self, stmt: ast.stmt, keep: set[str] | None = None) -> None:
        """Every name ``stmt`` exposes to what it runs, and every name sharing a mutable
        object with one of them, is unknown from here on (but those of ``keep``)."""
        mentioned, shared = _exposed(stmt, self.shadowed)
        if any(isinstance(n, ast.alias) and n.name == "*" for n in nodes(stmt)):
            mentioned |= self.env.keys()  # a star import may rebind any name
        mentioned -= keep or set()
        # a copy holding its mutable items exposes them
        mentioned |= {name for name in shared if _nested_mutable(self.env.get(name))}
        if isinstance(stmt, DefStmt):
            mentioned.add(stmt.name)
        touched: set[int] = set()
        for name in mentioned:
            _mutable_ids(self.env.get(name), touched)
        for name, value in list(self.env.items()):
            if name in mentioned:
                self.env[name] = _UNKNOWN
                continue
            ids: set[int] = set()
            _mutable_ids(value, ids)
            if ids & touched:
                self.env[name] = _UNKNOWN

    # -- statements ---------------------------------------------------------------------
    def exec(self, stmt: ast.stmt) -> None:
        self._step()
        if isinstance(stmt, ast.Expr):
            self.eval(stmt.value)
        elif isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value)
            for target in stmt.targets:
                self.assign(target, value)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self.assign(stmt.target, self.eval(stmt.value))
        elif isinstance(stmt, ast.AugAssign):
            self._augassign(stmt)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                self._delete(target)
        elif isinstance(stmt, ast.For):
            self._for(stmt)
        elif isinstance(stmt, ast.If):
            self.block(stmt.body if self.eval(stmt.test) else stmt.orelse)
        elif isinstance(stmt, ast.Break):
            raise _Break
        elif isinstance(stmt, ast.Continue):
            raise _Continue
        elif not isinstance(stmt, ast.Pass):
            raise Unfoldable(type(stmt).__name__)

    def block(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            self.exec(stmt)

    def _for(self, stmt: ast.For) -> None:
        for item in list(ordered(self.eval(stmt.iter))):
            self.assign(stmt.target, item)
            try:
                self.block(stmt.body)
            except _Break:
                return
            except _Continue:
                continue
        self.block(stmt.orelse)

    def assign(self, target: ast.expr, value: object) -> None:
        if isinstance(target, ast.Name):
            (self.scopes[-1] if self.scopes else self.env)[target.id] = value
        elif isinstance(target, ast.Tuple | ast.List):
            items = list(ordered(value))
            if len(items) != len(target.elts) or any(
                isinstance(e, ast.Starred) for e in target.elts
            ):
                raise Unfoldable("unpacking")
            for sub, item in zip(target.elts, items, strict=True):
                self.assign(sub, item)
        elif isinstance(target, ast.Subscript):
            container = self._container(target.value)
            container[self.eval(target.slice)] = value  # type: ignore[index]
            _check(container)
        else:
            raise Unfoldable("assignment target")

    def _augassign(self, stmt: ast.AugAssign) -> None:
        op = INPLACE[type(stmt.op)]
        value = self.eval(stmt.value)
        target = stmt.target
        if isinstance(target, ast.Name):
            current = self.eval(target)
            self._guard(stmt.op, current, value)
            self.assign(target, _check(op(current, value)))
        elif isinstance(target, ast.Subscript):
            container = self._container(target.value)
            key = self.eval(target.slice)
            current = container[key]  # type: ignore[index]
            self._guard(stmt.op, current, value)
            container[key] = _check(op(current, value))  # type: ignore[index]
        else:
            raise Unfoldable("augmented assignment target")

    def _delete(self, target: ast.expr) -> None:
        if isinstance(target, ast.Name):
            (self.scopes[-1] if self.scopes else self.env)[target.id] = _UNKNOWN
        elif isinstance(target, ast.Subscript):
            container = self._container(target.value)
            del container[self.eval(target.slice)]  # type: ignore[attr-defined]
        else:
            raise Unfoldable("del target")

    def _container(self, expr: ast.expr) -> object:
        value = self.eval(expr)
        if not isinstance(value, list | dict):
            raise Unfoldable("item assignment")
        return value

    # -- expressions --------------------------------------------------------------------
    def eval(self, expr: ast.expr) -> object:
        self._step()
        handler = getattr(self, f"_e_{type(expr).__name__}", None)
        if handler is None:
            raise Unfoldable(type(expr).__name__)
        return _check(handler(expr))

    def _e_Constant(self, expr: ast.Constant) -> object:
        return expr.value

    def _e_Name(self, expr: ast.Name) -> object:
        for scope in reversed(self.scopes):
            if expr.id in scope:
                return scope[expr.id]
        value = self.env.get(expr.id, _UNKNOWN)
        if value is _UNKNOWN:
            raise Unfoldable(f"unknown name {expr.id}")
        return value

    def _e_List(self, expr: ast.List) -> object:
        return self._items(expr.elts)

    def _e_Tuple(self, expr: ast.Tuple) -> object:
        return tuple(self._items(expr.elts))

    def _e_Set(self, expr: ast.Set) -> object:
        return set(self._items(expr.elts))

    def _items(self, elts: list[ast.expr]) -> list[object]:
        out: list[object] = []
        for e in elts:
            if isinstance(e, ast.Starred):
                out.extend(ordered(self.eval(e.value)))
            else:
                out.append(self.eval(e))
        return out

    def _e_Dict(self, expr: ast.Dict) -> object:
        out: dict[object, object] = {}
        for key, value in zip(expr.keys, expr.values, strict=True):
            if key is None:
                out.update(self.eval(value))  # type: ignore[call-overload]
            else:
                out[self.eval(key)] = self.eval(value)
        return out

    def _e_BinOp(self, expr: ast.BinOp) -> object:
        left, right = self.eval(expr.left), self.eval(expr.right)
        if isinstance(expr.op, ast.Mod) and isinstance(left, str | bytes):
            _no_sets(right)
            _narrow(left)
        self._guard(expr.op, left, right)
        return BINOPS[type(expr.op)](left, right)

    def _e_UnaryOp(self, expr: ast.UnaryOp) -> object:
        return UNARY[type(expr.op)](self.eval(expr.operand))

    def _e_BoolOp(self, expr: ast.BoolOp) -> object:
        value: object = None
        for operand in expr.values:
            value = self.eval(operand)
            if bool(value) is isinstance(expr.op, ast.Or):
                return value
        return value

    def _e_Compare(self, expr: ast.Compare) -> object:
        left = self.eval(expr.left)
        for op, comparator in zip(expr.ops, expr.comparators, strict=True):
            fn = COMPARE.get(type(op))
            if fn is None:
                raise Unfoldable("identity comparison")
            right = self.eval(comparator)
            if not fn(left, right):
                return False
            left = right
        return True

    def _e_IfExp(self, expr: ast.IfExp) -> object:
        return self.eval(expr.body if self.eval(expr.test) else expr.orelse)

    def _e_Subscript(self, expr: ast.Subscript) -> object:
        return self.eval(expr.value)[self.eval(expr.slice)]  # type: ignore[index]

    def _e_Slice(self, expr: ast.Slice) -> object:
        parts = [None if p is None else self.eval(p) for p in (expr.lower, expr.upper, expr.step)]
        return slice(*parts)

    def _e_JoinedStr(self, expr: ast.JoinedStr) -> object:
        return "".join(str(self.eval(v)) for v in expr.values)

    def _e_FormattedValue(self, expr: ast.FormattedValue) -> object:
        value = _no_sets(self.eval(expr.value))
        convs: dict[int, Callable[[object], str]] = {115: str, 114: repr, 97: ascii}
        conv = convs.get(expr.conversion)
        value = value if conv is None else conv(value)
        spec = "" if expr.format_spec is None else str(self.eval(expr.format_spec))
        _narrow(spec)
        return format(value, spec)

    def _e_Call(self, expr: ast.Call) -> object:
        args = [sized(a) for a in self._items(expr.args)]
        kwargs = {}
        for kw in expr.keywords:
            if kw.arg is None:
                raise Unfoldable("**kwargs in a call")
            kwargs[kw.arg] = sized(self.eval(kw.value))
        func = expr.func
        if isinstance(func, ast.Name):
            if func.id in self.shadowed or func.id not in BUILTINS or "*" in self.shadowed:
                raise Unfoldable(f"call of {func.id}")
            if func.id in TEXT_BUILTINS:
                _no_sets(args)
                _narrow(*args)
            if func.id == "bytes" and args and isinstance(args[0], int) and args[0] > MAX_LEN:
                raise Unfoldable("large bytes")
            return BUILTINS[func.id](*args, **kwargs)
        if not isinstance(func, ast.Attribute):
            raise Unfoldable("call")
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        if (owner, func.attr) in CLASS_METHODS and owner not in self.shadowed and not kwargs:
            return CLASS_METHODS[owner, func.attr](*map(ordered, args))
        receiver = self.eval(func.value)
        if func.attr not in METHODS.get(type(receiver), ()):
            raise Unfoldable(f"method {func.attr}")
        if func.attr in ORDERED_ARGS:
            args = [ordered(a) for a in args]
        if func.attr == "sort" and "key" in kwargs:
            raise Unfoldable("sort key")
        if isinstance(receiver, str | bytes):
            _text_method(receiver, func.attr, args, kwargs)
        return getattr(receiver, func.attr)(*args, **kwargs)

    def _e_ListComp(self, expr: ast.ListComp) -> object:
        out: list[object] = []
        self._comprehension(expr.generators, lambda: out.append(self.eval(expr.elt)))
        return out

    def _e_GeneratorExp(self, expr: ast.GeneratorExp) -> object:
        return self._e_ListComp(expr)  # type: ignore[arg-type]

    def _e_SetComp(self, expr: ast.SetComp) -> object:
        out: set[object] = set()
        self._comprehension(expr.generators, lambda: out.add(self.eval(expr.elt)))
        return out

    def _e_DictComp(self, expr: ast.DictComp) -> object:
        out: dict[object, object] = {}

        def put() -> None:
            key = self.eval(expr.key)
            out[key] = self.eval(expr.value)

        self._comprehension(expr.generators, put)
        return out

    def _comprehension(self, gens: list[ast.comprehension], emit: Callable[[], None]) -> None:
        self.scopes.append({})
        try:
            self._loop(gens, emit)
        finally:
            self.scopes.pop()

    def _loop(self, gens: list[ast.comprehension], emit: Callable[[], None]) -> None:
        if not gens:
            emit()
            return
        gen = gens[0]
        if gen.is_async:
            raise Unfoldable("async comprehension")
        for item in _iterate(self.eval(gen.iter)):
            self.assign(gen.target, item)
            if all(self.eval(cond) for cond in gen.ifs):
                self._loop(gens[1:], emit)

    # -- guards -------------------------------------------------------------------------
    def _step(self) -> None:
        self.steps += 1
        if self.steps > STEP_BUDGET:
            raise Unfoldable("too many steps")

    @staticmethod
    def _guard(op: ast.operator, left: object, right: object) -> None:
        """Refuse operations whose result would be huge before computing it."""
        if isinstance(op, ast.Pow) and isinstance(right, int) and abs(right) > 1_000:
            raise Unfoldable("large power")
        if isinstance(op, ast.LShift) and isinstance(right, int) and right > MAX_INT_BITS:
            raise Unfoldable("large shift")
        if isinstance(op, ast.Mult):
            for seq, n in ((left, right), (right, left)):
                sequence = isinstance(seq, str | bytes | list | tuple) and isinstance(n, int)
                if sequence and len(seq) * n > MAX_LEN:  # type: ignore[arg-type, operator]
                    raise Unfoldable("large repetition")


def _narrow(*texts: object) -> object:
    """Refuse a format with a width or precision that would build a huge string."""
    for text in texts:
        if isinstance(text, str | bytes) and _WIDE.search(str(text)):
            raise Unfoldable("wide format")
    return texts[0] if texts else None


def _text_method(receiver: str | bytes, method: str, args: list, kwargs: dict) -> None:
    """Guards for a str/bytes method: no set shown as text, no huge result."""
    _no_sets(args)
    _no_sets(list(kwargs.values()))
    if method == "format":
        _narrow(receiver)
    sizes = [a for a in args if isinstance(a, int) and not isinstance(a, bool)]
    if any(n > MAX_LEN for n in sizes):
        raise Unfoldable("large width")
    if method == "join" and args:
        total = sum(len(x) for x in args[0]) + len(receiver) * len(args[0])  # type: ignore[arg-type]
        if total > MAX_LEN:
            raise Unfoldable("large join")
    growth = len(receiver) * (len(args[1]) + 1) if method == "replace" and len(args) >= 2 else 0
    if growth > 10 * MAX_LEN:
        raise Unfoldable("large replace")


def _import_names(stmt: ast.Import | ast.ImportFrom) -> list[str]:
    return [alias.asname or alias.name.split(".")[0] for alias in stmt.names]


def _iterate(items: object) -> Iterator[object]:
    return iter(list(ordered(items)))


def _exposed(stmt: ast.stmt, shadowed: frozenset[str]) -> tuple[set[str], set[str]]:
    """The names a statement binds, or mentions other than as an argument of a builtin that
    only reads (``len(X)``, ``"".join(X)``) or an operand of a comparison: what it runs may
    change their values; and the names it passes to a read-only builtin whose result holds
    their items (``sorted(X)``): exposed if those items are mutable."""
    out: set[str] = set()
    shared: set[str] = set()
    safe: dict[int, bool] = {}  # argument node -> whether the result may hold its items
    for node in _outside_defs(stmt):
        own = isinstance(node, ast.Call) and _root(node.func) in shadowed
        if isinstance(node, ast.Call) and not own and not _passed(node):
            sharing = isinstance(node.func, ast.Name) and node.func.id in SHARING
            safe.update((id(a), sharing) for a in node.args)
        elif isinstance(node, ast.Compare):
            safe.update((id(e), False) for e in (node.left, *node.comparators))
        elif isinstance(node, ast.Name):
            if not isinstance(node.ctx, ast.Load) or id(node) not in safe:
                out.add(node.id)
            elif safe[id(node)]:
                shared.add(node.id)
    return out, shared


def _outside_defs(stmt: ast.stmt) -> Iterator[ast.AST]:
    """Every node of ``stmt`` that runs when the statement does: function bodies nested in
    it run only when called, but their decorators and defaults run now (a class body runs
    at import)."""
    stack: list[ast.AST] = [stmt]
    while stack:
        cur = stack.pop()
        yield cur
        if isinstance(cur, _DefNode):
            args = cur.args
            stack.extend([*args.defaults, *(d for d in args.kw_defaults if d is not None)])
            stack.extend(getattr(cur, "decorator_list", []))
            continue
        stack.extend(ast.iter_child_nodes(cur))
