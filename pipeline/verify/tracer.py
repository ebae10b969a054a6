"""Run a repository's own tests under a profiler recording its functions' calls (child side).

Loaded by ``child.py`` for the ``{"op": "trace", ...}`` request (standard library only, never
imported by the pipeline). While the tests run (pytest when it can be imported, else unittest
discovery), ``sys.setprofile`` sees every Python call; a call of a module-level function of
one of the repository's library files is recorded as call source with literal arguments —
``f(3, [1, 2], key='a')`` — the way a literal call in code would be, at most ``max_calls``
different ones per function. Calls whose arguments are not literals (objects, callables,
NaN) are left out. The records are written to ``out`` (JSON, replaced atomically) by a
thread every ``DUMP_EVERY_S`` while the tests run and once at the end, so a suite that hangs
and is killed still leaves the calls seen before (all but those of its last
``DUMP_EVERY_S``).
"""

from __future__ import annotations

import io
import json
import keyword
import math
import os
import sys
import threading
import unittest
from collections.abc import Iterable
from typing import Any, cast

CO_OPTIMIZED, CO_VARARGS, CO_VARKEYWORDS = 0x01, 0x04, 0x08  # a function's code (not a class body)
MAX_DEPTH = 3
MAX_ITEMS = 20
DUMP_EVERY_S = 0.25


class Recorder:
    """The profiler and what it recorded: ``"module:function"`` -> call sources."""

    def __init__(self, files: dict[str, str], out: str, max_calls: int, max_source: int):
        self.files, self.out = files, out
        self.max_calls, self.max_source = max_calls, max_source
        self.calls: dict[str, list[str]] = {}
        self.seen = 0
        self.lock = threading.Lock()
        self.dirty = threading.Event()
        self.stop = threading.Event()

    def profile(self, frame: Any, event: str, arg: object) -> None:
        if event != "call":
            return
        code = frame.f_code
        module = self.files.get(code.co_filename)
        if module is None:
            return
        name, flags = code.co_qualname, code.co_flags
        if "." in name or name.startswith("<") or not flags & CO_OPTIMIZED:
            return
        self.seen += 1
        with self.lock:
            kept = self.calls.setdefault(f"{module}:{name}", [])
        if len(kept) < self.max_calls:
            text = self._source(name, code, frame.f_locals)
            if text is not None and len(text) <= self.max_source and text not in kept:
                with self.lock:
                    kept.append(text)
                self.dirty.set()

    @staticmethod
    def _source(name: str, code: Any, values: dict[str, object]) -> str | None:
        """The call as source: positional arguments (the ``*args`` tuple's items after
        them), then keywords (keyword-only ones, then the ``**kwargs`` dict's)."""
        n, kwonly = code.co_argcount, code.co_kwonlyargcount
        names = code.co_varnames
        parts = [literal(values.get(p, _MISSING)) for p in names[:n]]
        at = n + kwonly
        if code.co_flags & CO_VARARGS:
            extra = values.get(names[at], _MISSING)
            at += 1
            if not isinstance(extra, tuple):
                return None
            parts += [literal(v) for v in extra]
        parts += [_keyword(k, literal(values.get(k, _MISSING))) for k in names[n : n + kwonly]]
        if code.co_flags & CO_VARKEYWORDS:
            given = values.get(names[at], _MISSING)
            if not isinstance(given, dict) or not all(_plain_keyword(k) for k in given):
                return None
            parts += [_keyword(k, literal(v)) for k, v in given.items()]
        if any(p is None for p in parts):
            return None
        return f"{name}({', '.join(p for p in parts if p is not None)})"

    def keep_dumping(self) -> None:
        """The dumping thread's loop (started before the profiler, so not profiled)."""
        while not self.stop.wait(DUMP_EVERY_S):
            if self.dirty.is_set():
                self.dirty.clear()
                self.dump()

    def dump(self, **extra: object) -> None:
        with self.lock:
            calls = {k: list(v) for k, v in self.calls.items()}
        data = {"calls": calls, "seen": self.seen, **extra}
        tmp = self.out + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, self.out)


