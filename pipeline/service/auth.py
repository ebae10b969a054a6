"""API keys: only their SHA-256 is kept (the keys file holds nothing else); each names a
tenant of the tenants file, whose tier sets its limits.

Keys file (YAML)::

    keys:
      - {tenant: team-a, sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8}

Keys can also come from the environment (``PORTALIS_API_KEYS="team-a:KEY,team-b:KEY2"``);
they are hashed when read. With no key at all the service is open to one ``local`` tenant,
which only a loopback address may serve (``server.py`` checks).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.config import ConfigError

KEYS_ENV = "PORTALIS_API_KEYS"
LOCAL_TENANT = "local"


@dataclass(frozen=True)
class Tenant:
    name: str
    tier: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class KeyRing:
    """SHA-256 of a key -> its tenant."""

    def __init__(self, hashed: dict[str, Tenant]) -> None:
        self._hashed = hashed

    @property
    def open(self) -> bool:
        """No keys configured: every request is the local tenant's."""
        return not self._hashed

    def tenant(self, key: str | None) -> Tenant | None:
        """The key's tenant, or None for a missing or unknown key."""
        if self.open:
            return Tenant(LOCAL_TENANT, "default")
        if not key:
            return None
        digest = hash_key(key)
        for known, tenant in self._hashed.items():  # constant time per comparison
            if hmac.compare_digest(known, digest):
                return tenant
        return None

    @classmethod
    def load(cls, keys_file: str | None, tiers: dict[str, str]) -> KeyRing:
        """Keys from ``keys_file`` and the environment; ``tiers``: tenant -> tier."""
        pairs = _file_keys(keys_file) if keys_file else []
        pairs += [(t, hash_key(k)) for t, k in _env_keys(os.environ.get(KEYS_ENV, ""))]
        hashed: dict[str, Tenant] = {}
        for tenant, digest in pairs:
            if tenant not in tiers:
                known = ", ".join(sorted(tiers)) or "none"
                raise ConfigError(f"API key of unknown tenant {tenant!r} (tenants: {known})")
            hashed[digest] = Tenant(tenant, tiers[tenant])
        return cls(hashed)


def _file_keys(path: str) -> list[tuple[str, str]]:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read keys file {path}: {exc}") from exc
    entries = raw.get("keys") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"keys file {path}: expected 'keys: [{{tenant, sha256}}, ...]'")
    out = []
    for n, entry in enumerate(entries):
        digest = str(entry.get("sha256", "")) if isinstance(entry, dict) else ""
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise ConfigError(f"keys file {path}: keys[{n}].sha256 must be 64 lowercase hex")
        out.append((str(entry.get("tenant", "")), digest))
    return out


def _env_keys(value: str) -> list[tuple[str, str]]:
    pairs = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        tenant, sep, key = item.partition(":")
        if not sep or not tenant or not key:
            raise ConfigError(f"{KEYS_ENV}: expected TENANT:KEY[,TENANT:KEY...]")
        pairs.append((tenant, key))
    return pairs
