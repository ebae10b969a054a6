"""Pass 4: where each local is declared in Rust.

Python locals live for the whole function; Rust ``let`` bindings live in their block. A local
whose first use is a plain assignment directly in the innermost block holding all its uses is
declared by that assignment (``let x = ...``); any other local is declared, typed and without a
value, just before the statement of that block where it is first used (``let mut x: T;``), and
rustc checks it is assigned before use. Loop variables used outside their loop are refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    assigned_names,
    closure_blocks,
    names_read,
    target_names,
    walk_stmts,
)

Frame = tuple[int, int]  # (block id, statement index in that block)


@dataclass
class Use:
    """One occurrence of a local: where, and whether it binds the name."""

    stack: tuple[Frame, ...]
    stmts: tuple[ir.Stmt, ...]  # the statement at each frame
    loops: tuple[bool, ...]  # whether each frame's block is a loop body
    write: bool
    loop_bound: bool = False  # the target of a for loop
    in_binding_loop: bool = False  # inside a for loop that binds this name


@dataclass
class Scopes:
    """Declaration decisions, keyed by statement identity."""

    let_here: set[tuple[int, str]] = field(default_factory=set)  # (id(stmt), name)
    hoist: dict[int, list[str]] = field(default_factory=dict)  # id(stmt) -> names declared
    rewritten_in_loop: set[str] = field(default_factory=set)  # hoisted, assigned in a loop
    decl_stmt: dict[str, ir.Stmt] = field(default_factory=dict)  # where each local is declared
    # hoisted outside a general try's closure and assigned inside it: declared with a value
    # (rustc refuses a closure that captures an unassigned variable; Python never reads it)
    valued: set[str] = field(default_factory=set)


class ScopeWalker:
    """Records every use of every local with the block stack it occurs in."""

    def __init__(self, params: set[str], local: set[str]) -> None:
        self.params = params
        self.local = local
        self.uses: dict[str, list[Use]] = {}
        self.stack: list[Frame] = []
        self.stmts: list[ir.Stmt] = []
        self.loops: list[bool] = []
        self.blocks = 0
        self.loop_targets: set[str] = set()
        self.for_stack: list[ir.For] = []

    def block(self, stmts: list[ir.Stmt], loop: bool = False) -> None:
        """Walk a block, numbering it."""
        self.blocks += 1
        bid = self.blocks
        for i, s in enumerate(stmts):
            self.stack.append((bid, i))
            self.stmts.append(s)
            self.loops.append(loop)
            self.stmt(s)
            self.stack.pop()
            self.stmts.pop()
            self.loops.pop()

    def note(self, name: str, write: bool, loop_bound: bool = False) -> None:
        """Record a use of ``name`` at the current position."""
        if name in self.params or name not in self.local:
            return
        inside = any(name in target_names(f.target) for f in self.for_stack)
        use = Use(
            tuple(self.stack), tuple(self.stmts), tuple(self.loops), write, loop_bound, inside
        )
        self.uses.setdefault(name, []).append(use)

    def reads(self, e: ir.Expr | None) -> None:
        """Record the reads of locals in ``e`` (comprehension variables excluded)."""
        for name in names_read(e):
            self.note(name, False)

    def stmt(self, s: ir.Stmt) -> None:
        """Record uses made by one statement and walk nested blocks."""
        if isinstance(s, ir.Assign):
            self.reads(s.value)
            for t in s.targets:
                self.target(t)
        elif isinstance(s, ir.AugAssign):
            self.reads(s.value)
            self.reads(s.target)
            if isinstance(s.target, ir.Name):
                self.note(s.target.id, True)
        elif isinstance(s, ir.For):
            self.reads(s.iter)
            for n in target_names(s.target):
                self.note(n, True, loop_bound=True)
                self.loop_targets.add(n)
            self.for_stack.append(s)
            self.block(s.body, loop=True)
            self.for_stack.pop()
            self.block(s.orelse)
        else:
            for attr in ("test", "value", "msg"):
                self.reads(getattr(s, attr, None))
            if isinstance(s, ir.Delete):
                for t in s.targets:
                    self.reads(t)
            if isinstance(s, ir.If | ir.While):
                self.block(s.body, loop=isinstance(s, ir.While))
                self.block(s.orelse)
            if isinstance(s, ir.Try):
                self.block(s.body)
                for h in s.handlers:
                    self.block(h.body)
                self.block(s.orelse)
                self.block(s.finalbody)

    def target(self, t: ir.Expr) -> None:
        """Names bound by a target; places read their containers and indices."""
        if isinstance(t, ir.Name):
            self.note(t.id, True)
        elif isinstance(t, ir.Seq):
            for x in t.elts:
                self.target(x)
        elif isinstance(t, ir.StarUnpack):
            for x in (*t.before, t.star, *t.after):
                self.target(x)
        else:
            self.reads(t)


def decide(fn: ir.Function) -> Scopes:
    """Compute declaration points for every local of ``fn``."""
    own_locals = assigned_names(fn.body) - set(fn.nonlocals)  # nonlocals live outside
    walker = ScopeWalker({p.name for p in fn.params}, own_locals)
    walker.block(fn.body)
    out = Scopes()
    for name, uses in walker.uses.items():
        if name in walker.loop_targets:
            _reused_loop_name(name, uses, out)
            continue
        _place(name, uses, out)
    out.valued = _captured_unassigned(fn.body, out)
    return out


def _captured_unassigned(body: list[ir.Stmt], out: Scopes) -> set[str]:
    """Hoisted names assigned inside a general try's closure but declared outside it."""
    hoisted = {n for names in out.hoist.values() for n in names}
    found: set[str] = set()
    for t in walk_stmts(body):
        if not (isinstance(t, ir.Try) and t.general):
            continue
        region = [s for block in closure_blocks(t) for s in block]
        inside = {id(s) for s in walk_stmts(region)}
        found |= {n for n in assigned_names(region) & hoisted if id(out.decl_stmt[n]) not in inside}
    return found


