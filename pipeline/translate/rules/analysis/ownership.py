"""Pass 3: who mutates what — parameter modes and aliasing checks.

Python shares mutable objects between names; Rust values do not. This pass finds every variable
mutated in place (``xs.append``, ``xs[i] = v``, ``d[k] += 1``, a sibling's ``&mut`` argument)
and refuses programs whose meaning depends on sharing: a mutated variable bound to an existing
container, or a container copied out of one that is later mutated. Parameters get their
passing mode: mutated -> ``mut``, rebound -> ``value``, Copy types -> ``value``, else ``ref``.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.pytypes import OPT_MUT, PyType, is_class
from pipeline.translate.rules.analysis import nonedefault
from pipeline.translate.rules.analysis.facts import Ownership, Signature, Typed
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names as assigned_names_of
from pipeline.translate.rules.ir.walk import (
    function_exprs,
    stmt_exprs,
    sub_exprs,
    target_names,
    walk_stmts,
)
from pipeline.translate.rules.types import handles
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.tables import HEAP_MUTATORS

MUTATORS = {
    "list": {"append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear"},
    "dict": {"setdefault", "pop", "update", "clear", "popitem"},
    "defaultdict": {"setdefault", "pop", "update", "clear", "popitem"},
    "Counter": {"setdefault", "pop", "update", "clear", "popitem"},
    "OrderedDict": {"setdefault", "pop", "update", "clear", "popitem", "move_to_end"},
    "deque": {"append", "appendleft", "pop", "popleft", "extend", "rotate", "clear", "remove"},
    "set": {"add", "discard", "remove", "update", "pop", "clear"},
}
ALIASING_METHODS = {"get", "setdefault"}
STORES = {"append", "insert", "add", "setdefault", "appendleft"}
MUTATING_MODES = ("mut", OPT_MUT)  # a callee changes the argument passed by these modes


def root(e: ir.Expr) -> str | None:
    """The variable a place expression lives in (``grid[i][j]`` -> ``grid``)."""
    while isinstance(e, ir.Index | ir.Attr | ir.Slice):
        e = e.obj
    if isinstance(e, ir.Method) and e.name in ALIASING_METHODS:
        return root(e.obj)
    return e.id if isinstance(e, ir.Name) else None


def is_alias(e: ir.Expr) -> bool:
    """Whether ``e`` may evaluate to an object some other name also holds."""
    if e.ty is None or not T.contains_mutable(e.ty):
        return False
    if isinstance(e, ir.Name | ir.Index | ir.Attr):
        return True
    if isinstance(e, ir.Method) and e.name in ALIASING_METHODS:
        return True
    if isinstance(e, ir.IfExp):
        return is_alias(e.body) or is_alias(e.orelse)
    return isinstance(e, ir.BoolOp) and any(is_alias(v) for v in e.values)


def loop_source(s: ir.For) -> ir.Name | None:
    """The container a loop walks directly (``xs`` or ``d.values()``), if it is a name."""
    it = s.iter
    if isinstance(it, ir.Name):
        return it
    if (
        isinstance(it, ir.Method)
        and it.name == "values"
        and not it.args
        and isinstance(it.obj, ir.Name)
    ):
        return it.obj
    return None


def alias_sources(e: ir.Expr) -> set[str]:
    """Variables whose mutable objects the value of ``e`` may share (conservative)."""
    if isinstance(e, ir.IfExp):
        return alias_sources(e.body) | alias_sources(e.orelse)
    if isinstance(e, ir.BoolOp):
        return set().union(*(alias_sources(v) for v in e.values))
    if isinstance(e, ir.Call) and e.func == "copy.deepcopy":
        return set()  # shares nothing with its argument
    name = root(e)
    if name is not None and is_alias(e):
        return {name}
    item = T.elem(e.ty) if e.ty is not None else None
    if item is not None and T.contains_mutable(item) and not _fresh_items(e):
        # a container of containers built from others (``[r for r in grid]``) shares them
        return {
            n.id
            for n in sub_exprs(e)
            if isinstance(n, ir.Name) and n.ty is not None and T.contains_mutable(n.ty)
        }
    return set()


def _fresh_items(e: ir.Expr) -> bool:
    """Displays/comprehensions whose items are all freshly built (``[[0] * n for ...]``)."""
    if isinstance(e, ir.Comp):
        return not alias_sources(e.elt) and not (e.value is not None and alias_sources(e.value))
    if isinstance(e, ir.Seq):
        return all(not alias_sources(x) and not isinstance(x, ir.Name) for x in e.elts)
    return False


def stored_again(body: list[ir.Stmt], stores: list[ir.Name]) -> list[ir.Name]:
    """The ``stores`` made inside a loop whose body does not bind the stored name."""
    out: list[ir.Name] = []
    for loop in walk_stmts(body):
        if not isinstance(loop, ir.For | ir.While):
            continue
        inside = {id(x) for s in walk_stmts(loop.body) for e in stmt_exprs(s) for x in sub_exprs(e)}
        bound = assigned_names_of(loop.body)
        if isinstance(loop, ir.For):
            bound |= set(target_names(loop.target))
        out += [n for n in stores if id(n) in inside and n.id not in bound]
    return out


def read_later(fn: ir.Function, stores: list[ir.Name]) -> set[int]:
    """The ids of the ``stores`` whose name appears again after them in source order."""
    order = [x for e in function_exprs(fn) for x in sub_exprs(e)]
    at = {id(x): i for i, x in enumerate(order)}
    last = {x.id: i for i, x in enumerate(order) if isinstance(x, ir.Name)}
    return {id(n) for n in stores if last.get(n.id, -1) > at.get(id(n), len(order))}


def place_key(e: ir.Expr) -> tuple[object, ...] | None:
    """A structural key of a place ``xs[i]`` / ``grid[i + 1]`` whose index reads only names and
    constants (so storing into one such place cannot move another), else None."""

    def index_key(x: ir.Expr) -> tuple[object, ...] | None:
        if isinstance(x, ir.Name):
            return ("name", x.id)
        if isinstance(x, ir.Const) and type(x.value) is int:
            return ("int", x.value)
        if isinstance(x, ir.Unary) and x.op == "-":
            inner = index_key(x.operand)
            return None if inner is None else ("neg", inner)
        if isinstance(x, ir.BinOp) and x.op in ("+", "-", "*", "//", "%"):
            a, b = index_key(x.left), index_key(x.right)
            return None if a is None or b is None else (x.op, a, b)
        return None

    if not isinstance(e, ir.Index) or not isinstance(e.obj, ir.Name):
        return None
    if (e.obj.ty or T.NONE).name != "list":
        return None
    key = index_key(e.index)
    return None if key is None else (e.obj.id, key)


def permutes(target: ir.Seq, value: ir.Expr) -> bool:
    """``xs[i], xs[j] = xs[j], xs[i]`` (any permutation of list places, indices read only
    names and constants none of the targets rebinds): the values are read before any store
    and each object ends in exactly one place, so nothing is shared that Python would not
    share — the Rust copies equal the objects moved."""
    if not isinstance(value, ir.Seq) or len(value.elts) != len(target.elts):
        return False
    keys = [place_key(x) for x in target.elts]
    reads = [place_key(x) for x in value.elts]
    if any(k is None for k in keys) or len(set(keys)) != len(keys):
        return False
    return sorted(map(repr, keys)) == sorted(map(repr, reads))


class Analyzer:
    """Collects mutations and bindings, then decides modes and refuses aliasing."""

    def __init__(self, typed: Typed, sigs: Callable[[str], Signature | None]) -> None:
        self.typed = typed
        self.sigs = sigs
        self.own = Ownership()
        self.bindings: list[tuple[str, ir.Expr, int | None]] = []
        self.shared_stores: list[tuple[ir.Expr, bool]] = []
        self.candidates: list[ir.For] = []
        self.stores: list[ir.Name] = []  # locals put inside a container
        self.deep = False  # something changes an item of a container in place

    def run(self) -> Ownership:
        """Analyse the function body."""
        body = self.typed.fn.body
        for s in walk_stmts(body):
            self.stmt(s)
            for e in stmt_exprs(s):
                self.expr(e)
        self.settle_loops()
        self.settle_stores(body)
        self.check_aliasing()
        self.check_shared_state()
        for value, display in self.shared_stores:
            sources = alias_sources(value)
            risky = self.own.mutated if display else self.own.mutated | set(self.typed.params)
            if sources & risky:
                raise Refusal(
                    Code.ALIASING,
                    f"a mutable value from {sorted(sources)[0]} is stored in "
                    "another container (Python would share it)",
                    value.line,
                )
        self.own.moved |= {n for n in self.own.mutated if n not in self.typed.params}
        nodes = self.node_names()
        self.own.moved -= nodes  # a node is shared, so never moved: cloned
        self.own.mutated -= nodes  # changed through its handle: no `mut` binding needed
        self.decide_modes(body)
        return self.own

    def mutate(self, e: ir.Expr, callee: bool = False) -> None:
        """Record an in-place change of the object ``e`` denotes (``callee``: a sibling's
        ``&mut`` argument, which may change the items too)."""
        if not isinstance(e, ir.Name) or (callee and T.contains_mutable(e.ty or T.NONE)):
            self.deep = self.deep or T.contains_mutable(e.ty or T.NONE)
        name = root(e)
        if name is not None:
            self.own.mutated.add(name)

    def write(self, name: str) -> None:
        """Record one binding site of ``name``."""
        self.own.write_count[name] = self.own.write_count.get(name, 0) + 1
        if self.own.write_count[name] > 1 or name in self.typed.params:
            self.own.rebound.add(name)

    def stmt(self, s: ir.Stmt) -> None:
        """Mutations and bindings made by one statement."""
        if isinstance(s, ir.Assign):
            for t in s.targets:
                self.assign_target(t, s.value, s.line)
        elif isinstance(s, ir.AugAssign):
            self.aug(s)
        elif isinstance(s, ir.For):
            if self.in_place_candidate(s):
                self.candidates.append(s)
                assert isinstance(s.target, ir.Name)  # in_place_candidate checked it
                self.write(s.target.id)
                return
            for n in target_names(s.target):
                self.write(n)
                self.bindings.append((n, s.iter, s.line))
        elif isinstance(s, ir.Delete):
            for t in s.targets:
                self.mutate(t.obj if isinstance(t, ir.Index) else t)

    def assign_target(self, t: ir.Expr, value: ir.Expr, line: int | None) -> None:
        """A store into ``t``: a binding for names, a mutation for places."""
        if isinstance(t, ir.Name):
            self.write(t.id)
            self.bindings.append((t.id, value, line))
        elif isinstance(t, ir.StarUnpack):
            for n in (*t.before, t.star, *t.after):
                self.assign_target(n, value, line)
        elif isinstance(t, ir.Seq):
            if permutes(t, value):  # ``xs[i], xs[j] = xs[j], xs[i]``: each object stays once
                for sub in t.elts:
                    self.mutate(sub.obj if isinstance(sub, ir.Index) else sub)
                self.own.transient |= {id(value), id(t)}  # items copied from the places read
                return
            parts = (
                value.elts
                if isinstance(value, ir.Seq) and len(value.elts) == len(t.elts)
                else [value] * len(t.elts)
            )
            for sub, v in zip(t.elts, parts, strict=True):
                self.assign_target(sub, v, line)
        elif isinstance(t, ir.Slice):
            self.mutate(t.obj)  # the items are copied in: only mutable items are shared
            if T.contains_mutable(T.elem(value.ty or T.NONE) or T.NONE) and alias_sources(value):
                self.shared_stores.append((value, False))
        else:
            self.mutate(t.obj if isinstance(t, ir.Index | ir.Attr) else t)
            self.stored(value)

    def in_place_candidate(self, s: ir.For) -> bool:
        """``for row in grid`` / ``for v in d.values()`` over mutable items: maybe changed
        in place through the loop variable (decided once all mutations are known)."""
        t = s.target
        if not isinstance(t, ir.Name) or t.ty is None or not T.is_mutable(t.ty):
            return False
        source = loop_source(s)
        return source is not None and (source.ty or T.NONE).name in ("list", *T.DICTLIKE)

    def settle_loops(self) -> None:
        """Loops whose variable is changed in place (and never rebound) iterate ``&mut``
        items; the others are ordinary bindings checked for aliasing."""
        for s in self.candidates:
            assert isinstance(s.target, ir.Name)  # in_place_candidate checked it
            name = s.target.id
            source = loop_source(s)
            assert source is not None
            if name in self.own.mutated and name not in assigned_names_of(s.body):
                self.own.in_place.add(id(s))
                self.deep = True
                self.own.mutated.add(source.id)
            else:
                self.bindings.append((name, s.iter, s.line))

    def stored(self, value: ir.Expr, display: bool = False) -> None:
        """A value put inside a container: Python shares it, so a local is moved, never
        cloned (rustc then rejects any later use; loops: ``settle_stores``), and an element
        of another container cannot be shared at all."""
        if value.ty is None or not T.contains_mutable(value.ty):
            return
        if isinstance(value, ir.Name) and value.id not in self.typed.params:
            self.stores.append(value)
        elif alias_sources(value):
            # a display only shares with its sources (bindings of it are checked as aliases);
            # a store into an existing container also shares with whatever it came from
            self.shared_stores.append((value, display))

    def settle_stores(self, body: list[ir.Stmt]) -> None:
        """Stored locals are moved, except one stored on every pass of a loop that does not
        bind it again, or bound once and read after the store: Rust cannot use it after a
        move, so a copy is stored, which equals Python's one shared object only while nothing
        changes that object in place."""
        again = {id(n) for n in stored_again(body, self.stores)}
        later = read_later(self.typed.fn, self.stores)
        unchanged = not self.deep
        for n in self.stores:
            if id(n) not in again:
                once = self.own.write_count.get(n.id) == 1 and n.id not in self.own.mutated
                if not (id(n) in later and once and unchanged):
                    self.own.moved.add(n.id)
            elif n.id in self.own.mutated or self.deep:
                raise Refusal(
                    Code.ALIASING,
                    f"{n.id} is stored into a container on every pass of a loop while "
                    "objects are changed in place (Python shares the one object)",
                    n.line,
                )

    def aug(self, s: ir.AugAssign) -> None:
        """``x op= v``: in place for lists/sets (and places), a rebinding for values."""
        t = s.target
        if isinstance(t, ir.Name):
            if t.ty is not None and T.is_mutable(t.ty):
                self.own.mutated.add(t.id)
            else:
                self.write(t.id)
        else:
            self.mutate(t.obj if isinstance(t, ir.Index | ir.Attr) else t)

    def expr(self, e: ir.Expr) -> None:
        """Mutations made by calls inside an expression."""
        call = self.typed.facts.calls.get(id(e))
        if isinstance(call, ir.Call) and isinstance(e, ir.Method | ir.BinOp | ir.Attr):
            sig = self.sigs(call.func)  # a method of a translated class: self by its mode
            for (_n, _t, mode), arg in zip(sig.params if sig else [], call.args, strict=False):
                if mode in MUTATING_MODES:
                    self.mutate(arg, callee=True)
            return
        if isinstance(e, ir.Method) and e.obj.ty is not None:
            if e.name in MUTATORS.get(e.obj.ty.name, ()):
                self.mutate(e.obj)
            if e.name in STORES:
                for arg in e.args:
                    self.stored(arg)
            if (
                e.name == "extend"
                and e.args
                and alias_sources(e.args[0])
                and T.contains_mutable(T.elem(e.args[0].ty or T.NONE) or T.NONE)
            ):
                raise Refusal(
                    Code.ALIASING,
                    "extending with the mutable items of another container shares them",
                    e.line,
                )
        elif isinstance(e, ir.Compare):
            self.own.transient |= {
                id(x) for x in (e.left, *e.rights) if isinstance(x, ir.Seq | ir.DictLit)
            }
        elif isinstance(e, ir.Seq | ir.DictLit) and id(e) not in self.own.transient:
            for item in e.elts if isinstance(e, ir.Seq) else e.values:
                self.stored(item, display=True)
        elif isinstance(e, ir.Index) and (e.obj.ty or T.NONE).name == "defaultdict":
            self.mutate(e.obj)  # reading a missing key inserts the default
        elif isinstance(e, ir.Call) and e.func in HEAP_MUTATORS:
            self.mutate(e.args[0])
        elif isinstance(e, ir.Call):
            sig = self.sigs(e.func)
            if sig is not None:
                self.check_kept(e, sig)
                for (_n, _t, mode), arg in zip(sig.params, e.args, strict=False):
                    if mode in MUTATING_MODES:
                        self.mutate(arg, callee=True)

    def check_kept(self, e: ir.Call, sig: Signature) -> None:
        """A constructor keeps its arguments in the new object: Python shares a mutable
        argument between the object and the caller's name, Rust would copy it."""
        if not (is_class(sig.returns) and sig.returns.name == e.func):
            return
        if e.star:  # the items are passed, not the sequence
            if T.contains_mutable(T.elem(e.args[0].ty or T.NONE) or T.NONE):
                raise Refusal(
                    Code.ALIASING,
                    f"{e.func}(*...) with mutable items (the object would share them)",
                    e.line,
                )
            return
        for arg in e.args:
            if is_alias(arg):
                raise Refusal(
                    Code.ALIASING,
                    f"argument {root(arg) or 'value'} of {e.func}(...) is "
                    "kept by the new object (Python would share it)",
                    e.line,
                )

    def shared_by_call(self, value: ir.Expr) -> set[str]:
        """Variables whose objects a call's result may be: the arguments for the callee's
        parameters that it returns (``def first(xs): return xs`` shares ``xs``)."""
        call = self.typed.facts.calls.get(id(value), value)
        if not isinstance(call, ir.Call):
            return set()
        sig = self.sigs(call.func)
        if sig is None or not sig.shares:
            return set()
        out: set[str] = set()
        for (name, _t, _mode), arg in zip(sig.params, call.args, strict=False):
            if name in sig.shares:
                out |= alias_sources(arg)
        return out

    def check_aliasing(self) -> None:
        """Refuse bindings whose sharing Rust would not reproduce."""
        mutated = self.own.mutated
        for name, value, line in self.bindings:
            ty = self.typed.locals.get(name) or self.typed.params.get(name)
            if ty is None or not T.contains_mutable(ty):
                continue
            for source in sorted(alias_sources(value) | self.shared_by_call(value)):
                local_name = isinstance(value, ir.Name) and source not in self.typed.params
                if local_name and (name in mutated or source in mutated):
                    self.own.moved.add(source)  # a move: rustc rejects any later use of source
                    continue
                if name in mutated or source in mutated:
                    changed = name if name in mutated else source
                    raise Refusal(
                        Code.ALIASING,
                        f"{name} shares a mutable object with {source} and "
                        f"{changed} is changed in place",
                        line,
                    )

    def check_shared_state(self) -> None:
        """Python keeps module constants and mutable defaults between calls; Rust re-creates
        them on every call, so changing one in place cannot be translated."""
        for name in sorted(self.own.mutated & set(self.typed.constants)):
            raise Refusal(
                Code.ALIASING,
                f"module-level {name} is changed in place (state kept between calls)",
                self.typed.fn.line,
            )
        for p in self.typed.fn.params:
            if (
                p.default is not None
                and p.name in self.own.mutated
                and not (isinstance(p.default, ir.Const) and p.default.value is None)
            ):
                raise Refusal(
                    Code.ALIASING,
                    f"mutable default of parameter {p.name} is changed in "
                    "place (shared between calls)",
                    p.line,
                )

    def node_names(self) -> set[str]:
        """Locals and parameters holding nodes (a clone is another reference)."""
        names = {**self.typed.locals, **self.typed.params}
        return {n for n, t in names.items() if handles.is_handle(t)}

    def decide_modes(self, body: list[ir.Stmt]) -> None:
        """Passing mode of each parameter."""
        for p in self.typed.fn.params:
            ty = p.ty or T.NONE
            if handles.is_handle(ty) and not p.star:
                # a shared reference: taken by value (a new reference to the same object);
                # a method's ``&self`` changes its object through the handle
                mode = "ref" if p.name == "self" else "value"
            elif (
                p.name in self.own.mutated
                and p.name in self.own.rebound
                and nonedefault.applies(
                    self.typed,
                    p,
                    self.own.write_count.get(p.name, 0),
                    function_exprs(self.typed.fn),
                )
            ):
                mode = OPT_MUT  # ``if p is None: p = {}`` (nonedefault.py)
            elif p.name in self.own.mutated and p.star == "**":
                mode = _fresh_kwargs(p, ty)
            elif p.name in self.own.mutated:
                if p.name in self.own.rebound and not _rebound_first(p.name, body):
                    idiom = isinstance(p.default, ir.Const) and p.default.value is None
                    note = (
                        (
                            " (the `None` default idiom is translated only as a first "
                            f"`if {p.name} is None: {p.name} = <new container>` and no other "
                            f"binding of {p.name})"
                        )
                        if idiom
                        else ""
                    )
                    raise Refusal(
                        Code.ALIASING,
                        f"parameter {p.name} is both changed in place and rebound{note}",
                        p.line,
                    )
                mode = "value" if p.name in self.own.rebound else "mut"
            elif p.name in self.own.rebound or T.is_copy(ty) or ty.name in ("Callable", "Iterator"):
                mode = "value"  # ``impl Fn`` / ``impl IntoIterator``, taken by value
            else:
                mode = "ref"
            self.own.modes[p.name] = mode


