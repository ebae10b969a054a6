"""What the model is told: the Python unit and its sharder context, the Rust signature the
verifier will call, the type mapping and the ``pyrt`` helpers the rule engine's crates use
(so learned output links with the same runtime), and verified translations of similar units
of the same run as examples. A repair prompt is the conversation so far plus the compiler's
message or the failing input with the expected and the actual value.
"""

from __future__ import annotations

import ast
import doctest
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from pipeline import pytypes
from pipeline.records import FnSig, Param, Unit
from pipeline.rustnames import ident
from pipeline.translate.learned.backends import Message, Prompt
from pipeline.translate.rules.types import paramhints

# pyrt helpers offered to the model (by name; their Rust signatures are read from the runtime)
OFFERED_HELPERS = (
    "floordiv",
    "modulo",
    "ipow",
    "fdiv",
    "truediv",
    "idx",
    "slice",
    "str_slice",
    "py_str",
    "dict",
    "sum_int",
    "gcd",
    "isqrt",
)
COPY_SCALARS = frozenset({"int", "float", "bool"})

SYSTEM = """You translate one Python function into Rust for a crate that is compiled with \
rustc (edition 2021, std only, no external crates) and then tested against the Python \
function on many inputs. Only a translation that returns the same values for every input \
is kept, so be exact: Python int is i64 and overflow must panic (use checked arithmetic or \
plain operators, never wrapping ones); Python exceptions become panic!(\"ValueError: ...\"); \
floor division and modulo follow Python (use the helpers below); strings index by code point.
Keep exactly the given signature. Write no `main`, no tests, no `unsafe`, no I/O.
Answer with one ```rust fenced block holding the function (and private helper functions \
it needs)."""

TYPE_MAPPING = """Type mapping: int -> i64, float -> f64, bool -> bool, str -> String (&str when \
only read), bytes -> Vec<u8>, list[T] -> Vec<T> (&[T] when only read, &mut Vec<T> when \
changed in place), tuple[A, B] -> (A, B), dict[K, V] -> crate::pyrt::PyDict<K, V> \
(insertion-ordered: new(), from_pairs(vec), insert(k, v), get(&k) -> Option<&V>, iter(), \
len()), set[T] -> std::collections::HashSet<T>, Optional[T] -> Option<T>, None -> ()."""


class NotForModel(ValueError):
    """A unit the learned engine does not take (the message says why)."""


@dataclass(frozen=True, slots=True)
class Expected:
    """The entry point the verifier will call, and the Rust parameter types it accepts."""

    sig: FnSig  # modes are the preferred ones (value for Copy scalars, ref otherwise)
    types: tuple[pytypes.PyType, ...]
    returns: pytypes.PyType
    usage: tuple[str, ...] = ()  # types read from usage, not annotations (for the prompt)
    defaulted: tuple[str, ...] = ()  # parameters with a default in Python

    def rust_header(self) -> str:
        params = ", ".join(
            f"{ident(p.name)}: {pytypes.rust_param_type(t, p.mode)}"
            for p, t in zip(self.sig.params, self.types, strict=True)
        )
        ret = "" if self.returns.name == "None" else f" -> {pytypes.rust_type(self.returns)}"
        return f"pub fn {self.sig.rust_name}({params}){ret}"


def expected_signature(unit: Unit) -> Expected:
    """The signature a learned translation of ``unit`` must have: from its annotations, and
    for what has none, from its usage (``usage_types``). A parameter with a default is an
    ordinary parameter in Rust (the caller always passes it)."""
    if unit.kind != "function":
        raise NotForModel("the learned engine translates functions, not classes")
    try:
        fn = ast.parse(unit.source).body[0]
    except (SyntaxError, IndexError) as exc:
        raise NotForModel(f"cannot read the function: {exc}") from exc
    if not isinstance(fn, ast.FunctionDef):
        raise NotForModel("the learned engine translates plain (non-async) functions")
    args = fn.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
        raise NotForModel(
            "*args, **kwargs and keyword- or positional-only parameters are not taken"
        )
    try:
        types, returns, usage = usage_types(fn, unit.call_examples)
    except pytypes.TypeSyntaxError as exc:
        raise NotForModel(str(exc)) from exc
    params = tuple(
        Param(a.arg, t.render(), "value" if t.name in COPY_SCALARS else "ref")
        for a, t in zip(args.args, types, strict=True)
    )
    sig = FnSig(unit.qualname, ident(unit.qualname), params, returns.render())
    defaulted = tuple(a.arg for a in args.args[len(args.args) - len(args.defaults) :])
    return Expected(sig, types, returns, usage, defaulted)


