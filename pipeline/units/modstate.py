"""Module state that top-level statements change after binding it, and who reads it.

A unit is translated with the module's constants as their assignments give them
(``NAME = expr``). When a top-level statement later changes such a value in place —
``sieve = [True] * N`` then a module-level loop doing ``sieve[j] = False`` — the value a call
sees is not the assignment's, and a translation from the assignment would be silently wrong.
The sharder refuses the units that read such state (``PT902``) with the name and the line of
the first change; evaluating the module's top level exactly is out of the engine's reach.

What counts as a change, in a top-level statement (not inside a def or class body):
an item or attribute store or delete rooted at the name (``x[i] = v``, ``x.a += 1``,
``del x[k]``; a store of ``__doc__`` changes only documentation), a call of a mutating method
on it (``x.append(v)``, ``x.update(...)``), or the name passed to a call other than a few
builtins and the methods of a str literal (``"".join(x)``), which only read (``fill(x)`` may
change it), and a call of a module function that rebinds the name under ``global``
(``_init()``) or changes it in place (``_registry.append(f)`` in its body), also as the
decorator of a top-level def (``@register``). Where the final value of such a name is
exactly computable from literals, the sharder folds it (units/fold.py) instead of refusing
its readers.
"""

from __future__ import annotations

import ast
import bisect

from pipeline.units.astnodes import nodes

DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
MUTATING_METHODS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "remove",
        "pop",
        "clear",
        "sort",
        "reverse",
        "add",
        "discard",
        "update",
        "setdefault",
        "popitem",
        "difference_update",
        "intersection_update",
        "symmetric_difference_update",
        "appendleft",
        "extendleft",
        "popleft",
        "rotate",
        "__setitem__",
        "__delitem__",
    }
)
DOC_ATTRIBUTES = frozenset({"__doc__"})
# read-only builtins whose result holds their argument's items
SHARING_CALLS = frozenset(
    {
        "sorted",
        "list",
        "tuple",
        "set",
        "frozenset",
        "dict",
        "enumerate",
        "zip",
        "iter",
        "reversed",
        "min",
        "max",
        "sum",
    }
)
READ_ONLY_CALLS = frozenset(
    {
        "print",
        "len",
        "sorted",
        "list",
        "tuple",
        "set",
        "frozenset",
        "dict",
        "str",
        "repr",
        "isinstance",
        "sum",
        "min",
        "max",
        "any",
        "all",
        "enumerate",
        "zip",
        "iter",
        "id",
        "hash",
        "type",
        "range",
        "bool",
        "int",
        "float",
        "pow",
        "abs",
        "divmod",
        "round",
        "chr",
        "ord",
        "hex",
        "oct",
        "bin",
        "format",
        "ascii",
        "callable",
        "hasattr",
        "issubclass",
    }
)
# builtin classes whose methods, called on the class (``int.from_bytes(x, "little")``,
# ``bytes.fromhex(s)``, ``str.maketrans(d)``), change no argument and return no mutable
# object holding one
VALUE_CLASSES = frozenset({"int", "float", "str", "bytes"})


def changed_names(tree: ast.Module) -> dict[str, int]:
    """Names the top level binds as variables (not imports, defs or classes) that top-level
    statements change in place -> line of the first change."""
    found: dict[str, int] = {}
    bound: set[str] = set()
    writers = {**inplace_writers(tree), **global_writers(tree)}
    frozen = immutable_names(tree)
    flat = immutable_names(tree, flat=True)
    builtins = READ_ONLY_CALLS - _bound_at_top(tree)  # a module's own ``pow`` may change it
    for top in tree.body:
        if isinstance(top, DefNode):  # its decorators run now: ``@register`` is a call
            for name, line in _decorator_changes(top, writers, flat, builtins):
                if name not in found or line < found[name]:
                    found[name] = line
        if isinstance(top, DefNode | ast.Import | ast.ImportFrom):
            continue
        local = _comprehension_targets(top)
        for node in _top_level_nodes(top):
            store = isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
            if isinstance(node, ast.Name) and store and id(node) not in local:
                bound.add(node.id)  # (a comprehension's variable is its own)
            if not isinstance(node, ast.expr):
                continue  # only an expression changes a name (a store through it, a call)
            rebinds = _calls_writer(node, writers)
            for name in _changed_by(node, writers, flat, builtins):
                if name in frozen and not rebinds:
                    continue  # a str/number/tuple of them cannot change in place
                if name not in found or node.lineno < found[name]:
                    found[name] = node.lineno
    return {name: line for name, line in found.items() if name in bound}