def _fresh_kwargs(p: ir.Param, ty: PyType) -> str:
    """A ``**kwargs`` dict changed in place: Python made it for this call, so it is taken by
    value (the caller's keywords stay as they were); its values are the caller's own
    objects, so mutable ones would have to change for the caller too: refused."""
    value = ty.args[1] if len(ty.args) == 2 else T.NONE
    if not (T.is_copy(value) or value.name == "str"):
        raise Refusal(
            Code.ALIASING,
            f"**{p.name} is changed in place and holds mutable values ({value.render()}): "
            "Python's dict is new for each call, its values are the caller's",
            p.line,
        )
    return "value"


def _rebound_first(name: str, body: list[ir.Stmt]) -> bool:
    """Whether the function starts by rebinding ``name`` (``xs = list(xs)``)."""
    for s in body:
        if isinstance(s, ir.Pass):
            continue
        return isinstance(s, ir.Assign) and any(
            isinstance(t, ir.Name) and t.id == name for t in s.targets
        )
    return False


def returned_params(typed: Typed) -> tuple[str, ...]:
    """Parameters whose mutable objects a ``return`` hands back (so callers share them)."""
    params = set(typed.params)
    found: set[str] = set()
    for s in walk_stmts(typed.fn.body):
        if isinstance(s, ir.Return) and s.value is not None:
            found |= alias_sources(s.value) & params
    return tuple(sorted(found))


def analyze(typed: Typed, sigs: Callable[[str], Signature | None]) -> Ownership:
    """Run the ownership pass."""
    return Analyzer(typed, sigs).run()
