#!/usr/bin/env bash
# The test command (README, .ci/run). Default: every test except those marked [Trait("Category", "Slow")];
# every notebook still runs, in quick mode. `--all` also runs the slow experiment tests.
# Ends with one line "N passed, N failed, N skipped"; fails when any test fails or is skipped, or none ran.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
filter="Category!=Slow"
if [ "${1:-}" = "--all" ]; then filter=""; shift; fi
results="artifacts/test-results"
rm -rf "$results"
status=0
dotnet test FrequencyNotebooks.sln -c Release ${filter:+--filter "$filter"} \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?
trx="$results/results.trx"
if [ ! -f "$trx" ]; then echo "0 passed, 1 failed, 0 skipped"; echo "test: no results (build failed?)" >&2; exit 1; fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
skipped=$((total - executed))
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$skipped" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
