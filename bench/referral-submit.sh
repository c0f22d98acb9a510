#!/usr/bin/env bash
# Self-referral submit: durable submissions per second and latency of the FINAL submit (POST
# /refer-yourself/domestic-abuse/check) of the domestic abuse self-referral, on the real portal (Release, SQLite,
# Production) with the email outbox running (the default Pickup mode writes .eml files). See docs/benchmarks.md.
#
#   bench/referral-submit.sh [--no-build] [--keep] [--provider sqlite|postgres] [--nodes 1|2] [-- program arguments]
#
#   --provider sqlite    (default) the portal's embedded SQLite database in its data folder
#   --provider postgres  a throwaway PostgreSQL (the newest installed, normally 15) on 127.0.0.1 and a free port, in
#                        the work folder, with normal durability (fsync=on, synchronous_commit=on): a submit's commit
#                        is on disk before the 302. The portal gets Portal__DatabaseProvider=Postgres, the connection
#                        string and a key-protection certificate generated with openssl into the work folder.
#   --nodes 2            (postgres only) two portal processes on BENCH_PORT and BENCH_PORT+1, each with its own
#                        Portal__NodeId and data folder (mail-pickup), behind an nginx on BENCH_PORT+2 that sends
#                        requests round-robin to both (Host, X-Forwarded-For/Proto passed; Portal__TrustedProxies=
#                        127.0.0.1). The program targets nginx. SQLite is one node by design, so sqlite + 2 is refused.
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

BUILD=1; KEEP=0; PROVIDER=sqlite; NODES=1; ARGS=()
usage() { echo "usage: $0 [--no-build] [--keep] [--provider sqlite|postgres] [--nodes 1|2] [-- --sessions N --warmup N --concurrency 8,16,32 ...]" >&2; exit 2; }
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --provider) [[ "${2:-}" == sqlite || "${2:-}" == postgres ]] || usage; PROVIDER=$2; shift ;;
    --nodes) [[ "${2:-}" == 1 || "${2:-}" == 2 ]] || usage; NODES=$2; shift ;;
    --) shift; ARGS+=("$@"); break ;;
    *) usage ;;
  esac
  shift
done
if [[ "$PROVIDER" == sqlite && "$NODES" == 2 ]]; then
  echo "--nodes 2 needs --provider postgres: SQLite is one node by design (one process owns the file)" >&2; exit 2
fi

PORT="${BENCH_PORT:-5094}"
LB_PORT=$(( PORT + 2 ))
BASE="http://127.0.0.1:$PORT"; (( NODES == 2 )) && BASE="http://127.0.0.1:$LB_PORT"
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
for p in "$PORT" $( (( NODES == 2 )) && echo $(( PORT + 1 )) "$LB_PORT"); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is already in use; set BENCH_PORT" >&2; exit 2; fi
done

WORK="$(mktemp -d /tmp/saferbcp-referral-bench-XXXXXX)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/out/results
LOG="bench/out/results/referral-submit-$STAMP-$PROVIDER-$NODES.txt"

