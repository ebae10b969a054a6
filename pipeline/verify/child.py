"""The sandbox child: imports the user's modules and runs one call per request.

Run as a script by :mod:`pipeline.verify.sandbox` (never imported by the pipeline, standard
library only). Protocol: one JSON request per line on the request fd, one JSON response per
line on the response fd (stdin/stdout/stderr are left to the user's code). Requests:

    {"op": "import", "module": "pkg.mod"}
    {"op": "calls", "module": "pkg.mod", "qualname": "f", "cases": [[<codec trees>], ...]}
    {"op": "usage"}  (answers {"status": "ok", "cpu_s": <this process's CPU seconds>})

A ``calls`` request runs the function once per case and answers one line per case, each
written as soon as its call returns (the parent times each call from the previous answer).
With ``"stop": {"after": n, "patience": k}`` the calls are traced (the line arcs of the user's
code, and the coarse class of each argument and outcome): once ``n`` cases ran and the last
``k`` added nothing new, the rest are answered ``{"status": "covered"}`` without running; each
traced response says whether its call added coverage (``"new"``). With ``"resume": true`` in
``stop``, a request goes on with the coverage of the previous one (the same function's: the
parent sends more inputs while coverage grows); ``n`` counts this request's cases.
    {"op": "trace", "root": ..., "tests": [...], "files": {...}, "out": ..., ...} (tracer.py)

Responses carry "status": "ok" (with "value" and "args", the post-call arguments), "raised"
(with "type" and "error"), "resource" (MemoryError/RecursionError), "exit" (SystemExit and
other BaseExceptions) or "import_error"; and "out" / "err", what the call wrote to
``sys.stdout`` / ``sys.stderr`` (each redirected to a buffer for each call), where it wrote
anything.
"""

from __future__ import annotations

import _imp
import contextlib
import functools
import importlib
import importlib.machinery
import importlib.util
import inspect
import io
import itertools
import json
import math
import os
import resource
import sys
import time
from collections.abc import ItemsView, Iterator, KeysView, ValuesView
from pathlib import Path
from types import ModuleType
from typing import Any

MB = 1024 * 1024
FILE_SIZE_LIMIT = 64 * MB


def _load(name: str, path: Path) -> ModuleType:
    """Load ``path`` by path as module ``_portalis_<name>`` (the pipeline is not on sys.path:
    a package of the user's could share its name)."""
    spec = importlib.util.spec_from_file_location(f"_portalis_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


codec = _load("codec", Path(__file__).parents[1] / "codec.py")
catalogue = _load("catalogue", Path(__file__).with_name("catalogue.py"))
tracer = _load("tracer", Path(__file__).with_name("tracer.py"))


def set_limits(memory_mb: int) -> None:
    """Address-space, core-file and file-size limits for the rest of this process."""
    for limit, value in (
        (resource.RLIMIT_AS, memory_mb * MB),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_FSIZE, FILE_SIZE_LIMIT),
    ):
        _, hard = resource.getrlimit(limit)
        soft = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(limit, (soft, hard))


