"""Printing statements: one method per IR statement node (``s_<Node>``) and the block that
dispatches to them, mixed into the Emitter. Assignments and loops are handed on to their handler
modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import pytypes
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis import scopes
from pipeline.translate.rules.back.api import EmitterMixin
from pipeline.translate.rules.back.assign import assign, aug_assign, store
from pipeline.translate.rules.back.closures import def_code
from pipeline.translate.rules.back.exceptions import BREAK, CONTINUE, FLOW, general_try
from pipeline.translate.rules.back.fmt import display, fstring
from pipeline.translate.rules.back.generators import enter_pull
from pipeline.translate.rules.back.loops import (
    for_loop,
    iterate,
    owned_items,
    while_loop,
)
from pipeline.translate.rules.back.rust import (
    LoopCtx,
    float_lit,
    has_default,
    rtype,
)
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.generators import DONE
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    assigned_names,
    const_int,
    target_names,
    walk_stmts,
)
from pipeline.translate.rules.types import unify as T


class Statements(EmitterMixin):
    """The ``s_<Node>`` printers of the Emitter, and the block that dispatches to them."""

    if TYPE_CHECKING:  # what it uses of its host, Emitter, beyond EmitterAPI (for mypy)
        unboxed: set[int]

        def tail_block(self, body: list[ir.Stmt]) -> bool: ...

    # ------------------------------------------------------------ statements
    def block(self, stmts: list[ir.Stmt]) -> None:
        """Print a statement list at the current depth."""
        for s in stmts:
            for name in self.scopes.hoist.get(id(s), []):
                self.declare(name)
            getattr(self, "s_" + type(s).__name__)(s)
            if self.resume is not None and (
                isinstance(s, ir.Yield) or id(s) in self.resume[1].ends
            ):
                break  # the rest is the yield's resume arm, or never runs (back/generators.py)

    def declare(self, name: str) -> None:
        """A hoisted declaration: ``let mut x: T;`` (``= Default::default()`` when a try
        closure assigns it, scopes.valued)."""
        ty = self.typed.locals[name]
        self.kinds[name] = "place"
        if name in self.scopes.valued:
            if not has_default(ty):
                raise Refusal(
                    Code.STATEMENT,
                    f"variable {name} ({ty.render()}) first assigned inside a try around "
                    "several statements and used after it",
                    self.scopes.decl_stmt[name].line,
                )
            self.line(f"let mut {ident(name)}: {rtype(ty)} = Default::default();")
            return
        mut = "mut " if self.needs_mut(name, hoisted=True) else ""
        self.line(f"let {mut}{ident(name)}: {rtype(ty)};")

    def needs_mut(self, name: str, hoisted: bool = False) -> bool:
        """Whether a local is assigned twice on some path, or changed in place."""
        if name in self.own.mutated or name in self.scopes.rewritten_in_loop:
            return True
        if name in self.typed.closure_state:
            return True  # changed by a closure that owns it
        if self.typed.locals.get(name, T.NONE).name == "Iterator":
            return True  # its cursor advances (iterators.py)
        if name in self.typed.params:
            return name in self.own.rebound
        return path_writes(self.typed.fn.body, name, self.scopes.decl_stmt.get(name)) > 1

    def sub_block(self, stmts: list[ir.Stmt]) -> None:
        """Print a nested block one level deeper."""
        self.depth += 1
        self.block(stmts or [ir.Pass()])
        self.depth -= 1

    def s_Pass(self, s: ir.Pass) -> None:
        pass

    def s_Try(self, s: ir.Try, tail: bool = False) -> None:
        """``try``/``except`` around one statement: its value is computed under
        ``pyrt::catch``; matching Python exceptions run the handler, others propagate.
        As the function's tail (every branch returns) the match is the result itself.
        A ``general`` try (any body) is printed by back/exceptions.py."""
        if s.general:
            general_try(self, s)
            return
        (stmt,) = s.body
        value = self.fresh("value")
        err = self.fresh("err")
        if isinstance(stmt, ir.Return):
            assert stmt.value is not None
            expr, on_ok = self.return_value(stmt), [value if tail else f"return {value};"]
        elif isinstance(stmt, ir.Assign):
            target = stmt.targets[0]
            expr, on_ok = self.owned(stmt.value, target.ty), None
        else:
            assert isinstance(stmt, ir.ExprStmt)
            expr, on_ok = f"{{ {self.expr(stmt.value).code}; }}", []
        self.line(f"match {self.rt('catch')}(|| {expr}) {{")
        self.depth += 1
        self.line(f"Ok({value if on_ok != [] else '()'}) => {{")
        self.depth += 1
        if on_ok is None:
            store(self, stmt.targets[0], value, stmt)  # type: ignore[union-attr]
        self.block(s.orelse)  # outside catch: what `else` raises is not handled here
        if on_ok:
            self.block(s.finalbody)  # a return in the body runs `finally` first
        for line in on_ok or []:
            self.line(line)
        self.depth -= 1
        self.line("}")
        for h in s.handlers:
            names = ", ".join(f'"{n}"' for n in h.names)
            self.line(f"Err({err}) if {self.rt('catch', 'caught')}(&{err}, &[{names}]) => {{")
            if h.as_name:
                self.caught_errors[h.as_name] = err
            self.handling.append(err)
            if tail:
                self.depth += 1
                self.tail_block(h.body)
                self.depth -= 1
            else:
                self.sub_block(h.body)
            self.handling.pop()
            self.caught_errors.pop(h.as_name or "", None)
            self.line("}")
        if s.finalbody:  # an exception no handler takes: `finally`, then on its way
            self.line(f"Err({err}) => {{")
            self.sub_block(s.finalbody)
            self.depth += 1
            self.line(f"std::panic::resume_unwind({err})")
            self.depth -= 1
            self.line("}")
        else:
            self.line(f"Err({err}) => std::panic::resume_unwind({err}),")
        self.depth -= 1
        self.line("}")
        if s.finalbody and (not isinstance(stmt, ir.Return) or s.handlers):
            self.block(s.finalbody)  # handlers before a `finally` never leave (lowering)
        self.taken.discard(value)
        self.taken.discard(err)

    def s_LocalDef(self, s: ir.LocalDef) -> None:
        """A nested def, printed as a nested ``fn`` item (captured variables are params), or
        as a closure when it is used as a value."""
        if s.closure:
            self.line(f"let {ident(s.fn.name)} = {def_code(self, s)};")
            self.kinds[s.fn.name] = "place"
            return

        nested = next(t for t in self.typed.local_defs if t.fn is s.fn)
        own = nested.own
        assert own is not None  # analysed with the function (session._analyse_nested)
        inner = self.child(nested, own, scopes.decide(s.fn), self.sigs[s.fn.name])
        text = inner.function().replace("pub fn ", "fn ", 1)
        self.helpers |= inner.helpers
        for line in text.rstrip("\n").split("\n"):
            self.line(line)

    def s_ExprStmt(self, s: ir.ExprStmt) -> None:
        r = self.expr(s.value)
        self.line(f"{r.code};" if r.ty.name == "None" else f"let _ = {r.code};")

    def s_Assign(self, s: ir.Assign) -> None:
        assign(self, s)

    def s_AugAssign(self, s: ir.AugAssign) -> None:
        aug_assign(self, s)

    def s_Delete(self, s: ir.Delete) -> None:
        for t in s.targets:
            if isinstance(t, ir.Slice) and (t.obj.ty or T.NONE).name == "list":
                parts = [
                    f"Some({self.int_val(p).code})" if p is not None else "None"
                    for p in (t.lower, t.upper, t.step)
                ]
                self.line(f"{self.rt('del_slice')}({self.mut_place(t.obj)}, {', '.join(parts)});")
                continue
            if not isinstance(t, ir.Index):
                raise self.refuse("del of this target", s, Code.STATEMENT)
            obj_t = t.obj.ty or T.NONE
            if obj_t.name in T.DICTLIKE:
                self.line(f"{self.receiver(t.obj, True)}.pop({self.key(t.index)});")
                self.helpers.add("dict")
            elif obj_t.name == "list":
                place = self.mut_place(t.obj)
                i = self.int_val(t.index).code
                self.line(f"{self.rt('list_pop')}({place}, {i});")
            else:
                raise self.refuse(f"del on {obj_t}", s, Code.STATEMENT)

    def s_If(self, s: ir.If) -> None:
        self.line(f"if {self.cond(s.test)} {{")
        self.sub_block(s.body)
        orelse = s.orelse
        while (
            len(orelse) == 1
            and isinstance(orelse[0], ir.If)
            and not self.scopes.hoist.get(id(orelse[0]))
        ):
            nested = orelse[0]
            assert isinstance(nested, ir.If)
            self.line(f"}} else if {self.cond(nested.test)} {{")
            self.sub_block(nested.body)
            orelse = nested.orelse
        if orelse:
            self.line("} else {")
            self.sub_block(orelse)
        self.line("}")

    def s_While(self, s: ir.While) -> None:
        while_loop(self, s)

    def s_For(self, s: ir.For) -> None:
        for_loop(self, s)

    def s_Break(self, s: ir.Break) -> None:
        if self.resume is not None and id(s) in self.resume[1].ends:
            self.end_iterator()
            return
        ctx = self.loops[-1]
        if ctx.flows < self.flows:  # inside a try closure: the try's match breaks
            self.line(f"return {FLOW}::Continue({BREAK});")
            return
        label = ctx.break_label or (self.loop_label(ctx) if ctx.blocks else None)
        self.line(f"break {label};" if label else "break;")

    def s_Continue(self, s: ir.Continue) -> None:
        ctx = self.loops[-1]
        if ctx.flows < self.flows:
            self.line(f"return {FLOW}::Continue({CONTINUE});")
            return
        label = self.loop_label(ctx) if ctx.blocks else None
        self.line(f"continue {label};" if label else "continue;")

    def loop_label(self, ctx: LoopCtx) -> str:
        """The loop's own label, added to its header the first time it is needed."""
        if ctx.label is None:
            self.labels += 1
            ctx.label = f"'outer{self.labels}"
            head = self.lines[ctx.header]
            body = head.lstrip()
            self.lines[ctx.header] = head[: len(head) - len(body)] + f"{ctx.label}: {body}"
        return ctx.label

    def end_iterator(self) -> None:
        """``return`` (or ``break`` out of ``while True``) in a lazy generator: done."""
        assert self.resume is not None
        self.line(f"{self.resume[0]} = {DONE};")
        self.line("return None;")

    def s_Return(self, s: ir.Return) -> None:
        if self.resume is not None:
            self.end_iterator()
            return
        value = self.return_value(s) if s.value is not None else None
        if value is None and self.typed.returns.name == "Optional":
            value = "None"  # a bare `return` where other paths return a value
        self.line(f"{self.return_code(value)};")

    def return_code(self, value: str | None) -> str:
        """``return value`` from the function (an eager generator: its list), or from the
        try closures around this point (``ControlFlow::Break``, resumed by each enclosing
        try: back/exceptions.py)."""
        if self.flows:
            return f"return {FLOW}::Break({value or '()'})"
        if self.yielded is not None:
            return f"return {self.yielded}"
        return f"return {value}" if value is not None else "return"

    def s_Yield(self, s: ir.Yield) -> None:
        assert s.value is not None
        if self.resume is not None and s.many:
            enter_pull(self, s)
            return
        if self.resume is not None:
            state, parts = self.resume
            self.line(f"{state} = {parts.states[id(s)]};")
            self.line(f"return Some({self.owned(s.value, self.typed.returns.args[0])});")
            return
        assert self.yielded is not None
        if s.many:
            self.line(f"{self.yielded}.extend({owned_items(self, iterate(self, s.value))});")
        else:
            self.line(f"{self.yielded}.push({self.owned(s.value, self.typed.returns.args[0])});")

    def return_value(self, s: ir.Return) -> str:
        """The owned value a return statement yields."""
        assert s.value is not None
        if (
            isinstance(s.value, ir.Lambda)
            and not self.in_closure
            and self.typed.returns.name == "Callable"
        ):
            self.unboxed.add(id(s.value))  # the function's ``impl Fn`` result
        if id(s) in self.typed.facts.int_returns:
            return self.int_as_float(s.value)
        return self.owned(s.value, self.typed.returns)

    def int_as_float(self, e: ir.Expr) -> str:
        """An int returned as the f64 equal to it: a literal no f64 holds is refused, another
        int raises NotImplementedError at run time where the f64 would not be exact."""
        k = const_int(e)
        if k is not None and abs(k) > 2**53:
            raise Refusal(Code.TYPE_MISMATCH, f"int {k} returned as a float is not exact", e.line)
        if k is not None:
            return float_lit(float(k))
        return f"{self.rt('exact_float')}({self.int_val(e).code})"

    def s_Assert(self, s: ir.Assert) -> None:
        msg = "AssertionError"
        if s.msg is not None:
            self.line(f"if !({self.cond(s.test)}) {{")
            self.depth += 1
            self.line(f'panic!("AssertionError: {{}}", {self.display(s.msg)});')
            self.depth -= 1
            self.line("}")
            return
        self.line(f'assert!({self.cond(s.test)}, "{msg}");')

    def s_Raise(self, s: ir.Raise) -> None:
        if s.reraise:  # the caught panic payload itself: same class, same message
            err = self.caught_errors[s.exc] if s.exc else self.handling[-1]
            self.line(f"std::panic::resume_unwind({err});")
            return
        if s.msg is None:
            self.line(f'panic!("{s.exc}");')
            return
        if isinstance(s.msg, ir.Const) and isinstance(s.msg.value, str):
            text = s.msg.value.replace("{", "{{").replace("}", "}}")
            self.line(f"panic!({pytypes.rust_str(f'{s.exc}: {text}')});")
            return
        if isinstance(s.msg, ir.FStr):
            text = fstring(self, s.msg).code
            if text.startswith("format!("):
                self.line(f'panic!("{s.exc}: {text[9:]};')
                return
        self.line(f'panic!("{s.exc}: {{}}", {self.display(s.msg)});')

    def display(self, e: ir.Expr) -> str:
        """An expression that ``{}`` prints as Python's ``str()`` would."""
        return display(self, e)


def path_writes(stmts: list[ir.Stmt], name: str, decl: ir.Stmt | None) -> int:
    """Most assignments to ``name`` along one path after its declaration ``decl``.

    A write inside a loop counts twice unless the declaration is inside that loop too.
    """
    total = 0
    for s in stmts:
        if isinstance(s, ir.Assign):
            total += sum(name in target_names(t) for t in s.targets)
        elif isinstance(s, ir.AugAssign):
            total += name in target_names(s.target)
        elif isinstance(s, ir.If):
            total += max(path_writes(s.body, name, decl), path_writes(s.orelse, name, decl))
        elif isinstance(s, ir.For | ir.While):
            if decl is not None and any(x is decl for x in walk_stmts(s.body)):
                total += path_writes(s.body, name, decl)
            else:
                total += 2 * (name in assigned_names(s.body))
            total += path_writes(s.orelse, name, decl)
        elif isinstance(s, ir.Try):  # the body may write, then raise into a handler
            after = [s.orelse, *(h.body for h in s.handlers)]
            total += path_writes(s.body, name, decl)
            total += max(path_writes(b, name, decl) for b in after)
            total += path_writes(s.finalbody, name, decl)
    return total
