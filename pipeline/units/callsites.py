"""Literal calls of a module's functions: the evidence for unannotated parameters' types.

A parameter with neither annotation nor a typed default gets its type from the calls the
sharder can see in its module: the ``>>>`` examples of any docstring, the examples docstrings
write in prose (a line ``f(7, 34, 12) == 34``, ``f("a b") ➞ ["a", "b"]``, ``f(3) -> 6``,
``f(3) returns 6``: a call, then ``==``/``->``/``=>``/``➞``/``→``/``-->``/``=``/``returns``/
``should return``/``is``/``gives`` and the result), and the calls in the module's own
code, where every argument is a literal (``f(3, [1, 2])``, ``f(n=-1)``). The
sharder collects them once per module, in source order (code first, then doctests), and hands
each unit the calls of itself and of the siblings it calls; the rule engine turns them into
types (``translate/rules/types/paramhints.py``). Calls of functions imported from other modules of
the repository are picked out of the same scan (``outcalls.py``) and reach those functions at
the end of the run (``crossmod.py``).
"""

from __future__ import annotations

import ast
import copy
import doctest
import re
from collections.abc import Callable, Iterable

from pipeline.pytypes import UNTYPED_ANNOTATIONS
from pipeline.units.astnodes import nodes

DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
MAX_CALLS = 16  # per function: enough to agree on a type, few enough for the cache key
_LITERAL_LEAVES = (ast.Constant,)
_LITERAL_BOXES = (ast.List, ast.Tuple, ast.Set)
# a prose example: text, a call ``name(...)``, then an arrow or ``==`` and the result
_PROSE_ARROW = re.compile(
    r"\s*(?:==>|-->|==|->|=>|➞|→|⟶|=|\b(?:returns?|gives?|should (?:return|be)|is)\b)\s*\S"
)
_CALL_START = re.compile(r"(?<![\w.])[A-Za-z_]\w*\(")