def allow_cpu(seconds: int) -> None:
    """Let the next call use ``seconds`` more CPU time (SIGXCPU kills the child beyond it)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def resolve(module: str, qualname: str) -> object:
    """The object ``qualname`` inside ``module`` (importing it on first use)."""
    obj: object = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def dispatched(fn: Any, module: str, qualname: str, args: list[object]) -> Any:
    """``Base.method`` called on an instance of a subclass: the subclass's version, as
    ``obj.method()`` runs (a base class's Rust method dispatches on the variant so)."""
    owner, _, method = qualname.rpartition(".")
    if not owner or "." in owner or not args:
        return fn
    cls = resolve(module, owner)
    if not (
        isinstance(cls, type)
        and type(args[0]) is not cls
        and isinstance(args[0], cls)
        and inspect.isfunction(inspect.getattr_static(cls, method, None))
    ):
        return fn
    return getattr(type(args[0]), method)


def parameters(fn: Any) -> list[inspect.Parameter] | None:
    """``fn``'s parameters (None when it has no signature), once per function: every input
    of a function asks, and ``inspect.signature`` costs more than a small call."""
    try:
        hash(fn)
    except TypeError:  # an unhashable callable object: not cached
        return _parameters.__wrapped__(fn)
    return _parameters(fn)


@functools.lru_cache(maxsize=256)
def _parameters(fn: Any) -> list[inspect.Parameter] | None:
    try:
        return list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return None


def call_with(fn: Any, args: list[object], coverage: Coverage | None = None) -> object:
    """Call ``fn`` with ``args`` in parameter order as the translation's signature lists
    them: keyword-only parameters by name, the ``*args`` tuple spread into positional
    arguments and the ``**kwargs`` dict into keywords (a varying number of each); only the
    call itself is traced by ``coverage``."""
    params = parameters(fn)
    if params is None:
        with coverage or contextlib.nullcontext():
            return fn(*args)
    positional: list[object] = []
    named: dict[str, object] = {}
    for param, arg in zip(params, args, strict=False):
        if param.kind is param.KEYWORD_ONLY:
            named[param.name] = arg
        elif param.kind is param.VAR_POSITIONAL:
            positional += list(arg)  # type: ignore[call-overload]
        elif param.kind is param.VAR_KEYWORD:
            named.update(arg)  # type: ignore[call-overload]
        else:
            positional.append(arg)
    with coverage or contextlib.nullcontext():
        return fn(*positional, *args[len(params) :], **named)


def build(value: object, module: str) -> object:
    """``value`` with every ``New`` replaced by the object its class makes (inside lists,
    tuples, dicts… too): inputs of class type are built here, by the user's own code."""
    if isinstance(value, codec.New):
        cls: Any = resolve(module, value.name)
        obj = cls(*(build(a, module) for a in value.args))
        for name, args in value.calls:  # its methods called before the tested call
            getattr(obj, name)(*(build(a, module) for a in args))
        return obj
    if isinstance(value, list):
        return [build(v, module) for v in value]
    if isinstance(value, tuple):
        return tuple(build(v, module) for v in value)
    if isinstance(value, dict):  # an OrderedDict stays one
        return type(value)((build(k, module), build(v, module)) for k, v in value.items())
    if isinstance(value, set | frozenset):
        return type(value)(build(v, module) for v in value)
    return value


def describe(exc: BaseException) -> dict[str, str]:
    """Type name and a short message for an exception."""
    try:
        message = str(exc)[:200]
    except Exception:
        message = "?"
    return {"type": type(exc).__name__, "error": message}


IMPORT_BYTES_PER_SOURCE_BYTE = 200  # CPython compiling a module peaks at ~150 x its source
CALL_HEADROOM = 256 * MB


def do_import(request: dict, memory_mb: int) -> dict:
    """Import the module with an address-space limit that fits its compilation (a generated
    module of 60,000 functions, 3.6 MB of source, needs ~540 MB to compile); afterwards the
    calls get ``memory_mb`` in all, or what the imports hold plus CALL_HEADROOM if more."""
    try:
        size = _source_bytes(request["module"])
        allow_memory(max(memory_mb * MB, _mapped() + IMPORT_BYTES_PER_SOURCE_BYTE * size))
        imported = importlib.import_module(request["module"])
    except BaseException as exc:
        return {"status": "import_error", **describe(exc)}
    finally:
        allow_memory(max(memory_mb * MB, _mapped() + CALL_HEADROOM))
    elsewhere = foreign_module(request["module"], imported)
    if elsewhere:
        return {"status": "import_error", "type": "NotUnderTest", "error": elsewhere}
    return {"status": "ok"}


def expected_file(module: str) -> str | None:
    """The real path of ``module``'s source under the user's roots (``rel.py`` or
    ``rel/__init__.py`` in the first root that has one), None where none has it."""
    rel = module.replace(".", "/")
    for root in USER_ROOTS:
        for candidate in (os.path.join(root, f"{rel}.py"), os.path.join(root, rel, "__init__.py")):
            if os.path.isfile(candidate):
                return os.path.realpath(candidate)
    return None


def foreign_module(name: str, module: ModuleType) -> str:
    """Why the imported ``module`` is not the user's file of that name ("" when it is): the
    interpreter's own module of the name (already imported, or earlier on its path), an
    import hook's shim, or a builtin module. A verdict on it would not be about the source."""
    expected = expected_file(name)
    if expected is None:
        return ""
    found = getattr(module, "__file__", None)
    if found is None:
        return f"module {name} at run time is a builtin module, not the file under test"
    if real_path(found) != expected:
        return f"module {name} imported from {found}, not the file under test ({expected})"
    return ""


@functools.lru_cache(maxsize=1024)
def real_path(path: str) -> str:
    return os.path.realpath(path)


def foreign_object(module: str, qualname: str) -> str:
    """Why ``module.qualname`` is not the unit under test ("" when it is, or cannot be told):
    its top-level name (the function, or the class of a method: a dataclass's or namedtuple's
    methods are made elsewhere) is a builtin (a C accelerator's import rebound the name), a
    function defined in another file, or a class of another module."""
    home = getattr(sys.modules.get(module), "__file__", None)
    if home is None:
        return ""
    top = qualname.split(".")[0]
    obj = resolve(module, top)
    name = f"{module}.{top}"
    if isinstance(obj, type):
        where = getattr(sys.modules.get(obj.__module__), "__file__", None)
        if where is None:
            return (
                f"{name} at run time is a builtin type of {obj.__module__}, not this file's class"
            )
        if real_path(where) != real_path(home):
            return f"{name} at run time is a class of {where}, not this file's class"
        return ""
    code = getattr(inspect.unwrap(obj), "__code__", None)  # type: ignore[arg-type]
    if code is None:
        if inspect.isbuiltin(obj) or inspect.ismethoddescriptor(obj):
            return (
                f"{name} at run time is a builtin (rebound by an accelerator import), "
                "not this file's def"
            )
        return ""
    if real_path(code.co_filename) != real_path(home):
        return f"{name} at run time is defined in {code.co_filename}, not this file's def"
    return ""


def _source_bytes(module: str) -> int:
    """The size of the module's source file (0 if none: a namespace package, a builtin)."""
    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec is not None else None
    try:
        return os.path.getsize(origin) if origin else 0
    except OSError:
        return 0


def _mapped() -> int:
    """This process's mapped address space in bytes (VmSize), 0 where /proc is not there."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def allow_memory(limit: int) -> None:
    """Set the address-space soft limit (never above the hard limit)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def do_calls(request: dict, cpu_s: int, fd: int) -> None:
    """Answer one line per case of a ``calls`` request."""
    try:
        fn = resolve(request["module"], request["qualname"])
        elsewhere = foreign_object(request["module"], request["qualname"])
        failed = {"status": "import_error", "type": "NotUnderTest", "error": elsewhere}
    except BaseException as exc:
        elsewhere, failed = "failed", {"status": "import_error", **describe(exc)}
    if elsewhere:
        for _ in request["cases"]:
            respond(fd, failed)
        return
    stop = request.get("stop") or {}
    if not stop:
        for args in request["cases"]:
            respond(fd, do_call(fn, request, args, cpu_s))
        return
    session = _session(request, stop)
    for n, args in enumerate(request["cases"]):
        if n >= stop["after"] and session.quiet >= stop["patience"]:
            respond(fd, COVERED)
            continue
        coverage = session.coverage
        before = len(coverage.arcs)
        response = do_call(fn, request, args, cpu_s, coverage)
        coverage.arcs.update(("in", i, shape(a)) for i, a in enumerate(args))
        out = shape(response.get("value"))
        coverage.arcs.add(("out", response["status"], response.get("type"), out))
        response["new"] = len(coverage.arcs) > before
        session.quiet = 0 if response["new"] else session.quiet + 1
        respond(fd, response)


class Session:
    """The coverage of one function's calls so far, and how many calls in a row added none."""

    def __init__(self, key: tuple[str, str]) -> None:
        self.key, self.coverage, self.quiet = key, Coverage(USER_ROOTS), 0


SESSION: list[Session] = []  # the last traced calls request's, for one that resumes it


def _session(request: dict, stop: dict) -> Session:
    """The last request's session when this one resumes it (``"resume": true``, the same
    function), else a new one."""
    key = (request["module"], request["qualname"])
    if stop.get("resume") and SESSION and SESSION[0].key == key:
        return SESSION[0]
    SESSION[:] = [Session(key)]
    return SESSION[0]


def shape(tree: object, depth: int = 0) -> object:
    """A coarse class of a codec tree, so that inputs and results of a new kind count as new
    coverage even where they run the same lines: ints and floats by sign and magnitude
    (bytes, binary exponent / 64), strings by length (bits) and whether ASCII, containers by
    tag, length (bits) and their first item's class."""
    if tree is None or isinstance(tree, bool):
        return tree
    if isinstance(tree, int):
        return ("i", (tree > 0) - (tree < 0), min((tree.bit_length() + 7) // 8, 9))
    if isinstance(tree, float):
        if tree != tree or tree in (float("inf"), float("-inf")):
            return ("f", repr(tree))
        return ("f", (tree > 0) - (tree < 0), math.frexp(tree)[1] // 64)
    if isinstance(tree, str):
        return ("s", len(tree).bit_length(), tree.isascii())
    if isinstance(tree, list):
        first = shape(tree[0], depth + 1) if tree and depth < 2 else None
        return ("l", len(tree).bit_length(), first)
    if isinstance(tree, dict) and len(tree) == 1:
        [(tag, inner)] = tree.items()
        return (tag, shape(inner, depth))
    return type(tree).__name__


COVERED = {"status": "covered"}
USER_ROOTS: list[str] = []  # the sys.path entries of the user's sources (set by serve)


class Coverage:
    """The line arcs (code, previous line, line) that calls ran in the user's files, by
    ``sys.settrace`` while the context is entered (Python 3.11 has no ``sys.monitoring``)."""

    def __init__(self, roots: list[str]) -> None:
        self.roots = tuple(os.path.join(r, "") for r in roots)
        self.arcs: set[tuple[object, ...]] = set()
        self._mine: dict[str, bool] = {}

    def __enter__(self) -> Coverage:
        sys.settrace(self._call)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.settrace(None)

    def _call(self, frame: Any, event: str, arg: object) -> Any:
        code = frame.f_code
        mine = self._mine.get(code.co_filename)
        if mine is None:
            mine = self._mine[code.co_filename] = code.co_filename.startswith(self.roots)
        if not mine:
            return None
        arcs, last = self.arcs, [-code.co_firstlineno]

        def local(frame: Any, event: str, arg: object) -> Any:
            line = frame.f_lineno
            if event == "line":
                arcs.add((code, last[0], line))
                last[0] = line
            elif event in ("return", "exception"):
                arcs.add((code, last[0], event))
            return local

        return local


def do_call(
    fn: Any, request: dict, raw_args: list[object], cpu_s: int, coverage: Coverage | None = None
) -> dict:
    """One call's response, with ``"out"`` / ``"err"``: what it wrote to ``sys.stdout`` /
    ``sys.stderr``, where it wrote anything."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr  # swapped by hand: contextlib's pair costs 3x more
    sys.stdout, sys.stderr = out, err
    try:
        response = _call(fn, request, raw_args, cpu_s, coverage)
    finally:
        sys.stdout, sys.stderr = saved
    if out.tell():
        response["out"] = out.getvalue()
    if err.tell():
        response["err"] = err.getvalue()
    return response


def _call(
    fn: Any, request: dict, raw_args: list[object], cpu_s: int, coverage: Coverage | None
) -> dict:
    """One call's response; ``coverage`` traces the call and the consumption of its result
    (a generator's body runs then), not the pipe's decoding and encoding around them."""
    allow_cpu(cpu_s)
    start = time.perf_counter()
    try:
        args = [build(with_functions(codec.decode(a)), request["module"]) for a in raw_args]
        target = dispatched(fn, request["module"], request["qualname"], args)
        result = call_with(target, args, coverage)
    except (MemoryError, RecursionError) as exc:
        return {"status": "resource", **describe(exc)}
    except Exception as exc:
        return {"status": "raised", **describe(exc), "seconds": time.perf_counter() - start}
    except BaseException as exc:
        return {"status": "exit", **describe(exc)}
    try:
        with coverage or contextlib.nullcontext():
            result = observe(result, request.get("probe"))
    except (MemoryError, RecursionError) as exc:
        return {"status": "resource", **describe(exc)}
    except Exception as exc:
        return {"status": "raised", **describe(exc), "seconds": time.perf_counter() - start}
    seconds = time.perf_counter() - start
    return {
        "status": "ok",
        "value": codec.encode(result),
        "args": [codec.encode(a) for a in args],
        "seconds": seconds,
    }


def with_functions(value: object) -> object:
    """``value`` with every catalogue reference (``codec.FnRef``) made its Python function."""
    if isinstance(value, codec.FnRef):
        fn = catalogue.python_function(value.sig, value.index)
        fn.__portalis_ref__ = value  # encoded back as the reference
        return fn
    if isinstance(value, list | tuple):
        return type(value)(with_functions(v) for v in value)
    if isinstance(value, dict):  # an OrderedDict stays one
        return type(value)((k, with_functions(v)) for k, v in value.items())
    return value


def observe(value: object, probe: dict | None) -> object:
    """Apply a returned callable as the probe says (see ``callables.py``): a list of the
    results of calling it, in order, on each probe's arguments; ``each`` member of a list."""
    if probe is not None and "take" in probe:  # a lazy iterator: its first items only
        return list(itertools.islice(value, probe["take"]))  # type: ignore[call-overload]
    value = materialise(value)
    if probe is None:
        return value
    if "each" in probe:
        return [observe(v, probe["each"]) for v in value]  # type: ignore[attr-defined]
    if "opt" in probe:
        return None if value is None else observe(value, probe["opt"])
    calls = [[codec.decode(a) for a in args] for args in probe["call"]]
    return [observe(value(*args), probe["then"]) for args in calls]  # type: ignore[operator]


def materialise(result: object) -> object:
    """Iterators, generators, ranges and dict views as lists: the type language maps
    Iterator[T] and Iterable[T] to list[T]. Consuming them is part of the call (and of its
    deadline), and an exception raised meanwhile is the call's."""
    if isinstance(result, Iterator | range | KeysView | ValuesView | ItemsView):
        return list(result)
    return result


def respond(fd: int, response: dict) -> None:
    try:
        line = json.dumps(response, ensure_ascii=True)
    except (ValueError, RecursionError) as exc:
        line = json.dumps({"status": "resource", **describe(exc)})
    data = (line + "\n").encode()
    while data:
        data = data[os.write(fd, data) :]


def cpu_seconds() -> float:
    """This process's CPU seconds so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def lower_session(nice: int) -> None:
    """Give this process's session ``nice`` (the parent's ``childprio.session_nice``: a batch
    job's child). Bubblewrap starts it in a session of its own (``--new-session``), and where
    Linux's ``sched_autogroup`` is on a nice weighs only inside its session: without this the
    child would take as much CPU as the service's whole session. The kernel rate-limits an
    unprivileged process's write (EAGAIN within 0.1 s of another's): retried for up to ~0.2 s;
    nothing where there is no autogroup."""
    if nice <= 0:
        return
    for _ in range(10):
        try:
            with open("/proc/self/autogroup") as fh:
                if int(fh.read().split()[-1]) >= nice:
                    return  # set by the parent (no bubblewrap: the parent's own child)
            with open("/proc/self/autogroup", "w") as fh:
                fh.write(str(nice))
            return
        except BlockingIOError:
            time.sleep(0.02)
        except (OSError, ValueError, IndexError):
            return


# Modules the interpreter holds before any path is searched, whose replacement would swap the
# import system or the codec registry under the running process: never set aside.
INHERENT = frozenset({"__main__", "importlib", "encodings"})
SET_ASIDE: list[ModuleType] = []  # this process's own modules that gave way to the user's


class RootsFirst:
    """Which top-level names the user's roots provide as a regular module or package (a
    namespace portion is not one: the import system prefers a regular package anywhere on
    the path), leaving out the builtin and frozen modules (the interpreter finds them before
    any path entry) and ``INHERENT`` ones. As the first finder of ``sys.meta_path`` it finds
    those names in the roots, before any finder that ``site`` put ahead of the path (the
    ``distutils`` shim of setuptools): Python run from the repository finds them there."""

    def __init__(self, roots: list[str]) -> None:
        self.roots = list(roots)
        self._provides: dict[str, bool] = {}

    def provides(self, top: str) -> bool:
        if top in INHERENT or top in sys.builtin_module_names or top.startswith("_portalis_"):
            return False
        if top not in self._provides:
            self._provides[top] = not _imp.is_frozen(top) and _provided(top, self.roots)
        return self._provides[top]

    def find_spec(self, name: str, path: object = None, target: object = None) -> Any:
        if path is not None or not self.provides(name):
            return None
        return importlib.machinery.PathFinder.find_spec(name, self.roots)


def give_way(roots: list[str]) -> list[str]:
    """Set aside (out of ``sys.modules``) the modules this process imported for itself — its
    own machinery (json, inspect, unittest, typing...) and what ``site`` loaded — whose
    top-level name the user's ``roots`` provide (``RootsFirst``), and put a ``RootsFirst``
    first on ``sys.meta_path``: the user's code then imports the repository's file of that
    name, as Python run from the repository would, instead of the copy the verifier happened
    to load first. The verifier's own code keeps its references to the modules set aside.
    Returns the names set aside, sorted."""
    first = RootsFirst(roots)
    names = [
        name
        for name in sorted(sys.modules)
        if first.provides(name.partition(".")[0]) and not _imp.is_frozen(name)
    ]
    SET_ASIDE.extend(sys.modules.pop(name) for name in names)
    sys.meta_path.insert(0, first)
    return names


def _provided(top: str, roots: list[str]) -> bool:
    """Whether ``roots`` hold a regular module or package ``top``."""
    try:
        spec = importlib.machinery.PathFinder.find_spec(top, roots)
    except (ImportError, OSError, ValueError):
        return False
    return spec is not None and spec.origin not in (None, "namespace") and spec.loader is not None


def serve(config: dict) -> None:
    """Answer requests until the request pipe closes."""
    lower_session(config.get("session_nice", 0))
    set_limits(config["memory_mb"])
    for path in reversed(config["paths"]):
        sys.path.insert(0, path)
    USER_ROOTS[:] = [*config["paths"], *map(os.path.realpath, config["paths"])]
    give_way(config["paths"])
    requests = os.fdopen(config["request_fd"], "rb")
    for raw in requests:
        request = json.loads(raw)
        if request["op"] == "import":
            respond(config["response_fd"], do_import(request, config["memory_mb"]))
        elif request["op"] == "usage":
            respond(config["response_fd"], {"status": "ok", "cpu_s": cpu_seconds()})
        elif request["op"] == "trace":
            allow_cpu(request["cpu_s"])
            respond(config["response_fd"], tracer.run(request))
        else:
            do_calls(request, config["cpu_s"], config["response_fd"])


if __name__ == "__main__":
    serve(json.loads(sys.argv[1]))