# The run below is a pipeline (| tee), so a subshell: the portal's pid is kept in a file for this trap.
cleanup() {
  local status=$? n
  [[ -f "$WORK/nginx.pid" ]] && bench_stop_pid "$(cat "$WORK/nginx.pid")" 10
  for n in 1 2; do
    [[ -f "$WORK/portal$n.pid" ]] && bench_stop_pid "$(cat "$WORK/portal$n.pid")" 30
    [[ -f "$WORK/portal$n.log" ]] && cp "$WORK/portal$n.log" "${LOG%.txt}-portal$n.log" 2>/dev/null || true
  done
  [[ -f "$WORK/pg.env" ]] && { . "$WORK/pg.env"; cp "$BENCH_PG_DIR/log" "${LOG%.txt}-postgres.log" 2>/dev/null || true; bench_pg_stop; }
  if (( KEEP )); then echo "(work folder kept in $WORK)"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

{
  echo "== machine"
  bench_machine | sed 's/^/   /'
  echo "   cores:   $(nproc) logical CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"

  # Production, a fresh data folder per node (the recipe seeds the forms, teams and routing rules), warnings only.
  # The administrator password is random and never printed.
  export SAFERBCP_ADMIN_PASSWORD="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-7Qz"
  export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Portal__PublicAddress="http://127.0.0.1"
  export Forms__RateLimitPermits=1000000 Logging__LogLevel__Default=Warning
  if [[ "$PROVIDER" == postgres ]]; then
    echo "== PostgreSQL (throwaway, loopback, normal durability) and a key-protection certificate in $WORK"
    bench_pg_start "$WORK"
    declare -p BENCH_PG_BIN BENCH_PG_DIR > "$WORK/pg.env"   # for the cleanup trap, outside this subshell
    bench_certificate "$WORK"
    export Portal__DatabaseProvider=Postgres Portal__ConnectionString="$BENCH_PG_CONNECTION"
  fi
  (( NODES == 2 )) && export Portal__TrustedProxies=127.0.0.1

  # start_node N PORT DATA: one portal process, ready when /health/ready answers.
  start_node() {
    local n=$1 port=$2 data=$3 i pid
    echo "== portal node $n on http://127.0.0.1:$port (Release, Production, $PROVIDER), data folder $data, Forms__RateLimitPermits=1000000, email mode Pickup (default)"
    (
      cd "$PORTAL/bin/Release/net10.0"
      export Urls="http://127.0.0.1:$port" Portal__DataFolder="$data" Portal__NodeId="bench-node-$n"
      exec dotnet SaferBcp.Portal.dll
    ) > "$WORK/portal$n.log" 2>&1 &
    pid=$!; echo "$pid" > "$WORK/portal$n.pid"
    bench_wait_ready "http://127.0.0.1:$port" "$pid" "$WORK/portal$n.log"
  }
  if (( NODES == 1 )); then
    DATA_FOLDERS="$WORK/data"
    start_node 1 "$PORT" "$WORK/data"
    PORTAL_PIDS="$(cat "$WORK/portal1.pid")"
    AUX_PIDS=""
  else
    # One after the other: the first creates the schema and the first key, as a rolling start would.
    DATA_FOLDERS="$WORK/data1,$WORK/data2"
    start_node 1 "$PORT" "$WORK/data1"
    start_node 2 $(( PORT + 1 )) "$WORK/data2"
    PORTAL_PIDS="$(cat "$WORK/portal1.pid"),$(cat "$WORK/portal2.pid")"
    echo "== nginx balancer on $BASE, round-robin to ports $PORT and $(( PORT + 1 ))"
    bench_balancer_conf "$WORK/nginx" "$LB_PORT" "$PORT" $(( PORT + 1 ))
    bench_balancer_start "$WORK/nginx" "$LB_PORT"
    echo "$BENCH_LB_PID" > "$WORK/nginx.pid"
    AUX_PIDS="nginx=$BENCH_LB_PID"
  fi
  unset SAFERBCP_ADMIN_PASSWORD
  [[ "$PROVIDER" == postgres ]] && AUX_PIDS="${AUX_PIDS:+$AUX_PIDS,}postgres=$BENCH_PG_PID"
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$BASE/refer-yourself/domestic-abuse/danger")
  [[ "$code" == 200 ]] || { echo "GET $BASE/refer-yourself/domestic-abuse/danger answered $code, not 200"; exit 1; }

  bench_wait_quiet
  echo "   load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
  echo
  status=0
  DB_ARGS=(); [[ "$PROVIDER" == postgres ]] && DB_ARGS=(--postgres "$BENCH_PG_CONNECTION")
  timeout 3600 dotnet "$BENCH_DLL" referral-submit --url "$BASE" --data "$DATA_FOLDERS" --portal-pid "$PORTAL_PIDS" \
    ${AUX_PIDS:+--aux-pids "$AUX_PIDS"} "${DB_ARGS[@]}" ${ARGS[@]+"${ARGS[@]}"} || status=$?
  echo
  echo "   load after the run: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min); ${BENCH_QUIET_NOTE:-}"
  for f in "$WORK"/portal?.log; do
    if grep -qiE 'fail|error|exception' "$f"; then
      echo "   $(basename "$f" .log) logged warnings or errors (first 10 lines):"; grep -iE 'fail|error|exception' "$f" | head -10 | sed 's/^/     /'
    fi
  done
  exit "$status"
} 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
echo "(saved in $LOG)"
exit "$status"
