"""The interface every learned backend provides, and the registry that finds them.

A backend turns a batch of prompts into a batch of replies and never raises for one bad
prompt: a reply carries either text or the machinery fault that stopped it (a timeout, an
unreachable endpoint), which the caller reports as a fault, never as a verdict. Backends are
looked up by name like the engines, imported lazily, and say how to install their extra.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from pipeline.config import LearnedSettings

if TYPE_CHECKING:  # only for the annotation: the engine never imports Dask itself
    from distributed.diagnostics.plugin import WorkerPlugin

INSTALL_HINT = "install it with: pip install 'portalis[llm]'"


@dataclass(frozen=True, slots=True)
class Message:
    role: str  # "system" | "user" | "assistant"
    content: str


Prompt = tuple[Message, ...]


@dataclass(frozen=True, slots=True)
class Reply:
    """One generated answer: text, or the fault that stopped it (``error``)."""

    text: str = ""
    error: str = ""  # non-empty: a machinery fault (timeout, HTTP error), not an answer
    gpu_s: float = 0.0  # seconds of GPU time this reply cost (its share of a batch)
    tries: int = 1


class Backend(Protocol):
    name: str

    def generate(self, prompts: list[Prompt]) -> list[Reply]:
        """One reply per prompt, in order; must not raise for a single prompt's fault."""


class BackendUnavailable(RuntimeError):
    """The backend cannot be used here (its extra is missing, or its settings are incomplete);
    the message says what to install or set."""


# name -> (module, class)
_BACKENDS: dict[str, tuple[str, str]] = {
    "transformers": ("pipeline.translate.learned.local", "TransformersBackend"),
    "endpoint": ("pipeline.translate.learned.endpoint", "EndpointBackend"),
}


class BackendClass(Protocol):
    """A backend's class: it checks settings, and makes the backend."""

    def __call__(self, settings: LearnedSettings, storage_options: dict) -> Backend: ...

    def check(self, settings: LearnedSettings) -> None: ...


def backend_class(settings: LearnedSettings) -> BackendClass:
    """The class of the configured backend, imported now (BackendUnavailable if it cannot be)."""
    try:
        module_name, class_name = _BACKENDS[settings.backend]
    except KeyError:
        known = ", ".join(sorted(_BACKENDS))
        raise BackendUnavailable(
            f"unknown learned backend {settings.backend!r}; known: {known}"
        ) from None
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise BackendUnavailable(
            f"learned engine unavailable: backend {settings.backend!r} needs "
            f"{exc.name or exc}; {INSTALL_HINT}"
        ) from exc
    cls: BackendClass = getattr(module, class_name)
    return cls


def check_backend(settings: LearnedSettings) -> None:
    """Raise BackendUnavailable unless the configured backend could run (imports, settings)."""
    backend_class(settings).check(settings)


def worker_plugin(settings: LearnedSettings, storage_options: dict) -> WorkerPlugin | None:
    """A Dask worker plugin preparing the backend on each worker (the in-process model
    loads once per worker), or None when the backend needs none."""
    make = getattr(backend_class(settings), "plugin", None)
    return make(settings, storage_options) if make is not None else None


def make_backend(settings: LearnedSettings, storage_options: dict | None = None) -> Backend:
    cls = backend_class(settings)
    cls.check(settings)
    backend: Backend = cls(settings, storage_options or {})
    return backend
