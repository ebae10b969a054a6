"""Inputs for one function: doctest calls, user cases and generated values, merged.

Order: doctests, then the unit's literal calls (``Unit.call_examples``: calls in code, prose
examples, calls from other modules and from the traced tests), then user cases, then
generated values; duplicates (by tagged-JSON key) are
dropped, so a doctest that hypothesis also draws is tried once. Doctest *outputs* are ignored:
only the call's arguments are used (``ast.literal_eval``), the original Python decides.
"""

from __future__ import annotations

import ast
import doctest
import functools
import json
import zlib
from collections import OrderedDict, deque
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import codec
from pipeline.pytypes import Classes, ClassShape, PyType, dotted_name, is_class
from pipeline.verify.strategies import CHAR, DrawStream, Ungeneratable, draw_stream


@dataclass(frozen=True)
class Case:
    """One argument tuple for one function, and where it came from."""

    args: tuple[object, ...]
    origin: str  # "doctest" | "user" | "generated"

    def key(self) -> str:
        return codec.key(codec.encode(self.args))


@dataclass
class CaseSet:
    """The merged inputs of one function, with notes on what was left out and why; the
    generated ones are drawn on demand (:meth:`draw`) from the stream its parameter types
    share with every function of the same types."""

    cases: list[Case] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # the keys of every input in
    stream: DrawStream | None = None
    param_names: tuple[str, ...] = ()
    taken: int = 0  # values taken from the stream so far (duplicates included)

    def add(self, case: Case, key: str | None = None) -> bool:
        """Add ``case`` unless an equal one is in (``key``: its key, when known)."""
        k = case.key() if key is None else key
        if k in self.seen:
            return False
        self.seen.add(k)
        self.cases.append(case)
        return True

    def draw(self, n: int) -> list[Case]:
        """The next ``n`` generated inputs of the stream, those not already in added (fewer,
        or none, once the stream is exhausted)."""
        if self.stream is None or n <= 0:
            return []
        drawn = self.stream.keyed(self.taken + n)[self.taken :]
        self.taken += len(drawn)
        added = []
        for args, key in drawn:
            safe = keyword_safe(list(self.param_names), args)
            case = Case(safe, "generated")
            if self.add(case, key if safe is args else None):
                added.append(case)
        return added


# ---- doctests -------------------------------------------------------------------------


