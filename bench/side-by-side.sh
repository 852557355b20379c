#!/usr/bin/env bash
# TorchSharp vs PyTorch, same model, same step, same card, same job. Run on the GPU machine from the repository root:
#   bash bench/side-by-side.sh [cuda] > side-by-side.jsonl
# Alternates the two frameworks three times each so drift (clocks, other tenants) hits both alike: first the planner
# transformer (bench/transformer_step.py), then the executor DiT (bench/executor_step.py).
set -euo pipefail
dev="${1:-cuda}"
for round in 1 2 3; do
  scripts/gpu-run bench transformer-step --device "$dev" --batch 64 --seq 256 --warmup 20 --steps 100 2>/dev/null
  python3 bench/transformer_step.py --device "$dev" --batch 64 --seq 256 --warmup 20 --steps 100
done
for round in 1 2 3; do
  scripts/gpu-run bench executor-step --device "$dev" --batch 128 --warmup 10 --steps 50 2>/dev/null
  python3 bench/executor_step.py --device "$dev" --batch 128 --warmup 10 --steps 50
done
