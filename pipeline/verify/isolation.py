"""A real isolation layer for the Python side of verification: bubblewrap (``bwrap``).

The sandbox child (``child.py``) runs code that strangers wrote. Wrapped by :func:`wrap`, it
starts inside new network, PID, IPC and UTS namespaces (no network at all: only an unconnected
loopback; the pipeline's processes are invisible and cannot be signalled), sees a read-only
view of only what the interpreter needs (``/usr``, the interpreter's installation, the
virtual environment, the directory of ``child.py``, the copied sources) and writes only to its
scratch ``work``, ``home`` and ``tmp`` directories and to a private tmpfs on ``/tmp``. It gets
a fresh environment (``--clearenv``, then only the sandbox's variables) and runs as its own
unprivileged uid with no capabilities, so ``RLIMIT_NPROC`` caps a fork bomb at
:data:`MAX_PROCS` processes for that sandbox alone; the child's own rlimits (address space,
CPU time, file size) still apply. When the child is killed, ``--die-with-parent`` takes the
whole PID namespace with it.

Giving each sandbox a uid of its own needs root in the worker's process (euid 0: the layer
switches to the sandbox's uid with ``setpriv`` and chowns its scratch directories to it, which
needs CAP_SETUID, CAP_SETGID and CAP_CHOWN; bwrap's namespaces then need no setuid bit). As any
other user the layer is unavailable: a per-sandbox ``RLIMIT_NPROC`` is only sound for a uid of
its own (shared with the user's other processes, the cap would count them too, and a fork bomb
could starve them). Where the layer is unavailable (not root; ``bwrap``/``setpriv``/
``prlimit`` missing; a kernel or container that forbids the namespaces), :func:`probe` says
why, and ``verify.isolation`` decides: ``on`` refuses to verify (rows ``untested``), ``auto``
runs the Python child unisolated (the sandbox's limits only), ``off`` never isolates.
:func:`describe` names what a mode gets on this machine; each run's ``summary.json`` counts its
verified units by it (``verification_isolation``), and the service refuses to verify without it.
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from pipeline.childprio import command

MAX_PROCS = 32  # processes (and threads) of one sandbox's uid
UID_BASE = 200_000  # sandboxes run as UID_BASE + a random offset: no passwd entry, no files
UID_SPAN = 1_000_000
PROBE_TIMEOUT_S = 10.0
MODES = ("auto", "on", "off")  # config: isolate where possible / require it / never


class IsolationUnavailable(RuntimeError):
    """Isolation was required but cannot run here; the message says why."""


def _tools() -> tuple[str, str, str] | str:
    """Paths of bwrap, setpriv and prlimit, or why they cannot be used."""
    found = [shutil.which(name) for name in ("bwrap", "setpriv", "prlimit")]
    missing = [n for n, p in zip(("bwrap", "setpriv", "prlimit"), found, strict=True) if not p]
    if missing:
        return f"{', '.join(missing)} not found (Debian: apt-get install bubblewrap util-linux)"
    if os.geteuid() != 0:
        return "needs root to run each sandbox as its own uid (RLIMIT_NPROC per sandbox)"
    return found[0], found[1], found[2]  # type: ignore[return-value]


@functools.lru_cache(maxsize=1)
def probe() -> str | None:
    """None when isolation works on this machine, else the reason it does not (checked once
    per process by running ``true`` inside the layer)."""
    tools = _tools()
    if isinstance(tools, str):
        return tools
    scratch = Path("/")
    try:
        done = subprocess.run(
            command(_command(tools, ["true"], scratch, [], [], {})),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=PROBE_TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap did not run: {exc}"
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        return f"bwrap failed on this machine: {message[-1] if message else done.returncode}"
    return None


def describe(mode: str) -> str:
    """What verification under config ``mode`` runs inside on this machine: ``bubblewrap``,
    ``none: ...`` (the sandbox's limits only) or ``refused: ...`` (``on`` without the layer)."""
    if mode == "off":
        return "none: verify.isolation is off"
    why = probe()
    if why is None:
        return "bubblewrap"
    return f"refused: {why}" if mode == "on" else f"none: unavailable: {why}"


def available() -> bool:
    return probe() is None


def wanted(mode: str) -> bool:
    """Whether to isolate under config ``mode``; raises IsolationUnavailable for ``on`` where
    the layer cannot run."""
    if mode not in MODES:
        raise ValueError(f"isolation mode must be one of {MODES}, got {mode!r}")
    if mode == "off":
        return False
    why = probe()
    if why is not None and mode == "on":
        raise IsolationUnavailable(f"isolation required but unavailable: {why}")
    return why is None


def wrap(argv: list[str], scratch: Path, paths: Iterable[str], env: dict[str, str]) -> list[str]:
    """``argv`` (the child's command line) wrapped to run inside the layer, with ``env`` as
    its whole environment; ``scratch/src`` and ``paths`` (the child's script directory, the
    user's sources) are mounted read-only. Gives the scratch directories a fresh owner (the
    sandbox's uid)."""
    tools = _tools()
    if isinstance(tools, str):
        raise IsolationUnavailable(tools)
    uid = UID_BASE + secrets.randbelow(UID_SPAN)
    writable = [scratch / name for name in ("work", "home", "tmp")]
    for directory in writable:
        directory.mkdir(exist_ok=True)
        os.chown(directory, uid, uid)
    readonly = [scratch / "src", *map(Path, paths)]
    return _command(tools, argv, scratch / "work", readonly, writable, env, uid)


def _interpreter_paths() -> list[Path]:
    """What the interpreter needs besides /usr: its installation and the virtualenv."""
    roots = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.executable).parent}
    return sorted({Path(os.path.realpath(p)) for p in roots} | roots)


def _command(
    tools: tuple[str, str, str],
    argv: list[str],
    cwd: Path,
    readonly: list[Path],
    writable: list[Path],
    env: dict[str, str],
    uid: int = UID_BASE,
) -> list[str]:
    bwrap, setpriv, prlimit = tools
    cmd = [
        bwrap,
        *("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts"),
        *("--unshare-cgroup-try", "--die-with-parent", "--new-session"),
        *("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"),
        *("--ro-bind", "/usr", "/usr"),
        *("--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib"),
        *("--symlink", "usr/lib64", "/lib64", "--symlink", "usr/sbin", "/sbin"),
        *("--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp"),
    ]
    cmd += _mounts(
        [(p, "--ro-bind") for p in _interpreter_paths() + readonly]
        + [(p, "--bind") for p in writable]
    )
    cmd += ["--chdir", str(cwd), "--clearenv"]
    for key, value in sorted(env.items()):
        cmd += ["--setenv", key, value]
    cmd += [prlimit, f"--nproc={MAX_PROCS}:{MAX_PROCS}", "--"]
    cmd += [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    cmd += ["--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
    return cmd + argv


def _mounts(binds: list[tuple[Path, str]]) -> list[str]:
    """Bind arguments, parents first, each preceded by the directories above it that the
    sandbox's root lacks (created 0755: bwrap's own are 0700, closed to the sandbox's uid)."""
    out: list[str] = []
    made: set[Path] = {Path("/"), Path("/tmp"), Path("/usr")}
    bound: list[Path] = []
    for path, how in sorted(set(binds), key=lambda b: (len(b[0].parts), str(b[0]))):
        if not path.exists() or any(path.is_relative_to(b) for b in bound if how == "--ro-bind"):
            continue
        for parent in reversed(path.parents):
            if parent not in made and not any(parent.is_relative_to(b) for b in bound):
                out += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        out += [how, os.path.realpath(path), str(path)]
        made.add(path)
        bound.append(path)
    return out
