"""Errors raised by the cluster layer.

Every error here is a :class:`ClusterError` with a one-line, actionable message, so the CLI can
print it and exit with code 2 instead of showing a traceback.
"""

from __future__ import annotations


class ClusterError(Exception):
    """Base class: a cluster could not be described, started, reached or used."""


class ClusterSpecError(ClusterError):
    """A cluster spec file is missing, malformed or fails validation."""


class ClusterUnavailable(ClusterError):
    """The requested cluster cannot be provided here (unknown name, missing optional package,
    hardware absent)."""


class UnknownCluster(ClusterUnavailable):
    """No cluster spec with that name exists; the message lists the available ones."""


class ClusterConnectError(ClusterError):
    """A scheduler or cluster manager could not be reached or failed to start."""


class PolicyError(ClusterError):
    """The workload policy file is invalid, or a lookup names an unknown queue or class."""


class ResourceUnavailable(ClusterError):
    """No worker offers the resources a task asks for (it would wait in no-worker forever)."""


def one_line(exc: BaseException, limit: int = 300) -> str:
    """Summarise *exc* as ``Type: first line`` capped at *limit* characters."""
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    summary = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return summary if len(summary) <= limit else summary[: limit - 1] + "…"


def describe_validation_error(source: str, exc: Exception) -> str:
    """Turn a pydantic ``ValidationError`` into ``source: field.path: message (got value)``.

    Only the first problem is reported in full (one-line messages); the count of the others is
    appended so nothing is silently hidden.
    """
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return f"{source}: {one_line(exc)}"
    problems = errors()
    if not problems:
        return f"{source}: {one_line(exc)}"
    first = problems[0]
    loc = ".".join(str(part) for part in first.get("loc", ()))
    msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    got = first.get("input")
    shown = "" if isinstance(got, dict | list) or got is None else f" (got {got!r})"
    more = f" [+{len(problems) - 1} more]" if len(problems) > 1 else ""
    where = f"{loc}: " if loc else ""
    return f"{source}: {where}{msg}{shown}{more}"
