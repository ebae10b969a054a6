"""Type inference of statements: one method per IR statement node (``s_<Node>``) and the block
that dispatches to them, mixed into Infer. Bindings, narrowing and loop targets live here."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from pipeline.pytypes import PyType, is_class
from pipeline.translate.rules.analysis.facts import ClassLookup, NodeFacts, Signature
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    assigned_names,
    none_tests,
    show,
    stmt_exprs,
    stmt_reads,
    store_targets,
    sub_exprs,
    target_names,
    walk_stmts,
)
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T


class InferStatements:
    """Inference's ``s_<Node>`` rules, and the block that dispatches to them."""

    if TYPE_CHECKING:  # what it uses of its host, Infer (declared for mypy)
        classes: ClassLookup
        env: dict[str, PyType]
        facts: NodeFacts
        floats: set[str]
        fn: ir.Function
        int_floats: set[str]
        local_sigs: dict[str, Signature]
        narrowed: set[str]
        nodes: list[ir.Expr]
        params: dict[str, PyType]
        ret: PyType | None
        returns_seen: list[PyType]
        u: T.Unifier

        def bind_target(self, target: ir.Expr, t: PyType, line: int | None) -> None: ...
        def check_frozen(self, target: ir.Expr, line: int | None) -> None: ...
        def cond(self, e: ir.Expr) -> PyType: ...
        def expect(self, e: ir.Expr, want: PyType, what: str) -> None: ...
        def expr(self, e: ir.Expr) -> PyType: ...
        def fits(self, want: PyType, got: PyType) -> bool: ...
        def promotable(self, name: str, old: PyType, new: PyType) -> bool: ...
        def property_store(self, s: ir.Assign) -> bool: ...
        def show(self, t: PyType) -> str: ...

    # ------------------------------------------------------------ statements
    def block(self, stmts: list[ir.Stmt]) -> None:
        """Type a statement list (a ``None`` test that exits narrows the rest)."""
        saved = set(self.narrowed)
        for i, s in enumerate(stmts):
            getattr(self, "s_" + type(s).__name__)(s)
            if isinstance(s, ir.If) and not s.orelse:
                rest = stmts[i + 1 :]
                for name in none_tests(s.test, positive=False):
                    if _exits(s.body) or _assigns_value(s.body, name):
                        self.narrow(name, rest)
            elif _assigns_value([s], "") and self.holds_value(s):
                self.narrow(s.targets[0].id, stmts[i + 1 :])  # type: ignore[attr-defined]
        self.narrowed = saved

    def transposed(self, s: ir.Assign) -> bool:
        """``a, b = zip(*pairs)`` with pairs a list of 2-tuples: the columns (a tuple each);
        typed here, as only this unpacking makes one type per column."""
        v = s.value
        target = s.targets[0] if len(s.targets) == 1 else None
        if not (
            isinstance(v, ir.Call)
            and v.func == "zip"
            and v.star
            and len(v.args) == 1
            and isinstance(target, ir.Seq)
            and "zip" not in self.local_sigs
        ):
            return False
        rows = self.u.resolve(self.expr(v.args[0]))
        row = self.u.resolve(T.elem(rows) or T.NONE) if rows.name != "set" else T.NONE
        if row.name != "tuple" or len(row.args) != len(target.elts):
            raise Refusal(
                Code.CALL,
                f"{len(target.elts)} names = zip(*{self.show(rows)}) (only "
                "a list of tuples of that size is transposed)",
                s.line,
            )
        v.ty = T.tuple_of(*(PyType("tuple...", (a,)) for a in row.args))
        self.facts.transposed.add(id(v))
        self.nodes.append(v)
        return True

    def holds_value(self, s: ir.Stmt) -> bool:
        """``current = text.strip()`` on an Optional local: not None until rebound."""
        assert isinstance(s, ir.Assign)
        name = s.targets[0].id  # type: ignore[attr-defined]
        have = self.u.resolve(self.env.get(name, T.NONE))
        value = self.u.resolve(s.value.ty or T.NONE)
        return (
            have.name == "Optional"
            and value.name not in ("Optional", "None")
            and not (T.is_var(value))
        )

    def narrow(self, name: str, region: list[ir.Stmt]) -> None:
        """Treat ``name`` as holding a value in ``region`` unless it is rebound there; a
        dotted ``node.left`` (a node's child) only where ``region`` neither rebinds ``node``,
        stores to any ``.left``, nor calls anything but builtins and container methods
        (nothing there can change the child; a wrong guess would still only panic, never
        return another value: its read is an ``expect``)."""
        base, _, attr = name.partition(".")
        if base in assigned_names(region):
            return
        if attr and not _keeps_attribute(region, attr):
            return
        self.narrowed.add(name)

    def narrowed_block(self, stmts: list[ir.Stmt], names: list[str]) -> None:
        """Type a branch in which ``names`` are known not to be None."""
        saved = set(self.narrowed)
        for n in names:
            self.narrow(n, stmts)
        self.block(stmts)
        self.narrowed = saved

    def s_Assign(self, s: ir.Assign) -> None:
        if self.property_store(s):
            return
        if s.ann is not None:
            self.expect(s.value, s.ann, "assignment")
            got = self.u.resolve(s.value.ty or T.NONE)
            # ``d: Dict[K, V] = defaultdict(list)``: the object keeps its missing-key default
            keeps = s.ann.name == "dict" and got.name in ("defaultdict", "Counter")
            t = got if keeps else s.ann
        elif self.transposed(s):
            t = s.value.ty or T.NONE
        elif (
            isinstance(s.value, ir.BoolOp)
            and len(s.targets) == 1
            and isinstance(s.targets[0], ir.Name)
            and only_tested(self.fn, s.targets[0].id)
        ):
            t = self.cond(s.value)  # ``flag = a and b`` only ever tested: its truth is all
        else:
            t = self.expr(s.value)
        if self.int_into_float(s, t):
            return
        for target in s.targets:
            if (
                t.name == "None"
                and isinstance(target, ir.Name)
                and target.id not in self.env
                and target.id not in self.params
            ):
                # ``found = None`` then ``found = x`` later: an Optional of what comes later
                self.env[target.id] = T.optional(self.u.fresh())
            self.none_slots(s, target, t)
            self.bind_target(target, t, s.line)

    def int_into_float(self, s: ir.Assign, t: PyType) -> bool:
        """``low = v`` (an int) where the local ``low`` is a float (``float("inf")``): held as
        the f64 equal to the int, its uses checked (analysis/intfloats.py)."""
        if len(s.targets) != 1 or not isinstance(s.targets[0], ir.Name) or s.ann is not None:
            return False
        name = s.targets[0].id
        old = self.env.get(name)
        if (
            old is None
            or name in self.params
            or name in self.floats
            or intmode.big()
            or self.u.resolve(old).name != "float"
            or self.u.resolve(t).name != "int"
        ):
            return False
        self.int_floats.add(name)
        self.facts.exact_floats.add(id(s.value))
        s.targets[0].ty = T.FLOAT
        self.nodes.append(s.targets[0])
        return True

    def none_slots(self, s: ir.Assign, target: ir.Expr, t: PyType) -> None:
        """``best, score = None, None``: as ``best = None`` for each new name given None
        that another statement assigns (one only ever None keeps its None type)."""
        t = self.u.resolve(t)
        if not isinstance(target, ir.Seq) or t.name != "tuple" or len(t.args) != len(target.elts):
            return
        later = {
            name
            for st in walk_stmts(self.fn.body)
            if isinstance(st, ir.Assign) and st is not s
            for tg in st.targets
            for name in target_names(tg)
        }
        for elt, part in zip(target.elts, t.args, strict=True):
            if (
                isinstance(elt, ir.Name)
                and elt.id in later
                and self.u.resolve(part).name == "None"
                and elt.id not in self.env
                and elt.id not in self.params
            ):
                self.env[elt.id] = T.optional(self.u.fresh())

    def s_AugAssign(self, s: ir.AugAssign) -> None:
        if isinstance(s.target, ir.Attr) and is_class(self.u.resolve(self.expr(s.target.obj))):
            model = self.classes(self.u.resolve(self.expr(s.target.obj)).name)
            if model is not None and s.target.name not in model.fields:
                raise Refusal(
                    Code.CLASS_FORM, f"augmented assignment to property {s.target.name}", s.line
                )
        if is_class(self.u.resolve(self.expr(s.target))):
            raise Refusal(
                Code.OPERATOR,
                f"augmented assignment {s.op}= on an object (Python may "
                "change it in place or rebind it)",
                s.line,
            )
        self.seed_unknown_item(s)
        fake = ir.BinOp(s.op, s.target, s.value, line=s.line)
        t = self.expr(fake)
        self.check_frozen(s.target, s.line)
        have = self.u.resolve(s.target.ty or t)
        if isinstance(s.target, ir.Name) and self.promotable(s.target.id, have, t):
            raise Promote(s.target.id)
        if not self.fits(have, t):
            raise Refusal(
                Code.TYPE_CHANGE,
                f"`{show(s.target)} {s.op}= ...` changes its type from "
                f"{self.show(have)} to {self.show(t)}",
                s.line,
            )

    def seed_unknown_item(self, s: ir.AugAssign) -> None:
        """``counts[k] += 1`` before anything says the dict's value type (``if k in counts:
        counts[k] += 1`` then ``else: counts[k] = 1``): the item is typed as the operand
        (``+=``/``-=`` an int or float, ``+=`` a str), as its later ``counts[k] = 1`` would; a
        later store of another type is then refused as a type change, never converted."""
        if not isinstance(s.target, ir.Index) or s.op not in ("+", "-"):
            return
        owner = self.u.resolve(self.expr(s.target.obj))
        if owner.name not in ("dict", "list") or not T.is_var(self.u.resolve(owner.args[-1])):
            return
        got = self.u.resolve(self.expr(s.value))
        if got.name in ("int", "float") or (got.name == "str" and s.op == "+"):
            self.u.unify(owner.args[-1], got)

    def s_If(self, s: ir.If) -> None:
        self.cond(s.test)
        self.narrowed_block(s.body, none_tests(s.test, positive=True))
        self.narrowed_block(s.orelse, none_tests(s.test, positive=False))

    def s_While(self, s: ir.While) -> None:
        self.cond(s.test)
        self.block(s.body)
        self.block(s.orelse)

    def s_For(self, s: ir.For) -> None:
        it = self.expr(s.iter)
        item = self.item_type(it, s.iter)
        self.bind_target(s.target, item, s.line)
        self.block(s.body)
        self.block(s.orelse)

    def item_type(self, t: PyType, where: ir.Expr) -> PyType:
        """Element type when iterating a value of type ``t``."""
        t = self.u.resolve(t)
        item = T.elem(t)
        if item is None:
            raise Refusal(Code.TYPE_OPERATION, f"cannot iterate over {self.show(t)}", where.line)
        return item

    def s_Break(self, s: ir.Break) -> None:
        pass

    def s_Try(self, s: ir.Try) -> None:
        self.block(s.body)
        for h in s.handlers:
            self.block(h.body)
        self.block(s.orelse)
        self.block(s.finalbody)

    s_Continue = s_Pass = s_Break

    def s_Yield(self, s: ir.Yield) -> None:
        assert self.ret is not None and self.ret.name == "list"
        if s.value is None:
            raise Refusal(Code.STATEMENT, "bare yield", s.line)
        if s.many:
            item = self.item_type(self.expr(s.value), s.value)
            if (s.value.ty or T.NONE).name == "set" or not self.u.unify(self.ret.args[0], item):
                raise Refusal(
                    Code.TYPE_MISMATCH, "yield from of another item type or a set", s.line
                )
        else:
            self.expect(s.value, self.ret.args[0], "yield")

    def s_Return(self, s: ir.Return) -> None:
        if self.fn.generator:
            if s.value is not None:
                raise Refusal(Code.STATEMENT, "return with a value in a generator", s.line)
            return
        if s.value is None:
            got = T.NONE
        elif self.ret is not None and self.u.resolve(self.ret).name == "float":
            self.float_return(s, s.value)
            return
        elif self.ret is not None:
            self.expect(s.value, self.ret, "return")
            return
        else:
            got = self.expr(s.value)
        if self.ret is not None and not self.fits(self.ret, got):
            raise Refusal(
                Code.TYPE_MISMATCH, f"return expects {self.show(self.ret)}, got None", s.line
            )
        self.returns_seen.append(got)

    def float_return(self, s: ir.Return, value: ir.Expr) -> None:
        """A value returned where float is declared. An int is allowed (PEP 484's numeric
        tower; Python returns the int itself): the Rust returns the f64 equal to it, exactly
        or not at all (``exact_float`` raises), and the verifier compares Python's int with it
        by value (``verify/compare.py``)."""
        got = self.u.resolve(self.expr(value))
        if got.name == "int" and not intmode.big():
            self.facts.int_returns.add(id(s))
            return
        if not self.fits(T.FLOAT, got):
            raise Refusal(Code.TYPE_MISMATCH, f"return expects float, got {self.show(got)}", s.line)

    def s_ExprStmt(self, s: ir.ExprStmt) -> None:
        self.expr(s.value)

    def s_Assert(self, s: ir.Assert) -> None:
        self.cond(s.test)
        if s.msg is not None:
            self.expr(s.msg)

    def s_Raise(self, s: ir.Raise) -> None:
        if s.msg is not None:
            self.expr(s.msg)

    def s_Delete(self, s: ir.Delete) -> None:
        for t in s.targets:
            self.expr(t)


