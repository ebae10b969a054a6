"""Cache URLs: masking credentials, and where the default SQLite cache lives.

`redact_url` is the only way a cache URL may reach a log line, an error, a `repr` or stats:
`redis://alice:s3cret@host:6379/0` becomes `redis://alice:***@host:6379/0`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

MASK = "***"

# Query parameters whose values are secrets in the URL forms we accept (redis-py passes any
# query argument to the connection, so `?password=` works there).
_SECRET_PARAMS = frozenset(
    {"password", "pass", "passwd", "pwd", "secret", "token", "auth", "access_key", "secret_key"}
)
# Last resort for strings that urlsplit cannot handle: `scheme://user:password@`.
_USERINFO_RE = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/@:\s]*:)[^@\s]*(?=@)")


def redact_url(url: str | None) -> str:
    """Return `url` with its password (and secret query values) replaced by `***`.

    The user name is kept (it identifies an ACL user and is not a secret); a URL with a
    password but no user (`redis://:pw@host`) keeps its empty user. Never raises.
    """
    if url is None:
        return ""
    try:
        parts = urlsplit(url)
        if parts.password is None and not any(
            k.lower() in _SECRET_PARAMS for k, _ in parse_qsl(parts.query)
        ):
            return url  # nothing to mask: keep the spelling (urlunsplit drops "sqlite://")
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            if ":" in userinfo:
                user = userinfo.split(":", 1)[0]
                netloc = f"{user}:{MASK}@{hostport}"
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            if any(k.lower() in _SECRET_PARAMS for k, _ in pairs):
                query = urlencode(
                    [(k, MASK if k.lower() in _SECRET_PARAMS else v) for k, v in pairs],
                    safe="*",
                )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except Exception:  # a malformed URL must still never leak its secret
        return _USERINFO_RE.sub(rf"\g<head>{MASK}", url)


def url_secrets(url: str | None) -> list[str]:
    """The secret substrings of `url` (password, secret query values), for `scrub`."""
    if not url:
        return []
    found: list[str] = []
    try:
        parts = urlsplit(url)
        if parts.password:
            found.append(parts.password)
        found += [v for k, v in parse_qsl(parts.query) if k.lower() in _SECRET_PARAMS and v]
    except Exception:
        match = re.search(r"://[^/@:\s]*:([^@\s]*)@", url)
        if match and match.group(1):
            found.append(match.group(1))
    # an error message may quote either the encoded or the decoded spelling
    found += [unquote(s) for s in found]
    return sorted({s for s in found if s}, key=len, reverse=True)


def scrub(text: str, secrets: list[str]) -> str:
    """Replace every occurrence of each secret in `text` (an exception message) by `***`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace so an error reads as one log line, cut to `limit` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/portalis`, or `~/.cache/portalis` when the variable is unset/empty."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base.strip() else Path.home() / ".cache"
    return root / "portalis"


def default_sqlite_path() -> Path:
    """Where `open_cache(None)` keeps its SQLite database."""
    return default_cache_dir() / "cache.sqlite"


def sqlite_path_from_url(url: str | None) -> Path:
    """The database path of a SQLite cache URL.

    Accepted: None or `""` or `sqlite://` (the default path); `sqlite:///abs/path.sqlite`
    (absolute; SQLAlchemy's `sqlite:////abs/path.sqlite` too); `sqlite://rel/path.sqlite`
    (relative to the working directory); a plain path
    (`~` expanded). Query strings are not used.
    """
    if url is None or url.strip() in ("", "sqlite:", "sqlite://"):
        return default_sqlite_path()
    rest = url
    if url.lower().startswith("sqlite://"):
        rest = url[len("sqlite://") :]
    elif url.lower().startswith("sqlite:"):
        rest = url[len("sqlite:") :]
    rest = rest.split("?", 1)[0]
    if not rest:
        return default_sqlite_path()
    if rest.startswith("//"):  # SQLAlchemy's absolute form, sqlite:////abs/path
        rest = "/" + rest.lstrip("/")
    return Path(os.path.expanduser(rest))
