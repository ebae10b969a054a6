"""Where collecting a finite generator at its call is exact.

The engine collects a finite generator's items into a ``Vec`` when it is called
(front/generators.py); Python runs it lazily, item by item, as its consumer asks. The two
give the same items, but differ wherever the consumer stops early or never starts:
``any(h > 3 for h in halves(xs))``, a ``for`` over it that breaks or returns, ``zip`` with a
shorter iterable, a result bound to a name and then not used on every path (``g = gen(v)``,
``if not flag: return 0``, ``return sum(g)``), or used outside the ``try`` that holds its
binding. There Python never computes the rest of the items, and the Rust computes them all:
if one raises (``10 // 0``) the Rust raises where Python returned, and a generator that
changes its argument (``v.pop()``) has changed it further.

So a generator is *eager-exact* when its body can neither raise nor change an argument:
every statement and expression is of a kind checked here to be total (names, literals,
comparisons, ``+``/``-``/``*``, slices, ``len``/``range``/``zip``/... of such, the safe str and
container methods; no indexing, division, calls of other functions, ``raise`` or ``assert``;
an i64 overflow, a loud panic, is the known limit of ints). Any other generator's result must
be consumed whole, where it is called or right after its binding; :func:`check` refuses the
rest, naming the consumer. A ``for`` loop, a comprehension or a ``map``/``filter`` running the
caller's code while a generator reading a variable the caller changes in place is consumed is
refused too: Python's generator would see the change, the Rust's items were computed before.
"""

from __future__ import annotations

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import has_break, stmt_roots, sub_exprs, walk_stmts

FULL = frozenset({"list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max"})
PARTIAL = frozenset({"any", "all", "next"})
# the wrapping iterators a consumer reaches a generator through: which argument is walked
THROUGH = {"enumerate": 0, "map": 1, "filter": 1}

TOTAL_CALLS = frozenset({"len", "abs", "range", "enumerate", "zip", "reversed", "str", "bool"})
TOTAL_METHODS = frozenset(
    {
        "lower",
        "upper",
        "strip",
        "lstrip",
        "rstrip",
        "startswith",
        "endswith",
        "isdigit",
        "isalpha",
        "isalnum",
        "isspace",
        "islower",
        "isupper",
        "split",
        "splitlines",
        "replace",
        "items",
        "keys",
        "values",
        "get",
        "copy",
        "append",
        "add",
        "extend",
    }
)
TOTAL_BINOPS = frozenset({"+", "-", "*", "|", "&", "^"})


def total(fn: ir.Function) -> bool:
    """Whether ``fn``'s body can neither raise nor leave early in a way that depends on
    more than its items (see the module docstring); parameter modes are checked apart."""
    return all(_total_stmt(s) for s in walk_stmts(fn.body))


def _total_stmt(s: ir.Stmt) -> bool:
    if isinstance(s, ir.Break | ir.Continue | ir.Pass):
        return True
    if isinstance(s, ir.Return):
        return s.value is None
    if isinstance(s, ir.Yield):
        if s.value is None:
            return True
        if s.many:
            return isinstance(s.value, ir.Name)  # ``yield from`` a list variable
        return _total_expr(s.value)
    if isinstance(s, ir.Assign):
        return all(_plain_target(t) for t in s.targets) and _total_expr(s.value)
    if isinstance(s, ir.AugAssign):
        return isinstance(s.target, ir.Name) and s.op in TOTAL_BINOPS and _total_expr(s.value)
    if isinstance(s, ir.If | ir.While):
        return _total_expr(s.test)
    if isinstance(s, ir.For):
        return _plain_target(s.target) and _total_expr(s.iter)
    if isinstance(s, ir.ExprStmt):
        return _total_expr(s.value)
    return False  # raise, assert, try, del, nested defs, ...


def _plain_target(t: ir.Expr) -> bool:
    """A name, or a tuple of names unpacking a tuple (statically of that length)."""
    if isinstance(t, ir.Name):
        return True
    return isinstance(t, ir.Seq) and t.kind == "tuple" and all(_plain_target(x) for x in t.elts)


def _total_expr(e: ir.Expr) -> bool:
    return all(_total_node(x) for x in sub_exprs(e))


def _total_node(e: ir.Expr) -> bool:
    if isinstance(e, ir.Const | ir.Name | ir.Compare | ir.BoolOp | ir.Unary | ir.IfExp):
        return True
    if isinstance(e, ir.Seq | ir.Attr | ir.Lambda | ir.Comp | ir.StructLit):
        return True
    if isinstance(e, ir.BinOp):
        return e.op in TOTAL_BINOPS
    if isinstance(e, ir.Slice):
        return e.step is None or (isinstance(e.step, ir.Const) and e.step.value not in (0, None))
    if isinstance(e, ir.Call):
        if e.func == "range" and len(e.args) == 3:
            step = e.args[2]
            return isinstance(step, ir.Const) and step.value not in (0, None)
        return e.func in TOTAL_CALLS and not e.star
    if isinstance(e, ir.Method):
        return e.name in TOTAL_METHODS
    if isinstance(e, ir.FStr):
        return all(isinstance(p, str) or p.spec == "" for p in e.parts)
    return False  # indexing, calls of other functions, star unpacking, ...


