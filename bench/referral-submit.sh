#!/usr/bin/env bash
# Self-referral submit: durable submissions per second and latency of the FINAL submit (POST
# /refer-yourself/domestic-abuse/check) of the domestic abuse self-referral, on the real portal (Release, SQLite,
# Production) with the email outbox running (the default Pickup mode writes .eml files). See docs/benchmarks.md.
#
#   bench/referral-submit.sh [--no-build] [--keep] [-- program arguments]
#
# Program arguments (all optional): --sessions 1000 --warmup 100 --concurrency 8,32 --prepare-concurrency 8
#   --mail-wait 180   (measured sessions per concurrency level, warm-up submits before each level, the levels,
#   workers used to walk the form beforehand, seconds to wait for the outbox to write every .eml file)
#
# Settings (environment): BENCH_PORT (5094), BENCH_QUIET_WAIT (180, seconds to wait for an idle machine).
#
# The form's rate limit (Forms:RateLimitPermits, 100 posts per client per 10 minutes) is raised to 1,000,000 for
# this run only: every request comes from 127.0.0.1. Nothing else in the portal's configuration is changed.
# Builds bench/SaferBcp.Benchmarks and src/SaferBcp.Portal in Release (skip with --no-build). The portal runs on a
# fresh temporary data folder (database, key ring, mail-pickup) that is deleted at the end unless --keep is given.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=1; KEEP=0; ARGS=()
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --) shift; ARGS+=("$@"); break ;;
    *) echo "usage: $0 [--no-build] [--keep] [-- --sessions N --warmup N --concurrency 8,16,32 ...]" >&2; exit 2 ;;
  esac
  shift
done

PORT="${BENCH_PORT:-5094}"
BASE="http://127.0.0.1:$PORT"
PORTAL=src/SaferBcp.Portal
PORTAL_DLL="$PORTAL/bin/Release/net10.0/SaferBcp.Portal.dll"
BENCH=bench/SaferBcp.Benchmarks
BENCH_DLL="$BENCH/bin/Release/net10.0/SaferBcp.Benchmarks.dll"

if (( BUILD )); then
  echo "== dotnet build $BENCH -c Release"
  timeout 1200 dotnet build "$BENCH" -c Release --nologo -v q -clp:NoSummary
  echo "== dotnet build $PORTAL -c Release"
  timeout 1200 dotnet build "$PORTAL" -c Release --nologo -v q -clp:NoSummary
fi
for f in "$PORTAL_DLL" "$BENCH_DLL"; do [[ -f "$f" ]] || { echo "$f is missing: run without --no-build" >&2; exit 2; }; done
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is already in use; set BENCH_PORT" >&2; exit 2; fi

WORK="$(mktemp -d /tmp/saferbcp-referral-bench-XXXXXX)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/out/results
LOG="bench/out/results/referral-submit-$STAMP.txt"

# The run below is a pipeline (| tee), so a subshell: the portal's pid is kept in a file for this trap.
cleanup() {
  local status=$? pid
  if [[ -f "$WORK/portal.pid" ]]; then
    pid="$(cat "$WORK/portal.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  [[ -f "$WORK/portal.log" ]] && cp "$WORK/portal.log" "${LOG%.txt}-portal.log" 2>/dev/null || true
  if (( KEEP )); then echo "(data folder kept in $WORK/data)"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

{
  echo "== machine"
  bench_machine | sed 's/^/   /'
  echo "   cores:   $(nproc) logical CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"

  # Production, a fresh data folder (the recipe seeds the forms, teams and routing rules), warnings only.
  # The administrator password is random and never printed.
  ADMIN_PASSWORD="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-7Qz"
  echo "== portal on $BASE (Release, Production), data folder $WORK/data, Forms__RateLimitPermits=1000000, email mode Pickup (default)"
  (
    cd "$PORTAL/bin/Release/net10.0"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Urls="$BASE" Portal__DataFolder="$WORK/data" Portal__PublicAddress="http://127.0.0.1"
    export SAFERBCP_ADMIN_PASSWORD="$ADMIN_PASSWORD" Forms__RateLimitPermits=1000000 Logging__LogLevel__Default=Warning
    exec dotnet SaferBcp.Portal.dll
  ) > "$WORK/portal.log" 2>&1 &
  echo $! > "$WORK/portal.pid"
  unset ADMIN_PASSWORD
  PORTAL_PID="$(cat "$WORK/portal.pid")"
  for i in $(seq 240); do
    curl -sf --max-time 2 -o /dev/null "$BASE/health/ready" && break
    kill -0 "$PORTAL_PID" 2>/dev/null || { echo "the portal stopped:"; tail -30 "$WORK/portal.log"; exit 1; }
    (( i == 240 )) && { echo "the portal was not ready after 120 s:"; tail -30 "$WORK/portal.log"; exit 1; }
    sleep 0.5
  done
  echo "   ready after about $(( i / 2 )) s"
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$BASE/refer-yourself/domestic-abuse/danger")
  [[ "$code" == 200 ]] || { echo "GET /refer-yourself/domestic-abuse/danger answered $code, not 200"; exit 1; }

  bench_wait_quiet
  echo "   load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
  echo
  status=0
  timeout 3600 dotnet "$BENCH_DLL" referral-submit --url "$BASE" --data "$WORK/data" --portal-pid "$PORTAL_PID" ${ARGS[@]+"${ARGS[@]}"} || status=$?
  echo
  echo "   load after the run: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min); ${BENCH_QUIET_NOTE:-}"
  if grep -qiE 'fail|error|exception' "$WORK/portal.log"; then
    echo "   the portal logged warnings or errors (first 10 lines):"; grep -iE 'fail|error|exception' "$WORK/portal.log" | head -10 | sed 's/^/     /'
  fi
  exit "$status"
} 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
echo "(saved in $LOG)"
exit "$status"
