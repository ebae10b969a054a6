"""Parse a module once and cut it into units: top-level functions, and classes with methods.

Each unit carries the context translation needs: the module's imports, the module-level
constants it (or its callees) reference, the sibling definitions it calls (transitively) and
their full sources. The code is parsed, never imported or executed.
"""

from __future__ import annotations

import ast
import copy
import re
import threading
from collections.abc import Mapping, Set
from dataclasses import dataclass, field

from pipeline import classattrs
from pipeline.records import Diagnostic, SourceFile, Status, Unit
from pipeline.units import (
    astnodes,
    callsites,
    crossconst,
    fold,
    modstate,
    outcalls,
    rebind,
    starnames,
    tryimports,
)
from pipeline.units.astnodes import nodes

_PARSE_LOCK = threading.Lock()
DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
# Top-level compound statements whose body may define functions that are not units.
BlockNode = (
    ast.If
    | ast.Try
    | ast.TryStar
    | ast.With
    | ast.AsyncWith
    | ast.For
    | ast.AsyncFor
    | ast.While
    | ast.Match
)
CONDITIONAL = "defined conditionally (inside a top-level if/try/with/for/while/match block)"
# Line ends as the Python tokenizer counts them (str.splitlines also splits on \f, \x1c,
# \u2028..., which would shift every line number after such a character).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class ShardResult:
    """Units of one file, plus units that exist but are not translatable (with reasons)."""

    units: list[Unit] = field(default_factory=list)
    skipped: list[tuple[Unit, Status, str]] = field(default_factory=list)
    # units refused before translation: they read module state top-level code changes (PT902)
    refused: list[tuple[Unit, Diagnostic]] = field(default_factory=list)
    error: Diagnostic | None = None  # the whole file failed to parse
    # literal calls of functions imported from other modules (see units/outcalls.py)
    outgoing: tuple[outcalls.OutCall, ...] = ()
    # a package's re-exports: (package, name, dotted path it stands for)
    aliases: tuple[tuple[str, str, str], ...] = ()
    # the module's exportable constants and carriable imports (units/crossconst.py)
    constants_table: crossconst.ModuleConstants | None = None


def module_name(path: str) -> str:
    """Dotted module name of a repo-relative path (``pkg/__init__.py`` -> ``pkg``)."""
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def parse_module(text: str, path: str) -> ast.Module | Diagnostic:
    """``ast.parse`` that turns every parser failure into a Diagnostic."""
    try:
        with _PARSE_LOCK:  # CPython 3.11's AST builder is not thread-safe (SystemError)
            return ast.parse(text, filename=path)
    except SyntaxError as exc:
        return Diagnostic("PT005", f"syntax error: {exc.msg}", exc.lineno, exc.offset)
    except (RecursionError, MemoryError):
        return Diagnostic("PT006", "expression nested too deeply for the Python parser")
    except ValueError as exc:
        return Diagnostic("PT005", f"cannot parse: {exc}")


def shard_file(source: SourceFile, lookup: starnames.Lookup | None = None) -> ShardResult:
    """Cut one decoded file into units. Never raises. ``lookup`` finds the source of another
    module of the repository (what its star imports bind); without it they are unknown."""
    if source.text is None:
        return ShardResult(error=source.error)
    tree = parse_module(source.text, source.path)
    if isinstance(tree, Diagnostic):
        return ShardResult(error=tree)
    try:
        with astnodes.memoised():  # its scans walk the same defs several times each
            return _Sharder(source, tree, lookup).run()
    except RecursionError:
        return ShardResult(error=Diagnostic("PT006", "source nested too deeply to analyse"))