def needs_evidence(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether some parameter has no annotation (or one that says no more than "untyped": a
    bare ``list``, ``Any``...) and no default but ``None`` (its type can only come from calls),
    an unannotated ``*args`` or ``**kwargs`` among them, or is annotated ``int`` (calls passing
    floats widen it: Python ignores annotations, see ``paramhints.widen``)."""
    args = node.args
    plain = args.posonlyargs + args.args
    defaults = [None] * (len(plain) - len(args.defaults)) + list(args.defaults)
    stars = [a for a in (args.vararg, args.kwarg) if a is not None]
    return any(a.annotation is None for a in stars) or any(
        (_untyped(a.annotation) and (d is None or _is_none(d)))
        or (isinstance(a.annotation, ast.Name) and a.annotation.id == "int")
        for a, d in zip(plain, defaults, strict=True)
    )


def _untyped(annotation: ast.expr | None) -> bool:
    """No annotation, or a bare one (``list``, ``typing.Dict``, ``Any``, ``List[tuple]``)."""
    if annotation is None:
        return True
    if isinstance(annotation, ast.Subscript):
        inner = annotation.slice
        parts = inner.elts if isinstance(inner, ast.Tuple) else [inner]
        return _untyped(annotation.value) and any(_untyped(p) for p in parts)
    if isinstance(annotation, ast.Attribute):
        return annotation.attr in UNTYPED_ANNOTATIONS
    return isinstance(annotation, ast.Name) and annotation.id in UNTYPED_ANNOTATIONS


def init_needs_evidence(node: ast.ClassDef) -> bool:
    """Whether the class's ``__init__`` (its parameters after ``self``) needs calls to type
    them, as ``needs_evidence`` says of a function: ``Cls(...)`` calls are its evidence."""
    init = next(
        (d for d in node.body if isinstance(d, ast.FunctionDef) and d.name == "__init__"), None
    )
    if init is None or not (init.args.posonlyargs + init.args.args):
        return False
    args = copy.copy(init.args)
    if args.posonlyargs:
        args.posonlyargs = args.posonlyargs[1:]
    else:
        args.args = args.args[1:]
    bare = copy.copy(init)
    bare.args = args
    return needs_evidence(bare)


def literal_calls(tree: ast.Module, wanted: set[str]) -> dict[str, tuple[str, ...]]:
    """For each name in ``wanted``, the source of its calls with literal arguments only."""
    if not wanted:
        return {}
    return by_name(scan(tree, lambda call: named(call, wanted)), wanted)


def by_name(calls: Iterable[ast.Call], wanted: set[str]) -> dict[str, tuple[str, ...]]:
    """The calls of each name in ``wanted`` (``f(...)``), as source, at most MAX_CALLS."""
    found: dict[str, list[str]] = {}
    for call in calls:
        if named(call, wanted):
            assert isinstance(call.func, ast.Name)
            keep(found.setdefault(call.func.id, []), ast.unparse(call))
    return {name: tuple(calls) for name, calls in found.items()}


def keep(calls: list[str], text: str) -> None:
    """Add ``text`` to ``calls`` unless already there or MAX_CALLS are kept."""
    if len(calls) < MAX_CALLS and text not in calls:
        calls.append(text)


def scan(tree: ast.Module, accept: Callable[[ast.Call], bool]) -> list[ast.Call]:
    """Every call with literal arguments only that ``accept`` takes: the module's code in
    source order, then the ``>>>`` examples of its docstrings."""

    def wanted(node: ast.Call) -> bool:
        return accept(node) and _literal_args(node)

    calls, defs = _walk(tree)
    return _in_order(n for n in calls if wanted(n)) + _doctest_calls([tree, *defs], wanted)


def _walk(tree: ast.AST) -> tuple[list[ast.Call], list[DefNode]]:
    """Every call and every def under ``tree``, in one walk."""
    calls: list[ast.Call] = []
    defs: list[DefNode] = []
    for cur in nodes(tree):
        if type(cur) is ast.Call:
            calls.append(cur)
        elif isinstance(cur, DefNode):
            defs.append(cur)
    return calls, sorted(defs, key=lambda n: (n.lineno, n.col_offset))


def named(call: ast.Call, wanted: set[str]) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id in wanted


def _doctest_calls(
    owners: list[ast.Module | DefNode], wanted: Callable[[ast.Call], bool]
) -> list[ast.Call]:
    """Calls ``wanted`` takes in the ``>>>`` examples and the prose examples of the
    docstrings of ``owners``."""
    out: list[ast.Call] = []
    for node in owners:
        text = ast.get_docstring(node, clean=True)
        if not text or "(" not in text:
            continue
        for source in [*_doctest_sources(text), *_prose_sources(text)]:
            try:
                parsed = ast.parse(source)
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                continue
            out.extend(_in_order(n for n in _walk(parsed)[0] if wanted(n)))
    return out


def _doctest_sources(text: str) -> list[str]:
    if ">>>" not in text:
        return []
    try:
        return [example.source for example in doctest.DocTestParser().get_examples(text)]
    except ValueError:
        return []


def _prose_sources(text: str) -> list[str]:
    """The call of each docstring line written ``call <arrow or ==> result`` (not a ``>>>``
    line): the text from the first ``name(`` that parses up to the arrow."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith((">>>", "...")) or "(" not in line:
            continue
        for arrow in _PROSE_ARROW.finditer(line):  # the first arrow after a whole call
            found = _call_ending(line[: arrow.start()].rstrip())
            if found:
                out.append(found)
                break
    return out


def _call_ending(head: str) -> str:
    """The call ``head`` ends with, from the first ``name(`` that parses, or ``""``."""
    for start in _CALL_START.finditer(head):
        candidate = head[start.start() :].rstrip(" .,:;")
        if _parses_as_call(candidate):
            return candidate
    return ""


def _parses_as_call(text: str) -> bool:
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return isinstance(tree.body, ast.Call)


def _in_order(calls: Iterable[ast.AST]) -> list[ast.Call]:
    found = [n for n in calls if isinstance(n, ast.Call)]
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def _literal_args(call: ast.Call) -> bool:
    return all(_is_literal(a) for a in call.args) and all(
        k.arg is not None and _is_literal(k.value) for k in call.keywords
    )


def _is_literal(node: ast.expr) -> bool:
    """A literal ``ast.literal_eval`` accepts, checked without evaluating it."""
    if isinstance(node, _LITERAL_LEAVES):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, _LITERAL_BOXES):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_literal(k) for k in node.keys) and all(
            _is_literal(v) for v in node.values
        )
    return False


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None
