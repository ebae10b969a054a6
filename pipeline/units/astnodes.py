"""One fast walk over a syntax tree, shared by the sharder's scans."""

from __future__ import annotations

import ast
from collections.abc import Iterator


def nodes(root: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``root`` (``root`` included), in no particular order: an iterative
    walk over ``_fields``, about twice as fast as ``ast.walk``."""
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
