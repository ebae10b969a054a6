"""``with`` statements over context managers of the same module, rewritten as the ``try``
statements Python runs (PEP 343), before lowering.

A class with ``__enter__``/``__exit__`` (``Manager``)::

    with Cls(args) as x:        _withN = Cls(args)
        body              ->    x = _withN.__enter__()
                                try:
                                    body
                                except BaseException:
                                    if not _withN.__exit__(None, None, None):
                                        raise
                                else:
                                    _withN.__exit__(None, None, None)

An ``__enter__`` that ends ``return self`` is inlined instead, on ``x = Cls(args)`` itself
(a Rust method returning ``self`` would hand out a copy; the class leaves it out). An
``__exit__`` that returns nothing is called, then the exception is re-raised.

``__exit__`` is called on every way out: normally (``else``), with an exception (the handler,
whose truthy result suppresses it, as Python's ``with`` does), and, when the body can
``return``, before the return (a flag and a ``finally`` instead of ``else``). Its three
exception parameters must be unused (the lowered method drops them: front/classes.py).

A ``@contextmanager`` generator function of the module is inlined (``inline``): its
statements with the body in place of its one ``yield``, so that its ``try``/``except``/
``finally`` around the ``yield`` act on the body as ``gen.throw`` does in Python.

A ``threading.Lock``/``RLock`` made and used only by ``with`` in one function is the block
itself (``local_lock``). Anything else a ``with`` could name is refused with a reason: files
and sockets are out of scope, shared locks and other objects have no translation here.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeGuard

FILES = frozenset(
    {"open", "io.open", "os.fdopen", "tokenize.open", "gzip.open", "bz2.open", "lzma.open"}
    | {"socket.socket", "socket.create_connection", "tempfile.TemporaryFile", "os.scandir"}
    | {"tempfile.NamedTemporaryFile", "tempfile.TemporaryDirectory", "zipfile.ZipFile"}
)
LOCKS = frozenset({"threading.Lock", "threading.RLock", "threading.Condition"})
LOCAL_LOCKS = frozenset({"threading.Lock", "threading.RLock"})


@dataclass(frozen=True)
class Manager:
    """What the rewrite needs of a context manager class."""

    enter: tuple[ast.stmt, ...] | None  # ``__enter__`` ending ``return self``: inlined
    exit_value: bool  # ``__exit__`` returns a value (truthy: the exception is suppressed)


def enter_inlined(d: ast.FunctionDef) -> bool:
    """Whether ``__enter__`` is ``def __enter__(self): <statements>; return self`` with no
    other return and no local variable: the ``with`` rewrite inlines it on the manager (a
    method returning ``self`` would hand out a copy in Rust), and the class leaves it out."""
    args = d.args
    if len(args.posonlyargs + args.args) != 1 or args.vararg or args.kwarg or args.kwonlyargs:
        return False
    last = d.body[-1]
    if not (isinstance(last, ast.Return) and isinstance(last.value, ast.Name)):
        return False
    if last.value.id != (args.posonlyargs + args.args)[0].arg or d.decorator_list:
        return False
    nodes = [n for s in d.body[:-1] for n in ast.walk(s)]
    return not any(
        isinstance(n, ast.Return | ast.FunctionDef | ast.Lambda | ast.Yield)
        or (isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
        for n in nodes
    )


def managers(sources: Mapping[str, str]) -> dict[str, Manager | ast.FunctionDef]:
    """The module's classes that define ``__enter__`` and ``__exit__``, and its
    ``@contextmanager`` generator functions."""
    out: dict[str, Manager | ast.FunctionDef] = {}
    for name, src in sources.items():
        found: Manager | ast.FunctionDef | None = _manager(src) if "__exit__" in src else None
        found = found or (_generator(src) if "contextmanager" in src else None)
        if found is not None:
            out[name] = found
    return out


@lru_cache(maxsize=256)
def _manager(source: str) -> Manager | None:
    try:
        node = ast.parse(source).body[0]
    except (SyntaxError, IndexError):
        return None
    if not isinstance(node, ast.ClassDef):
        return None
    defs = {d.name: d for d in node.body if isinstance(d, ast.FunctionDef)}
    enter, exit_ = defs.get("__enter__"), defs.get("__exit__")
    if enter is None or exit_ is None:
        return None
    inlined = None
    if enter_inlined(enter):
        self_name = (enter.args.posonlyargs + enter.args.args)[0].arg
        inlined = tuple(_on(s, self_name) for s in _strip_doc(enter.body[:-1]))
    exit_value = any(
        r.value is not None and not (isinstance(r.value, ast.Constant) and r.value.value is None)
        for r in _returns(exit_.body)
    )
    return Manager(inlined, exit_value)


def _strip_doc(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    return body[1:] if doc else body


def _on(stmt: ast.stmt, self_name: str) -> ast.stmt:
    """``stmt`` with ``self`` as the placeholder ``__manager__`` (named at each ``with``)."""
    return _Rename(self_name, "__manager__").visit(copy.deepcopy(stmt))


class _Rename(ast.NodeTransformer):
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def visit_Name(self, node: ast.Name) -> ast.Name:
        if node.id != self.old:
            return node
        return ast.copy_location(ast.Name(self.new, node.ctx), node)


def _returns(body: list[ast.stmt]) -> list[ast.Return]:
    return [n for s in body for n in ast.walk(s) if isinstance(n, ast.Return)]


def unnested(node: ast.With) -> ast.With:
    """``with a, b: body`` is ``with a: with b: body``."""
    if len(node.items) == 1:
        return node
    inner = ast.copy_location(ast.With(node.items[1:], node.body), node)
    return ast.copy_location(ast.With(node.items[:1], [unnested(inner)]), node)


def refusal(expr: ast.expr, dotted: str | None) -> str:
    """Why a ``with`` over ``expr`` (``dotted``: its callee's resolved name) is refused."""
    if dotted in FILES or (dotted or "").split(".")[-1] in ("open", "fdopen", "open_code"):
        return f"with {ast.unparse(expr)}: files and sockets are out of scope"
    text = ast.unparse(expr).lower()
    if dotted in LOCKS or any(word in text for word in ("lock", "cond", "mutex", "semaphore")):
        return f"with {ast.unparse(expr)}: locks and conditions are not supported"
    return (
        f"with {ast.unparse(expr)} is not supported (only contextlib.suppress and "
        "context manager classes of this module, called in the with)"
    )


def local_manager(
    fn: ast.FunctionDef | None, name: str, classes: Mapping[str, Manager | ast.FunctionDef]
) -> str:
    """The manager class of local ``name`` when every assignment to it in ``fn`` calls that
    class ("" otherwise): ``c = Cls(...)`` then ``with c:``."""
    if fn is None or name in {a.arg for a in fn.args.args + fn.args.kwonlyargs}:
        return ""
    stores = [
        n
        for n in ast.walk(fn)
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
    ]
    values = [
        n.value
        for n in ast.walk(fn)
        if isinstance(n, ast.Assign)
        and len(n.targets) == 1
        and isinstance(n.targets[0], ast.Name)
        and n.targets[0].id == name
    ]
    owners = {
        v.func.id if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) else ""
        for v in values
    }
    if len(values) != len(stores) or len(owners) != 1:
        return ""
    owner = owners.pop()
    return owner if isinstance(classes.get(owner), Manager) else ""


