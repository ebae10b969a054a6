"""One fast walk over a syntax tree, shared by the sharder's scans."""

from __future__ import annotations

import ast
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()  # the walks memoised while one file is sharded (``memoised``)


def nodes(root: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``root`` (``root`` included), in no particular order (but always the
    same one): an iterative walk over ``_fields``, about twice as fast as ``ast.walk``; inside
    ``memoised()`` a root walked before is not walked again."""
    memo: dict[int, tuple[ast.AST, list[ast.AST]]] | None = getattr(_local, "memo", None)
    if memo is None:
        return _walk(root)
    hit = memo.get(id(root))
    if hit is None:  # the memo holds the root too, so its id is not reused while it lives
        hit = memo[id(root)] = (root, list(_walk(root)))
    return iter(hit[1])


@contextmanager
def memoised() -> Iterator[None]:
    """Within it, ``nodes`` remembers each root's nodes: the sharder's scans walk the same
    module and the same defs several times each (~20 % of sharding CPU on the stdlib).
    The trees must not change meanwhile (the sharder only reads them, and copies a node
    before changing it)."""
    if getattr(_local, "memo", None) is not None:  # nested: the outer memo serves
        yield
        return
    _local.memo = {}
    try:
        yield
    finally:
        _local.memo = None


def _walk(root: ast.AST) -> Iterator[ast.AST]:
    stack = [root]
    while stack:
        cur = stack.pop()
        yield cur
        for name in cur._fields:
            value = getattr(cur, name, None)
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)