def immutable_names(tree: ast.Module, flat: bool = False) -> frozenset[str]:
    """Names every top-level binding of which is a plain ``NAME = literal`` of an immutable
    value (str, bytes, number, bool, None, or a tuple of them): nothing can change such a value
    in place, whatever a call it is passed to does (``codecs.charmap_build(decoding_table)``).
    With ``flat``, also a list, set or dict display of such literals: a copy of it
    (``sorted(x)``) shares no mutable item with it."""
    literal: set[str] = set()
    other: set[str] = set()
    for top in tree.body:
        if isinstance(top, DefNode | ast.Import | ast.ImportFrom):
            continue
        plain: ast.expr | None = None
        if (
            isinstance(top, ast.Assign)
            and len(top.targets) == 1
            and (_immutable_literal(top.value) or (flat and _flat_display(top.value)))
        ):
            plain = top.targets[0]
        for node in _top_level_nodes(top):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
                (literal if node is plain else other).add(node.id)
    return frozenset(literal - other)


def _immutable_literal(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Tuple):
        return all(_immutable_literal(e) for e in expr.elts)
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub | ast.UAdd):
        return isinstance(expr.operand, ast.Constant)
    return False


def _comprehension_targets(top: ast.stmt) -> set[int]:
    """The ``Name`` nodes a comprehension in ``top`` binds (local to that comprehension)."""
    return {
        id(name)
        for node in nodes(top)
        if isinstance(node, ast.comprehension)
        for name in nodes(node.target)
        if isinstance(name, ast.Name)
    }


def _flat_display(expr: ast.expr) -> bool:
    if isinstance(expr, ast.List | ast.Set):
        return all(_immutable_literal(e) for e in expr.elts)
    if isinstance(expr, ast.Dict):
        return all(
            k is not None and _immutable_literal(k) and _immutable_literal(v)
            for k, v in zip(expr.keys, expr.values, strict=True)
        )
    return False


def _calls_writer(node: ast.AST, writers: dict[str, frozenset[str]]) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in writers
    )


def _decorator_changes(
    top: DefNode,
    writers: dict[str, frozenset[str]],
    flat: frozenset[str],
    builtins: frozenset[str],
) -> list[tuple[str, int]]:
    """(name, line) of each module name the decorators of a top-level def or class change
    when the module runs them: ``@register`` calls ``register``, ``@register("x")`` calls
    both its factory and what that returns (unknown: only its arguments are seen)."""
    out = []
    for dec in top.decorator_list:
        if isinstance(dec, ast.Name) and dec.id in writers:
            out += [(name, dec.lineno) for name in writers[dec.id]]
        for node in _top_level_nodes(dec):  # type: ignore[arg-type]
            if isinstance(node, ast.expr):
                out += [(name, dec.lineno) for name in _changed_by(node, writers, flat, builtins)]
    return out


def inplace_writers(tree: ast.Module) -> dict[str, frozenset[str]]:
    """Top-level function name -> the module names it changes in place (an item or
    attribute store or delete rooted at the name, a mutating method called on it), names it
    does not bind itself: a top-level call of it (or ``@it`` on a def) changes them
    (``def register(f): _registry.append(f)``)."""
    out = {}
    for top in tree.body:
        if not isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        free = free_names(top)
        written = set()
        for node in nodes(top):
            if isinstance(node, ast.Subscript | ast.Attribute) and isinstance(
                node.ctx, ast.Store | ast.Del
            ):
                root = _root_name(node.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATING_METHODS
            ):
                root = _root_name(node.func.value)
            else:
                continue
            if root is not None and root in free:
                written.add(root)
        if written:
            out[top.name] = frozenset(written)
    return out


def global_writers(tree: ast.Module) -> dict[str, frozenset[str]]:
    """Top-level function name -> the module names it rebinds or deletes under ``global``
    (a top-level call of it changes them: ``_init()`` after ``TABLE = None``)."""
    out = {}
    for top in tree.body:
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef):
            written = global_stores(top)
            if written:
                out[top.name] = written
    return out


def function_writes(tree: ast.Module) -> dict[str, tuple[str, int]]:
    """Module name -> (function, line) of the first def (methods and nested defs too) that
    rebinds or deletes it under ``global``: its value at call time is whatever the last
    call left, never a constant."""
    out: dict[str, tuple[str, int]] = {}
    for node in _declaring(tree):
        for name in global_stores(node):
            if name not in out or node.lineno < out[name][1]:
                out[name] = (node.name, node.lineno)
    return out


def lazy_inits(tree: ast.Module) -> frozenset[str]:
    """Module names some def initialises lazily under ``global``: it assigns the name inside
    an ``if NAME is None:`` / ``if not NAME:`` block (``_cache = compute()`` on the first
    call). A reader sees the initial value or the computed one, by what ran before."""
    out: set[str] = set()
    for fn in _declaring(tree):
        written = global_stores(fn)
        for node in nodes(fn):
            if isinstance(node, ast.If) and (name := _unset_test(node.test)) in written:
                stored = (n for s in node.body for n in nodes(s) if isinstance(n, ast.Name))
                if any(n.id == name and isinstance(n.ctx, ast.Store) for n in stored):
                    out.add(name)
    return frozenset(out)


