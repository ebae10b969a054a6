"""The learned engine: a language model proposes Rust for a unit, this module turns each
reply into a Translation (or a refusal saying what was wrong with it).

It never decides that a translation is right: the same compile check and differential
verification as for the rule engine do, in the repair loop of ``pipeline/learn.py``. Output
links with the rule engine's runtime (``pyrt``): the prompt offers its helpers and
``runtime_source`` is the rule engine's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from pipeline.config import LearnedSettings
from pipeline.records import Diagnostic, Translation, TranslationStatus, Unit
from pipeline.translate import Engine, get_engine
from pipeline.translate.learned import extract, prompt
from pipeline.translate.learned.backends import Backend, Prompt, Reply, make_backend

VERSION = "0.1.0"
FIRST = "rules"  # the engine whose runtime learned output links with

CODE_NOT_TAKEN = "PT060"  # a unit the learned engine does not take
CODE_NO_RUST = "PT061"  # the reply holds no usable Rust function
CODE_FAULT = "PT064"  # the model or endpoint failed (a fault, not a verdict)


@dataclass(frozen=True)
class Request:
    """One unit to translate: a first attempt, or a repair of ``previous``."""

    unit: Unit
    examples: tuple[tuple[str, str], ...] = ()  # (Python, verified Rust)
    previous: Prompt = ()
    reply: str = ""  # the previous answer
    feedback: str = ""  # what was wrong with it


@dataclass(frozen=True)
class Attempt:
    """What one request gave: a Translation, the conversation for a repair, the cost."""

    translation: Translation
    prompt: Prompt = ()
    reply: str = ""
    fault: str = ""  # non-empty: the backend failed (timeout...); not the model's answer
    gpu_s: float = 0.0
    tries: int = 1


class _Cost(TypedDict):
    """An Attempt's cost fields."""

    prompt: Prompt
    gpu_s: float
    tries: int


class LearnedEngine:
    """Engine protocol over a Backend; ``translate_batch`` is the efficient entry point."""

    name = "learned"
    version = VERSION

    def __init__(
        self,
        settings: LearnedSettings | None = None,
        storage_options: dict | None = None,
        backend: Backend | None = None,
    ) -> None:
        self.settings = settings or LearnedSettings(enabled=True)
        self.storage_options = storage_options or {}
        self._backend = backend
        self._first: Engine = get_engine(FIRST)

    @property
    def engine_id(self) -> str:
        return f"{self.name}@{self.version}+{self.settings.backend}"

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = make_backend(self.settings, self.storage_options)
        return self._backend

    def runtime_source(self, helpers: Iterable[str]) -> str:
        return self._first.runtime_source(helpers)

    def translate(self, unit: Unit) -> Translation:
        return self.translate_batch([Request(unit)])[0].translation

    def translate_batch(self, requests: list[Request]) -> list[Attempt]:
        """One Attempt per request, in order; the model sees them as one batch."""
        start = time.perf_counter()
        results: list[Attempt | None] = []
        asks: list[tuple[int, Prompt, prompt.Expected]] = []
        for i, req in enumerate(requests):
            try:
                expected = prompt.expected_signature(req.unit)
            except prompt.NotForModel as exc:
                results.append(Attempt(self._refusal(req.unit, CODE_NOT_TAKEN, str(exc))))
                continue
            results.append(None)
            asks.append((i, self._prompt(req, expected), expected))
        replies = self.backend.generate([p for _, p, _ in asks]) if asks else []
        took = (time.perf_counter() - start) / max(1, len(asks))
        for (i, conversation, expected), reply in zip(asks, replies, strict=True):
            results[i] = self._attempt(requests[i].unit, conversation, expected, reply, took)
        return [r for r in results if r is not None]

    def _prompt(self, req: Request, expected: prompt.Expected) -> Prompt:
        if req.previous:
            return prompt.repair_prompt(req.previous, req.reply, req.feedback)
        catalogue = prompt.helper_catalogue(self._first.runtime_source)
        return prompt.first_prompt(req.unit, expected, catalogue, req.examples)

    def _attempt(
        self, unit: Unit, conversation: Prompt, expected: prompt.Expected, reply: Reply, took: float
    ) -> Attempt:
        cost: _Cost = {"prompt": conversation, "gpu_s": reply.gpu_s, "tries": reply.tries}
        if reply.error:
            tr = self._refusal(unit, CODE_FAULT, f"learned engine fault: {reply.error}", took)
            return Attempt(tr, fault=reply.error, **cost)
        try:
            rust, uses, sig = extract.extract(reply.text, expected)
        except extract.NoRust as exc:
            tr = self._refusal(unit, CODE_NO_RUST, f"learned engine: {exc}", took)
            return Attempt(tr, reply=reply.text, **cost)
        items = prompt.helper_items(self._first.runtime_source)
        used = {items[n] for n in re.findall(r"pyrt::(\w+)", rust + " ".join(uses)) if n in items}
        tr = Translation(
            unit.id,
            self.engine_id,
            TranslationStatus.TRANSLATED,
            rust=rust,
            uses=uses,
            helpers=tuple(sorted(used)),
            signatures=(sig,),
            seconds=took,
        )
        return Attempt(tr, reply=reply.text, **cost)

    def _refusal(self, unit: Unit, code: str, message: str, took: float = 0.0) -> Translation:
        diag = Diagnostic(code, message[:1000], unit.first_line)
        return Translation(
            unit.id, self.engine_id, TranslationStatus.REFUSED, diagnostics=(diag,), seconds=took
        )