class Promote(Exception):  # a control-flow signal, not an error
    """``total = 0`` then ``total += 0.5``: restart with ``total`` typed float."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class WidenNode(Exception):  # a control-flow signal, not an error
    """``cur = self`` then ``cur = cur.next``: restart with ``cur`` an Optional node."""

    def __init__(self, name: str, t: PyType) -> None:
        super().__init__(name)
        self.name = name
        self.type = t


class IntFloatReturn(Exception):  # a control-flow signal, not an error
    """An unannotated function returning an int on some paths and a float on others
    (``return s[mid]`` / ``return (a + b) / 2``): restart typed ``-> float`` as if annotated,
    so each int return becomes the f64 equal to it (``float_return``)."""


class OptionalReturn(Exception):  # a control-flow signal, not an error
    """``return None`` on some paths (or falling off the end) and a value on others: restart
    with the function's result typed ``Optional[T]`` (Rust ``Option<T>``), as if annotated."""

    def __init__(self, t: PyType) -> None:
        super().__init__(t.render())
        self.type = t


def only_tested(fn: ir.Function, name: str) -> bool:
    """Whether every read of local ``name`` is a whole ``if``/``while`` test (or ``not name``
    there), and it is bound only by plain assignments: then only its truth matters."""
    tested = reads = 0
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.LocalDef):
            return False  # its reads are not walked here
        if isinstance(s, ir.For | ir.AugAssign) and name in target_names(s.target):
            return False
        test = getattr(s, "test", None) if isinstance(s, ir.If | ir.While) else None
        if isinstance(test, ir.Unary) and test.op == "not":
            test = test.operand
        tested += isinstance(test, ir.Name) and test.id == name
        reads += sum(1 for e in stmt_reads(s) if e == name)
    return tested == reads and name not in {p.name for p in fn.params}