class _Sharder:
    def __init__(
        self, source: SourceFile, tree: ast.Module, lookup: starnames.Lookup | None = None
    ) -> None:
        self.source = source
        self.tree = tree
        self.lines = _LINE.findall(source.text or "")
        self.imports = tuple(  # a try's stdlib imports as the module's (tryimports.py)
            ast.unparse(n) if nested else _segment(self.lines, n)
            for n, nested in tryimports.statements(tree)
        )
        has_global = any("global" in line for line in self.lines)
        self.rebound = modstate.function_writes(tree) if has_global else {}
        self.lazy = modstate.lazy_inits(tree) if has_global else frozenset()
        changed = modstate.changed_names(tree)
        module = source.module or module_name(source.path)
        is_init = source.path.endswith("__init__.py")

        def star(node: ast.ImportFrom) -> frozenset[str] | None:  # what a star import binds
            return starnames.bound_names(node, module, is_init, lookup)

        not_constant = _rebound_names(tree, self.rebound, star)
        refs = _constant_refs(tree)
        rebound = set(self.rebound)
        folded = _fold_state(tree, changed, not_constant - rebound, refs, rebound)
        self.changed = {name: line for name, line in changed.items() if name not in folded}
        self.constants = _module_constants(tree, self.lines, not_constant, folded)
        self.constant_refs = refs | dict.fromkeys(folded, frozenset())
        # constants computed from folded state that did not fold themselves: their
        # assignment saw an earlier value than the folded one
        self.stale = _stale_constants(self.constant_refs, folded.keys())
        self.later = rebind.later_rebinds(tree, star)
        defs = [n for n in tree.body if isinstance(n, DefNode)]
        self.final: dict[str, DefNode] = {d.name: d for d in defs}  # later defs shadow
        self.builtins_bound = rebind.builtin_rebinds(tree, star)
        self.builtin_defs = frozenset(self.final) & rebind.BUILTIN_NAMES
        self.defs = defs
        self._free: dict[str, frozenset[str]] = {}
        self.sources = {name: _segment(self.lines, node) for name, node in self.final.items()}
        self.refs = {name: _referenced_names(node) for name, node in self.final.items()}
        # names only the decorators of a def reference: run once, when the module defines
        # it, not by its calls (the engine refuses a decorator or passes a registering one
        # through, front/decorators.py)
        self.decorator_only = {  # (an undecorated def: none, without walking it twice more)
            name: self.refs[name] - _referenced_names(_undecorated(node))
            if node.decorator_list
            else frozenset()
            for name, node in self.final.items()
        }
        classes = {n: c for n, c in self.final.items() if isinstance(c, ast.ClassDef)}
        for name, node in self.final.items():  # classes whose objects untyped parameters are
            self.refs[name] = self.refs[name] | (
                classattrs.classes_fitting_params(node, classes) - {name}
            )
        wanted = {
            name
            for name, node in self.final.items()
            if (
                callsites.init_needs_evidence(node)
                if isinstance(node, ast.ClassDef)
                else callsites.needs_evidence(node)
            )
        }
        imported = outcalls.bindings(tree, module, source.path.endswith("__init__.py"))
        calls = (
            callsites.scan(
                tree,
                lambda c: callsites.named(c, wanted) or outcalls.target(c, imported) is not None,
            )
            if wanted or imported
            else []
        )
        self.call_examples = callsites.by_name(calls, wanted)
        self.outgoing = outcalls.exported(calls, imported, module)
        self.aliases = outcalls.reexports(imported, module, source.path)
        inexact = {*self.changed, *self.stale, *self.rebound, *self.later}
        self.table = crossconst.module_constants(
            tree,
            module,
            source.path.endswith("__init__.py"),
            self.constants,
            self.constant_refs,
            inexact,
            has_global,
        )
        for name, node in self.final.items():  # a base class needs its subclasses (its enum)
            for base in getattr(node, "bases", ()):
                if isinstance(base, ast.Name) and base.id in self.refs and base.id != name:
                    self.refs[base.id] = self.refs[base.id] | {name}

    def run(self) -> ShardResult:
        result = ShardResult(
            outgoing=self.outgoing, aliases=self.aliases, constants_table=self.table
        )
        for node in self.defs:
            shadow = self.final[node.name] is not node
            unit = self._unit(node, shadowed=shadow)
            if shadow:
                line = self.final[node.name].lineno
                result.skipped.append(
                    (
                        unit,
                        Status.SKIPPED,
                        f"redefined at line {line}; this definition is dead code",
                    )
                )
            elif (diag := self._refusal(unit)) is not None:
                result.refused.append((unit, diag))
            else:
                result.units.append(unit)
        for node in _conditional_defs(self.tree):
            result.skipped.append((self._unit(node, shadowed=True), Status.SKIPPED, CONDITIONAL))
        return result

    def _unit(self, node: DefNode, shadowed: bool) -> Unit:
        src = self.source
        qualname = node.name
        uid = f"{src.repo}:{src.path}::{qualname}"
        if shadowed:
            uid = f"{uid}@{_first_line(node)}"
        calls = self._callees(node.name) if not shadowed else ()
        own = self.refs[node.name] if self.final.get(node.name) is node else None
        names = set(own if own is not None else _referenced_names(node))
        names = names.union(*(self.refs[c] for c in calls))
        names |= self._constant_deps(names)
        return Unit(
            id=uid,
            repo=src.repo,
            path=src.path,
            module=src.module or module_name(src.path),
            qualname=qualname,
            kind="class" if isinstance(node, ast.ClassDef) else "function",
            source=_segment(self.lines, node),
            first_line=_first_line(node),
            last_line=node.end_lineno or node.lineno,
            imports=self.imports,
            constants=tuple((n, s) for n, s in self.constants if n in names),
            calls=calls,
            context=tuple((c, self.sources[c]) for c in calls),
            call_examples=()
            if shadowed
            else tuple(
                (name, call)
                for name in (qualname, *calls)
                for call in self.call_examples.get(name, ())
            ),
            file_sha256=src.sha256,
        )

    def _refusal(self, unit: Unit) -> Diagnostic | None:
        return (
            self._rebind_refusal(unit) or self._builtin_refusal(unit) or self._state_refusal(unit)
        )

    def _builtin_refusal(self, unit: Unit) -> Diagnostic | None:
        """PT902 when ``unit`` (or a sibling it may run) reads a builtin's name that the module
        binds itself (``len = sum``, ``from os import open``), or takes a def of the module
        named like a builtin as a value (``pred=bool`` under ``def bool``): the engine would
        translate Python's builtin, not what runs."""
        if not self.builtins_bound and not self.builtin_defs:
            return None
        for name in sorted({unit.qualname, *self._run_callees(unit.qualname)} & self.final.keys()):
            who = "reads" if name == unit.qualname else f"calls {name}, which reads"
            free = self._free_names(name)
            if free & self.builtins_bound.keys():  # a name read only in annotations is no value
                free = free - rebind.annotation_only(self.final[name])
            for b in sorted(free & self.builtins_bound.keys()):
                where = self.builtins_bound[b]
                why = f"`{where.text}` (line {where.line}), not Python's builtin {b}"
                how = "may bind it by" if where.maybe else "binds it by"
                if where.maybe:
                    why += " (what that star import binds could not be read)"
                return Diagnostic("PT902", f"{who} {b}: the module {how} {why}", unit.first_line)
            named = free & self.builtin_defs  # walked for value reads only when one is named
            for b in sorted(named and named & rebind.value_reads(self.final[name])):
                line = self.final[b].lineno
                return Diagnostic(
                    "PT902",
                    f"{who} {b} as a value: the module's def {b} (line {line}), named like "
                    "the builtin, which the engine would translate instead",
                    unit.first_line,
                )
        return None

    def _rebind_refusal(self, unit: Unit) -> Diagnostic | None:
        """PT902 when a later statement of the module (units/rebind.py), or a function under
        ``global``, may rebind the name of ``unit`` or of a sibling it calls: the module's
        function of that name at run time may not be the def translated."""
        for name in (unit.qualname, *unit.calls):
            kind = "class" if isinstance(self.final.get(name), ast.ClassDef) else "def"
            who = name if name == unit.qualname else f"calls {name}, which"
            if name in self.later:
                where = self.later[name]
                how = f"`{where.text}` (line {where.line})"
            elif name in self.rebound:
                fn, line = self.rebound[name]
                how = f"{fn}() under `global` (line {line})"
            else:
                continue
            return Diagnostic(
                "PT902",
                f"{who} may be rebound by {how}: the module's {name} at run time may "
                f"not be this {kind}; not translated",
                unit.first_line,
            )
        return None

    def _state_refusal(self, unit: Unit) -> Diagnostic | None:
        """PT902 when ``unit`` (or a sibling it calls, or a constant they use) reads a module
        name that top-level statements change in place (units/modstate.py)."""
        if not self.changed and not self.rebound and not self.stale:
            return None
        names: set[str] = set()
        for name in (unit.qualname, *self._run_callees(unit.qualname)):
            if name in self.final:
                names |= self._free_names(name)
        names |= self._constant_deps(names)
        read = sorted(names & self.stale.keys())
        if read:
            return Diagnostic(
                "PT902",
                f"reads module state {read[0]!r}, computed from {self.stale[read[0]]!r}, which "
                "top-level code changes after that; its value could not be folded exactly; "
                "not translated",
                unit.first_line,
            )
        read = sorted(names & self.changed.keys())
        if read:
            return Diagnostic(
                "PT902",
                f"reads module state {read[0]!r}, which top-level code changes in place after "
                f"binding it (line {self.changed[read[0]]}): a call sees a value its "
                "assignment does not give; not translated",
                unit.first_line,
            )
        read = sorted(names & self.rebound.keys())
        if not read:
            return None
        fn, line = self.rebound[read[0]]
        if read[0] in self.lazy:
            return Diagnostic(
                "PT902",
                f"reads module state {read[0]!r}, which is initialised lazily under `global` "
                f"(first by {fn}(), line {line}: `if {read[0]} is None:` or `if not "
                f"{read[0]}:`): a call sees the initial or the computed value, by what ran "
                "before; not translated",
                unit.first_line,
            )
        return Diagnostic(
            "PT902",
            f"reads module state {read[0]!r}, which {fn}() rebinds under `global` (line "
            f"{line}): a call sees what the last call left, not a constant; not translated",
            unit.first_line,
        )

    def _free_names(self, name: str) -> frozenset[str]:
        """``modstate.free_names`` of the final def ``name`` (less its decorators: they ran
        when the module defined it), once per def: every unit that calls it asks again (a
        class called by many functions)."""
        found = self._free.get(name)
        if found is None:
            found = self._free[name] = modstate.free_names(_undecorated(self.final[name]))
        return found

    def _constant_deps(self, names: set[str]) -> set[str]:
        """Constants needed by the constants in ``names`` (``B = A * 2`` needs ``A``)."""
        todo = [n for n in names if n in self.constant_refs]
        seen: set[str] = set()
        while todo:
            for ref in self.constant_refs.get(todo.pop(), ()):
                if ref in self.constant_refs and ref not in seen and ref not in names:
                    seen.add(ref)
                    todo.append(ref)
        return seen

    def _run_callees(self, name: str) -> set[str]:
        """Sibling definitions a call of ``name`` may run, transitively (``_callees`` less
        the ones reached only through decorators)."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            cur = todo.pop()
            for ref in self.refs[cur] - self.decorator_only[cur]:
                if ref in self.final and ref not in seen and ref != name:
                    seen.add(ref)
                    todo.append(ref)
        return seen

    def _callees(self, name: str) -> tuple[str, ...]:
        """Sibling definitions referenced by ``name``, transitively, sorted."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            for ref in self.refs[todo.pop()]:
                if ref in self.final and ref not in seen and ref != name:
                    seen.add(ref)
                    todo.append(ref)
        return tuple(sorted(seen))


