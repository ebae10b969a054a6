"""Lowering ``with`` statements (mixed into the Lowerer): ``contextlib.suppress`` as a
``try``, context managers of the module as the statements Python runs (front/contexts.py),
a lock local to the function as its block; anything else refused with a reason."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front import contexts
from pipeline.translate.rules.ir import nodes as ir


class WithStatements:
    """The ``with`` part of the Lowerer (its state: ``managers``, ``withs``, ``locks``)."""

    managers: Mapping[str, contexts.Manager | ast.FunctionDef]
    withs: int
    locks: dict[str, str]
    fn: ast.FunctionDef | None
    block: Callable[[list[ast.stmt]], list[ir.Stmt]]
    stmt: Callable[[ast.stmt], ir.Stmt]
    dotted: Callable[[ast.expr], str | None]
    refuse: Callable[[Code, str, ast.AST], Refusal]
    _lock_uses: tuple[ast.FunctionDef, contexts.LockUses] | None = None  # of ``fn``, kept

    def with_statements(self, node: ast.With) -> list[ir.Stmt]:
        """``with contextlib.suppress(E, ...): body`` is ``try: body except (E, ...): pass``;
        ``with Cls(...) [as x]:`` over a context manager class of this module is the
        statements Python runs (front/contexts.py), spliced into the enclosing block; other
        context managers are refused with a reason."""
        node = contexts.unnested(node)
        item = node.items[0]
        call = item.context_expr
        callee = self.dotted(call.func) if isinstance(call, ast.Call) else None
        if (
            isinstance(call, ast.Call)
            and callee == "contextlib.suppress"
            and item.optional_vars is None
            and call.args
            and not call.keywords
        ):
            names = call.args[0] if len(call.args) == 1 else ast.Tuple(call.args, ast.Load())
            handler = ast.ExceptHandler(names, None, [ast.copy_location(ast.Pass(), node)])
            as_try = ast.Try(node.body, [ast.copy_location(handler, node)], [], [])
            return [self.stmt(ast.copy_location(as_try, node))]
        if isinstance(call, ast.Name) and call.id in self.locks:
            return self.locked(node, call.id)
        func = call.func if isinstance(call, ast.Call) else None
        owner = func.id if isinstance(func, ast.Name) else ""
        if isinstance(call, ast.Name):
            owner = contexts.local_manager(self.fn, call.id, self.managers)
        manager = self.managers.get(owner)
        if isinstance(manager, ast.FunctionDef) and isinstance(call, ast.Call):
            self.withs += 1
            inlined = contexts.inline(node, manager, self.withs, self.fn)
            if isinstance(inlined, str):
                raise self.refuse(Code.STATEMENT, inlined, node)
            return self.block(inlined)
        if not isinstance(manager, contexts.Manager):
            raise self.refuse(Code.STATEMENT, contexts.refusal(call, callee), node)
        target = item.optional_vars
        if target is not None and not isinstance(target, ast.Name):
            raise self.refuse(Code.STATEMENT, f"with ... as {ast.unparse(target)}", node)
        if target is not None and manager.enter is not None and isinstance(call, ast.Name):
            raise self.refuse(
                Code.STATEMENT,
                f"with {call.id} as {target.id} ({target.id} would alias {call.id})",
                node,
            )
        if target is not None and manager.enter is not None and _assigns(node.body, target.id):
            raise self.refuse(Code.STATEMENT, f"with body rebinding its manager {target.id}", node)
        self.withs += 1
        return self.block(contexts.rewrite(node, manager, self.withs))

    def lock_assignment(self, s: ast.Assign) -> bool:
        """Whether ``s`` makes a lock local to this function (recorded in ``locks``)."""
        target = s.targets[0]
        if not (isinstance(s.value, ast.Call) and isinstance(target, ast.Name)):
            return False
        if self.fn is not None and (self._lock_uses is None or self._lock_uses[0] is not self.fn):
            self._lock_uses = (self.fn, contexts.lock_uses(self.fn))
        known = self._lock_uses[1] if self._lock_uses is not None else None
        kind = contexts.local_lock(self.fn, target.id, self.dotted, known)
        if kind is not None:
            self.locks[target.id] = kind
        return kind is not None

    def locked(self, node: ast.With, name: str) -> list[ir.Stmt]:
        """``with lock [as got]:`` over a lock local to this function (contexts.local_lock):
        the block itself (``got`` is True, what ``acquire`` returns)."""
        if self.locks[name] == "threading.Lock" and contexts.reentered(node, name):
            raise self.refuse(
                Code.STATEMENT,
                f"with {name} inside with {name}: Python waits forever (a Lock is not reentrant)",
                node,
            )
        target = node.items[0].optional_vars
        head: list[ast.stmt] = []
        if target is not None:
            head = [ast.copy_location(ast.Assign([target], ast.Constant(True)), node)]
            for n in ast.walk(head[0]):
                ast.copy_location(n, node)
        return self.block(head + node.body)


def _assigns(body: list[ast.stmt], name: str) -> bool:
    """Whether ``body`` binds ``name`` (assignment, loop or ``with`` target, walrus)."""
    return any(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
        for s in body
        for n in ast.walk(s)
    )