def usage_types(
    fn: ast.FunctionDef, calls: Iterable[tuple[str, str]]
) -> tuple[tuple[pytypes.PyType, ...], pytypes.PyType, tuple[str, ...]]:
    """Parameter and return types, and a line per type read from usage rather than an
    annotation: a parameter from its literal default and the literal calls of it the sharder
    found (``Unit.call_examples``: code and doctests), the return from the doctests' answers
    or, failing those, from what every ``return`` gives. NotForModel when they say nothing
    or disagree."""
    names = [a.arg for a in fn.args.args]
    seen: dict[str, list[pytypes.PyType]] = {n: [] for n in names}
    mine = paramhints.calls_of(fn.name, calls)
    for call in mine:
        for name, t in paramhints.arg_types(call, names).items():
            seen[name].append(t)
    defaults = dict(zip(names[len(names) - len(fn.args.defaults) :], fn.args.defaults, strict=True))
    usage: list[str] = []
    types = []
    for a in fn.args.args:
        if a.annotation is not None:
            types.append(pytypes.from_annotation(a.annotation))
            continue
        sources = [f"calls {', '.join(mine)}"] if mine else []
        if a.arg in defaults:
            default = defaults[a.arg]
            seen[a.arg].append(_literal_type(default, f"parameter {a.arg}'s default"))
            sources.insert(0, f"default {ast.unparse(default)}")
        t = _agreed(seen[a.arg], f"parameter {a.arg}")
        types.append(t)
        usage.append(f"{a.arg}: {t.render()} (from its {'; '.join(sources)})")
    if fn.returns is not None:
        return tuple(types), pytypes.from_annotation(fn.returns), tuple(usage)
    returns = _return_type(fn, dict(zip(names, types, strict=True)))
    usage.append(f"return: {returns.render()} (from its doctests or its return statements)")
    return tuple(types), returns, tuple(usage)


def _literal_type(node: ast.expr, what: str) -> pytypes.PyType:
    try:
        return paramhints.type_of(ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, paramhints.Disagree):
        raise NotForModel(f"{what} is not a literal: annotate it") from None


def _agreed(types: list[pytypes.PyType], what: str) -> pytypes.PyType:
    out = paramhints.UNKNOWN
    for t in types:
        try:
            out = paramhints.merge(out, t)
        except paramhints.Disagree as exc:
            raise NotForModel(f"{what}: its uses disagree ({exc}): annotate it") from None
    if not paramhints.complete(out) or out == paramhints.NONE:
        raise NotForModel(f"{what} has no annotation, and no literal call or default types it")
    return out


def _return_type(fn: ast.FunctionDef, params: dict[str, pytypes.PyType]) -> pytypes.PyType:
    """The return type from the doctests' answers to calls of ``fn``, else from the values
    every ``return`` of its body (not of nested functions) gives."""
    answers = [
        _answer_type(ex.want)
        for ex in doctest.DocTestParser().get_examples(ast.get_docstring(fn) or "")
        if _calls(ex.source, fn.name) and ex.want.strip()
    ]
    if answers:
        return _agreed(answers, "the return value")
    values = [node.value for node in _own_nodes(fn) if isinstance(node, ast.Return)]
    if any(isinstance(node, ast.Yield | ast.YieldFrom) for node in _own_nodes(fn)):
        raise NotForModel("a generator without a return annotation is not taken")
    if all(v is None or (isinstance(v, ast.Constant) and v.value is None) for v in values):
        return paramhints.NONE
    found = {_expr_type(v, params) if v is not None else paramhints.NONE for v in values}
    known = {t for t in found if t is not None}
    if None in found or len(known) != 1:
        raise NotForModel("the return type cannot be read from its returns: annotate it")
    return known.pop()


def _answer_type(want: str) -> pytypes.PyType:
    try:
        return paramhints.type_of(ast.literal_eval(want.strip()))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError, paramhints.Disagree):
        raise NotForModel(f"a doctest's answer is not a literal ({want.strip()[:40]})") from None


def _calls(source: str, name: str) -> bool:
    try:
        node = ast.parse(source, mode="eval").body
    except SyntaxError:
        return False
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _own_nodes(fn: ast.FunctionDef) -> Iterator[ast.AST]:
    """The nodes of ``fn``'s body, not those of functions, lambdas or classes in it."""
    todo: list[ast.AST] = list(fn.body)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            todo.extend(ast.iter_child_nodes(node))


