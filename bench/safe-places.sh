#!/usr/bin/env bash
# Safe Places locator latency: the real portal (Release, SQLite) with 5,000 generated places imported through the
# back office's CSV import, then the locator asked a fixed mix of filtered, distance-sorted queries by wrk over one
# connection (latency, not throughput). See docs/benchmarks.md.
#
#   bench/safe-places.sh [--no-build] [--places 5000] [--duration 30]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=1; PLACES=5000; DURATION=30; PORT=${BENCH_PORT:-5093}
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --places) PLACES="$2"; shift ;;
    --duration) DURATION="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

PROJECT=src/SaferBcp.Portal
DLL="$PROJECT/bin/Release/net10.0/SaferBcp.Portal.dll"
if (( BUILD )); then
  echo "== dotnet build $PROJECT -c Release"
  timeout 1200 dotnet build "$PROJECT" -c Release --nologo -v q -clp:NoSummary
fi
[[ -f "$DLL" ]] || { echo "$DLL is missing: run without --no-build" >&2; exit 2; }

WORK="$(mktemp -d /tmp/saferbcp-safeplaces-bench-XXXXXX)"
# The run below is a pipeline (| tee), so it is a subshell: the portal's pid is written to a file for this trap.
cleanup() { [[ -f "$WORK/portal.pid" ]] && kill "$(cat "$WORK/portal.pid")" 2>/dev/null; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/out/results
LOG="bench/out/results/safe-places-$STAMP.txt"
BASE="http://127.0.0.1:$PORT"
ADMIN_PASSWORD="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc "A-Za-z0-9" | head -c 16)-7Qz"

{
  echo "== machine"
  bench_machine | sed 's/^/   /'

  python3 bench/safe-places/generate.py "$PLACES" > "$WORK/places.csv"
  echo "== portal on $BASE, data in $WORK, $PLACES generated places ($(wc -c < "$WORK/places.csv") bytes of CSV)"
  (cd "$PROJECT/bin/Release/net10.0" && exec env ASPNETCORE_ENVIRONMENT=Production Urls="$BASE" Portal__DataFolder="$WORK/data" Portal__PublicAddress="http://127.0.0.1" \
      Portal__Admin__UserName=admin Portal__Admin__Password="$ADMIN_PASSWORD" Logging__LogLevel__Default=Warning \
      dotnet SaferBcp.Portal.dll) > "$WORK/portal.log" 2>&1 &
  echo $! > "$WORK/portal.pid"
  for _ in $(seq 1 120); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 1; done

  # Sign in and import through the back office, as an officer would.
  JAR="$WORK/cookies"
  token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
  T=$(curl -s -c "$JAR" -b "$JAR" "$BASE/account/sign-in" | token)
  curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "UserName=admin" --data-urlencode "Password=$ADMIN_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$T" "$BASE/account/sign-in"
  bench_two_factor "$JAR" "$BASE" "$WORK/admin-authenticator-key"
  T=$(curl -s -c "$JAR" -b "$JAR" "$BASE/admin/safe-places" | token)
  START=$(date +%s.%N)
  STATUS=$(curl -s -o "$WORK/import.html" -w '%{http_code}' -c "$JAR" -b "$JAR" -F "__RequestVerificationToken=$T" -F publish=true \
    -F "file=@$WORK/places.csv;type=text/csv" "$BASE/admin/safe-places/import")
  echo "   import: HTTP $STATUS in $(echo "$(date +%s.%N) - $START" | bc) s (validate every row, save and publish in one transaction)"
  [[ "$STATUS" == 302 ]] || { echo "import failed:"; grep -o 'govuk-table__cell">[^<]*' "$WORK/import.html" | head -20; exit 1; }
  echo "   published: $(curl -s "$BASE/safe-places" | grep -o '[0-9,]* Safe Places found' | head -1)"

  bench_wait_quiet
  echo "== warm-up 10 s, then $DURATION s measured: wrk, 1 thread, 1 connection, queries in turn (bench/safe-places/latency.lua)"
  wrk -t1 -c1 -d10s -s bench/safe-places/latency.lua "$BASE" > /dev/null
  wrk -t1 -c1 -d"${DURATION}s" -s bench/safe-places/latency.lua "$BASE" | sed -n '/^requests/,$p'
} 2>&1 | tee "$LOG"
echo "(saved in $LOG)"
