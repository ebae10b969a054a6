#!/usr/bin/env bash
# The GPU check: one script, under 10 minutes, for a machine with an NVIDIA GPU and the
# [gpu] and [llm] extras installed (pip install -e '.[dev,gpu,llm]', torch with CUDA):
#   1. the card (nvidia-smi) and the stack (cupy, dask-cuda, torch.cuda);
#   2. MinHash signatures of stdlib functions with cupy and numpy: bit-identical, and speed;
#   3. a whole pipeline run on dask_cuda.LocalCUDACluster with the tiny random-weight model
#      on the GPU (bf16): the generation tasks carry resources={"GPU": 1} (judging does not),
#      the model loads once per worker, every (wrong) answer is rejected by verification, GPU
#      seconds are counted (manifest, summary, and the cost ledger).
# Writes benchmarks/results/gpu_check.json; exits non-zero when a check fails.
#   bash benchmarks/gpu_check.sh [--limit-files N]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export PATH="$HOME/.cargo/bin:$PATH"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
exec timeout 570 "$PY" benchmarks/gpu_check.py "$@"
