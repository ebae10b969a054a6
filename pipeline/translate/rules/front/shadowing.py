"""A local rebound to a value of another type by a statement of the function body
(``it = iter(it)``, ``words = text.split()`` then ``text = " ".join(words)``,
``n = str(n)``) is a new variable from there on, as Rust's shadowing ``let`` is.

The engine types each local once; such a rebinding was refused ``PT022 variable x changes
type``. After that refusal the engine renames, in the unit's source text, the assigned name and
every later occurrence to a fresh name (``it_1``) and translates again: the same program,
since from that statement on every read of the name reads the new binding and nothing reads
the old one. Only where that holds by construction:

- the rebinding is ``name = value`` (one target) directly in the function body, not inside a
  loop, branch, ``try`` or ``with``, so it runs once, before every later statement;
- no nested def, lambda or class mentions the name (a closure reads the latest binding), and
  nothing declares it ``global``/``nonlocal``, deletes it, or binds it otherwise than as a
  plain name (``except E as name``, ``import name``, a ``match`` capture);
- no f-string prints the name itself (``f"{x=}"``).

Anything else keeps the refusal. Lines and columns are kept (the rename is made in place in
the text), so later diagnostics still name the original lines.
"""

from __future__ import annotations

import ast
import re

_CHANGE = re.compile(r"variable (\w+) changes type from ")
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def changed_name(message: str) -> str | None:
    """The variable a ``changes type`` refusal names."""
    m = _CHANGE.match(message)
    return m.group(1) if m else None


def renamed(source: str, name: str, rel_line: int) -> str | None:
    """``source`` (one ``def``) with ``name`` renamed from its rebinding on unit-relative line
    ``rel_line`` onwards, or None where that would not be the same program."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if len(tree.body) != 1 or len(defs) != 1:
        return None
    fn = defs[0]
    index = next(
        (
            i
            for i, s in enumerate(fn.body)
            if s.lineno == rel_line
            and isinstance(s, ast.Assign)
            and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name)
            and s.targets[0].id == name
        ),
        None,
    )
    if index is None or not _safe(fn, name, source):
        return None
    fresh = _fresh(source, name)
    stmt = fn.body[index]
    assert isinstance(stmt, ast.Assign)
    target = stmt.targets[0]
    assert isinstance(target, ast.Name)
    spots = [target]
    spots += [
        n
        for s in fn.body[index + 1 :]
        for n in ast.walk(s)
        if isinstance(n, ast.Name) and n.id == name
    ]
    return _replace(source, spots, fresh)


def _safe(fn: ast.FunctionDef, name: str, source: str) -> bool:
    for node in ast.walk(fn):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Del) and node.id == name:
            return False
        if name in _bound_not_by_name_nodes(node):  # except ... as name, import name, match
            return False
        if isinstance(node, _SCOPES) and node is not fn:
            if any(
                (isinstance(n, ast.Name) and n.id == name)
                or (isinstance(n, ast.arg) and n.arg == name)
                for n in ast.walk(node)
            ):
                return False
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and node.name == name
            ):
                return False
    return not re.search(rf"\b{re.escape(name)}\s*=\s*[}}!:]", source)


def _bound_not_by_name_nodes(node: ast.AST) -> set[str]:
    """Names ``node`` binds other than through an ``ast.Name`` (which the rename would miss)."""
    if isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
        return {node.name}
    if isinstance(node, ast.MatchMapping) and node.rest:
        return {node.rest}
    if isinstance(node, ast.Import | ast.ImportFrom):
        return {a.asname or a.name.split(".")[0] for a in node.names}
    return set()


def _fresh(source: str, name: str) -> str:
    k = 1
    while re.search(rf"\b{re.escape(name)}_{k}\b", source):
        k += 1
    return f"{name}_{k}"


def _replace(source: str, spots: list[ast.Name], fresh: str) -> str | None:
    lines = source.splitlines(keepends=True)
    by_line: dict[int, list[ast.Name]] = {}
    for n in spots:
        if n.end_lineno != n.lineno or n.end_col_offset is None:
            return None
        by_line.setdefault(n.lineno, []).append(n)
    for lineno, names in by_line.items():
        raw = lines[lineno - 1].encode("utf-8")  # ast columns are UTF-8 byte offsets
        for n in sorted(names, key=lambda x: -x.col_offset):
            end = n.end_col_offset
            assert end is not None
            if raw[n.col_offset : end].decode("utf-8") != n.id:
                return None
            raw = raw[: n.col_offset] + fresh.encode("utf-8") + raw[end:]
        lines[lineno - 1] = raw.decode("utf-8")
    return "".join(lines)
