"""Constants and functions of other modules of the repository, carried into their users.

``core.py`` does ``from .util import LIMIT, clamp`` and ``def over(x): return x > LIMIT``:
``LIMIT`` is ``util``'s constant, as exact as one of ``core``'s own when all of this holds, and
then the sharder's constant (``LIMIT = 100``, under the name ``core`` binds) joins ``over``'s
``constants``, so its cache key, and the unit translates and verifies alone:

- the exporting module binds the name once, by a whole assignment at its top level, and nothing
  changes it: top-level code neither rebinds nor changes it in place (``units/modstate.py``),
  no function rebinds it under ``global``, no later statement rebinds it, and no module of the
  partition assigns it from outside at its top level (``util.LIMIT = 5``);
- its value is immutable and built from literals only: numbers, strings, bytes, ``True``/
  ``False``/``None``, tuples, operators over them, ``frozenset`` of a display or a string,
  and other such constants of the same module (carried along under their names);
- the importing module binds the name once, by one top-level ``from M import NAME [as X]``,
  rebinds it nowhere (no assignment, def, ``global`` write, ``del``, other import, import
  inside a block) and has no star import (which may rebind anything);
- ``M`` is a module of the same partition (``stages.process_partition``: the partition's cache
  key holds every file read here), or re-exports the name the same way (``pkg/__init__.py``
  doing ``from .util import LIMIT``), followed for at most MAX_HOPS modules, and is not
  named like a standard-library module (those are the engine's to know, as in
  ``outcalls.bindings``; the stdlib's own tree is a repository too);
- no constant carried along under its own name clashes with a name the importing module binds
  or the unit reads.

A function ``clamp`` of such a module, called through a name bound the same way (``clamp``
itself, not ``as c``), joins a function unit as ``foreign``: the unit of its own module the
partition holds, with the siblings of its module it calls (transitively), each bound once
there, none a class, decorated or ``async``, none assigned from outside, and none (but the
import) named like something the caller's module binds or the unit reads. Their sources join
the unit's ``context`` (its passes type the calls) and their constants its ``constants``
(unless the caller means something else by one of those names). The rule engine translates
each as the unit of its own module it is and nests the Rust in the caller's function: a
private copy under its own name, which nothing else in that body means (``engine.py``,
``RuleEngine._nested``), so the caller compiles and verifies alone and the crate's modules are
unchanged; the copy is refused (PT040) where it is refused in its module, generic, or typed
differently by its caller. A circular import needs nothing more: a def bound once means that
def whenever the import succeeds.

A class of such a module (``from .geom import Point``: a parameter type, a constructor, its
attributes and methods; NamedTuple and dataclass classes too) joins the same way, with what
it calls of its module, but is not copied: the unit's Rust names it where it lives (a `use`
line, ``crate::<its module>::Point``: one type for the whole crate, the verifier builds and
reads it there), and the engine translates it as its own module's unit, refusing the caller
(PT040) where the class is refused there or built differently. The absolute imports of its
module that its source reads (``from typing import NamedTuple``) join the unit's imports;
a class whose module imports a name the caller binds or reads as something else is not
carried. A crate leaves out a unit whose class of another module it leaves out
(``crate.admitted``).

Anything else stays as it was: the engine refuses the unknown name (PT025), naming the module
it is imported from, or the call (PT012). A mutable value (a list, dict or set) is never
carried: another module's function may change it in place. A value or function another
module replaces from inside a function (``setattr``, ``util.LIMIT = 5`` in a def), as for a
module's own names, is not seen: verification compares with the package's Python as it
imports.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from pipeline.pyimports import import_nodes
from pipeline.records import Unit
from pipeline.units import modnames, outcalls

MAX_HOPS = 4  # re-exports followed from one import
_IMMUTABLE_CALLS = frozenset({"frozenset"})


@dataclass(frozen=True)
class ModuleConstants:
    """What one module offers to others and what it may take from them."""

    module: str  # dotted name
    # name -> (assignment source, other constants of the module its value reads)
    exports: Mapping[str, tuple[str, tuple[str, ...]]]
    # local name -> (module, name) for each name bound once by a top-level ``from M import``
    imports: Mapping[str, tuple[str, str]]
    bound: frozenset[str]  # every name the module binds at its top level (or under global)
    once: frozenset[str] = frozenset()  # the names among them bound exactly once
    # (module, name) of other modules its top level assigns (``base.double = ...``)
    patched: frozenset[tuple[str, str]] = frozenset()
    # local name -> module for ``import a.b as g`` / ``import a.b`` bound once (modnames.py)
    aliases: Mapping[str, str] = field(default_factory=dict)
    # the modules its top-level imports import by their full names (``import a.b``: a.b)
    imported: frozenset[str] = frozenset()


def module_constants(
    tree: ast.Module,
    module: str,
    is_package: bool,
    constants: Iterable[tuple[str, str]],
    constant_refs: Mapping[str, frozenset[str]],
    inexact: Iterable[str],
    has_global: bool,
) -> ModuleConstants:
    """The exportable constants and the carriable imports of one module.

    ``constants``: the sharder's module constants (name, assignment source); ``inexact``: the
    names among them a call may not see with that value (changed in place, stale, rebound by a
    later statement or under ``global``)."""
    counts, star, stores = _binding_counts(tree, has_global)
    bound = frozenset(counts)
    if star:
        return ModuleConstants(module, {}, {}, bound | {"*"})
    once = frozenset(name for name, n in counts.items() if n == 1)
    skip = set(inexact)
    plain = {
        name: src
        for name, src in constants
        if name not in skip and counts.get(name) == 1 and _immutable(src)
    }
    exports: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, src in plain.items():
        deps = _closure(name, constant_refs)
        if deps is not None and all(d in plain for d in deps):
            exports[name] = (src, tuple(sorted(deps)))
    package = module if is_package else module.rpartition(".")[0]
    imports: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom):
            continue
        base = outcalls.import_base(node, package)
        for alias in node.names:
            local = alias.asname or alias.name
            # a module named like the standard library's is the engine's to know (as in
            # outcalls.bindings): the stdlib's own tree is one repository too
            if base and counts.get(local) == 1 and not _stdlib(base):
                imports[local] = (base, alias.name)
    modules = {local: f"{base}.{name}" for local, (base, name) in imports.items()}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:  # import a.b as g: g is a.b; import a.b: a is a
                top = a.name.partition(".")[0]
                modules[a.asname or top] = a.name if a.asname else top
    patched = frozenset(
        (".".join((modules[head], *rest)), attr)
        for (head, *rest), attr in ((n.split("."), attr) for n, attr in stores)
        if head in modules
    )
    aliases = {
        local: name
        for local, name in modnames.module_aliases(tree, counts).items()
        if not _stdlib(name)
    }
    imported = {a.name for node in tree.body if isinstance(node, ast.Import) for a in node.names}
    imported |= {f"{base}.{name}" for base, name in imports.values()}
    return ModuleConstants(
        module, exports, imports, bound, once, patched, aliases, frozenset(imported)
    )


def carry(units: list[Unit], tables: Mapping[str, ModuleConstants]) -> list[Unit]:
    """``units`` with the constants they read of other modules in ``tables`` (module ->
    its table) added to their ``constants`` (sorted by name, as the sharder sorts them), and
    the functions of those modules they call added as ``foreign`` units (``_foreign``)."""
    index = {(u.module, u.qualname): u for u in units}
    patched = frozenset().union(*(t.patched for t in tables.values()))
    modules = _submodules(tables)
    out = []
    for unit in units:
        table = tables.get(unit.module)
        if table is None or not (table.imports or table.aliases):
            out.append(unit)
            continue
        done = _carry_one(unit, table, tables, index, patched)
        rw = modnames.rewrite(unit.source, unit.context, table, modules)
        if rw is not None and unit.kind == "function":
            done = _through_modules(unit, table, tables, index, patched, rw) or done
        out.append(done)
    return out


def _through_modules(
    unit: Unit,
    table: ModuleConstants,
    tables: Mapping[str, ModuleConstants],
    index: Mapping[tuple[str, str], Unit],
    patched: frozenset[tuple[str, str]],
    rw: modnames.Rewrite,
) -> Unit | None:
    """``unit`` reading the attributes of modules ``rw`` names as bare names, each carried
    as ``from M import name`` would carry it (``units/modnames.py``); only the rewrites of
    names that were carried are kept; None when none was."""
    modules = _submodules(tables)
    for _ in range(2):
        trial = replace(unit, source=rw.source, context=rw.context)
        view = replace(table, imports={**table.imports, **rw.names})
        got = _carry_one(trial, view, tables, index, patched)
        carried = {n for n, _ in got.constants} | {f.qualname for f in got.foreign}
        kept = frozenset(rw.names.keys() & carried)
        if kept == rw.names.keys():
            return got
        if not kept:
            return None
        again = modnames.rewrite(unit.source, unit.context, table, modules, kept)
        if again is None:
            return None
        rw = again
    return None


def _submodules(tables: Mapping[str, ModuleConstants]) -> frozenset[str]:
    """The modules of ``tables`` that their package's attribute of their name surely is
    (``pkg.geom`` is the module geom): top-level ones, and those whose package's
    ``__init__`` (in ``tables``) binds that name only by importing the module itself. A
    package binding it otherwise (``geom = Other``) makes ``from . import geom`` and
    ``pkg.geom`` that value, not the module."""
    out = set()
    for module in tables:
        parent, _, last = module.rpartition(".")
        if not parent:
            out.add(module)
            continue
        home = tables.get(parent)
        if home is None or "*" in home.bound:
            continue
        if last not in home.bound or home.imports.get(last) == (parent, last):
            out.add(module)
    return frozenset(out)


def _carry_one(
    unit: Unit,
    table: ModuleConstants,
    tables: Mapping[str, ModuleConstants],
    index: Mapping[tuple[str, str], Unit],
    patched: frozenset[tuple[str, str]],
) -> Unit:
    """``unit`` with the constants and the functions and classes of other modules it reads
    through the names its module's from-imports bind."""
    reads = _reads(unit)
    added = _carried(unit, table, tables, reads, patched)
    if added:
        unit = replace(unit, constants=tuple(sorted({*unit.constants, *added})))
    foreign, context, constants, imports = _foreign(unit, table, tables, index, reads, patched)
    if foreign:
        unit = replace(
            unit,
            foreign=foreign,
            context=tuple(sorted({*unit.context, *context})),
            constants=tuple(sorted({*unit.constants, *constants})),
            imports=(*unit.imports, *(i for i in imports if i not in unit.imports)),
        )
    return unit


