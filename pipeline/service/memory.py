"""The service's memory of answers: a least-recently-used map in front of the cache, bounded
in bytes (of the answers' JSON), so a source answered before costs a dictionary lookup on the
event loop, not a cache round trip. Answers are immutable under their key (the key hashes the
engine's version, the options and the source), so a remembered answer is never stale.

Used only from the event loop: no lock."""

from __future__ import annotations

from collections import OrderedDict

import orjson


class AnswerMemory:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._answers: OrderedDict[str, tuple[dict, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: str) -> dict | None:
        found = self._answers.get(key)
        if found is None:
            return None
        self._answers.move_to_end(key)
        return found[0]

    def put(self, key: str, answer: dict) -> None:
        size = len(orjson.dumps(answer))
        if key in self._answers or size > self.max_bytes:
            return
        self._answers[key] = (answer, size)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, (_, dropped) = self._answers.popitem(last=False)
            self.bytes -= dropped