def check(
    body: list[ir.Stmt],
    risky: set[str],
    shots: set[str],
    bound: dict[str, ir.Assign],
    mutated: set[str],
) -> None:
    """Refuse what collecting at the call would change in ``body``: a generator of
    ``risky`` (not eager-exact) consumed in part or bound and not used on every path, and
    any generator of ``shots`` reading a variable of ``mutated`` while the caller's code
    runs during its consumption. Inside a ``try`` an exception of the caller's own code
    may stop the consumption early too: there a risky generator must be taken whole by a
    consuming call at once."""
    guarded = {id(x) for t in walk_stmts(body) if isinstance(t, ir.Try) for x in walk_stmts(t.body)}
    for s in walk_stmts(body):
        for root in stmt_roots(s):
            parents = _parents(root)
            for e in sub_exprs(root):
                if isinstance(e, ir.Call) and e.func in shots and e is not _bound_value(s):
                    if e.func in risky:
                        _whole(e, e, s, parents)
                        if id(s) in guarded:
                            _at_once(e, e, s, parents)
                    _quiet(e, e, s, parents, mutated)
                elif isinstance(e, ir.Name) and e.id in bound and _use(e, bound[e.id]):
                    call = bound[e.id].value
                    assert isinstance(call, ir.Call)
                    if call.func in risky:
                        _whole(e, call, s, parents)
                        _reached(body, bound[e.id], s, e, parents)
                        if id(s) in guarded:
                            _at_once(e, call, s, parents)


def _at_once(e: ir.Expr, call: ir.Expr, s: ir.Stmt, parents: dict[int, ir.Expr]) -> None:
    """Refuse unless a consuming call without key functions takes ``e`` directly."""
    p = parents.get(id(e))
    if isinstance(p, ir.Call) and p.func in FULL and p.args and p.args[0] is e and not p.kwargs:
        return
    if isinstance(p, ir.Method) and p.name == "join" and p.args and p.args[0] is e:
        return
    raise _refuse(call, "consumed inside a try while the caller's code runs", s.line)


def _use(e: ir.Name, binding: ir.Assign) -> bool:
    return not any(t is e for t in binding.targets)


def _bound_value(s: ir.Stmt) -> ir.Expr | None:
    return s.value if isinstance(s, ir.Assign) else None


def _parents(root: ir.Expr) -> dict[int, ir.Expr]:
    """id() of each sub-expression of ``root`` -> the expression directly holding it."""
    out: dict[int, ir.Expr] = {}
    for p in sub_exprs(root):
        seen: set[int] = set()
        for c in list(sub_exprs(p))[1:]:
            if id(c) not in seen:
                out.setdefault(id(c), p)
            seen |= {id(x) for x in sub_exprs(c)}
    return out


def _refuse(call: ir.Expr, what: str, line: int | None) -> Refusal:
    if isinstance(call, ir.Comp):
        subject, where = "generator expression with several `for` clauses", "where it stands"
    else:
        name = call.func if isinstance(call, ir.Call) else "?"
        subject, where = f"result of generator {name}()", "at the call"
    return Refusal(
        Code.CALL,
        f"{subject} {what} (Python runs the generator only as far as it is consumed, and it "
        f"may raise or change an argument; the Rust collects all its items {where})",
        line,
    )


def check_comps(body: list[ir.Stmt]) -> None:
    """Refuse a generator expression with several ``for`` clauses (collected where it
    stands, back/loops.py) that is not eager-exact and not consumed whole; ``any``/``all``
    of one stop at the deciding item in the Rust too (back/loops.py::short_circuit)."""
    for s in walk_stmts(body):
        for root in stmt_roots(s):
            parents: dict[int, ir.Expr] | None = None
            for e in sub_exprs(root):
                if not (isinstance(e, ir.Comp) and e.kind == "gen" and len(e.gens) > 1):
                    continue
                if _total_comp(e):
                    continue
                parents = parents if parents is not None else _parents(root)
                p = parents.get(id(e))
                if isinstance(p, ir.Call) and p.func in ("any", "all") and p.args == [e]:
                    continue
                _whole(e, e, s, parents)


def _total_comp(e: ir.Comp) -> bool:
    """Whether computing all of ``e``'s items can neither raise nor change anything (its
    first iterable is evaluated where it stands in Python too)."""
    parts: list[ir.Expr] = [e.elt] if e.value is None else [e.elt, e.value]
    for i, g in enumerate(e.gens):
        parts += ([g.iter] if i else []) + list(g.conds)
    return all(_total_expr(x) for x in parts)