_MISSING = object()


def _plain_keyword(key: object) -> bool:
    """Whether ``key`` can be written as ``key=value`` in a call."""
    return isinstance(key, str) and key.isidentifier() and not keyword.iskeyword(key)


def _keyword(name: str, value: str | None) -> str | None:
    return None if value is None else f"{name}={value}"


def literal(value: object, depth: int = 0) -> str | None:
    """Python source that ``ast.literal_eval`` turns back into ``value``; None if none."""
    kind = type(value)
    if kind in (int, str, bool, type(None)):
        return repr(value)
    if kind is float:  # exactly (casts: the exact type is known, mypy narrows no type())
        return repr(value) if math.isfinite(cast(float, value)) else None
    if depth >= MAX_DEPTH or kind not in (list, tuple, set, dict):
        return None
    if kind is dict:
        return _dict_literal(list(cast(dict, value).items()), depth)
    items = list(cast(Iterable[object], value))
    if len(items) > MAX_ITEMS or (kind is set and not items):
        return None
    parts = [literal(v, depth + 1) for v in items]
    texts = [p for p in parts if p is not None]
    if len(texts) < len(parts):
        return None
    body = ", ".join(texts)
    if kind is tuple:
        return f"({body},)" if len(parts) == 1 else f"({body})"
    return f"[{body}]" if kind is list else "{" + body + "}"


def _dict_literal(items: list[tuple[object, object]], depth: int) -> str | None:
    if len(items) > MAX_ITEMS:
        return None
    pairs = [(literal(k, depth + 1), literal(v, depth + 1)) for k, v in items]
    if any(k is None or v is None for k, v in pairs):
        return None
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def run(request: dict) -> dict:
    """Run the tests, each under the profiler (collection and start-up are not traced: they
    would only cost time); the outcome (the calls are in ``out``)."""
    recorder = Recorder(
        {os.path.realpath(k): v for k, v in request["files"].items()} | request["files"],
        request["out"],
        request["max_calls"],
        request["max_source"],
    )
    recorder.dump(runner="", exit="started")
    dumper = threading.Thread(target=recorder.keep_dumping, daemon=True)
    dumper.start()
    try:
        runner, code = _run_tests(request["root"], request["tests"], recorder)
    except BaseException as exc:  # the suite's SystemExit, KeyboardInterrupt, ...
        runner, code = "tests", f"{type(exc).__name__}: {exc}"[:300]
    finally:
        _profiling(None)
        recorder.stop.set()
    dumper.join()
    recorder.dump(runner=runner, exit=str(code))
    return {"status": "ok", "runner": runner, "exit": str(code)}


def _profiling(recorder: Recorder | None) -> None:
    hook = recorder.profile if recorder is not None else None
    threading.setprofile(hook)  # type: ignore[arg-type]
    sys.setprofile(hook)


def _run_tests(root: str, tests: list[str], recorder: Recorder) -> tuple[str, object]:
    try:
        import pytest  # the suite's own runner, when it is installed
    except ImportError:
        return "unittest", _unittest(root, recorder)

    class Traced:
        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_protocol(self, item: object, nextitem: object) -> object:
            _profiling(recorder)
            try:
                yield
            finally:
                _profiling(None)

    args = [*tests, "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--rootdir", root]
    args.append("--continue-on-collection-errors")  # a missing package costs its file only
    return "pytest", int(pytest.main(args, plugins=[Traced()]))


def _unittest(root: str, recorder: Recorder) -> str:
    suite = unittest.TestLoader().discover(root, pattern="test*.py", top_level_dir=root)
    _profiling(recorder)
    try:
        result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    finally:
        _profiling(None)
    return f"{result.testsRun} run, {len(result.failures) + len(result.errors)} failed"
