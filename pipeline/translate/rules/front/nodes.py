"""Node classes: linked-list nodes, tree nodes, graph nodes (docs/nodes.md).

A class is a *node* class when an attribute set in ``__init__`` refers to its own class:

- annotated so (``self.next: Optional["Node"] = None``, ``next: "Node | None" = None``);
- ``None`` stored into it (a ``None`` default of a parameter stored on ``self``, or the
  literal), typed ``Optional[Self]`` by what the module's code visible to the unit says
  (``none_field_type``): the module stores only new objects of the class into that attribute
  (``x.next = Node(v)``, or ``n = Node(v)`` then ``cur.next = n`` in one function); or it
  stores none and the attribute is a link name (``next``, ``left``, ``parent``... ``LINKS``),
  or, for a parameter's default, the module walks it (``cur = cur.next``, ``x.next.next``).

The same evidence types a ``None``-initialised attribute of any class (``self.head = None``
then ``self.head = Node(v)``: ``Optional[Node]``). Node classes are emitted with Python's
reference semantics (types/handles.py); everything here is syntax, read once per source.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Mapping

from pipeline.pytypes import PyType
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front import hierarchy, parsed
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import handles

# attribute names that link an object to another of its class (a ``None`` stored there, with
# nothing else stored, is ``Optional[Self]``); ``head``/``tail`` are left out: a list's head
# is usually an object of another class (its node)
LINKS = frozenset({"next", "prev", "previous", "left", "right", "parent", "nxt", "succ", "pred"})
COMPARE = ("__eq__", "__lt__", "__hash__")  # a handle's == is identity; no hash of a node
# a node class's attribute getters are methods named after the attributes: these are taken
HANDLE_RESERVED = frozenset({"new", "clone", "eq", "ne", "fmt", "borrow", "py_str", "py_repr"})


def check_node(
    name: str,
    fields: Mapping[str, PyType],
    dataclass: bool,
    in_hierarchy: bool,
    methods: list[str],
    line: int | None,
) -> bool:
    """Whether a lowered class is a node class (a field holding the class itself); one that
    no store of the module explains, or that a handle cannot mean, is refused."""
    recursive = [(f, t) for f, t in fields.items() if name in _names_in(t)]
    if not recursive:
        return False
    fname, t = recursive[0]
    if name not in handles.handles():
        raise Refusal(
            Code.CLASS_FORM,
            f"field {fname} of class {name} has a recursive type ({t.render()}) "
            "that no attribute store of the module explains (docs/nodes.md)",
            line,
        )
    why = handle_problem(name, fields, recursive, dataclass, in_hierarchy, methods)
    if why:
        raise Refusal(Code.CLASS_FORM, f"node class {name}: {why} (docs/nodes.md)", line)
    return True


def none_attribute(
    cls: str, fname: str, value: ir.Expr, sources: Mapping[str, str]
) -> PyType | None:
    """The type of ``self.fname = None`` in ``__init__`` from the module's stores into
    ``fname`` (None when they say nothing)."""
    if isinstance(value, ir.Const) and value.value is None:
        return none_field_type(cls, fname, False, sources)
    return None


def type_none_defaults(cls: str, init: ir.Function, sources: Mapping[str, str]) -> None:
    """An untyped ``p=None`` parameter of ``__init__`` stored as ``self.attr = p`` takes the
    attribute's type from the module (``none_field_type``)."""
    stored = {}
    for s in init.body:
        if not isinstance(s, ir.Assign) or len(s.targets) != 1:
            continue
        target = s.targets[0]
        if (
            isinstance(target, ir.Attr)
            and isinstance(target.obj, ir.Name)
            and target.obj.id == "self"
            and isinstance(s.value, ir.Name)
        ):
            stored[s.value.id] = target.name
    for p in init.params:
        default = p.default
        none = isinstance(default, ir.Const) and default.value is None
        if p.ann is None and p.name in stored and none:
            p.ann = none_field_type(cls, stored[p.name], True, sources)


def _names_in(t: PyType) -> set[str]:
    return {t.name} | {n for a in t.args for n in _names_in(a)}