def docstrings(source: str) -> list[str]:
    """Every docstring in a module's source (module, classes, functions); [] if unparsable."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    found = (ast.get_docstring(n, clean=True) for n in ast.walk(tree) if isinstance(n, kinds))
    return [d for d in found if d]


Position = tuple[int, int, int]  # (example number in the module, line, column)


@dataclass(frozen=True)
class DoctestIndex:
    """Every ``>>>`` example of one module, parsed once: the calls by dotted callee name
    (``f``, ``Cls.m``) and by called attribute (``obj.m(...)``), and the attribute reads by
    attribute name (``Cls(...).prop``), each with its position."""

    calls: dict[str, list[tuple[Position, ast.Call]]]
    method_calls: dict[str, list[tuple[Position, ast.Call]]]
    attributes: dict[str, list[tuple[Position, ast.Attribute]]]


@functools.lru_cache(maxsize=16)
def doctest_index(source: str) -> DoctestIndex:
    """The module's examples indexed (cached: every function of a module asks for them,
    and parsing the module once per function made verification quadratic in its size)."""
    index = DoctestIndex({}, {}, {})
    if not _may_hold_examples(source):
        return index
    parser = doctest.DocTestParser()
    number = 0
    for text in docstrings(source):
        try:
            examples = parser.get_examples(text)
        except ValueError:
            continue
        for example in examples:
            number += 1
            _index_example(index, number, example.source)
    return index


def _may_hold_examples(source: str) -> bool:
    """Whether some docstring of ``source`` may hold a ``>>>`` prompt: written out, or
    spelled with an escape sequence (one split over implicitly concatenated literals is
    not seen: its examples would only have added inputs). Without, the module is not
    parsed again: 6 s of CPU for a generated module of 60,000 functions, in every worker
    that verifies a slice of it, and one parse per verified partition for every module
    of the stdlib without examples."""
    return ">>>" in source or "\\" in source


def _index_example(index: DoctestIndex, number: int, source: str) -> None:
    try:
        tree = ast.parse(source.strip())
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return
    for node in ast.walk(tree):
        pos = (number, getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        if isinstance(node, ast.Attribute):
            index.attributes.setdefault(node.attr, []).append((pos, node))
        if not isinstance(node, ast.Call):
            continue
        name = dotted_name(node.func)
        if name is not None:
            index.calls.setdefault(name, []).append((pos, node))
        if isinstance(node.func, ast.Attribute):
            index.method_calls.setdefault(node.func.attr, []).append((pos, node))


def doctest_calls(
    source: str,
    py_name: str,
    param_names: list[str],
    classes: Collection[str] = (),
    none_default: Collection[str] = (),
) -> list[tuple[object, ...]]:
    """Argument tuples of every call of ``py_name`` with literal arguments in ``>>>``
    examples: ``f(1)``, but also ``f(1), f(2)``, ``list(f(3))`` or ``x = f(4)``.

    With ``classes`` (the module's translated classes), arguments may also be objects built
    from literals (``Point(1, 2)``), and an instance method's calls are found in the form
    ``Cls(...).method(...)`` (the object is the first argument, ``self``).

    Parameters in ``none_default`` (the ``None``-default idiom, mode ``optmut``: their
    default is ``None`` by construction) may be omitted; they are then passed as ``None``."""
    index = doctest_index(source)
    owner, _, attr = py_name.removesuffix(".fget").rpartition(".")
    if py_name.endswith(".fget") and owner in classes:  # ``Cls(...).prop``: a property's getter
        getters = sorted(index.attributes.get(attr, ()), key=lambda p: p[0])
        return [a for a in (_getter_args(n, attr, classes) for _, n in getters) if a is not None]
    found = {id(n): (pos, n) for pos, n in index.calls.get(py_name, ())}
    if owner in classes:  # ``Cls(...).method(...)``
        method = py_name.rpartition(".")[2]
        found.update((id(n), (pos, n)) for pos, n in index.method_calls.get(method, ()))
    out = []
    for _, node in sorted(found.values(), key=lambda p: p[0]):
        args = _call_args(node, py_name, param_names, classes, none_default)
        if args is not None:
            out.append(args)
    return out


def _source_call_args(
    text: str,
    py_name: str,
    names: list[str],
    classes: Collection[str] = (),
    none_default: Collection[str] = (),
) -> tuple[object, ...] | None:
    """The literal arguments of the call ``text`` (``f(1, b=[2])``) if it calls ``py_name``."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    if not isinstance(tree.body, ast.Call):
        return None
    return _call_args(tree.body, py_name, names, classes, none_default)


def _getter_args(
    node: ast.Attribute, attr: str, classes: Collection[str]
) -> tuple[object, ...] | None:
    """``(New(...),)`` for ``Cls(literals).attr``."""
    if node.attr != attr or not isinstance(node.value, ast.Call):
        return None
    try:
        obj = _literal(node.value, classes)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return (obj,) if isinstance(obj, codec.New) else None


def _call_args(
    node: ast.Call,
    py_name: str,
    names: list[str],
    classes: Collection[str] = (),
    none_default: Collection[str] = (),
) -> tuple[object, ...] | None:
    """The call's arguments, positional then by name, if ``node`` calls ``py_name`` and
    all are literals (an omitted parameter of ``none_default`` is None)."""
    first: list[object] = []
    func = node.func
    owner, _, method = py_name.rpartition(".")
    if (
        owner in classes
        and isinstance(func, ast.Attribute)
        and func.attr == method
        and names[:1] == ["self"]
    ):
        try:
            first = [_literal(func.value, classes)]
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
    elif dotted_name(func) != py_name:
        return None
    try:
        args = first + [_literal(a, classes) for a in node.args if not isinstance(a, ast.Starred)]
        if len(args) != len(node.args) + len(first):
            return None
        by_name = {k.arg: _literal(k.value, classes) for k in node.keywords if k.arg}
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    bound = bind(names, args, by_name) if len(by_name) == len(node.keywords) else None
    if bound is None or not (set(names) - set(bound) <= set(none_default)):
        return None
    return tuple(bound.get(n) for n in names)


def bind(
    names: list[str], args: list[object], by_name: dict[str, object]
) -> dict[str, object] | None:
    """Parameter name -> argument as Python binds a call (None where it raises TypeError):
    a ``*args`` parameter (spelled with its star, as ``records.Param`` does) takes the
    positional arguments past the named ones as a tuple, a ``**kwargs`` one the keywords no
    named parameter takes as a dict."""
    varargs = next((n for n in names if n.startswith("*") and not n.startswith("**")), None)
    varkw = next((n for n in names if n.startswith("**")), None)
    n_pos = names.index(varargs) if varargs else len(names) - (varkw is not None)
    if len(args) > n_pos and varargs is None:
        return None
    bound: dict[str, object] = dict(zip(names, args[:n_pos], strict=False))
    if varargs:
        bound[varargs] = tuple(args[n_pos:])
    extra: dict[str, object] = {}
    for k, v in by_name.items():
        if k in bound or (k not in names and varkw is None):
            return None
        if k in names and not k.startswith("*"):
            bound[k] = v
        else:
            extra[k] = v
    if varkw:
        bound[varkw] = extra
    return bound


def keyword_safe(names: list[str], args: tuple[object, ...]) -> tuple[object, ...]:
    """``args`` with every key of a ``**kwargs`` dict that names another parameter dropped
    (Python would bind it to that parameter, or raise TypeError: not a call of this form)."""
    if not any(n.startswith("**") for n in names):
        return args
    plain = {n for n in names if not n.startswith("*")}
    return tuple(
        {k: v for k, v in a.items() if k not in plain}
        if n.startswith("**") and isinstance(a, dict)
        else a
        for n, a in zip(names, args, strict=False)
    )


def _literal(node: ast.expr, classes: Collection[str]) -> object:
    """``ast.literal_eval``, plus objects ``Cls(literals)`` of the module's classes (as
    ``New``), also inside lists and tuples."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (node.func.id in classes):
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise ValueError("constructor call with keywords or *args")
        return codec.New(node.func.id, tuple(_literal(a, classes) for a in node.args))
    if classes and isinstance(node, ast.List | ast.Tuple):
        items = [_literal(e, classes) for e in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    return ast.literal_eval(node)


# ---- user cases -----------------------------------------------------------------------


def load_cases_file(path: str | None) -> tuple[dict[str, list[object]], str]:
    """``{"path.py::func": [case, ...]}`` from a JSON cases file, and a note on failure."""
    if not path:
        return {}, ""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, f"cases file {path} unusable: {exc}"
    if not isinstance(data, dict):
        return {}, f"cases file {path} unusable: not a JSON object"
    return {str(k): v for k, v in data.items() if isinstance(v, list)}, ""


def user_case_args(raw: object, n_params: int) -> tuple[object, ...]:
    """One user case: a JSON array of arguments, or a string of Python literal arguments."""
    if isinstance(raw, str):
        value = ast.literal_eval(f"({raw},)" if raw.strip() else "()")
        return tuple(value)
    if isinstance(raw, list):
        return tuple(raw)
    if n_params == 1:
        return (raw,)
    raise ValueError(f"a case must be a list of arguments or a string, not {raw!r}")


def coerce(t: PyType, value: object, classes: Classes | None = None) -> object:
    """Adapt a JSON or literal value to type ``t``: lists to tuples/sets, string dict keys
    to ints/floats, ints to floats. Values that do not fit are left for rust_literal to
    reject."""
    name = t.name
    if name == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    shape = classes.get(name) if classes and is_class(t) else None
    if shape is not None and isinstance(value, codec.New) and value.name in shape.variants:
        return coerce(PyType(value.name), value, classes)  # a subclass where its base is
    if shape is not None and isinstance(value, codec.New):
        return _coerce_new(shape, value, classes)
    if name == "Optional":
        return None if value is None else coerce(t.args[0], value, classes)
    if name == "bytes" and isinstance(value, str):
        return value.encode("utf-8")
    if name == "bytes" and isinstance(value, list):
        return bytes(value)
    if name in ("list", "tuple...") and isinstance(value, list | tuple):
        items = [coerce(t.args[0], v, classes) for v in value]
        return tuple(items) if name == "tuple..." else items
    if name == "tuple" and isinstance(value, list | tuple) and len(value) == len(t.args):
        return tuple(coerce(a, v, classes) for a, v in zip(t.args, value, strict=True))
    if name == "set" and isinstance(value, list | tuple | set | frozenset):
        return {coerce(t.args[0], v) for v in value}
    if name == "dict" and isinstance(value, dict):
        return {_coerce_key(t.args[0], k): coerce(t.args[1], v) for k, v in value.items()}
    if name == "deque" and isinstance(value, deque):  # a list stays a list: Python's own
        return deque(coerce(t.args[0], v, classes) for v in value)
    if name == "OrderedDict" and isinstance(value, OrderedDict):
        # only a real OrderedDict: Python would run on a literal {…} as on a plain dict
        # (rust_literal refuses it, so such a case is ignored with a note)
        return OrderedDict(
            (_coerce_key(t.args[0], k), coerce(t.args[1], v)) for k, v in value.items()
        )
    return value


def _coerce_new(shape: ClassShape, value: codec.New, classes: Classes | None) -> object:
    """Constructor arguments coerced to the parameter types, omitted ones defaulted."""
    args = list(value.args)
    missing = len(shape.init) - len(args)
    if 0 < missing <= len(shape.defaults):
        args += [
            set() if text == "set()" else ast.literal_eval(text)
            for text in shape.defaults[len(shape.defaults) - missing :]
        ]
    if len(args) != len(shape.init):
        return value
    return codec.New(
        value.name,
        tuple(coerce(a, v, classes) for a, v in zip(shape.init, args, strict=True)),
        value.calls,
    )


def _coerce_key(t: PyType, key: object) -> object:
    if isinstance(key, str) and t.name in ("int", "bigint", "float"):
        try:
            return float(key) if t.name == "float" else int(key)
        except ValueError:
            return key
    return coerce(t, key)


# ---- merging --------------------------------------------------------------------------


@dataclass(frozen=True)
class InputRequest:
    """What is needed to build one function's inputs."""

    key: str  # "path.py::py_name", the cases-file key
    py_name: str
    param_names: list[str]
    types: list[PyType]
    module_source: str
    classes: Classes | None = None  # the module's translated classes (objects as inputs)
    none_default: tuple[str, ...] = ()  # parameters a doctest may omit (passed as None)
    # literal calls of the function the sharder and the run gathered (``Unit.call_examples``:
    # code, doctests, prose examples, other modules, the traced tests), as call source
    calls: tuple[str, ...] = ()


def stable_seed(base: int, name: str) -> int:
    """A seed from the run seed and a name, the same on every machine."""
    return zlib.crc32(f"{base}:{name}".encode()) ^ (base & 0xFFFFFFFF)


def build_cases(
    req: InputRequest,
    user: dict[str, list[object]],
    count: int,
    seed_value: int,
    first: int | None = None,
    store: Path | None = None,
) -> CaseSet:
    """Doctests, then user cases, then the first ``first`` (default all ``count``) of the
    ``count`` generated inputs, de-duplicated; :meth:`CaseSet.draw` takes more of them
    (``store``: where draws are kept across processes, ``strategies.draw_stream``)."""
    out = CaseSet(param_names=tuple(req.param_names))
    names = tuple(req.classes or ())
    for args in doctest_calls(
        req.module_source, req.py_name, req.param_names, names, req.none_default
    ):
        _add_coerced(out, req, args, "doctest")
    for text in req.calls:
        call = _source_call_args(text, req.py_name, req.param_names, names, req.none_default)
        if call is not None:
            _add_coerced(out, req, call, "call")
    for raw in user.get(req.key, []):
        try:
            args = user_case_args(raw, len(req.types))
        except (ValueError, SyntaxError, TypeError) as exc:
            out.notes.append(f"user case {raw!r} ignored: {exc}")
            continue
        _add_coerced(out, req, args, "user")
    try:
        # Seeded by the parameter types, not the function: functions with the same parameter
        # types share one (cached) draw, which is as good a test for each of them.
        chars = char_params(req)
        types_key = ", ".join(CHAR if i in chars else t.render() for i, t in enumerate(req.types))
        seed = stable_seed(seed_value, types_key)
        out.stream = draw_stream(req.types, count, seed, req.classes, store, chars)
    except Ungeneratable as exc:
        out.notes.append(f"no generated inputs: {exc}")
    out.draw(count if first is None else first)
    return out


def char_params(req: InputRequest) -> frozenset[int]:
    """Positions of the ``str`` parameters the function passes straight to ``ord``
    (``ord(c)``, ``chr(ord(c) + k)``) and never rebinds: ``ord`` raises TypeError on any other
    length, so strings of any length would mostly test that (and refute a typing taken
    from usage); they are drawn mostly as one character."""
    wanted = [i for i, t in enumerate(req.types) if t == PyType("str")]
    if not wanted or "ord" not in req.module_source:
        return frozenset()
    found = _ord_params(req.module_source, req.py_name)
    return frozenset(i for i in wanted if req.param_names[i] in found)


@functools.lru_cache(maxsize=256)
def _ord_params(source: str, py_name: str) -> frozenset[str]:
    tree: ast.AST | None = _module_tree(source)  # parsed once per module, not per function
    if tree is None:
        return frozenset()
    for part in py_name.split("."):
        body = getattr(tree, "body", [])
        named = [
            n
            for n in body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and n.name == part
        ]
        if not named:
            return frozenset()
        tree = named[-1]
    if not isinstance(tree, ast.FunctionDef | ast.AsyncFunctionDef):
        return frozenset()
    passed = set()
    stored = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "ord"
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Name)
        ):
            passed.add(node.args[0].id)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            stored.add(node.id)
        elif isinstance(node, ast.arg) and node not in _own_args(tree):
            stored.add(node.arg)  # a nested def's or lambda's parameter of that name
    return frozenset(passed - stored)


@functools.lru_cache(maxsize=4)
def _module_tree(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _own_args(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    a = fn.args
    return [*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, [a.vararg, a.kwarg])]


def _add_coerced(out: CaseSet, req: InputRequest, args: tuple[object, ...], origin: str) -> None:
    if len(args) != len(req.types):
        out.notes.append(f"{origin} input {args!r} ignored: wants {len(req.types)} arguments")
        return
    try:
        coerced = tuple(coerce(t, a, req.classes) for t, a in zip(req.types, args, strict=True))
    except TypeError as exc:  # e.g. an unhashable member for a set
        out.notes.append(f"{origin} input {args!r} ignored: {exc}")
        return
    out.add(Case(coerced, origin))