_INT_OPS = (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod)


def _expr_type(node: ast.expr, params: dict[str, pytypes.PyType]) -> pytypes.PyType | None:
    """The type of a returned expression in the plain cases (None: not known)."""
    if isinstance(node, ast.Constant) and node.value is not None:
        try:
            return paramhints.type_of(node.value)
        except paramhints.Disagree:
            return None
    if isinstance(node, ast.Name):
        return params.get(node.id)
    if isinstance(node, ast.BoolOp):  # ``a and b`` gives a or b
        return _same(node.values, params)
    if isinstance(node, ast.Compare) or (
        isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
    ):
        return pytypes.PyType("bool")
    if isinstance(node, ast.JoinedStr):
        return pytypes.PyType("str")
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("len", "str")
    ):
        return pytypes.PyType("int" if node.func.id == "len" else "str")
    if isinstance(node, ast.BinOp) and isinstance(node.op, _INT_OPS):
        same = _same([node.left, node.right], params)
        return same if same is not None and same.name in ("int", "float") else None
    return None


def _same(nodes: list[ast.expr], params: dict[str, pytypes.PyType]) -> pytypes.PyType | None:
    found = {_expr_type(n, params) for n in nodes}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=8)
def helper_catalogue(runtime_source: Callable[[Iterable[str]], str]) -> str:
    """One line per offered helper item: its Rust signature, read from the runtime."""
    text = runtime_source(OFFERED_HELPERS)
    heads = re.findall(r"^pub (?:fn|struct|trait|type) [^{;]*", text, flags=re.M)
    return "\n".join("crate::pyrt::" + h.strip().removeprefix("pub ") for h in heads)


def helper_items(
    runtime_source: Callable[[Iterable[str]], str],
) -> dict[str, str]:
    """Item name -> the offered helper that defines it (the smallest section holding it)."""
    return dict(_helper_items(runtime_source))


@lru_cache(maxsize=8)
def _helper_items(runtime_source: Callable[[Iterable[str]], str]) -> tuple[tuple[str, str], ...]:
    sized = sorted(OFFERED_HELPERS, key=lambda h: len(runtime_source([h])))
    found: dict[str, str] = {}
    for helper in sized:
        text = runtime_source([helper])
        for item in re.findall(r"^pub (?:fn|struct|trait|type) (\w+)", text, re.M):
            found.setdefault(item, helper)
    return tuple(sorted(found.items()))


def first_prompt(
    unit: Unit,
    expected: Expected,
    catalogue: str,
    examples: Iterable[tuple[str, str]] = (),
) -> Prompt:
    """The prompt for a first attempt; ``examples`` are (Python, verified Rust) pairs."""
    parts = [TYPE_MAPPING, "Runtime helpers you may call:\n" + catalogue]
    for python, rust in examples:
        parts.append(
            f"A verified translation from this codebase:\n```python\n{python}```\n"
            f"```rust\n{rust}\n```"
        )
    if unit.context:
        siblings = "\n".join(src for _, src in unit.context)
        parts.append(
            "It calls these functions of its module (already translated under the same "
            f"names, same module):\n```python\n{siblings}```"
        )
    if unit.constants:
        consts = "\n".join(src for _, src in unit.constants)
        parts.append(f"Module constants it reads:\n```python\n{consts}\n```")
    if expected.usage:
        parts.append(
            "Some of its types are not annotated; they were read from how the code uses it "
            "(its callers' literal arguments, its defaults, its doctests), and the function is "
            "tested with values of these types:\n" + "\n".join(expected.usage)
        )
    if expected.defaulted:
        parts.append(
            f"Parameters with defaults ({', '.join(expected.defaulted)}) are ordinary "
            "parameters in Rust: the caller always passes them."
        )
    parts.append(
        f"Translate this function from {unit.path}:\n```python\n{unit.source}```\n"
        f"Use exactly this signature:\n{expected.rust_header()}"
    )
    return (Message("system", SYSTEM), Message("user", "\n\n".join(parts)))


def repair_prompt(previous: Prompt, reply: str, feedback: str) -> Prompt:
    """The conversation so far, the model's answer and what was wrong with it."""
    ask = f"{feedback}\nFix the function; answer with one ```rust fenced block."
    return (*previous, Message("assistant", reply), Message("user", ask))