def handle_problem(
    name: str,
    fields: Mapping[str, PyType],
    recursive: list[tuple[str, PyType]],
    dataclass: bool,
    in_hierarchy: bool,
    methods: list[str],
) -> str:
    """Why node class ``name`` cannot be a shared handle ("" when it can)."""
    link = PyType("Optional", (PyType(name),))
    for fname, t in recursive:
        if t != link:
            return f"field {fname} of type {t.render()} (only Optional[{name}] is shared)"
    if dataclass:
        return "a dataclass (its == compares fields, recursively)"
    if in_hierarchy:
        return "a class hierarchy"
    clash = sorted(m for m in methods if m in COMPARE or m in fields)
    if clash:
        return f"method {clash[0]} (comparison, hash, or an attribute's name)"
    taken = sorted(f for f in fields if f in HANDLE_RESERVED)
    if taken:
        return f"attribute {taken[0]} (a name the handle's Rust methods use)"
    return ""


def node_classes(sources: Mapping[str, str]) -> frozenset[str]:
    """The node classes among the module's definitions (name -> source)."""
    out = set()
    for name, source in sources.items():
        node = hierarchy.class_def(source)
        if node is not None and node.name == name and _refers_to_itself(node, sources):
            out.add(name)
    return frozenset(out)


def class_sources(node: ast.ClassDef, sources: Mapping[str, str]) -> dict[str, str]:
    """``own_sources`` of class ``node`` among ``sources``, which hold its own source when a
    session lowers it (unparsed here only when not: unparsing a whole class for each unit
    that lowers it was ~5 % of translation CPU on the stdlib)."""
    own = sources if node.name in sources else {**sources, node.name: ast.unparse(node)}
    return own_sources(node.name, own)


def own_sources(cls: str, sources: Mapping[str, str]) -> dict[str, str]:
    """The definitions the class names, transitively: a part of its own unit's context (the
    sharder's context follows names, and more), found the same in the context of every unit
    that sees the class, so that all of them decide its attributes' types from one evidence."""
    seen = {cls}
    todo = [cls]
    while todo:
        for ref in _names(sources[todo.pop()]):
            if ref in sources and ref not in seen:
                seen.add(ref)
                todo.append(ref)
    return {n: sources[n] for n in sorted(seen)}


@functools.lru_cache(maxsize=4096)
def _names(source: str) -> frozenset[str]:
    """The names a definition's source uses."""
    tree = parsed.module(source)
    if tree is None:
        return frozenset()
    return frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))


def none_field_type(
    cls: str, fname: str, param_default: bool, sources: Mapping[str, str]
) -> PyType | None:
    """The type of attribute ``fname`` of class ``cls`` set to ``None`` in ``__init__`` (a
    ``None``-default parameter when ``param_default``), or None when nothing says."""
    kinds = stored_classes(sources).get(fname, frozenset())
    if len(kinds) == 1:
        return PyType("Optional", (PyType(next(iter(kinds))),))
    if not kinds and (fname in LINKS or (param_default and walked(fname, sources))):
        return PyType("Optional", (PyType(cls),))
    return None


def walked(attr: str, sources: Mapping[str, str]) -> bool:
    """Whether the module walks ``attr`` as a link: ``cur = cur.attr`` or ``x.attr.attr``."""
    return any(attr in _walks(source) for source in sources.values())


@functools.lru_cache(maxsize=4096)
def _walks(source: str) -> frozenset[str]:
    """Attributes ``source`` follows from an object to another of its kind."""
    tree = parsed.module(source)
    if tree is None:
        return frozenset()
    out = set()
    for n in ast.walk(tree):
        repeated = _repeated_attr(n)
        if repeated:  # ``x.next.next``
            out.add(repeated)
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Attribute):
            obj = n.value.value
            for t in n.targets:
                if isinstance(t, ast.Name) and isinstance(obj, ast.Name) and obj.id == t.id:
                    out.add(n.value.attr)  # ``cur = cur.next``
    return frozenset(out)


