#!/usr/bin/env bash
# One-command set-up: system packages (rustc is expected on PATH), a virtualenv, Portalis with
# [dev]. Idempotent, and fast when nothing changed: the pip step is skipped while .venv holds a
# stamp of the pyproject.toml and Python it was installed from.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)  # promtool, prometheus: tests
command -v prometheus-pushgateway >/dev/null 2>&1 || need+=(prometheus-pushgateway)
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)  # verification isolation
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # browser tests (selenium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ "${#need[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! command -v rustc >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/rustc" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
command -v rustc >/dev/null 2>&1 || { echo "setup: rustc not found; install Rust (rustup) first" >&2; exit 1; }
PY="${PYTHON:-python3}"
[ -d .venv ] || "$PY" -m venv .venv
stamp=".venv/.portalis-setup"
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $(.venv/bin/python --version 2>&1)"
if [ -x .venv/bin/portalis ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "setup: up to date (.venv matches pyproject.toml)"
  exit 0
fi
.venv/bin/pip install -q --upgrade pip
# torch first and pinned: 2.13.0 is the CPU build (the [llm] extra leaves torch unpinned, and an
# unpinned torch pulls several GB of CUDA libraries); then [dev], which includes [llm].
.venv/bin/pip install -q 'torch==2.13.0'
.venv/bin/pip install -q -e '.[dev]'
printf '%s\n' "$want" >"$stamp"
echo "setup: done. Activate with: source .venv/bin/activate"
