"""The Terraform cache output is exactly the URL form Portalis's cache takes."""

from __future__ import annotations

import re
from pathlib import Path

import redis

from pipeline.cache.registry import scheme_of
from pipeline.cache.urls import redact_url

ROOT = Path(__file__).resolve().parents[1]
CACHE_OUTPUTS = ROOT / "terraform" / "modules" / "cache" / "outputs.tf"


def output_format(name: str) -> str:
    """The format string of ``output "name" { value = format("...", ...) }``."""
    text = CACHE_OUTPUTS.read_text()
    block = re.search(rf'output "{name}" \{{(.*?)\n\}}', text, re.S)
    assert block, f"no output {name}"
    value = re.search(r'value\s*=\s*format\("([^"]+)"', block.group(1))
    assert value, f"output {name} is not a format() call"
    return value.group(1)


def test_redis_url_output_is_a_portalis_rediss_url() -> None:
    token, host = "T0kenWithDigits42", "master.portalis-prod-cache.abc123.euw1.cache.amazonaws.com"
    url = output_format("redis_url") % (token, host, 6379)
    assert url == f"rediss://:{token}@{host}:6379/0"
    assert scheme_of(url) == "rediss"  # the Redis backend, with TLS
    pool = redis.ConnectionPool.from_url(url)
    assert pool.connection_class is redis.SSLConnection
    assert pool.connection_kwargs["password"] == token
    assert pool.connection_kwargs["host"] == host and pool.connection_kwargs["db"] == 0
    masked = redact_url(url)
    assert token not in masked
    assert masked == output_format("redis_url_redacted") % (host, 6379)
