"""Micro-batching of translation-only requests, as inference servers batch dynamically: while
fewer than ``slots`` batches are in flight, requests arriving within ``window_s`` go out
together; while every slot is busy they gather, and the next free slot takes them all (up to
``max_size``). Each batch is one Dask task (``snippet.translate_snippets``: one rustc check and
one rustfmt for all). Requests for a source already pending or in flight wait for the same
answer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

Run = Callable[[list[str], list[str]], Awaitable[list[dict]]]  # (sources, keys) -> answers


class Batcher:
    def __init__(self, run: Run, window_s: float, max_size: int, slots: int) -> None:
        self.run, self.window_s, self.max_size, self.slots = run, window_s, max_size, slots
        self._pending: dict[str, tuple[str, asyncio.Future]] = {}  # key -> (source, answer)
        self._answers: dict[str, asyncio.Future] = {}  # pending or in flight, by key
        self._timer: asyncio.TimerHandle | None = None
        self._in_flight = 0

    async def translate(self, source: str, key: str) -> dict:
        answer = self._answers.get(key)
        if answer is None:
            loop = asyncio.get_running_loop()
            answer = self._answers[key] = loop.create_future()
            answer.add_done_callback(lambda _: self._answers.pop(key, None))
            self._pending[key] = (source, answer)
            if len(self._pending) >= self.max_size:
                self._flush()
            elif self._timer is None and self._in_flight < self.slots:
                self._timer = loop.call_later(self.window_s, self._flush)
        return await asyncio.shield(answer)  # one waiter leaving does not cancel the others

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._pending or self._in_flight >= self.slots:
            return  # a slot that frees up flushes them
        keys = list(self._pending)[: self.max_size]
        batch = {key: self._pending.pop(key) for key in keys}
        self._in_flight += 1
        asyncio.ensure_future(self._run(batch))

    async def _run(self, batch: dict[str, tuple[str, asyncio.Future]]) -> None:
        try:
            answers = await self.run([source for source, _ in batch.values()], list(batch))
        except Exception as exc:
            for _, answer in batch.values():
                answer.set_exception(exc)
        else:
            for (_, answer), result in zip(batch.values(), answers, strict=True):
                answer.set_result(result)
        finally:
            self._in_flight -= 1
            self._flush()