def _reused_loop_name(name: str, uses: list[Use], out: Scopes) -> None:
    """A loop variable's name may be reused after its loops as a fresh variable, when the
    first later use assigns it (Rust's ``for`` binding then simply shadows nothing)."""
    inside = [i for i, u in enumerate(uses) if u.loop_bound or u.in_binding_loop]
    outside = [u for u in uses if not (u.loop_bound or u.in_binding_loop)]
    if not outside:
        return
    first_outside = uses.index(outside[0])
    if max(inside) < first_outside and outside[0].write:
        probe = Scopes()
        _place(name, outside, probe)
        loop_stmts = {id(s) for i in inside for s in uses[i].stmts}
        if probe.let_here or not loop_stmts & set(probe.hoist):
            # declared after the loops (``let`` or hoisted), never around them
            out.let_here |= probe.let_here
            out.decl_stmt.update(probe.decl_stmt)
            for key, names in probe.hoist.items():
                out.hoist.setdefault(key, []).extend(names)
            out.rewritten_in_loop |= probe.rewritten_in_loop
            return
    raise Refusal(
        Code.SCOPE, f"loop variable {name} is also used outside its loop", outside[0].stmts[-1].line
    )


def _common_depth(uses: list[Use]) -> int:
    """Depth of the innermost block that holds every use."""
    depth = 0
    shortest = min(len(u.stack) for u in uses)
    while depth < shortest and len({u.stack[depth][0] for u in uses}) == 1:
        depth += 1
        if len({u.stack[depth - 1][1] for u in uses}) > 1:
            break
    return depth


def _place(name: str, uses: list[Use], out: Scopes) -> None:
    """``let`` at the first use when it is a direct plain assignment, else hoist."""
    depth = _common_depth(uses)
    first = uses[0]
    stmt = first.stmts[-1]
    if (
        first.write
        and len(first.stack) == depth
        and isinstance(stmt, ir.Assign)
        and len(stmt.targets) == 1
    ):
        out.let_here.add((id(stmt), name))
        out.decl_stmt[name] = stmt
        return
    out.decl_stmt[name] = first.stmts[depth - 1]
    out.hoist.setdefault(id(first.stmts[depth - 1]), []).append(name)
    if any(u.write and any(u.loops[depth:]) for u in uses):
        out.rewritten_in_loop.add(name)
