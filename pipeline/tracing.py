"""The calls a repository's own tests make of its library (``verify/trace.py``), cached by the
content of its library and test files."""

from __future__ import annotations

import hashlib
import json
import traceback
from dataclasses import asdict
from pathlib import Path

from pipeline.cache import Cache, get_entries, put_entries
from pipeline.checks import digest
from pipeline.config import RunConfig
from pipeline.verify.isolation import wanted
from pipeline.verify.trace import Traced, TraceSettings, trace_tests

TRACE_FORMAT = 1  # of a traced test run's cache entry


TRACE_CALLER = "<traced tests>"  # the caller path of traced calls in the repository's index


def trace_repository(
    root: str,
    import_root: str,
    library: list[tuple[str, str]],
    tests: list[str],
    config: RunConfig,
    cache: Cache | None = None,
) -> Traced:
    """The calls the repository's own tests make of its library (``verify/trace.py``), from
    the cache when no library or test file changed. Never raises: a failure is a note, and
    costs this evidence only; only a suite that ran to its end is cached."""
    try:
        isolate = wanted(config.verify.isolation)
        settings = TraceSettings(config.verify.trace_timeout_s, config.verify.memory_mb, isolate)
        key = _trace_key(root, library, tests, settings)
        found = get_entries(cache, [key]).get(key) if cache is not None else None
        if found is not None:
            calls = tuple((str(m), str(f), str(t)) for m, f, t in found["calls"])
            return Traced(calls, found["note"] + " (from the cache)", True)
        traced = trace_tests(root, import_root, library, tests, settings)
    except Exception:  # a fault of the machinery: reported, not cached
        return Traced(note="tracing failed: " + traceback.format_exc(limit=2)[-400:])
    if cache is not None and traced.complete:
        put_entries(cache, {key: {"calls": [list(c) for c in traced.calls], "note": traced.note}})
    return traced


def _trace_key(
    root: str, library: list[tuple[str, str]], tests: list[str], settings: TraceSettings
) -> str:
    files = sorted({*(p for p, _ in library), *tests})
    digests = [
        [p, digest(Path(root, p).read_text(encoding="utf-8", errors="replace"))] for p in files
    ]
    doc = [TRACE_FORMAT, asdict(settings), sorted(library), digests]
    return "trace-" + hashlib.sha256(json.dumps(doc, separators=(",", ":")).encode()).hexdigest()
