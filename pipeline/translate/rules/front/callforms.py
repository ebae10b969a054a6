"""Calls spelled another way, rewritten on the Python AST before lowering (each the same
text or value in Python): ``s.translate(str.maketrans(a, b))``, ``print(*xs)``,
``operator.itemgetter(k)``; and ``x`` in ``type(x)``."""

from __future__ import annotations

import ast


def type_call(node: ast.AST) -> ast.expr | None:
    """``x`` in ``type(x)``, else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "type"
        and len(node.args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
    ):
        return node.args[0]
    return None


def is_maketrans(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "maketrans"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "str"
        and not node.keywords
        and 2 <= len(node.args) <= 3
        and not any(isinstance(a, ast.Starred) for a in node.args)
    )


def translate_args(node: ast.Call) -> list[ast.expr] | None:
    """``s.translate(str.maketrans(a, b[, c]))`` is ``str.translate(s, a, b, c)`` (the
    runtime builds the table: ``a[i]`` to ``b[i]``, later keys winning, ``c``'s deleted)."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "translate"
        and len(node.args) == 1
        and not node.keywords
        and is_maketrans(node.args[0])
    ):
        return None
    table = node.args[0]
    assert isinstance(table, ast.Call)
    empty = ast.copy_location(ast.Constant(""), table)
    return [func.value, *table.args, *([empty] if len(table.args) == 2 else [])]


def print_spread(node: ast.Call) -> ast.expr | None:
    """``print(*xs, sep=s, end=e)`` with a literal ``sep``: ``print(s.join(str(v) for v in
    xs), end=e)``, the same text (an empty ``xs`` prints just ``end``)."""
    if not (
        isinstance(node.func, ast.Name)
        and node.func.id == "print"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Starred)
    ):
        return None
    keywords = {k.arg: k.value for k in node.keywords}
    if None in keywords or set(keywords) - {"sep", "end"}:
        return None
    sep = keywords.pop("sep", ast.Constant(" "))
    if not (isinstance(sep, ast.Constant) and isinstance(sep.value, str | type(None))):
        return None
    item = "print_item"
    gen = ast.GeneratorExp(
        call_of("str", ast.Name(item, ast.Load())),
        [ast.comprehension(ast.Name(item, ast.Store()), node.args[0].value, [], 0)],
    )
    text = ast.Call(ast.Attribute(ast.Constant(sep.value or " "), "join", ast.Load()), [gen], [])
    call = ast.Call(node.func, [text], [ast.keyword(k, v) for k, v in keywords.items()])
    return ast.fix_missing_locations(ast.copy_location(call, node))


def call_of(name: str, arg: ast.expr) -> ast.expr:
    return ast.Call(ast.Name(name, ast.Load()), [arg], [])


def itemgetter(node: ast.Call) -> ast.expr | None:
    """``operator.itemgetter(k)`` / ``itemgetter(k1, k2)`` with literal keys: the lambda
    ``lambda item: item[k]`` / ``lambda item: (item[k1], item[k2])`` it behaves as."""
    if node.keywords or not node.args or not all(isinstance(a, ast.Constant) for a in node.args):
        return None
    item = "itemgetter_item"
    parts: list[ast.expr] = [
        ast.Subscript(ast.Name(item, ast.Load()), k, ast.Load()) for k in node.args
    ]
    body = parts[0] if len(parts) == 1 else ast.Tuple(parts, ast.Load())
    args = ast.arguments([], [ast.arg(item)], None, [], [], None, [])
    return ast.fix_missing_locations(ast.copy_location(ast.Lambda(args, body), node))


# calls that return a fresh iterator (never a list: ``next(sorted(xs))`` is a TypeError)
ITERATOR_CALLS = frozenset(
    {
        "filter",
        "map",
        "zip",
        "enumerate",
        "reversed",
        "itertools.islice",
        "itertools.chain",
        "itertools.chain.from_iterable",
        "itertools.takewhile",
        "itertools.dropwhile",
        "itertools.filterfalse",
        "itertools.accumulate",
        "itertools.permutations",
        "itertools.combinations",
        "itertools.combinations_with_replacement",
        "itertools.product",
        "itertools.zip_longest",
        "itertools.pairwise",
        "itertools.count",
        "itertools.repeat",
    }
)
NEXT_ITEM = "next_item_"  # the generator expression's variable (its own scope)


def next_of_iterator(node: ast.Call, called: str | None) -> ast.Call | None:
    """``next(E[, default])`` with ``E`` a call making a fresh iterator (``called``: its
    resolved name; ``iter(xs)`` of one argument too) as ``next((v for v in E)[, default])``:
    the same first item, default or StopIteration, and ``E`` pulled just as far."""
    if not (
        isinstance(node.func, ast.Name)
        and node.func.id == "next"
        and 1 <= len(node.args) <= 2
        and not node.keywords
        and isinstance(node.args[0], ast.Call)
        and not any(isinstance(a, ast.Starred) for a in node.args)
    ):
        return None
    inner = node.args[0]
    if called == "iter" and len(inner.args) == 1 and not inner.keywords:
        source: ast.expr = inner.args[0]  # ``for v in iter(xs)`` walks what ``for v in xs`` does
    elif called in ITERATOR_CALLS:
        source = inner
    else:
        return None
    if isinstance(source, ast.Starred) or any(isinstance(a, ast.Starred) for a in inner.args):
        return None
    # a zip's or enumerate's tuples rebuilt from their parts (the items, not references)
    if called == "zip" and (inner.keywords or not inner.args):
        return None
    width = {"zip": len(inner.args), "enumerate": 2}.get(called or "", 0)
    names = [f"{NEXT_ITEM}{i}" for i in range(width)]
    item: ast.expr = ast.Tuple([ast.Name(n, ast.Load()) for n in names], ast.Load())
    target: ast.expr = ast.Tuple([ast.Name(n, ast.Store()) for n in names], ast.Store())
    if not names:
        item, target = ast.Name(NEXT_ITEM, ast.Load()), ast.Name(NEXT_ITEM, ast.Store())
    gen = ast.GeneratorExp(item, [ast.comprehension(target, source, [], 0)])
    call = ast.Call(node.func, [gen, *node.args[1:]], [])
    return ast.fix_missing_locations(ast.copy_location(call, node))


CONSUMERS = frozenset({"sorted", "sum", "min", "max", "set", "frozenset"})  # take every item


def is_list_call(node: ast.Call) -> bool:
    """``list(x)`` with one positional argument (not starred) and no keywords."""
    return (
        isinstance(node.func, ast.Name)
        and node.func.id == "list"
        and len(node.args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
    )