LockUses = dict[str, tuple[list[ast.Assign], int, int]]


def lock_uses(fn: ast.FunctionDef) -> LockUses:
    """Per local name of ``fn``: the assignments to it, its ``Name`` nodes and the ``with``
    items that are that name alone, in one walk (``local_lock`` asks them of each
    ``x = f()`` of a function: one walk per assignment was quadratic, ~4 % of translation
    CPU on the stdlib)."""
    assigns: dict[str, list[ast.Assign]] = {}
    uses: dict[str, int] = {}
    contexts: dict[str, int] = {}
    for n in ast.walk(fn):
        if isinstance(n, ast.Assign):
            for name in dict.fromkeys(t.id for t in n.targets if isinstance(t, ast.Name)):
                assigns.setdefault(name, []).append(n)
        elif isinstance(n, ast.Name):
            uses[n.id] = uses.get(n.id, 0) + 1
        elif isinstance(n, ast.withitem) and isinstance(n.context_expr, ast.Name):
            contexts[n.context_expr.id] = contexts.get(n.context_expr.id, 0) + 1
    names = {*assigns, *uses, *contexts}
    return {n: (assigns.get(n, []), uses.get(n, 0), contexts.get(n, 0)) for n in names}


def local_lock(
    fn: ast.FunctionDef | None,
    name: str,
    dotted: Callable[[ast.expr], str | None],
    known: LockUses | None = None,
) -> str | None:
    """``threading.Lock`` / ``threading.RLock`` when local ``name`` of ``fn`` is only ever
    assigned such a new lock and only ever used as a ``with`` context (None otherwise).

    One call of a function is one thread here, and nothing else can reach such a lock: its
    ``with`` only acquires it for the block and releases it on every way out, which nobody
    can observe, so the block runs as it stands (the assignment is left out). Re-entering a
    ``Lock`` (not an ``RLock``) would wait forever in Python: refused (``reentered``).
    ``known``: ``lock_uses(fn)``, when the caller keeps it."""
    if fn is None or name in {a.arg for a in fn.args.args + fn.args.kwonlyargs}:
        return None
    assigns, uses, contexts = (lock_uses(fn) if known is None else known).get(name, ([], 0, 0))
    kinds = set()
    for n in assigns:
        call = n.value
        plain = isinstance(call, ast.Call) and not call.args and not call.keywords
        made = dotted(call.func) if isinstance(call, ast.Call) and plain else None
        kinds.add(made if len(n.targets) == 1 else None)
    kind = kinds.pop() if len(kinds) == 1 else None
    if kind not in LOCAL_LOCKS or uses != contexts + 1:  # +1: the assignment's target
        return None
    return kind