def _exits(body: list[ir.Stmt]) -> bool:
    """Whether a block always leaves (return, raise, break, continue)."""
    return bool(body) and isinstance(body[-1], ir.Return | ir.Raise | ir.Break | ir.Continue)


def _assigns_value(body: list[ir.Stmt], name: str) -> bool:
    """``if x is None: x = value`` — the block ends by binding ``name`` (any name when
    ``name`` is empty) to a value."""
    last = body[-1] if body else None
    return (
        isinstance(last, ir.Assign)
        and len(last.targets) == 1
        and isinstance(last.targets[0], ir.Name)
        and last.targets[0].id == (name or (last.targets[0].id))
        and not (isinstance(last.value, ir.Const) and last.value.value is None)
    )


# methods of builtin containers and strings: none of them can change a node's child
_CONTAINER_METHODS = frozenset(
    {
        "append",
        "appendleft",
        "extend",
        "extendleft",
        "insert",
        "pop",
        "popleft",
        "add",
        "discard",
        "remove",
        "clear",
        "get",
        "keys",
        "values",
        "items",
        "setdefault",
        "update",
        "copy",
        "count",
        "index",
        "sort",
        "reverse",
        "join",
        "split",
        "strip",
        "lower",
        "upper",
        "startswith",
        "endswith",
        "replace",
        "format",
    }
)


def _keeps_attribute(region: list[ir.Stmt], attr: str) -> bool:
    """No statement of ``region`` stores to an attribute ``attr`` (of any object) or calls
    anything that might (a sibling, a class, a method other than a container's)."""
    for s in walk_stmts(region):
        for t in store_targets(s):
            if any(isinstance(x, ir.Attr) and x.name == attr for x in sub_exprs(t)):
                return False
        for e in stmt_exprs(s):
            if isinstance(e, ir.Method) and e.name not in _CONTAINER_METHODS:
                return False
            module = e.func.partition(".")[0] if isinstance(e, ir.Call) else ""
            if isinstance(e, ir.Call) and e.func not in _BUILTINS and module not in _MODULES:
                return False
    return True


_BUILTINS = frozenset(dir(builtins))
_MODULES = frozenset({"math", "heapq", "bisect", "itertools", "operator", "string"})