def _whole(e: ir.Expr, call: ir.Expr, s: ir.Stmt, parents: dict[int, ir.Expr]) -> None:
    """Refuse unless ``e`` (the call, or the variable bound to it) is consumed whole."""
    node = e
    while True:
        p = parents.get(id(node))
        if p is None:
            break
        if isinstance(p, ir.Call) and p.func in FULL and p.args and p.args[0] is node:
            return
        if isinstance(p, ir.Method) and p.name == "join" and p.args and p.args[0] is node:
            return
        if isinstance(p, ir.Call) and p.func in PARTIAL:
            raise _refuse(call, f"consumed only in part, by {p.func}()", s.line)
        if isinstance(p, ir.Call) and p.func == "zip" and len(p.args) > 1:
            raise _refuse(call, "consumed only in part, by zip() with other iterables", s.line)
        if isinstance(p, ir.Call) and p.func in THROUGH:
            at = THROUGH[p.func]
            extra = 1 if p.func == "enumerate" else 0  # enumerate(g, start)
            if not at < len(p.args) <= at + 1 + extra or p.args[at] is not node:
                raise _refuse(call, f"consumed only in part, by {p.func}()", s.line)
        elif isinstance(p, ir.Comp) and p.gens[0].iter is node:
            if p.kind != "gen":
                return  # a list, set or dict comprehension runs to the end
        elif not (isinstance(p, ir.Call) and p.func == "zip"):
            raise _refuse(call, "consumed other than whole", s.line)
        node = p
    if isinstance(s, ir.For) and s.iter is node:
        leaves = [x for x in walk_stmts(s.body) if isinstance(x, ir.Return)]
        if has_break(s.body) or leaves:
            raise _refuse(call, "consumed by a loop that may stop early", s.line)
        return
    if isinstance(s, ir.Yield) and s.many and s.value is node:
        return
    raise _refuse(call, "consumed other than whole", s.line)


def _quiet(
    call: ir.Call, e: ir.Expr, s: ir.Stmt, parents: dict[int, ir.Expr], mutated: set[str]
) -> None:
    """Refuse a generator reading a variable the function changes in place, unless a
    consuming call takes it whole at once (no code of the caller runs in between)."""
    args = [*call.args, *call.kwargs.values()]
    changed = sorted({x.id for a in args for x in sub_exprs(a) if isinstance(x, ir.Name)} & mutated)
    if not changed:
        return
    p = parents.get(id(e))
    if isinstance(p, ir.Call) and p.func in FULL | PARTIAL and p.args and p.args[0] is e:
        return
    if isinstance(p, ir.Method) and p.name == "join" and p.args and p.args[0] is e:
        return
    raise _refuse(
        call,
        f"consumed while the caller runs code and {changed[0]}, which it reads lazily, is "
        "changed in place in the function",
        s.line,
    )


def _reached(
    body: list[ir.Stmt], binding: ir.Assign, s: ir.Stmt, use: ir.Expr, parents: dict[int, ir.Expr]
) -> None:
    """Refuse a bound result not used on every path from its binding: the use must be in a
    later statement of the binding's own block, nothing between may leave it, and within
    its statement the use must be evaluated unconditionally."""
    block = _block_of(body, binding)
    assert block is not None
    call = binding.value
    at = next((i for i, x in enumerate(block) if x is s), -1)
    start = next(i for i, x in enumerate(block) if x is binding)
    if at <= start:
        raise _refuse(call, "bound to a variable used only on some paths", s.line)
    between = block[start + 1 : at]
    if any(
        isinstance(x, ir.Return | ir.Raise | ir.Break | ir.Continue) for x in walk_stmts(between)
    ):
        raise _refuse(call, "bound to a variable, and a path leaves before its use", s.line)
    node: ir.Expr = use
    while (p := parents.get(id(node))) is not None:
        conditional = (
            (isinstance(p, ir.IfExp) and p.test is not node)
            or (isinstance(p, ir.BoolOp) and p.values[0] is not node)
            or (isinstance(p, ir.Comp) and p.gens[0].iter is not node)
            or isinstance(p, ir.Lambda)
        )
        if conditional:
            raise _refuse(call, "bound to a variable used only on some paths", s.line)
        node = p


def _block_of(body: list[ir.Stmt], s: ir.Stmt) -> list[ir.Stmt] | None:
    """The statement list holding ``s`` (in ``body`` or a block nested in it)."""
    if any(x is s for x in body):
        return body
    for x in body:
        blocks = [getattr(x, a, []) for a in ("body", "orelse", "finalbody")]
        blocks += [h.body for h in getattr(x, "handlers", [])]
        for b in blocks:
            if isinstance(b, list):
                found = _block_of(b, s)
                if found is not None:
                    return found
    return None