def reentered(node: ast.With, name: str) -> bool:
    """Whether a ``with name`` occurs inside this ``with name``'s body."""
    return any(
        isinstance(n, ast.withitem)
        and isinstance(n.context_expr, ast.Name)
        and n.context_expr.id == name
        for s in node.body
        for n in ast.walk(s)
    )


def rewrite(node: ast.With, manager: Manager, index: int) -> list[ast.stmt]:
    """The statements a one-item ``with Cls(args) [as x]:`` (or ``with local [as x]:``)
    runs (see the module docstring)."""
    item = node.items[0]
    target = item.optional_vars
    made = not isinstance(item.context_expr, ast.Name)  # else: an existing local
    name = f"_with{index}" if made else item.context_expr.id  # type: ignore[attr-defined]
    if made and manager.enter is not None and isinstance(target, ast.Name):
        name, target = target.id, None
    enter = ast.Call(ast.Attribute(ast.Name(name, ast.Load()), "__enter__", ast.Load()), [], [])
    out: list[ast.stmt] = []
    if made:
        out.append(ast.Assign([ast.Name(name, ast.Store())], item.context_expr))
    if manager.enter is None:
        out.append(ast.Assign([target], enter) if target is not None else ast.Expr(enter))
    for s in out:
        for n in ast.walk(s):
            if not hasattr(n, "lineno") or n is enter or isinstance(n, ast.Attribute | ast.Name):
                ast.copy_location(n, node)
    out += [_Rename("__manager__", name).visit(copy.deepcopy(s)) for s in manager.enter or ()]
    leaves = any(isinstance(n, ast.Return) for s in node.body for n in ast.walk(s))
    exit_call = f"{name}.__exit__(None, None, None)"
    handler = f"if not {exit_call}:\n    raise" if manager.exit_value else f"{exit_call}\nraise"
    if leaves:  # a return runs __exit__ first: the flag-and-finally form
        flag = f"_with{index}_ok"
        shape = (
            f"{flag} = True\ntry:\n    pass\nexcept BaseException:\n"
            f"{_indent(f'{flag} = False')}\n{_indent(handler)}\n"
            f"finally:\n    if {flag}:\n        {exit_call}"
        )
    else:
        shape = f"try:\n    pass\nexcept BaseException:\n{_indent(handler)}\nelse:\n    {exit_call}"
    stmts = ast.parse(shape).body
    for s in stmts:
        for n in ast.walk(s):
            ast.copy_location(n, node)
    tried = stmts[-1]
    assert isinstance(tried, ast.Try)
    tried.body = node.body
    return out + stmts


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


