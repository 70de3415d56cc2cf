#!/usr/bin/env bash
# The main job. Today: build, generate the train (seed 1) and test (seed 2) datasets, validate them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build src/FrequencyLab.Cli -c Release -v quiet -nologo
freqlab() { dotnet src/FrequencyLab.Cli/bin/Release/net10.0/freqlab.dll "$@"; }
mkdir -p data/generated
freqlab generate --seed 1 --out data/generated/train.npy
freqlab generate --seed 2 --out data/generated/test.npy
freqlab validate data/generated/train.npy --test data/generated/test.npy
