"""Registering decorators of the module: ``def rule(f): _rules.append(f); return f``.

Such a decorator returns the very function it is given, so the module's name of a def under
``@rule`` is bound to that def: the def is translated as if undecorated (what the decorator
registers, at import, is module state the units reading it are refused for, not a change of the
function). A decorator is taken for one only in this strict form: a top-level def of one
positional parameter whose body, besides a docstring, is statements of these kinds:
``REGISTRY.append(f)`` / ``REGISTRY.add(f)``, ``REGISTRY[key] = f`` (a key of names, literals,
``f.__name__``; the registry a module constant bound to a list, set or dict), and ends with
``return f``; the parameter is read nowhere else (passed on,
called, its attributes set: any of those could change what the name calls) and never rebound.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from functools import lru_cache

from pipeline.translate.rules.front import parsed

NAME_ATTRS = frozenset({"__name__", "__qualname__", "__module__"})
REGISTER_METHODS = frozenset({"append", "add"})


def passthrough(sources: Mapping[str, str], constants: Mapping[str, str]) -> frozenset[str]:
    """The names of ``sources`` (sibling name -> source) that are registering decorators;
    ``constants`` (module constant -> value source) says which registries are builtin
    containers (a list, set or dict display or ``list()``/``set()``/``dict()``)."""
    registries = frozenset(n for n, src in constants.items() if _container(src))
    return frozenset(name for name, src in sources.items() if _is_passthrough(src, registries))


def _container(source: str) -> bool:
    try:
        node = ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError):
        return False
    if isinstance(node, ast.List | ast.Set | ast.Dict):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("list", "set", "dict")
        and not node.args
        and not node.keywords
    )


@lru_cache(maxsize=1024)
def _is_passthrough(source: str, registries: frozenset[str]) -> bool:
    if "return" not in source:  # a passthrough ends ``return <its parameter>``
        return False
    try:
        tree = parsed.module(source)
    except ValueError:
        return False
    if tree is None:
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef):
        return False
    fn = tree.body[0]
    a = fn.args
    params = [*a.posonlyargs, *a.args]
    if fn.decorator_list or len(params) != 1 or a.vararg or a.kwarg or a.kwonlyargs:
        return False
    if a.defaults:
        return False
    param = params[0].arg
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    if not body or not _returns(body[-1], param):
        return False
    return all(_registers(st, param, registries) for st in body[:-1])


def _is_param(node: ast.expr, param: str) -> bool:
    return isinstance(node, ast.Name) and node.id == param


def _returns(st: ast.stmt, param: str) -> bool:
    return isinstance(st, ast.Return) and st.value is not None and _is_param(st.value, param)


def _registers(st: ast.stmt, param: str, registries: frozenset[str]) -> bool:
    """``REG.append(f)`` / ``REG.add(f)`` / ``REG[key] = f`` with ``REG`` a module constant
    holding a builtin container (its ``append`` cannot reach the function)."""
    if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call):
        call = st.value
        func = call.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr in REGISTER_METHODS
            and isinstance(func.value, ast.Name)
            and func.value.id in registries
            and not call.keywords
            and len(call.args) == 1
            and _is_param(call.args[0], param)
        )
    if isinstance(st, ast.Assign) and len(st.targets) == 1:
        target = st.targets[0]
        return (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id in registries
            and _plain_key(target.slice, param)
            and _is_param(st.value, param)
        )
    return False


def _plain_key(key: ast.expr, param: str) -> bool:
    """A registry key that cannot reach the function: names other than the parameter,
    literals, and the parameter's name attributes (``f.__name__``), in tuples."""
    if isinstance(key, ast.Tuple):
        return all(_plain_key(k, param) for k in key.elts)
    if isinstance(key, ast.Constant):
        return True
    if isinstance(key, ast.Name):
        return key.id != param
    return isinstance(key, ast.Attribute) and _is_param(key.value, param) and key.attr in NAME_ATTRS
