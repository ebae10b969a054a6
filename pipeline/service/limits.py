"""Per-tenant rate limits: one token bucket per tenant (its tier's rate and burst)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    def __init__(self) -> None:
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, tenant: str, per_minute: float, burst: int) -> float:
        """Take one token: 0.0 when allowed, else the seconds until one is available."""
        now = time.monotonic()
        rate = per_minute / 60.0
        with self._lock:
            bucket = self._buckets.setdefault(tenant, _Bucket(float(burst), now))
            bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.stamp) * rate)
            bucket.stamp = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate
