#!/usr/bin/env bash
# The main job: installs what is missing (scripts/setup.sh), builds the solution (the notebooks load
# src/FrequencyLab/bin/Release/net10.0/FrequencyLab.dll), then runs `freqlab reproduce` with the arguments given:
#   bash scripts/reproduce.sh                       # the full study into artifacts/reproduce/, page artifacts/reproduce/index.html
#   bash scripts/reproduce.sh --quick --out DIR     # a reduced study in a few minutes, labelled quick
# Rerunning continues an interrupted study and reuses finished stages; it never deletes anything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build FrequencyNotebooks.sln -c Release -v quiet -nologo
exec dotnet src/FrequencyLab.Cli/bin/Release/net10.0/freqlab.dll reproduce "$@"