@lru_cache(maxsize=256)
def _generator(source: str) -> ast.FunctionDef | None:
    try:
        node = ast.parse(source).body[0]
    except (SyntaxError, IndexError):
        return None
    if not isinstance(node, ast.FunctionDef) or len(node.decorator_list) != 1:
        return None
    name = ast.unparse(node.decorator_list[0])
    return node if name in ("contextmanager", "contextlib.contextmanager") else None


def inline(
    node: ast.With, gen: ast.FunctionDef, index: int, caller: ast.FunctionDef | None
) -> list[ast.stmt] | str:
    """``with gen(args) [as x]: body`` over a ``@contextmanager`` generator of the module:
    the generator's statements with ``x = <yielded value>`` and ``body`` in place of its
    ``yield`` (a string: why not). Python throws the body's exception into the generator at
    its ``yield``, runs what follows the ``yield`` when the body ends, and suppresses the
    exception when the generator goes on after catching it: the inlined statements do the
    same. A parameter passed a name is that name (the caller's object itself), one passed any
    other expression a new local; the generator's own locals are renamed ``_cm<N>_<name>``."""
    call = node.items[0].context_expr
    assert isinstance(call, ast.Call)
    given = _arguments(call, gen)
    if isinstance(given, str):
        return given
    body = _strip_doc(gen.body)
    nodes = [n for s in body for n in ast.walk(s)]
    if any(isinstance(n, ast.Return | ast.FunctionDef | ast.ClassDef | ast.Lambda) for n in nodes):
        return f"@contextmanager {gen.name} with return, a nested def or a lambda"
    stores = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    if stores & set(given):
        return f"@contextmanager {gen.name} rebinding a parameter"
    spot = _yield_spot(body)
    if spot is None:
        return f"@contextmanager {gen.name} whose one yield is not a statement of its body or try"
    free = ({n.id for n in nodes if isinstance(n, ast.Name)} - stores - set(given)) & _bound(caller)
    if free:
        return f"@contextmanager {gen.name} reads {sorted(free)[0]}, a local of the caller"
    held = {a.id for a in given.values() if isinstance(a, ast.Name)}
    rebound = sorted(held & {n.id for s in node.body for n in ast.walk(s) if _stores(n)})
    if rebound:
        return f"with {gen.name}(...) whose body rebinds {rebound[0]}, which it was given"
    if _leaves(node.body) and not _nothing_after(body, spot):
        return f"return/break/continue inside with {gen.name}(...): code after its yield runs first"
    computed = [p for p, a in given.items() if not isinstance(a, ast.Name | ast.Constant)]
    prelude: list[ast.stmt] = [
        ast.Assign([ast.Name(f"_cm{index}_{p}", ast.Store())], given[p]) for p in computed
    ]  # a computed argument is a new object: evaluated once, in order, before the body
    given = {
        p: ast.Name(f"_cm{index}_{p}", ast.Load()) if p in computed else a for p, a in given.items()
    }
    subst = _Subst(given, {n: f"_cm{index}_{n}" for n in stores})
    out = prelude + [subst.visit(copy.deepcopy(s)) for s in body]
    i, j = spot[0] + len(prelude), spot[1]
    block = out if j is None else out[i].body  # type: ignore[attr-defined]
    at = i if j is None else j
    yielded = block[at].value.value  # type: ignore[attr-defined]
    target = node.items[0].optional_vars
    head: list[ast.stmt] = []
    if target is not None:
        head = [ast.Assign([target], yielded if yielded is not None else ast.Constant(None))]
    for s in [*out, *head]:
        for n in ast.walk(s):
            ast.copy_location(n, node)
    block[at : at + 1] = head + node.body
    return out


