"""docs/OPERATIONS_RUNBOOK.md: every `portalis` command in it parses against the real command
line, it has every section and troubleshooting entry the on-call engineer needs, and every
alert's runbook_url anchor exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
RUNBOOK = ROOT / "docs" / "OPERATIONS_RUNBOOK.md"
ALERT_RULES = ROOT / "config" / "monitoring" / "alerts.yml"
SECTIONS = (
    "Overview",
    "Architecture",
    "Deployment",
    "Daily operations",
    "Monitoring",
    "Troubleshooting",
    "Cost management",
    "Disaster recovery",
    "Scaling",
    "Security",
)
OPERATIONS = (
    "Health checks",
    "Submitting a run",
    "Watching a run",
    "Cancelling a run",
    "Scaling workers",
    "Rotating credentials",
)
ALERTS = (
    "PortalisHighErrorRate",
    "PortalisGPUOverheating",
    "PortalisBudgetThresholdCrossed",
    "PortalisBudgetForecastExceeded",
    "PortalisSustainedHighUtilisation",
    "PortalisLongQueue",
    "PortalisWorkerLost",
    "PortalisLowUtilisation",
)
FAILURE_MODES = (
    "Worker OOM killed",
    "KilledWorker",
    "Redis unreachable",
    "S3 throttling or 403",
    "Budget stop",
    "rustc missing on workers",
    "GPU not visible",
    "A poison file",
    "A hanging unit",
    "Cache corruption",
    "Disk full",
    "Scheduler restart",
    "Spot reclaim",
    "Version skew between driver and workers",
)
FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```", re.M | re.S)
SHELLS = {"", "bash", "sh", "shell", "console"}
SEPARATORS = {"&&", "||", ";", "|", "(", ")"}
WRAPPERS = {"timeout", "nohup", "exec", "env", "sudo"}


def text() -> str:
    return RUNBOOK.read_text(encoding="utf-8")


def headings() -> list[tuple[int, str]]:
    body = FENCE.sub("", text())
    return [(len(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^(#+) (.+)$", body, re.M)]


def anchor(title: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def section(title: str) -> list[str]:
    """Titles of the headings one level below the ``## title`` section."""
    found, inside = [], False
    for level, name in headings():
        if level == 2:
            inside = name == title
        elif inside and level == 3:
            found.append(name)
    return found


def shell_commands() -> list[list[str]]:
    """Every `portalis ...` command: from fenced code blocks (continuations joined, pipelines
    and lists split) and from inline code spans."""
    commands: list[list[str]] = []
    doc = text()
    for lang, block in FENCE.findall(doc):
        if lang not in SHELLS:
            continue
        for line in block.replace("\\\n", " ").splitlines():
            commands += split_commands(line.strip().removeprefix("$ "))
    prose = FENCE.sub("", doc)
    for span in re.findall(r"`([^`\n]+)`", prose):
        commands += split_commands(span)
    return [c for c in commands if len(c) > 1 and Path(c[0]).name == "portalis"]


def split_commands(line: str) -> list[list[str]]:
    if not line or line.startswith("#"):
        return []
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    commands, current = [], []
    for token in lexer:
        if token in SEPARATORS:
            commands.append(current)
            current = []
        else:
            current.append(token)
    commands.append(current)
    return [strip_prefix(c) for c in commands]


def strip_prefix(command: list[str]) -> list[str]:
    """Drop ``VAR=value`` assignments and wrappers such as ``timeout 60`` before the program."""
    while command and ("=" in command[0] and not command[0].startswith("-")):
        command = command[1:]
    while command and command[0] in WRAPPERS:
        command = command[2:] if command[0] == "timeout" else command[1:]
    return command


def parse(args: list[str]) -> None:
    """Parse *args* down to the leaf command, as click would before invoking it: unknown
    commands and options, bad choices and missing arguments raise."""
    command: click.Command = main
    parent = None
    name = "portalis"
    while True:
        ctx = command.make_context(name, list(args), parent=parent)
        if not isinstance(command, click.Group):
            return
        rest = [*getattr(ctx, "_protected_args", []), *ctx.args]
        name, command, args = command.resolve_command(ctx, rest)
        parent = ctx


def test_every_portalis_command_in_the_runbook_parses() -> None:
    commands = shell_commands()
    assert len(commands) >= 20, commands  # the runbook is a manual, not a teaser
    seen = {tuple(c[1:3]) for c in commands}
    assert ("run", "--help") in seen or any(c[1] == "run" for c in commands)
    for command in commands:
        if len(command) == 2 and command[1] in main.commands:
            continue  # a command named in prose ("`portalis run` prints ..."): it exists
        try:
            parse(command[1:])
        except click.exceptions.Exit as done:  # --help, --version
            assert done.exit_code == 0, command
        except click.ClickException as exc:
            pytest.fail(f"{shlex.join(command)}: {exc.format_message()}")
    subcommands = {c[1] for c in commands if len(c) > 1 and not c[1].startswith("-")}
    assert {"run", "cache", "translate", "verify"} <= subcommands


def test_a_wrong_command_would_be_caught() -> None:
    for wrong in (["run", "src", "--wrokers", "2"], ["cache", "purge"], ["run"]):
        with pytest.raises(click.ClickException):
            parse(wrong)


def test_sections_and_troubleshooting_entries() -> None:
    top = [name for level, name in headings() if level == 2]
    assert top == list(SECTIONS)
    assert set(OPERATIONS) <= set(section("Daily operations"))
    entries = section("Troubleshooting")
    assert len(entries) >= 14
    assert set(FAILURE_MODES) <= set(entries)
    body = text()
    for entry in entries:  # each: symptom, the command that confirms it, the fix
        start = body.index(f"### {entry}\n")
        end = body.find("\n### ", start + 1)
        chunk = body[start : end if end > 0 else None]
        for part in ("**Symptom**", "**Confirm**", "**Fix**"):
            assert part in chunk, f"{entry}: no {part}"


def alert_rules() -> list[dict]:
    """The rules of config/monitoring/alerts.yml, once it exists."""
    if not ALERT_RULES.is_file():
        return []
    groups = (yaml.safe_load(ALERT_RULES.read_text(encoding="utf-8")) or {}).get("groups", [])
    return [rule for group in groups for rule in group.get("rules", []) if "alert" in rule]


def test_every_alert_has_its_anchor_and_every_link_resolves() -> None:
    anchors = {anchor(name) for _, name in headings()}
    rules = alert_rules()
    for alert in set(ALERTS) | {rule["alert"] for rule in rules}:
        assert f"alert-{alert.lower()}" in anchors, alert
    for rule in rules:
        url = rule.get("annotations", {}).get("runbook_url", "")
        if "OPERATIONS_RUNBOOK.md#" in url:
            assert url.rsplit("#", 1)[1] in anchors, (rule["alert"], url)
    for target in re.findall(r"\]\(#([^)]+)\)", text()):
        assert target in anchors, f"broken link #{target}"
