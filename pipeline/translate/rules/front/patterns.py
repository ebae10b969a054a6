"""Compiled patterns that are module constants: ``WORD = re.compile(r"[a-z]+")`` read through
its methods inside a function, ``WORD.findall(s)``, is ``re.findall(r"[a-z]+", s)``.

A ``Pattern``'s ``match``/``search``/``fullmatch``/``findall`` (one argument, the string: their
``pos``/``endpos`` are not taken), ``sub(repl, string[, count])`` and ``split(string[,
maxsplit])`` take the ``re`` function's arguments after its pattern, in the same order, and
mean the same; the lowerer rewrites such a call into that function's call with the pattern's
literal, and the ``re`` support (``types/regex.py``) takes or refuses it as it would the
written call. Only a constant whose value is ``<re>.compile(<str literal>)`` (``<re>`` a name the
module binds to ``re``), with no flags or flags the matcher takes as the same letters inline
(``re.VERBOSE`` becomes a leading ``(?x)``, ``re.MULTILINE`` ``(?m)``, ``re.DOTALL`` ``(?s)``;
``re.UNICODE`` is a str pattern's default: CPython reads a flag argument and the same inline
flag at the start of the pattern alike); and only where the function binds neither the
constant's name nor ``<re>`` (then it is a local). Any other use of the pattern object (passed,
stored, ``.pattern``, ``.groups``) is refused as before: its value, ``re.compile(...)``, is not
translated. The same flags passed to a call of ``re.search``/``match``/``fullmatch``/
``findall``/``split``/``sub`` with a literal pattern (positionally or as ``flags=``) move into
the pattern the same way (``inline_flags``).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

METHODS = frozenset({"match", "search", "fullmatch", "findall", "sub", "split"})
# flags the matcher takes, and the inline letter that says the same (``UNICODE``: a str
# pattern's default, none); ``IGNORECASE``, ``ASCII``, ``LOCALE`` stay refused
INLINE_FLAGS = {
    "VERBOSE": "x",
    "X": "x",
    "UNICODE": "",
    "U": "",
    "MULTILINE": "m",
    "M": "m",
    "DOTALL": "s",
    "S": "s",
}
# the index of ``flags`` among the positional arguments of each ``re`` function (pattern 0)
FLAGS_AT = {"match": 2, "search": 2, "fullmatch": 2, "findall": 2, "split": 3, "sub": 4}


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
    """The inline letters of a flags expression (``re.VERBOSE | re.M``, or ``M`` imported from
    ``re``) made of flags the matcher takes, else None."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flag_letters(node.left, imports), _flag_letters(node.right, imports)
        return None if left is None or right is None else "".join(sorted(set(left + right)))
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and imports.get(node.value.id) == "re"
        and node.attr in INLINE_FLAGS
    ):
        return INLINE_FLAGS[node.attr]
    if isinstance(node, ast.Name):
        module, _, flag = imports.get(node.id, "").rpartition(".")
        if module == "re" and flag in INLINE_FLAGS:
            return INLINE_FLAGS[flag]
    return None


def _flag_names(node: ast.expr) -> set[str]:
    """The plain names a flags expression reads (``re`` of ``re.M``, ``M``)."""
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def inline_flags(
    node: ast.Call, name: str | None, imports: Mapping[str, str], fn: ast.FunctionDef | None
) -> ast.Call | None:
    """``re.search("<pattern>", s, re.M)`` (``name``: the call's resolved name; the flags
    positional or ``flags=``) as ``re.search("(?m)<pattern>", s)`` when the pattern is a str
    literal and the flags are ones the matcher takes (``INLINE_FLAGS``), read from names the
    function ``fn`` does not bind; else None."""
    module, _, func = (name or "").rpartition(".")
    at = FLAGS_AT.get(func) if module == "re" else None
    if at is None or not node.args:
        return None
    pattern = node.args[0]
    if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
        return None
    args = list(node.args)
    flags = [k.value for k in node.keywords if k.arg == "flags"]
    if len(args) == at + 1:
        flags.append(args.pop())
    if len(flags) != 1 or len(args) > at:
        return None
    letters = _flag_letters(flags[0], imports)
    if letters is None or (fn is not None and _flag_names(flags[0]) & _bound(fn)):
        return None
    prefix = f"(?{letters})" if letters else ""
    args[0] = ast.copy_location(ast.Constant(prefix + pattern.value), pattern)
    keywords = [k for k in node.keywords if k.arg != "flags"]
    call = ast.Call(node.func, args, keywords)
    return ast.fix_missing_locations(ast.copy_location(call, node))


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
