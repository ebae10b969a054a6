"""``os.path`` (``posixpath``): the result types of its pure string functions, and why the
others are refused.

The pure ones compute a str from strs alone, by CPython's own algorithms (``pyrt``'s
``path_*`` helpers); the others read the file system, the current directory or the
environment, so their answer is not a function of their arguments.
"""

from __future__ import annotations

from pipeline.pytypes import PyType
from pipeline.translate.rules.types import unify as T

PAIR = T.tuple_of(T.STR, T.STR)
# function -> (number of str arguments, result); join takes one or more
PURE = {
    "join": (-1, T.STR),
    "split": (1, PAIR),
    "splitext": (1, PAIR),
    "splitdrive": (1, PAIR),
    "basename": (1, T.STR),
    "dirname": (1, T.STR),
    "normpath": (1, T.STR),
    "normcase": (1, T.STR),
    "isabs": (1, T.BOOL),
}
FILE_SYSTEM = {
    "exists",
    "lexists",
    "isfile",
    "isdir",
    "islink",
    "ismount",
    "isjunction",
    "getsize",
    "getmtime",
    "getatime",
    "getctime",
    "samefile",
    "sameopenfile",
    "samestat",
    "realpath",
}
WORKING_DIRECTORY = {"abspath", "relpath"}
ENVIRONMENT = {"expanduser", "expandvars"}


def path_signature(fn: str, n_args: int) -> tuple[list[PyType], PyType] | None:
    """Argument types and result of ``os.path.<fn>()`` called with ``n_args`` positional
    arguments; None when it is not one of the pure functions or takes another count."""
    if fn == "commonprefix":
        return ([T.list_of(T.STR)], T.STR) if n_args == 1 else None
    count, result = PURE.get(fn, (0, None))
    if result is None or n_args < 1 or count not in (-1, n_args):
        return None
    return [T.STR] * n_args, result


def impure_reason(fn: str) -> str | None:
    """Why ``os.path.<fn>()`` is not translated, when its answer is not a function of its
    arguments."""
    if fn in FILE_SYSTEM:
        return (
            f"os.path.{fn}() reads the file system (its answer is not a function of its arguments)"
        )
    if fn in WORKING_DIRECTORY:
        return f"os.path.{fn}() depends on the current working directory"
    if fn in ENVIRONMENT:
        return f"os.path.{fn}() reads the environment (HOME, the variables it expands)"
    return None
