"""Translation engines: a registry of name -> lazily imported engine class.

An engine turns one Unit into one Translation and never raises: bad or unsupported input
becomes a refusal with diagnostics; an engine bug becomes an ``INTERNAL_ERROR`` Translation
with the traceback text (``crashed`` is the one place that makes one). Engines are looked up by
name like fsspec protocols, so optional engines (the learned GPU engine) cost nothing until
used and say how to install themselves.
"""

from __future__ import annotations

import importlib
import time
import traceback
from collections.abc import Iterable
from typing import Protocol

from pipeline.records import Diagnostic, Translation, TranslationStatus, Unit


class Engine(Protocol):
    """What every engine provides."""

    name: str
    version: str

    def translate(self, unit: Unit) -> Translation:
        """Translate one unit; must not raise."""

    def runtime_source(self, helpers: Iterable[str]) -> str:
        """Rust source of the runtime module (``pyrt``) holding exactly ``helpers`` and
        what they depend on; deterministic. Empty string when nothing is needed."""


# name -> (module path, class name, extra that provides it)
_REGISTRY: dict[str, tuple[str, str, str | None]] = {
    "rules": ("pipeline.translate.rules.engine", "RuleEngine", None),
    "learned": ("pipeline.translate.learned.engine", "LearnedEngine", "llm"),
}


class UnknownEngine(ValueError):
    """An engine name that is not registered, or whose optional extra is missing."""


def get_engine(name: str) -> Engine:
    """Instantiate the engine registered under ``name``, or named ``package.module:Class``
    (a plugin engine importable on every worker)."""
    if ":" in name:
        module_name, _, class_name = name.partition(":")
        extra = None
    else:
        try:
            module_name, class_name, extra = _REGISTRY[name]
        except KeyError:
            known = ", ".join(sorted(_REGISTRY))
            raise UnknownEngine(
                f"unknown engine {name!r}; known engines: {known} (or module:Class)"
            ) from None
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        hint = f" (install it with: pip install 'portalis[{extra}]')" if extra else ""
        raise UnknownEngine(f"engine {name!r} is not available: {exc}{hint}") from exc
    try:
        engine: Engine = getattr(module, class_name)()
    except AttributeError as exc:
        raise UnknownEngine(f"engine {name!r}: {module_name} has no {class_name}") from exc
    return engine


def safe_translate(engine: Engine, unit: Unit) -> Translation:
    """Call ``engine.translate`` and turn any exception into an internal_error Translation."""
    start = time.perf_counter()
    try:
        return engine.translate(unit)
    except Exception:  # a per-unit task must never raise
        return crashed(unit, f"{engine.name}@{engine.version}", start)


def crashed(unit: Unit, engine: str, start: float) -> Translation:
    """The Translation of a unit whose engine raised, called in the ``except`` block: an
    internal error (a bug of the engine, never a verdict on the unit) with the traceback."""
    diag = Diagnostic("PT999", "engine crashed: " + traceback.format_exc(limit=6))
    return Translation(
        unit.id,
        engine,
        TranslationStatus.INTERNAL_ERROR,
        diagnostics=(diag,),
        seconds=time.perf_counter() - start,
    )