def _first_line(node: DefNode) -> int:
    return min([node.lineno, *(d.lineno for d in node.decorator_list)])


def _segment(lines: list[str], node: ast.stmt) -> str:
    start = _first_line(node) if isinstance(node, DefNode) else node.lineno
    return "".join(lines[start - 1 : (node.end_lineno or node.lineno)])


def _undecorated(node: DefNode) -> DefNode:
    """``node`` without its decorators (a shallow copy)."""
    if not node.decorator_list:
        return node
    bare = copy.copy(node)
    bare.decorator_list = []
    return bare


def _referenced_names(node: ast.AST) -> frozenset[str]:
    """Every ``Name`` under ``node``."""
    return frozenset(cur.id for cur in nodes(node) if type(cur) is ast.Name)


def _module_constants(
    tree: ast.Module, lines: list[str], not_constant: set[str], folded: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """Module-level ``NAME = expr`` / ``NAME: T = expr`` assignments (last one wins), less
    the names rebound elsewhere (their value at call time is not that assignment's), plus the
    folded final values of state the top level builds (``NAME = <literal>``)."""
    found: dict[str, str] = dict(folded)
    rebound = not_constant | folded.keys()
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in rebound:
                found[target.id] = _segment(lines, node)
    return tuple(sorted(found.items()))


def _fold_state(
    tree: ast.Module,
    changed: dict[str, int],
    top_rebound: set[str],
    refs: dict[str, frozenset[str]],
    rebound: set[str],
) -> dict[str, str]:
    """Folded final values (units/fold.py) of the names top-level statements change in
    place, of the names they rebind that a def reads, and of the constants computed from
    either (``ATOM_ENDS = SPECIALS | WSP`` before ``SPECIALS.add("!")``); never of the
    names a def rebinds under ``global`` (``rebound``)."""
    read: set[str] = set()
    if top_rebound:
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                read |= modstate.free_names(node)
    dirty = set(changed) | (top_rebound & read)
    if not dirty:
        return {}
    grew = True
    while grew:
        more = {name for name, used in refs.items() if used & dirty} - dirty
        dirty |= more
        grew = bool(more)
    return fold.fold_module(tree, dirty - rebound)


def _stale_constants(refs: dict[str, frozenset[str]], folded: Set[str]) -> dict[str, str]:
    """Constant -> a folded name its assignment reads (directly or through other constants),
    for the constants that are not folded themselves."""
    out: dict[str, str] = {}
    for name in refs if folded else ():
        if name in folded:
            continue
        todo, seen = list(refs[name]), set()
        while todo:
            ref = todo.pop()
            if ref in folded:
                out[name] = ref
                break
            if ref in refs and ref not in seen:
                seen.add(ref)
                todo.extend(refs[ref])
    return out


def _rebound_names(
    tree: ast.Module, written: Mapping[str, object], star: rebind.StarNames | None = None
) -> set[str]:
    """Module names that are not constants: rebound or deleted under ``global`` in some
    function (``written``: ``modstate.function_writes``; a name only read under ``global``
    stays a constant), or bound at module level other than as a whole assignment target
    (``X += 1``, ``X, Y = ...``, ``for X in ...``, an assignment under ``if``/``try``, an
    import after the assignment, also inside a block: ``X = 7`` then ``from .base import X``,
    or a star import that may bind it: ``star`` says what one binds, None where that is
    unknown: then any name)."""
    names: set[str] = set(written)
    assigned: set[str] = set()

    for top in tree.body:
        # an import after a name's assignment rebinds it, also one inside a block
        # (``try: from .fast import LIMIT``) and a star import that may bind it
        # (``from ._speedups import *``; an accelerator's ``else: del X`` spares X): its
        # value at call time is the imported one (before it, the assignment wins)
        for name, stmt, spared in rebind._top_bindings(top):
            if not isinstance(stmt, ast.Import | ast.ImportFrom):
                continue
            if name == rebind.STAR:
                bound = (
                    star(stmt) if star is not None and isinstance(stmt, ast.ImportFrom) else None
                )
                names.update((assigned if bound is None else assigned & bound) - spared)
            elif name in assigned:
                names.add(name)
        if isinstance(top, ast.Import | ast.ImportFrom | DefNode):
            continue
        whole = (
            top.targets
            if isinstance(top, ast.Assign)
            else ([top.target] if isinstance(top, ast.AnnAssign) else [])
        )
        skip = {id(t) for t in whole if isinstance(t, ast.Name)}
        assigned.update(t.id for t in whole if isinstance(t, ast.Name))
        stack: list[ast.AST] = [top]
        while stack:
            cur = stack.pop()
            if isinstance(cur, ast.Name) and isinstance(cur.ctx, ast.Store):
                if id(cur) not in skip:
                    names.add(cur.id)
            elif not isinstance(cur, DefNode):
                stack.extend(ast.iter_child_nodes(cur))
    return names


def _constant_refs(tree: ast.Module) -> dict[str, frozenset[str]]:
    """Names each module-level constant's value refers to (last assignment wins)."""
    refs: dict[str, frozenset[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and node.value is not None:
                refs[target.id] = _referenced_names(node.value) - {target.id}
    return refs


def _conditional_defs(tree: ast.Module) -> list[DefNode]:
    """Defs in the bodies of top-level compound statements (if/try/with/for/while/match):
    real functions, but not units. Defs nested inside those defs are part of them.

    One linear walk per block (no descent into defs), in source order.
    """
    out: list[DefNode] = []
    for stmt in tree.body:
        if not isinstance(stmt, BlockNode):
            continue
        stack: list[ast.AST] = [stmt]
        while stack:
            for child in ast.iter_child_nodes(stack.pop()):
                if isinstance(child, DefNode):
                    out.append(child)
                else:
                    stack.append(child)
    return sorted(out, key=lambda n: (n.lineno, n.col_offset))