def _carried(
    unit: Unit,
    table: ModuleConstants,
    tables: Mapping[str, ModuleConstants],
    reads: set[str],
    patched: frozenset[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    wanted = sorted(reads & table.imports.keys())
    if not wanted:
        return ()
    have = {name for name, _ in unit.constants}
    found: dict[str, str] = {}
    for local in wanted:
        got = _resolve(*table.imports[local], tables)
        if got is None or local in have:
            continue
        exporter, name = got
        if any((exporter.module, n) in patched for n in (name, *exporter.exports[name][1])):
            continue
        src, deps = exporter.exports[name]
        pairs = [(local, src if local == name else _renamed(src, local))]
        pairs += [(d, exporter.exports[d][0]) for d in deps]
        # a dependency lives under its own name: it must mean nothing else here
        if any(d in table.bound or d in reads or d in have for d in deps):
            continue
        if any(found.get(n, s) != s for n, s in pairs):
            continue
        found.update(pairs)
    return tuple(sorted(found.items()))


def _foreign(
    unit: Unit,
    table: ModuleConstants,
    tables: Mapping[str, ModuleConstants],
    index: Mapping[tuple[str, str], Unit],
    reads: set[str],
    patched: frozenset[tuple[str, str]],
) -> tuple[tuple[Unit, ...], list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """The functions of other modules ``unit`` calls through a name one top-level ``from M
    import f`` binds (``f`` itself, not ``as g``), each with the siblings of its module it
    calls (transitively), as the units of their own modules the partition holds: their Rust
    is nested in the unit's function (``engine.RuleEngine``), where their names are theirs.
    Also their sources (``context``: the unit's own passes type the calls) and their
    constants (``constants``), which must mean nothing else in the unit's module.

    A callee or a sibling of it that is decorated or ``async`` (a class may be: its module's
    translation decides) or not a unit of this partition is not carried; nor one whose module
    names (other than the import, or this module's import of the same def) this module binds
    or the unit reads otherwise."""
    if unit.kind != "function" or unit.foreign:
        return (), [], [], []
    mine = set(table.bound) | reads | {n for n, _ in unit.context}
    own_imports = _import_origins(unit.imports)
    imports: list[str] = []
    have_constants = dict(unit.constants)
    units: dict[str, Unit] = {}
    context: dict[str, str] = {}
    constants: dict[str, str] = {}
    for local in sorted(reads & table.imports.keys()):
        callee = _resolve_function(*table.imports[local], tables, index)
        if callee is None or callee.qualname != local:
            continue
        group = [callee]
        group += [index.get((callee.module, name)) for name, _ in callee.context]  # type: ignore[misc]
        if not all(u is not None and _carriable(u) for u in group):
            continue
        home = tables[callee.module]
        if any(u.qualname not in home.once or (u.module, u.qualname) in patched for u in group):
            continue
        others = {u.qualname for u in group} - {local}
        if any(not _same_unit(n, callee.module, table, tables, index) for n in others & mine):
            continue
        clash = [
            name
            for name, src in callee.constants
            if (name in mine or name in have_constants)
            and have_constants.get(name) != src
            and not _same_constant(name, callee.module, table, tables)
        ]
        if clash or any((callee.module, n) in patched for n, _ in callee.constants):
            continue
        entries = [(u.qualname, u.source) for u in group]
        if any(context.get(n, s) != s for n, s in entries) or any(
            constants.get(n, s) != s for n, s in callee.constants
        ):
            continue
        needed = _class_imports(group, mine, own_imports)
        if needed is None:
            continue
        imports += [i for i in needed if i not in imports]
        context.update(entries)
        constants.update(callee.constants)
        units.update({u.qualname: u for u in group})
    return (
        tuple(units[n] for n in sorted(units)),
        sorted(context.items()),
        sorted(constants.items()),
        imports,
    )


def _class_imports(group: list[Unit], mine: set[str], own: Mapping[str, str]) -> list[str] | None:
    """The absolute import statements of their own module that the classes of ``group``
    read names of (``from typing import NamedTuple``): the caller's passes read the class's
    source with them. None when one binds a name this module binds or reads as something
    else (the caller's code would then read it differently)."""
    classes = [u for u in group if u.kind == "class"]
    if not classes:
        return []
    read = set().union(*(_names(u.source) for u in classes))
    out: list[str] = []
    for text in classes[0].imports:
        origins = _import_origins((text,))
        if not origins or not (origins.keys() & read):
            continue
        if any(name in mine and own.get(name) != origin for name, origin in origins.items()):
            return None
        out.append(text)
    return out


def _names(src: str) -> set[str]:
    try:
        tree = ast.parse(src)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def _import_origins(imports: Iterable[str]) -> dict[str, str]:
    """Local name -> dotted origin of the absolute import statements among ``imports``
    (relative ones bind nothing here: they are the partition tables' to follow)."""
    names: dict[str, str] = {}
    for node in import_nodes(imports):
        if isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name.partition(".")[0]] = a.name
        elif node.module and not node.level:
            for a in node.names:
                names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def _same_unit(
    name: str,
    module: str,
    table: ModuleConstants,
    tables: Mapping[str, ModuleConstants],
    index: Mapping[tuple[str, str], Unit],
) -> bool:
    """Whether this module's ``name`` is the def ``name`` of ``module``, imported (``from
    .geom import Pair, total``: total's Pair is the caller's Pair)."""
    if name not in table.imports:
        return False
    got = _resolve_function(*table.imports[name], tables, index)
    return got is not None and got.module == module and got.qualname == name


def _stdlib(module: str) -> bool:
    return module.partition(".")[0] in sys.stdlib_module_names


def _same_constant(
    name: str, module: str, table: ModuleConstants, tables: Mapping[str, ModuleConstants]
) -> bool:
    """Whether this module's ``name`` is the constant ``name`` of ``module``, imported."""
    if name not in table.imports:
        return False
    got = _resolve(*table.imports[name], tables)
    return got is not None and got[0].module == module and got[1] == name


def _plain_function(unit: Unit) -> bool:
    """A function unit without decorators, not ``async``, carrying nothing foreign."""
    head = unit.source.lstrip()
    return unit.kind == "function" and not unit.foreign and not head.startswith(("@", "async "))


def _carriable(unit: Unit) -> bool:
    """A plain function (nested as a private copy) or a class (used where it lives: its
    home module's translation decides its decorators, bases and members)."""
    return _plain_function(unit) or (unit.kind == "class" and not unit.foreign)


def _resolve_function(
    module: str,
    name: str,
    tables: Mapping[str, ModuleConstants],
    index: Mapping[tuple[str, str], Unit],
) -> Unit | None:
    """The function unit ``module.name`` is (following re-exports), or None."""
    for _ in range(MAX_HOPS):
        table = tables.get(module)
        if table is None:
            return None
        if (module, name) in index:
            return index[(module, name)]
        if name not in table.imports:
            return None
        module, name = table.imports[name]
    return None


def _resolve(
    module: str, name: str, tables: Mapping[str, ModuleConstants]
) -> tuple[ModuleConstants, str] | None:
    """The module whose constant ``module.name`` is (following re-exports), or None."""
    for _ in range(MAX_HOPS):
        table = tables.get(module)
        if table is None:
            return None
        if name in table.exports:
            return table, name
        if name not in table.imports:
            return None
        module, name = table.imports[name]
    return None


def _reads(unit: Unit) -> set[str]:
    """Every name the unit's source and its context read or bind."""
    names: set[str] = set()
    for src in (unit.source, *(s for _, s in unit.context)):
        try:
            tree = ast.parse(src)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return set()
        names.update(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))
    return names


def _renamed(src: str, local: str) -> str:
    """The assignment ``src`` as one of ``local`` (``from .util import LIMIT as L``)."""
    node = ast.parse(src).body[0]
    assert isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None
    value = ast.unparse(node.value)
    if isinstance(node, ast.AnnAssign):
        return f"{local}: {ast.unparse(node.annotation)} = {value}\n"
    return f"{local} = {value}\n"


def _immutable(src: str) -> bool:
    """Whether the assignment ``src`` has one plain target and a value built only from
    literals, operators, tuples, ``frozenset`` of a display and names (other constants)."""
    try:
        node = ast.parse(src).body[0]
    except (SyntaxError, ValueError, RecursionError, MemoryError, IndexError):
        return False
    if isinstance(node, ast.Assign):
        if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            return False
    elif not (isinstance(node, ast.AnnAssign) and node.value is not None):
        return False
    assert node.value is not None
    return _literal(node.value)


def _literal(e: ast.expr) -> bool:
    if isinstance(e, ast.Constant):
        return not isinstance(e.value, type(...))
    if isinstance(e, ast.Name):
        return isinstance(e.ctx, ast.Load)
    if isinstance(e, ast.Tuple):
        return all(_literal(x) for x in e.elts)
    if isinstance(e, ast.UnaryOp):
        return _literal(e.operand)
    if isinstance(e, ast.BinOp):
        return _literal(e.left) and _literal(e.right)
    if isinstance(e, ast.Call):
        return (
            isinstance(e.func, ast.Name)
            and e.func.id in _IMMUTABLE_CALLS
            and not e.keywords
            and len(e.args) <= 1
            and all(
                (isinstance(a, ast.Constant) and isinstance(a.value, str | bytes))
                or (
                    isinstance(a, ast.Set | ast.List | ast.Tuple)
                    and all(_literal(x) for x in a.elts)
                )
                for a in e.args
            )
        )
    return False


def _closure(name: str, refs: Mapping[str, frozenset[str]]) -> set[str] | None:
    """The names ``name``'s value reads, transitively through constants (``frozenset``
    excepted); None when one of them is not a module constant."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        for ref in refs.get(todo.pop(), frozenset()):
            if ref in _IMMUTABLE_CALLS or ref in seen or ref == name:
                continue
            if ref not in refs:
                return None
            seen.add(ref)
            todo.append(ref)
    return seen


def _binding_counts(
    tree: ast.Module, has_global: bool
) -> tuple[dict[str, int], bool, set[tuple[str, str]]]:
    """How many times each name is bound at the module's top level (assignments, defs,
    imports, loop targets, ``del``, bindings inside top-level blocks) or under ``global`` in a
    function (``has_global``: the module's text has the word); a name bound other than by one
    whole statement counts at least twice. Second: whether the module has a star import;
    third: the ``(name, attribute)`` pairs top-level code assigns (``base.double = ...``)."""
    counts: dict[str, int] = {}
    star = False
    stores: set[tuple[str, str]] = set()

    def add(name: str, n: int = 1) -> None:
        counts[name] = counts.get(name, 0) + n

    for top in tree.body:
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            add(top.name)
            for g in ast.walk(top) if has_global else ():
                if isinstance(g, ast.Global):
                    for name in g.names:
                        add(name, 2)
            continue
        if isinstance(top, ast.Import | ast.ImportFrom):
            for alias in top.names:
                star = star or alias.name == "*"
                add((alias.asname or alias.name).partition(".")[0])
            continue
        targets = top.targets if isinstance(top, ast.Assign) else [getattr(top, "target", None)]
        whole = {id(t) for t in targets if isinstance(t, ast.Name)}
        for cur in ast.walk(top):
            if isinstance(cur, ast.Name) and not isinstance(cur.ctx, ast.Load):
                add(cur.id, 1 if id(cur) in whole and not isinstance(top, ast.AugAssign) else 2)
            elif isinstance(cur, ast.Attribute) and not isinstance(cur.ctx, ast.Load):
                chain = _dotted(cur.value)
                if chain is not None:
                    stores.add((chain, cur.attr))
            elif isinstance(cur, ast.Import | ast.ImportFrom):  # inside a block
                for alias in cur.names:
                    star = star or alias.name == "*"
                    add((alias.asname or alias.name).partition(".")[0], 2)
            elif isinstance(cur, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                add(cur.name, 2)
    return counts, star, stores


def _dotted(e: ast.expr) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    parts: list[str] = []
    while isinstance(e, ast.Attribute):
        parts.append(e.attr)
        e = e.value
    return ".".join([e.id, *reversed(parts)]) if isinstance(e, ast.Name) else None
