"""Result types of builtins, ``math`` functions and methods, keyed by receiver type.

Returning None means "not supported with these argument types"; the caller refuses. Keeping
the tables here keeps ``infer`` about the walk, not about the library surface.
"""

from __future__ import annotations

import codecs
from typing import Protocol

from pipeline.pytypes import PyType, is_typevar
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import unify as T


class Inference(Protocol):
    """What the result-type rules ask of the inference pass that calls them."""

    u: T.Unifier

    def expect(self, e: ir.Expr, want: PyType, what: str) -> None:
        """Type ``e`` and check it fits ``want``."""

    def fits(self, want: PyType, got: PyType) -> bool:
        """Whether a value of ``got`` may be stored where ``want`` is expected."""

    def lambda_result(self, lam: ir.Expr, args: list[PyType]) -> PyType:
        """Type a key function applied to ``args``."""


MATH_CONSTS = {"math.pi", "math.e", "math.tau", "math.inf", "math.nan"}
MATH_FLOAT1 = {
    "sqrt",
    "exp",
    "log2",
    "log10",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "fabs",
    "sinh",
    "cosh",
    "tanh",
    "degrees",
    "radians",
    "log1p",
    "expm1",
    "lgamma",
}
MATH_FLOAT2 = {"atan2", "hypot", "copysign", "fmod"}
MATH_INT_RESULT = {"floor", "ceil", "trunc"}
MATH_INTS = {"gcd": 2, "lcm": 2, "factorial": 1, "isqrt": 1, "comb": 2, "perm": 2}
MATH_PRED = {"isnan", "isinf", "isfinite"}


HEAP_MUTATORS = {
    "heapq.heappush",
    "heapq.heappop",
    "heapq.heapify",
    "heapq.heappushpop",
    "heapq.heapreplace",
    "bisect.insort",
    "bisect.insort_left",
    "bisect.insort_right",
}


def module_call_type(
    name: str, args: list[PyType], kw: dict[str, ir.Expr], inf: Inference
) -> PyType | None:
    """``heapq.*`` and ``bisect.*`` (on lists of orderable items)."""
    if not args or args[0].name != "list" and not name.endswith(("nsmallest", "nlargest")):
        return None
    if name.endswith(("nsmallest", "nlargest")):
        if len(args) != 2 or args[0].name != "int" or T.elem(args[1]) is None:
            return None
        item = inf.u.resolve(T.elem(args[1]) or T.NONE)
        key = _key_result(kw, item, inf)
        return T.list_of(item) if key is not None and _orderable(inf.u.resolve(key)) else None
    item = args[0].args[0]
    rest = args[1:]
    if rest and not inf.u.unify(item, rest[0]):
        return None
    if not _orderable(inf.u.resolve(item)) or kw:
        return None
    fn = name.split(".", 1)[1]
    shapes = {
        "heappush": (1, T.NONE),
        "heappop": (0, item),
        "heapify": (0, T.NONE),
        "heappushpop": (1, item),
        "heapreplace": (1, item),
        "insort": (1, T.NONE),
        "insort_left": (1, T.NONE),
        "insort_right": (1, T.NONE),
    }
    if fn in shapes:
        count, result = shapes[fn]
        return result if len(rest) == count else None
    if fn in ("bisect", "bisect_left", "bisect_right") and 1 <= len(rest) <= 3:
        return T.INT if all(a.name == "int" for a in rest[1:]) else None
    return None


def math_type(name: str, args: list[PyType] | None = None) -> PyType | None:
    """Type of a ``math`` constant (``args`` None) or call."""
    if args is None:
        return T.FLOAT if name in MATH_CONSTS else (T.INT if name == "sys.maxsize" else None)
    if name == "math.dist" and len(args) == 2 and all(_point2(a) for a in args):
        return T.FLOAT  # of two points (x, y): CPython's hypot of the float differences
    if name == "math.prod" and len(args) == 1:  # of ints (an empty one of floats gives int 1)
        return T.INT if (T.elem(args[0]) or T.NONE).name == "int" else None
    if not name.startswith("math.") or not all(T.is_num(a) for a in args):
        return None
    fn = name[5:]
    if fn in MATH_FLOAT1 and len(args) == 1:
        return T.FLOAT
    if fn in MATH_FLOAT2 and len(args) == 2:
        return T.FLOAT
    if fn == "log" and len(args) in (1, 2):
        return T.FLOAT
    if fn == "pow" and len(args) == 2:
        return T.FLOAT
    if fn in MATH_INT_RESULT and len(args) == 1:
        return T.INT
    if fn in MATH_PRED and len(args) == 1:
        return T.BOOL
    if fn == "isclose" and len(args) == 2:
        return T.BOOL
    if fn in ("frexp", "modf") and len(args) == 1:
        return T.tuple_of(T.FLOAT, T.INT if fn == "frexp" else T.FLOAT)
    if MATH_INTS.get(fn) == len(args) and all(a.name in ("int", "bool") for a in args):
        return T.INT
    return None


