#!/usr/bin/env bash
# The main job on the bundled examples, from a fresh machine or an old checkout alike: set-up
# (scripts/setup.sh: fast when already done), then `portalis run` on examples/ with the embedded
# defaults. Results go to ./out (or the directory given as $1); running it again reuses the cache.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
out="${1:-out}"
.venv/bin/portalis run examples/mathkit examples/textkit examples/datakit --out "$out"
echo "results: $out/crates/ (one Cargo crate per repository), $out/manifest.parquet (one row per function), $out/summary.json"
