"""Compiled patterns that are module constants: ``WORD = re.compile(r"[a-z]+")`` read through
its methods inside a function, ``WORD.findall(s)``, is ``re.findall(r"[a-z]+", s)``.

A ``Pattern``'s ``match``/``search``/``fullmatch``/``findall`` (one argument, the string: their
``pos``/``endpos`` are not taken), ``sub(repl, string[, count])`` and ``split(string[,
maxsplit])`` take the ``re`` function's arguments after its pattern, in the same order, and
mean the same; the lowerer rewrites such a call into that function's call with the pattern's
literal, and the ``re`` support (``types/regex.py``) takes or refuses it as it would the
written call. Only a constant whose value is ``<re>.compile(<str literal>)`` (``<re>`` a name the
module binds to ``re``), with no flags or flags that only change how the pattern is read
(``re.VERBOSE`` becomes a leading ``(?x)``, ``re.UNICODE`` is a str pattern's default); and
only where the function binds neither the constant's name nor ``<re>`` (then it is a local).
Any other use of the pattern object (passed, stored, ``.pattern``, ``.groups``) is refused as
before: its value, ``re.compile(...)``, is not translated.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

METHODS = frozenset({"match", "search", "fullmatch", "findall", "sub", "split"})
# flags that change only how the pattern text is parsed (the inline letter that says the same)
PARSE_FLAGS = {"VERBOSE": "x", "X": "x", "UNICODE": "", "U": ""}


@dataclass(frozen=True)
class Compiled:
    """A pattern constant: the name the module binds ``re`` to and the pattern text."""

    module: str
    pattern: str


def module_patterns(
    constants: Mapping[str, str], imports: Mapping[str, str]
) -> dict[str, Compiled]:
    """Constant name -> its compiled pattern, for the constants (name -> value source) that are
    ``re.compile`` of a string literal with parse-only flags."""
    out = {}
    for name, source in constants.items():
        if "compile" not in source:
            continue
        try:
            value = ast.parse(source, mode="eval").body
        except SyntaxError:
            continue
        found = _compiled(value, imports)
        if found is not None:
            out[name] = found
    return out


def _compiled(value: ast.expr, imports: Mapping[str, str]) -> Compiled | None:
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "compile"
        and isinstance(value.func.value, ast.Name)
        and imports.get(value.func.value.id) == "re"
        and 1 <= len(value.args) <= 2
        and isinstance(value.args[0], ast.Constant)
        and isinstance(value.args[0].value, str)
    ):
        return None
    module = value.func.value.id
    flags = value.args[1:]
    for k in value.keywords:
        if k.arg != "flags" or flags:
            return None
        flags = [k.value]
    letters = _flag_letters(flags[0], imports) if flags else ""
    if letters is None:
        return None
    prefix = f"(?{letters})" if letters else ""
    return Compiled(module, prefix + value.args[0].value)


def _flag_letters(node: ast.expr, imports: Mapping[str, str]) -> str | None:
    """The inline letters of a flags expression (``re.VERBOSE | re.U``) made of parse-only
    flags, else None."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flag_letters(node.left, imports), _flag_letters(node.right, imports)
        return None if left is None or right is None else "".join(sorted(set(left + right)))
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and imports.get(node.value.id) == "re"
        and node.attr in PARSE_FLAGS
    ):
        return PARSE_FLAGS[node.attr]
    return None


def rewritten(
    node: ast.Call, patterns: Mapping[str, Compiled], fn: ast.FunctionDef | None
) -> ast.Call | None:
    """``P.method(args)`` as ``re.method(<pattern>, args)`` when ``P`` is a pattern constant
    the function ``fn`` (the outermost def being lowered) does not rebind; else None."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr in METHODS
        and isinstance(func.value, ast.Name)
        and func.value.id in patterns
    ):
        return None
    compiled = patterns[func.value.id]
    if fn is not None and {func.value.id, compiled.module} & _bound(fn):
        return None
    re_func = ast.Attribute(ast.Name(compiled.module, ast.Load()), func.attr, ast.Load())
    call = ast.Call(re_func, [ast.Constant(compiled.pattern), *node.args], node.keywords)
    return ast.fix_missing_locations(ast.copy_location(call, node))


def _bound(fn: ast.FunctionDef) -> set[str]:
    """Every name a binding inside ``fn`` (nested scopes included) makes."""
    out: set[str] = set()
    for n in ast.walk(fn):
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            out.add(n.id)
        elif isinstance(n, ast.arg):
            out.add(n.arg)
        elif isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and n is not fn:
            out.add(n.name)
        elif isinstance(n, ast.Import | ast.ImportFrom):
            out.update((a.asname or a.name).partition(".")[0] for a in n.names)
        elif isinstance(n, ast.Global | ast.Nonlocal):
            out.update(n.names)
        elif isinstance(n, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and n.name:
            out.add(n.name)
        elif isinstance(n, ast.MatchMapping) and n.rest:
            out.add(n.rest)
    return out
