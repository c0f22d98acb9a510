#!/usr/bin/env bash
# Search latency: the portal's SearchIndex over 10,000 generated documents, timed query by query.
# See docs/benchmarks.md.
#
#   bench/search.sh [--no-build] [-- program arguments]
#
# Program arguments (all optional): --docs 10000 --queries 2000 --warmup 500 --seed 20261127 --keep --verbose
# (--verbose adds the slowest queries and a per-phase breakdown: parse, search, load stored fields, highlight).
#
# Builds bench/SaferBcp.Benchmarks in Release (it is not in SaferBcp.Portal.sln, so `dotnet test` never runs it)
# and runs it once; the index lives in a temporary folder that is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=1
ARGS=()
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --) shift; ARGS+=("$@"); break ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done

PROJECT=bench/SaferBcp.Benchmarks
DLL="$PROJECT/bin/Release/net10.0/SaferBcp.Benchmarks.dll"
if (( BUILD )); then
  echo "== dotnet build $PROJECT -c Release"
  timeout 900 dotnet build "$PROJECT" -c Release --nologo -v q -clp:NoSummary
fi
[[ -f "$DLL" ]] || { echo "$DLL is missing: run without --no-build" >&2; exit 2; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/out/results
LOG="bench/out/results/search-$STAMP.txt"

{
  echo "== machine"
  bench_machine | sed 's/^/   /'
  bench_wait_quiet
  echo
  # Bounded: 10,000 documents and 2,000 queries take well under a minute here.
  timeout 900 dotnet "$DLL" ${ARGS[@]+"${ARGS[@]}"}
} 2>&1 | tee "$LOG"
echo "(saved in $LOG)"
