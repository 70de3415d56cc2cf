#!/usr/bin/env bash
# The main job, as far as the project goes today (the `reproduce` verb and its HTML report are still to come):
#   1. the train (seed 1) and test (seed 2) datasets, and their validation report;
#   2. the report's run (TorchSharp engine: Adam 1e-3, 5 epochs, per-epoch reset, blocks order), with frozen evaluations;
#   3. the report's proposed fix (lr 1e-4, 50 epochs, early stopping patience 10, min_delta 1e-4) on the fused engine;
#   4. a learning-rate × init-seed sweep (fused engine), to test "lr 1e-3 is too high" across seeds rather than on one run;
#   5. every notebook, executed in full mode, to .ipynb + offline HTML.
# Results go to OUT (default artifacts/reproduce). Rerunning continues or skips finished runs; it never deletes results.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/reproduce}"
bash scripts/setup.sh
# The whole solution: notebooks load src/FrequencyLab/bin/Release/net10.0/FrequencyLab.dll.
dotnet build FrequencyNotebooks.sln -c Release -v quiet -nologo
freqlab() { dotnet src/FrequencyLab.Cli/bin/Release/net10.0/freqlab.dll "$@"; }
# A run folder that already holds this run is resumed (a finished run returns at once) instead of refused.
train() {
  local dir="$1"; shift
  if [ -f "$dir/config.json" ]; then freqlab train --resume "$dir" "$@"; else freqlab train --out "$dir" "$@"; fi
}
mkdir -p "$out" data/generated

echo "== 1. data and validation"
freqlab generate --seed 1 --out data/generated/train.npy
freqlab generate --seed 2 --out data/generated/test.npy
freqlab validate data/generated/train.npy --test data/generated/test.npy
freqlab validate data/generated/train.npy --test data/generated/test.npy --json > "$out/validation.json.tmp" && mv "$out/validation.json.tmp" "$out/validation.json"

echo "== 2. the report's run (lr 1e-3, 5 epochs, TorchSharp)"
train "$out/runs/report-lr1e-3" --engine torch --epochs 5

echo "== 3. the report's proposed fix (lr 1e-4, up to 50 epochs, early stopping as its section 5.2)"
train "$out/runs/proposed-lr1e-4" --engine fused --lr 1e-4 --epochs 50 --patience 10 --min-delta 1e-4

echo "== 4. learning rate × init seed (fused, 20 epochs)"
freqlab sweep --lr 1e-3,3e-4,1e-4,3e-5 --init-seed 0,1,2,3 --epochs 20 --out "$out/sweep-lr-seed"

echo "== 5. notebooks (full mode)"
freqlab notebooks run --out "$out/notebooks"

echo "reproduce: results in $out"
