"""Faults of the machinery, told apart from verdicts on the code.

A rustc, a harness or a Python child that is killed by a signal from outside (the kernel's
out-of-memory killer, an operator, a dying worker taking its children along), that cannot
write its output (a full disk), or that fails without saying why, says nothing about the
translation. Such a failure raises :class:`Fault`; the stages retry, then report the unit as
``internal_error`` with the cause, and never cache it.
"""

from __future__ import annotations

import signal

# Said by rustc (or the OS through it) when the machine, not the code, is at fault.
_FAULT_TEXTS = (
    "No space left on device",
    "Cannot allocate memory",
    "memory allocation of",
    "Disk quota exceeded",
    "Too many open files",
    "Resource temporarily unavailable",
)
ATTEMPTS = 3  # tries of a step that met a fault, the first included


class Fault(RuntimeError):
    """The machinery failed (not the code under test): retry, then report, never cache."""


def tool_fault(tool: str, returncode: int, stderr: str, diagnosed: bool) -> Fault | None:
    """The fault behind a tool's exit, or None when the exit is the tool's verdict.

    ``diagnosed``: the tool printed at least one error diagnostic of its own (a failure
    with none is the machinery's: nothing about the code was said)."""
    if returncode < 0:
        return Fault(f"{tool} killed by signal {_signal_name(-returncode)}")
    said = next((text for text in _FAULT_TEXTS if text in stderr), None)
    if said is not None:
        return Fault(f"{tool} failed: {said}")
    if returncode != 0 and not diagnosed:
        return Fault(f"{tool} exited with code {returncode} without a diagnostic")
    return None


def killed_from_outside(returncode: int | None) -> bool:
    """Whether a child died of SIGKILL that nothing of its own could have sent (its limits
    end it with SIGXCPU, MemoryError or an abort; the verifier's own kills are timeouts)."""
    return returncode == -signal.SIGKILL


def _signal_name(number: int) -> str:
    try:
        return f"{number} ({signal.Signals(number).name})"
    except ValueError:
        return str(number)
