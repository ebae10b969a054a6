#!/usr/bin/env bash
# The test suite, from a fresh machine or an old checkout alike: set-up (scripts/setup.sh: fast
# when already done), then pytest. Extra arguments go to pytest (e.g. tests/cluster -x).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
exec .venv/bin/python -m pytest -q "$@"