def _point2(t: PyType) -> bool:
    """A ``tuple[A, B]`` of ints and floats (a 2-D point for ``math.dist``)."""
    return (
        t.name == "tuple" and len(t.args) == 2 and all(a.name in ("int", "float") for a in t.args)
    )


def _num_result(ts: list[PyType]) -> PyType | None:
    """int unless a float takes part; None for non-numbers."""
    if not all(T.is_num(t) for t in ts):
        return None
    return T.FLOAT if any(t.name == "float" for t in ts) else T.INT


def builtin_type(
    name: str, args: list[PyType], kwargs: dict[str, ir.Expr], inf: Inference
) -> PyType | None:
    """Type of a builtin call; None when unsupported."""
    fn = _BUILTINS.get(name)
    if fn is None:
        return None
    allowed = _KWARGS.get(name, set())
    if any(k not in allowed for k in kwargs):
        return None
    return fn(args, kwargs, inf)


def _len(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    ok = len(a) == 1 and a[0].name in (
        "list",
        "str",
        "set",
        "tuple",
        "tuple...",
        "deque",
        "bytes",
        *T.DICTLIKE,
    )
    return T.INT if ok else None


def _range(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    ok = 1 <= len(a) <= 3 and all(t.name in ("int", "bool") for t in a)
    return T.iter_of(T.INT) if ok else None


def _abs(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return _num_result(a) if len(a) == 1 else None


def _key_result(kw: dict[str, ir.Expr], item: PyType, inf: Inference) -> PyType | None:
    """Type of ``key(item)`` when a key= argument is present (checked to be orderable)."""
    key = kw.get("key")
    if key is None or (isinstance(key, ir.Const) and key.value is None):
        return item
    return inf.lambda_result(key, [item])


def _minmax(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if len(a) == 1:
        item = T.elem(a[0])
        if item is None:
            return None
    elif len(a) >= 2 and "default" not in kw:
        if not kw and {inf.u.resolve(t).name for t in a} == {"int", "float"}:
            return T.FLOAT  # ints among floats: exact f64s, uses checked (analysis/intfloats)
        item = a[0]
        for t in a[1:]:
            if T.is_num(item) and T.is_num(t) and item != t:
                return None
            if not inf.u.unify(item, t):
                return None
    else:
        return None
    key = _key_result(kw, item, inf)
    if key is None or not _orderable(inf.u.resolve(key)):
        return None
    default = kw.get("default")
    if isinstance(default, ir.Const) and default.value is None and len(a) == 1:
        default.ty = T.NONE
        return T.optional(inf.u.resolve(item))  # max(xs, default=None): None when empty
    if default is not None:
        inf.expect(default, item, "default")
    return inf.u.resolve(item)


def _orderable(t: PyType) -> bool:
    """Types Python orders and Rust can order the same way (a type variable: through the
    function's ``pyrt::PyOrd`` bound, ``analysis/generics.py``)."""
    if t.name in ("int", "float", "bool", "str") or is_typevar(t):
        return True
    if t.name in ("tuple", "list", "tuple..."):
        return all(_orderable(x) for x in t.args)
    return False


def _sum(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if len(a) not in (1, 2) or T.elem(a[0]) is None:
        return None
    item = inf.u.resolve(T.elem(a[0]) or T.NONE)
    if T.is_var(item):
        inf.u.unify(item, T.INT)
        item = T.INT
    res = _num_result([item] + a[1:])
    return res


def _anyall(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return T.BOOL if len(a) == 1 and T.elem(a[0]) is not None else None


def _sorted(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if len(a) != 1 or T.elem(a[0]) is None:
        return None
    item = inf.u.resolve(T.elem(a[0]) or T.NONE)
    key = _key_result(kw, item, inf)
    if key is None or not _orderable(inf.u.resolve(key)):
        return None
    if "reverse" in kw:
        inf.expect(kw["reverse"], T.BOOL, "reverse=")
    return T.list_of(item)


def _reversed(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    ok = len(a) == 1 and a[0].name in ("list", "str", "tuple...")
    return T.iter_of(T.elem(a[0]) or T.NONE) if ok else None


def _enumerate(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if not a or len(a) > 2 or T.elem(a[0]) is None or a[0].name == "set":
        return None
    if "start" in kw:
        inf.expect(kw["start"], T.INT, "start=")
    return T.iter_of(T.tuple_of(T.INT, T.elem(a[0]) or T.NONE))


def _zip(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    items = [T.elem(t) for t in a]
    if len(a) < 2 or any(i is None for i in items) or any(t.name == "set" for t in a):
        return None
    strict = kw.get("strict")
    if strict is not None and not (isinstance(strict, ir.Const) and strict.value in (True, False)):
        return None  # strict= must be a literal: the Rust differs
    if strict is not None:
        strict.ty = T.BOOL
    return T.iter_of(T.tuple_of(*[i for i in items if i is not None]))


def _list(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if not a:
        return T.list_of(inf.u.fresh())
    item = T.elem(a[0])
    return T.list_of(item) if len(a) == 1 and item is not None and a[0].name != "set" else None


def _tuple(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    lst = _list(a, kw, inf)
    return PyType("tuple...", lst.args) if lst is not None and a else None


def _set(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if not a:
        return T.set_of(inf.u.fresh())
    item = T.elem(a[0])
    if len(a) != 1 or item is None or T.has_float(item):
        return None
    return T.set_of(item)


def _dict(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if not a:
        return T.dict_of(inf.u.fresh(), inf.u.fresh())
    if a[0].name in T.DICTLIKE and len(a) == 1:
        return T.as_dict(a[0])
    item = inf.u.resolve(T.elem(a[0]) or T.NONE)
    if len(a) == 1 and item.name == "tuple" and len(item.args) == 2:
        return T.dict_of(*item.args)
    return None


def _str(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if not a:
        return T.STR
    return T.STR if len(a) == 1 and _displayable(a[0]) else None


def _displayable(t: PyType) -> bool:
    """Types whose str()/repr() the runtime reproduces exactly (set order is undefined;
    the collections types print their class name: ``OrderedDict([(1, 2)])``; bytes print
    as ``b'...'``, which the runtime does not reproduce)."""
    if t.name in ("set", "iter", "lambda", "deque", "bytes", *T.DICTLIKE[1:]) or T.is_var(t):
        return False
    return all(_displayable(x) for x in t.args)


def _int(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if len(a) == 1 and a[0].name in ("int", "float", "bool", "str"):
        return T.INT
    if len(a) == 2 and a[0].name == "str" and a[1].name == "int":
        return T.INT
    return None


def _float(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return T.FLOAT if len(a) == 1 and a[0].name in ("int", "float", "bool", "str") else None


def _bool(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return T.BOOL if len(a) == 1 and a[0].name not in ("iter", "lambda") else None


def _round(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if len(a) == 1 and T.is_num(a[0]):
        return T.INT
    if len(a) == 2 and T.is_num(a[0]) and a[1].name == "int":
        return T.FLOAT if a[0].name == "float" else T.INT
    return None


def _divmod(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    r = _num_result(a) if len(a) == 2 else None
    return T.tuple_of(r, r) if r is not None else None


def _pow(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    if len(a) == 3 and all(t.name == "int" for t in a):
        return T.INT
    return _num_result(a) if len(a) == 2 else None


def _ord(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return T.INT if a in ([T.STR], [T.BYTES]) else None


def _chr(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return T.STR if a == [T.INT] else None


def _print(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    for k in kw.values():
        inf.expect(k, T.STR, "print separator")
    return T.NONE if all(_displayable(t) for t in a) else None


def _repr(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return T.STR if len(a) == 1 and _displayable(a[0]) else None


def _intstr(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    return T.STR if a == [T.INT] else None


def _bytes(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    """``bytes()``, ``bytes(n)`` (n zero bytes), ``bytes(ints)`` and ``bytes(data)``."""
    if not a or a in ([T.INT], [T.BYTES]):
        return T.BYTES
    item = T.elem(a[0]) if len(a) == 1 and a[0].name in ("list", "tuple...") else None
    return T.BYTES if item is not None and inf.u.unify(item, T.INT) else None


def _hash(a: list[PyType], kw: dict, inf: Inference) -> PyType | None:
    """``hash()`` of an int or bool only (str hashes are salted, floats and tuples differ)."""
    return T.INT if len(a) == 1 and a[0].name in ("int", "bool") else None


_BUILTINS = {
    "len": _len,
    "range": _range,
    "abs": _abs,
    "min": _minmax,
    "max": _minmax,
    "sum": _sum,
    "any": _anyall,
    "all": _anyall,
    "sorted": _sorted,
    "reversed": _reversed,
    "enumerate": _enumerate,
    "zip": _zip,
    "list": _list,
    "tuple": _tuple,
    "set": _set,
    "dict": _dict,
    "frozenset": _set,
    "str": _str,
    "int": _int,
    "float": _float,
    "bool": _bool,
    "round": _round,
    "divmod": _divmod,
    "pow": _pow,
    "ord": _ord,
    "chr": _chr,
    "print": _print,
    "repr": _repr,
    "hex": _intstr,
    "bin": _intstr,
    "oct": _intstr,
    "hash": _hash,
    "bytes": _bytes,
}
_KWARGS = {
    "min": {"key", "default"},
    "max": {"key", "default"},
    "sorted": {"key", "reverse"},
    "enumerate": {"start"},
    "print": {"sep", "end"},
    "zip": {"strict"},
}

# ---------------------------------------------------------------- methods
STR_PRED = {
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isdecimal",
    "isnumeric",
    "istitle",
}
STR_TO_STR0 = {
    "lower",
    "upper",
    "strip",
    "lstrip",
    "rstrip",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
}


def method_type(
    recv: PyType, name: str, args: list[PyType], kwargs: dict[str, ir.Expr], inf: Inference
) -> PyType | None:
    """Type of ``recv.name(args)``; None when unsupported."""
    if recv.name == "Counter":
        special = _counter_method(recv, name, args, inf)
        if special is not None:
            return special
    if recv.name == "defaultdict" and name == "setdefault":
        return None
    if recv.name in ("defaultdict", "Counter") and name == "copy" and not args:
        return recv  # a Counter's copy is a Counter (missing keys still count 0)
    if recv.name == "OrderedDict" and (name in ORDERED_METHODS or kwargs):
        return _ordered_dict_method(recv, name, args, kwargs, inf)
    recv = T.as_dict(recv)
    if recv.name == "int" and name == "bit_length" and not args and not kwargs:
        return T.INT
    table = {
        "str": _str_method,
        "list": _list_method,
        "dict": _dict_method,
        "set": _set_method,
        "tuple...": _tuple_method,
        "deque": _deque_method,
        "bytes": _bytes_method,
    }.get(recv.name)
    if table is None:
        return None
    sort = recv.name == "list" and name == "sort"
    split = recv.name == "str" and name == "split" and set(kwargs) <= {"sep", "maxsplit"}
    decode = recv.name == "bytes" and name == "decode" and set(kwargs) <= {"encoding", "errors"}
    if kwargs and not (sort or split or decode):
        return None
    return table(recv, name, args, kwargs, inf)


def _str_method(
    recv: PyType, name: str, a: list[PyType], kw: dict, inf: Inference
) -> PyType | None:
    if name in STR_PRED and not a:
        return T.BOOL
    if name in STR_TO_STR0 and (not a or (name.endswith("strip") and a == [T.STR])):
        return T.STR
    bounds = 1 <= len(a) <= 3 and all(x == T.INT for x in a[1:])  # (sub, start, end)
    if name in ("startswith", "endswith") and bounds:
        ok = a[0] == T.STR or a[0].name == "tuple" and all(x == T.STR for x in a[0].args)
        return T.BOOL if ok else None
    if name in ("find", "rfind", "index", "rindex", "count") and bounds and a[0] == T.STR:
        return T.INT
    if name in ("partition", "rpartition") and a == [T.STR]:
        return T.tuple_of(T.STR, T.STR, T.STR)
    if name == "replace" and len(a) in (2, 3) and a[:2] == [T.STR, T.STR]:
        return T.STR if len(a) == 2 or a[2] == T.INT else None
    if name in ("split", "rsplit"):
        return _split_type(a, kw, inf)
    if name == "splitlines" and (not a or a == [T.BOOL]):
        return T.list_of(T.STR)
    if name == "expandtabs" and (not a or a == [T.INT]):
        return T.STR
    if name == "isascii" and not a:
        return T.BOOL
    if name == "join" and len(a) == 1 and inf.u.unify(T.elem(a[0]) or T.NONE, T.STR):
        return T.STR if a[0].name != "set" else None
    if name == "zfill" and a == [T.INT]:
        return T.STR
    if name in ("center", "ljust", "rjust") and a and a[0] == T.INT:
        return T.STR if len(a) == 1 or a[1:] == [T.STR] else None
    if name in ("removeprefix", "removesuffix") and a == [T.STR]:
        return T.STR
    if name == "encode" and (not a or a in ([T.STR], [T.STR, T.STR])):
        return T.BYTES  # the codec is checked by inference (``encode_codec``: it sees literals)
    return None


BYTES_TO_BYTES0 = {"lower", "upper", "strip", "lstrip", "rstrip"}
BYTES_PRED = {"isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower"}
DECODE_CODECS = {
    "utf-8": "utf8",
    "utf8": "utf8",
    "u8": "utf8",
    "ascii": "ascii",
    "us-ascii": "ascii",
}
DECODE_ERRORS = ("strict", "ignore", "replace")


def _bytes_method(
    recv: PyType, name: str, a: list[PyType], kw: dict, inf: Inference
) -> PyType | None:
    """Methods of bytes (ASCII case and whitespace rules, as Python's bytes have)."""
    b = T.BYTES
    if name in BYTES_TO_BYTES0 and (not a or (name.endswith("strip") and a == [b])):
        return b
    if name in BYTES_PRED and not a:
        return T.BOOL
    if name in ("startswith", "endswith") and len(a) == 1:  # a bytes or a tuple of bytes
        ok = a[0] == b or a[0].name == "tuple" and all(x == b for x in a[0].args)
        return T.BOOL if ok else None
    if name in ("find", "rfind", "index", "rindex", "count") and a == [b]:
        return T.INT
    if name == "replace" and a in ([b, b], [b, b, T.INT]):
        return b
    if name in ("split", "rsplit") and a in ([], [b], [b, T.INT]):
        return T.list_of(b)
    if name == "join" and len(a) == 1 and a[0].name in ("list", "tuple..."):
        return b if inf.u.unify(T.elem(a[0]) or T.NONE, b) else None
    if name in ("partition", "rpartition") and a == [b]:
        return T.tuple_of(b, b, b)
    if name == "hex" and not a:
        return T.STR
    if name == "decode" and len(a) + len(kw) <= 2:
        return T.STR  # the codec and errors are checked to be literals by inference
    return None


def decode_options(e: ir.Method) -> tuple[str, str] | None:
    """``(codec, errors)`` of ``data.decode(...)`` when both are literals it translates
    (UTF-8 or ASCII; strict, ignore or replace), else None."""
    given = dict(zip(("encoding", "errors"), e.args, strict=False)) | e.kwargs
    if set(given) - {"encoding", "errors"} or len(given) != len(e.args) + len(e.kwargs):
        return None
    values = []
    for key, default in (("encoding", "utf-8"), ("errors", "strict")):
        v = given.get(key, ir.Const(default))
        if not isinstance(v, ir.Const) or not isinstance(v.value, str):
            return None
        values.append(v.value.lower().replace("_", "-"))
    codec = DECODE_CODECS.get(values[0])
    return (codec, values[1]) if codec is not None and values[1] in DECODE_ERRORS else None


# str.encode codecs translated, by CPython's own name (``codecs.lookup(name).name``): each
# encodes code points below its limit as one byte (UTF-8: Rust's own encoding)
ENCODE_LIMITS = {"utf-8": 0, "ascii": 128, "iso8859-1": 256}


def encode_codec(e: ir.Method) -> str | None:
    """The codec of ``s.encode(...)`` when it is translated: none (UTF-8), or a literal
    naming UTF-8, ASCII or Latin-1 (as ``codecs.lookup`` resolves it), with ``strict`` errors
    when given by position (``"ascii"``, ``"ascii", "strict"``); else None."""
    if e.kwargs or len(e.args) > 2:
        return None
    if not e.args:
        return "utf-8"
    lits = [a.value if isinstance(a, ir.Const) else None for a in e.args]
    if not all(isinstance(v, str) for v in lits) or lits[1:] not in ([], ["strict"]):
        return None
    try:
        name = codecs.lookup(str(lits[0])).name
    except LookupError:
        return None
    return name if name in ENCODE_LIMITS else None


def _split_type(a: list[PyType], kw: dict[str, ir.Expr], inf: Inference) -> PyType | None:
    if "sep" in kw:
        inf.expect(kw["sep"], T.STR, "sep=")
    if "maxsplit" in kw:
        inf.expect(kw["maxsplit"], T.INT, "maxsplit=")
    optional = T.optional(T.STR)
    shapes: tuple[list[PyType], ...] = (
        [],
        [T.STR],
        [T.STR, T.INT],
        [T.NONE],
        [T.NONE, T.INT],
        [optional],
        [optional, T.INT],
    )
    return T.list_of(T.STR) if a in [list(s) for s in shapes] else None


def _list_method(
    recv: PyType, name: str, a: list[PyType], kw: dict, inf: Inference
) -> PyType | None:
    item = recv.args[0]
    u = inf.u
    if name == "append" and len(a) == 1:
        return T.NONE if inf.fits(item, a[0]) else None
    if name == "extend" and len(a) == 1 and T.elem(a[0]) is not None and a[0].name != "set":
        return T.NONE if u.unify(item, T.elem(a[0]) or T.NONE) else None
    if name == "insert" and len(a) == 2 and a[0].name == "int":
        return T.NONE if inf.fits(item, a[1]) else None
    if name == "pop" and (not a or a == [T.INT]):
        return item
    if name in ("remove", "count", "index") and len(a) == 1 and u.unify(item, a[0]):
        return T.NONE if name == "remove" else T.INT
    if (
        name == "index"
        and len(a) in (2, 3)
        and u.unify(item, a[0])
        and all(t.name in ("int", "bool") for t in a[1:])
    ):
        return T.INT
    if name in ("reverse", "clear") and not a:
        return T.NONE
    if name == "copy" and not a:
        return recv
    if name == "sort" and not a:
        key = _key_result(kw, item, inf)
        if key is None or not _orderable(u.resolve(key)) or set(kw) - {"key", "reverse"}:
            return None
        if "reverse" in kw:
            inf.expect(kw["reverse"], T.BOOL, "reverse=")
        return T.NONE
    return None


def _tuple_method(
    recv: PyType, name: str, a: list[PyType], kw: dict, inf: Inference
) -> PyType | None:
    if name in ("count", "index") and len(a) == 1 and inf.u.unify(recv.args[0], a[0]):
        return T.INT
    return None


def _counter_method(recv: PyType, name: str, a: list[PyType], inf: Inference) -> PyType | None:
    key = recv.args[0]
    if name == "most_common" and (not a or a == [T.INT]):
        return T.list_of(T.tuple_of(key, T.INT))
    if name == "update" and len(a) == 1 and a[0].name not in ("dict", "Counter"):
        return T.NONE if inf.u.unify(key, T.elem(a[0]) or T.NONE) else None
    if name == "total" and not a:
        return T.INT
    return None


ORDERED_METHODS = ("move_to_end", "popitem", "copy", "update")


def _ordered_dict_method(
    recv: PyType, name: str, a: list[PyType], kw: dict[str, ir.Expr], inf: Inference
) -> PyType | None:
    """What an OrderedDict adds to dict (``move_to_end``, ``popitem(last=)``) or keeps as
    an OrderedDict (``copy``, ``update`` from any mapping of the same types)."""
    k, v = recv.args
    if set(kw) - {"last"} or (kw and name not in ("move_to_end", "popitem")):
        return None
    if name == "move_to_end" and len(a) + len(kw) in (1, 2) and a and inf.u.unify(k, a[0]):
        return T.NONE if _last_flag(a[1:], kw, inf) else None
    if name == "popitem" and len(a) + len(kw) <= 1:
        return T.tuple_of(k, v) if _last_flag(a, kw, inf) else None
    if name == "copy" and not a:
        return recv
    if name == "update" and len(a) == 1 and a[0].name in ("dict", "OrderedDict"):
        return T.NONE if inf.u.unify(T.as_dict(recv), T.as_dict(a[0])) else None
    return None


def _last_flag(a: list[PyType], kw: dict[str, ir.Expr], inf: Inference) -> bool:
    """``last`` given by position or keyword (when given) must be a bool."""
    if "last" in kw:
        inf.expect(kw["last"], T.BOOL, "last=")
    return all(t.name == "bool" for t in a)


def _deque_method(
    recv: PyType, name: str, a: list[PyType], kw: dict, inf: Inference
) -> PyType | None:
    item = recv.args[0]
    if name in ("append", "appendleft") and len(a) == 1:
        return T.NONE if inf.fits(item, a[0]) else None
    if name in ("pop", "popleft") and not a:
        return item
    if name == "extend" and len(a) == 1 and T.elem(a[0]) is not None and a[0].name != "set":
        return T.NONE if inf.u.unify(item, T.elem(a[0]) or T.NONE) else None
    if name == "rotate" and a in ([], [T.INT]):
        return T.NONE
    if name == "clear" and not a:
        return T.NONE
    if name == "remove" and len(a) == 1 and inf.u.unify(item, a[0]):
        return T.NONE
    return None


def _dict_method(
    recv: PyType, name: str, a: list[PyType], kw: dict, inf: Inference
) -> PyType | None:
    k, v = recv.args
    u = inf.u
    if name == "get" and len(a) in (1, 2) and u.unify(k, a[0]):
        if len(a) == 1:
            return T.optional(v)
        return v if inf.fits(v, a[1]) and u.resolve(a[1]).name != "None" else None
    if name == "keys" and not a:
        return T.iter_of(k)
    if name == "values" and not a:
        return T.iter_of(v)
    if name == "items" and not a:
        return T.iter_of(T.tuple_of(k, v))
    if name == "setdefault" and len(a) == 2 and u.unify(k, a[0]) and u.unify(v, a[1]):
        return v
    if name == "pop" and len(a) in (1, 2) and u.unify(k, a[0]):
        return v if len(a) == 1 or u.unify(v, a[1]) else None
    if name == "update" and a == [recv]:
        return T.NONE
    if name == "clear" and not a:
        return T.NONE
    if name == "copy" and not a:
        return recv
    if name == "popitem" and not a:
        return T.tuple_of(k, v)
    return None


def _set_method(
    recv: PyType, name: str, a: list[PyType], kw: dict, inf: Inference
) -> PyType | None:
    item = recv.args[0]
    u = inf.u
    if name in ("add", "discard", "remove") and len(a) == 1 and u.unify(item, a[0]):
        return T.NONE
    if name in ("union", "intersection", "difference", "symmetric_difference"):
        # any iterables of the items (several for all but symmetric_difference)
        many = name != "symmetric_difference" or len(a) == 1
        return recv if a and many and all(_items_of(t, item, inf) for t in a) else None
    if name in ("issubset", "issuperset", "isdisjoint"):
        return T.BOOL if len(a) == 1 and _items_of(a[0], item, inf) else None
    if name == "update" and len(a) == 1 and u.unify(item, T.elem(a[0]) or T.NONE):
        return T.NONE
    if name in ("clear",) and not a:
        return T.NONE
    if name == "copy" and not a:
        return recv
    return None


def _items_of(t: PyType, item: PyType, inf: Inference) -> bool:
    """Whether ``t`` is an iterable of ``item`` (a set's own items, or any ordered one)."""
    got = T.elem(inf.u.resolve(t))
    return got is not None and inf.u.unify(item, got)