def _arguments(call: ast.Call, gen: ast.FunctionDef) -> dict[str, ast.expr] | str:
    """Parameter -> the name or literal passed (or its literal default)."""
    args = gen.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs or call.keywords:
        return f"@contextmanager {gen.name} with *args, **kwargs or keywords"
    params = [p.arg for p in args.args]
    defaults = dict(zip(params[len(params) - len(args.defaults) :], args.defaults, strict=True))
    if len(call.args) > len(params):
        return f"call of @contextmanager {gen.name} with too many arguments"
    given = dict(zip(params, call.args, strict=False))
    given |= {p: defaults[p] for p in params[len(call.args) :] if p in defaults}
    if len(given) != len(params):
        return f"call of @contextmanager {gen.name} without a value for each parameter"
    return given


def _yield_spot(body: list[ast.stmt]) -> tuple[int, int | None] | None:
    """Where the one ``yield`` statement is: (i, None) for ``body[i]``, (i, j) for
    ``body[i].body[j]`` of a top-level ``try`` (None when elsewhere or not one)."""
    yields = [n for s in body for n in ast.walk(s) if isinstance(n, ast.Yield | ast.YieldFrom)]
    if len(yields) != 1 or not isinstance(yields[0], ast.Yield):
        return None
    for i, s in enumerate(body):
        if isinstance(s, ast.Expr) and s.value is yields[0]:
            return (i, None)
        if isinstance(s, ast.Try):
            for j, t in enumerate(s.body):
                if isinstance(t, ast.Expr) and t.value is yields[0]:
                    return (i, j)
    return None


def _nothing_after(body: list[ast.stmt], spot: tuple[int, int | None]) -> bool:
    """Whether nothing but a ``finally`` runs after the ``yield`` when the body ends."""
    i, j = spot
    if i != len(body) - 1:
        return False
    last = body[i]
    return j is None or (isinstance(last, ast.Try) and not last.orelse and j == len(last.body) - 1)


def _leaves(body: list[ast.stmt]) -> bool:
    """Whether ``body`` can return, or break/continue a loop around it."""
    stack: list[ast.AST] = list(body)
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Return | ast.Break | ast.Continue):
            return True
        if isinstance(n, ast.For | ast.While):
            stack.extend(n.orelse)
            stack.extend(x for x in ast.walk(ast.Module(n.body, [])) if isinstance(x, ast.Return))
        elif not isinstance(n, ast.FunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(n))
    return False


def _bound(fn: ast.FunctionDef | None) -> set[str]:
    """The parameters and assigned names of the calling function."""
    if fn is None:
        return set()
    params = {a.arg for a in ast.walk(fn.args) if isinstance(a, ast.arg)}
    stores = {
        n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    return params | stores


def _stores(n: ast.AST) -> TypeGuard[ast.Name]:
    return isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)


class _Subst(ast.NodeTransformer):
    """Parameters become the caller's arguments, locals their ``_cm<N>_`` names."""

    def __init__(self, given: Mapping[str, ast.expr], renamed: Mapping[str, str]) -> None:
        self.given, self.renamed = given, renamed

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id in self.given:
            return copy.deepcopy(self.given[node.id])
        if node.id in self.renamed:
            return ast.Name(self.renamed[node.id], node.ctx)
        return node