def _declaring(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The defs (methods and nested defs too, in ``nodes`` order) whose lines hold a
    ``global`` statement: only theirs can be nonempty, and the others need no walk of
    their own."""
    defs: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    lines: list[int] = []
    for node in nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            defs.append(node)
        elif isinstance(node, ast.Global):
            lines.append(node.lineno)
    lines.sort()
    out = []
    for node in defs:
        first = bisect.bisect_left(lines, node.lineno)  # the first global at or after it
        if first < len(lines) and lines[first] <= (node.end_lineno or node.lineno):
            out.append(node)
    return out


def _unset_test(test: ast.expr) -> str | None:
    """``X`` of ``X is None`` / ``not X``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
        return test.id if isinstance(test, ast.Name) else None
    if (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        return test.left.id
    return None


def global_stores(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names ``fn`` (or a def nested in it) declares ``global`` and assigns or deletes."""
    declared: set[str] = set()
    stored: set[str] = set()
    for cur in nodes(fn):
        if isinstance(cur, ast.Global):
            declared.update(cur.names)
        elif isinstance(cur, ast.Name) and isinstance(cur.ctx, ast.Store | ast.Del):
            stored.add(cur.id)
    return frozenset(declared & stored)


def free_names(node: DefNode) -> frozenset[str]:
    """Names a def reads that are not its own locals (parameters or names it binds without
    ``global``): the module names it may read."""
    loads: set[str] = set()
    local: set[str] = set()
    declared: set[str] = set()
    for cur in nodes(node):
        if isinstance(cur, ast.Name):
            (loads if isinstance(cur.ctx, ast.Load) else local).add(cur.id)
        elif isinstance(cur, ast.arg):
            local.add(cur.arg)
        elif isinstance(cur, ast.Global | ast.Nonlocal):
            declared.update(cur.names)
    return frozenset(loads - (local - declared))


def _top_level_nodes(top: ast.stmt) -> list[ast.AST]:
    """Every node of a top-level statement outside the defs and lambdas nested in it."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = [top]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(
            c for c in ast.iter_child_nodes(cur) if not isinstance(c, DefNode | ast.Lambda)
        )
    return out


def _bound_at_top(tree: ast.Module) -> set[str]:
    """Every name the module's top level binds (a def, a class, an import, a store)."""
    out: set[str] = set()
    for top in tree.body:
        if isinstance(top, DefNode):
            out.add(top.name)
        for node in _top_level_nodes(top):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                out.add(node.id)
            elif isinstance(node, ast.alias):
                out.add((node.asname or node.name).split(".")[0])
    return out


def _changed_by(
    node: ast.AST,
    writers: dict[str, frozenset[str]],
    flat: frozenset[str] = frozenset(),
    builtins: frozenset[str] = READ_ONLY_CALLS,
) -> list[str]:
    if isinstance(node, ast.Subscript | ast.Attribute) and isinstance(
        node.ctx, ast.Store | ast.Del
    ):
        if isinstance(node, ast.Attribute) and node.attr in DOC_ATTRIBUTES:
            return []  # documentation only: no value a translation reads
        root = _root_name(node.value)
        return [root] if root else []
    if not isinstance(node, ast.Call):
        return []
    func = node.func
    if isinstance(func, ast.Name) and func.id in writers:
        return sorted(writers[func.id])
    if isinstance(func, ast.Attribute) and func.attr in MUTATING_METHODS:
        root = _root_name(func.value)
        return [root] if root else []
    if isinstance(func, ast.Name) and func.id in SHARING_CALLS & builtins:
        # the result holds the argument's items: a change to one of them (``list(x)[0]
        # .append(1)``) is a change to the argument, unless its items are immutable
        return [a.id for a in node.args if isinstance(a, ast.Name) and a.id not in flat]
    if isinstance(func, ast.Name) and func.id in builtins:
        return []
    owner = func.value if isinstance(func, ast.Attribute) else None
    if isinstance(owner, ast.Name) and owner.id in VALUE_CLASSES & builtins:
        return []  # ``int.from_bytes(MAGIC, "little")``
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
        return []  # a method of a str/bytes literal (``"".join(x)``) only reads its arguments
    args = [*node.args, *(k.value for k in node.keywords)]
    return [a.id for a in args if isinstance(a, ast.Name)]


def _root_name(expr: ast.expr) -> str | None:
    while isinstance(expr, ast.Subscript | ast.Attribute):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else None