def stored_classes(sources: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Attribute name -> the module classes whose new objects the module stores into it
    (``x.attr = Cls(...)``, or a local bound to ``Cls(...)`` in the same function)."""
    classes = {n for n, src in sources.items() if hierarchy.class_def(src) is not None}
    found: dict[str, set[str]] = {}
    for source in sources.values():
        for attr, cls in _stores(source):
            if cls in classes:
                found.setdefault(attr, set()).add(cls)
    return {a: frozenset(c) for a, c in found.items()}


@functools.lru_cache(maxsize=4096)
def _stores(source: str) -> tuple[tuple[str, str], ...]:
    """(attribute, class name) of every ``x.attr = Cls(...)`` store in ``source``."""
    tree = parsed.module(source)
    if tree is None:
        return ()
    out: set[tuple[str, str]] = set()
    scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for scope in scopes:
        bound: dict[str, str] = {}
        assigns = [n for n in ast.walk(scope) if isinstance(n, ast.Assign)]
        for a in assigns:
            cls = _constructed(a.value)
            for t in a.targets:
                if isinstance(t, ast.Name) and cls is not None:
                    bound[t.id] = cls
        for a in assigns:
            for target, value in _pairs(a):
                if not isinstance(target, ast.Attribute):
                    continue
                cls = _constructed(value)
                if cls is None and isinstance(value, ast.Name):
                    cls = bound.get(value.id)
                if cls is not None:
                    out.add((target.attr, cls))
    return tuple(sorted(out))


def _pairs(a: ast.Assign) -> list[tuple[ast.expr, ast.expr]]:
    """(target, value) of an assignment, tuple displays matched item by item."""
    out = []
    for t in a.targets:
        if isinstance(t, ast.Tuple) and isinstance(a.value, ast.Tuple):
            out += list(zip(t.elts, a.value.elts, strict=False))
        else:
            out.append((t, a.value))
    return out


def _constructed(value: ast.expr) -> str | None:
    """``Cls`` of a ``Cls(...)`` call (a capitalised name)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        name = value.func.id
        return name if name.lstrip("_")[:1].isupper() else None
    return None


def _refers_to_itself(node: ast.ClassDef, sources: Mapping[str, str]) -> bool:
    """Whether an attribute ``__init__`` sets refers to the class (see the module text);
    ``sources``: the module's, narrowed to the class's own view only when a ``None`` store
    needs evidence."""
    init = next(
        (s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None
    )
    if init is None or node.decorator_list:
        return False
    params = _params(init)
    nones: list[tuple[str, bool]] = []  # (attribute, from a parameter's default)
    for stmt in init.body:
        for target, value, ann in _field_stores(stmt):
            if ann is not None and _mentions(ann, node.name):
                return True
            if isinstance(value, ast.Name) and value.id in params:
                p_ann, p_default = params[value.id]
                if p_ann is not None and _mentions(p_ann, node.name):
                    return True
                if p_ann is None and _is_none(p_default):
                    nones.append((target, True))
            elif _is_none(value):
                nones.append((target, False))
    if not nones:
        return False
    own = own_sources(node.name, sources)
    link = PyType("Optional", (PyType(node.name),))
    return any(none_field_type(node.name, a, param, own) == link for a, param in nones)


def _params(init: ast.FunctionDef) -> dict[str, tuple[ast.expr | None, ast.expr | None]]:
    """Parameter -> (annotation, default) of ``__init__``."""
    args = init.args.posonlyargs + init.args.args
    defaults: list[ast.expr | None] = [None] * (len(args) - len(init.args.defaults))
    defaults += list(init.args.defaults)
    out = {a.arg: (a.annotation, d) for a, d in zip(args, defaults, strict=True)}
    for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults, strict=True):
        out[a.arg] = (a.annotation, d)
    return out


def _field_stores(stmt: ast.stmt) -> list[tuple[str, ast.expr | None, ast.expr | None]]:
    """(attribute, value, annotation) of ``self.attr = value`` stores in one statement."""
    if isinstance(stmt, ast.AnnAssign) and _self_attr(stmt.target):
        assert isinstance(stmt.target, ast.Attribute)
        return [(stmt.target.attr, stmt.value, stmt.annotation)]
    if isinstance(stmt, ast.Assign):
        return [
            (t.attr, v, None)
            for t, v in _pairs(stmt)
            if isinstance(t, ast.Attribute) and _self_attr(t)
        ]
    return []


def _self_attr(t: ast.expr) -> bool:
    return isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"


def _is_none(e: ast.expr | None) -> bool:
    return isinstance(e, ast.Constant) and e.value is None


def _mentions(ann: ast.expr, name: str) -> bool:
    """Whether an annotation names class ``name`` (a string annotation included)."""
    for n in ast.walk(ann):
        if isinstance(n, ast.Name) and n.id == name:
            return True
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            try:
                inner = ast.parse(n.value, mode="eval").body
            except SyntaxError:
                continue
            if _mentions(inner, name):
                return True
    return False


def _repeated_attr(n: ast.AST) -> str:
    """``a`` for ``x.a.a`` (an attribute read of the attribute of the same name), else ""."""
    if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute):
        return n.attr if n.attr == n.value.attr else ""
    return ""
