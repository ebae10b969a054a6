"""`open_cache(url)`: pick a backend by URL scheme, importing it only when used.

Like fsspec's protocol registry, a scheme maps to "module:Class", imported on first use, so
the embedded SQLite cache costs nothing extra and a missing optional package is reported only
to whoever asks for that scheme (with the extra to install). Register more with
`register_backend`.

| URL                                   | backend                                    |
|---------------------------------------|--------------------------------------------|
| None, "", plain path, `sqlite://...`  | SQLite file (default: user cache dir)      |
| `redis://[user:pw@]host:port/db`      | Redis (`rediss://` for TLS)                |
| `none://` (or "none")                 | NullCache, for `--no-cache`                |
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

from pipeline.cache.base import Cache, CacheBackendMissing
from pipeline.cache.urls import redact_url

DEFAULT_TTL_S = 7 * 24 * 3600

_BACKENDS: dict[str, str] = {
    "sqlite": "pipeline.cache.sqlite:SQLiteCache",
    "redis": "pipeline.cache.redis:RedisCache",
    "rediss": "pipeline.cache.redis:RedisCache",
    "none": "pipeline.cache.base:NullCache",
    "null": "pipeline.cache.base:NullCache",
}
_EXTRAS = {"redis": "redis", "rediss": "redis"}
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def register_backend(scheme: str, target: str, extra: str | None = None) -> None:
    """Map `scheme` to "module:Class"; `extra` names the pip extra its imports need."""
    if ":" not in target:
        raise ValueError(f"backend target must look like 'module:Class', not {target!r}")
    _BACKENDS[scheme.lower()] = target
    if extra:
        _EXTRAS[scheme.lower()] = extra


def known_schemes() -> list[str]:
    return sorted(_BACKENDS)


def scheme_of(url: str | None) -> str:
    """The backend scheme for `url`: "sqlite" for None/empty/paths, "none" for "none"."""
    if url is None or not url.strip():
        return "sqlite"
    text = url.strip()
    if text.lower() in ("none", "null", "off"):
        return "none"
    match = _SCHEME_RE.match(text)
    # A one-letter "scheme" is a Windows drive (C:\...): a path.
    if not match or len(match.group(1)) == 1:
        return "sqlite"
    return match.group(1).lower()


def backend_class(scheme: str) -> type:
    """Import and return the class registered for `scheme`."""
    try:
        target = _BACKENDS[scheme]
    except KeyError:
        raise ValueError(
            f"unknown cache scheme {scheme!r}; known: {', '.join(known_schemes())}"
        ) from None
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        extra = _EXTRAS.get(scheme)
        hint = f": pip install 'portalis[{extra}]'" if extra else ""
        raise CacheBackendMissing(f"{scheme}:// caches need {exc.name or exc}{hint}") from None
    return getattr(module, class_name)


def open_cache(
    url: str | None,
    namespace: str = "default",
    ttl_s: int | float | None = DEFAULT_TTL_S,
    required: bool = False,
    **options: Any,
) -> Cache:
    """Open the cache at `url` (see the module table).

    `ttl_s` <= 0 or None stores without expiry. When the backend cannot be reached: with
    `required`, raise `CacheUnavailable` (one line, credentials masked); otherwise log one
    warning and return a cache that counts errors and misses every lookup until the backend
    comes back. A scheme whose Python package is missing raises `CacheBackendMissing` (an
    ImportError naming the pip extra) either way: that is an installation fault, not an
    outage. `options` go to the backend (e.g. `retry_interval_s=` for Redis).
    """
    scheme = scheme_of(url)
    cls = backend_class(scheme)
    try:  # check the options first, so that a TypeError from inside a backend stays visible
        inspect.signature(cls).bind(url, namespace, ttl_s, required, **options)
    except TypeError as exc:
        raise TypeError(f"cache {redact_url(url)}: {exc}") from None
    cache: Cache = cls(url, namespace, ttl_s, required, **options)
    return cache
