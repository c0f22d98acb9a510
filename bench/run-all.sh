#!/usr/bin/env bash
# Every benchmark through HTTP, in one run, on one portal: see docs/benchmarks.md, "run-all".
#
#   bench/run-all.sh [--quick] [--no-build] [--keep] [--postgres CONNECTION|auto]
#
# 1. Builds the portal and bench/SaferBcp.Benchmarks in Release (skip with --no-build).
# 2. Generates the data sets in bench/out/data/: 10,000 pages (the search benchmark's generated community-safety
#    documents) and the starting site's survey with 100,000 responses, both as recipes; 5,000 Safe Places as the back
#    office's CSV import file (bench/safe-places/generate.py).
# 3. On a fresh data folder, loads them through the portal's own import paths: `SaferBcp.Portal.dll import FILE`
#    (every page validated, saved and published by ContentManager; every response stored by the survey's submission
#    handler), then starts the portal (Release, Production, warnings only), signs in as the administrator and imports
#    the places through /admin/safe-places/import, and waits until the search index holds the pages.
# 4. Measures with wrk (2 threads, 32 connections unless noted, loopback), each after a warm-up: the home page and
#    /domestic-abuse against nginx serving the same bytes (same headers) in the same run; /search at 16 connections
#    with the residents' query mix (bench/search-mix.lua, queries from bench/search-queries.py); /support;
#    /safe-places with the locator's query mix (bench/safe-places/latency.lua); /surveys; /health/live (the
#    framework's ceiling on this machine); the home page's weight on a first visit; and the referral final submit at
#    16 workers with the benchmark program (bench/referral-submit.sh's mode). CPU per request is the portal
#    process's CPU time during the run divided by the requests.
# 5. Prints one table (path, req/s, p50/p95/p99, CPU ms per request, the in-run reference, the goal, met or not)
#    and saves it to bench/out/results/run-all-<time>.md; raw output beside it in run-all-<time>/.
#
#   --quick      smaller data (300 pages, 200 places, 1,000 responses) and 3 s runs: checks the script, not the site
#   --postgres   a PostgreSQL database instead of SQLite: an (empty) database's Npgsql connection string, or "auto"
#                for a throwaway server started in the work folder (bench_pg_start: normal durability)
#   --keep       keep the work folder (data folder, logs) in /tmp
#
# Settings (environment): BENCH_PORT (5096; nginx on BENCH_PORT+1), BENCH_SECONDS (10; quick 3), BENCH_WARMUP (3;
# quick 1), BENCH_DOCS, BENCH_PLACES, BENCH_RESPONSES, BENCH_REFERRALS (1000 measured submits; quick 60),
# BENCH_QUIET_WAIT (180; quick 5: seconds to wait for an idle machine before measuring).
# Needs: dotnet SDK 10, Node.js 20 (theme build), wrk, nginx, curl, python3 (Debian: apt-get install -y wrk nginx-light curl).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

QUICK=0; BUILD=1; KEEP=0; POSTGRES=""
usage() { echo "usage: $0 [--quick] [--no-build] [--keep] [--postgres CONNECTION|auto]" >&2; exit 2; }
while (( $# )); do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --postgres) [[ -n "${2:-}" ]] || usage; POSTGRES=$2; shift ;;
    *) usage ;;
  esac
  shift
done

if (( QUICK )); then
  DOCS=${BENCH_DOCS:-300}; PLACES=${BENCH_PLACES:-200}; RESPONSES=${BENCH_RESPONSES:-1000}
  SECONDS_RUN=${BENCH_SECONDS:-3}; WARMUP=${BENCH_WARMUP:-1}; REFERRALS=${BENCH_REFERRALS:-60}; REFERRAL_WARMUP=10
  export BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-5}
else
  DOCS=${BENCH_DOCS:-10000}; PLACES=${BENCH_PLACES:-5000}; RESPONSES=${BENCH_RESPONSES:-100000}
  SECONDS_RUN=${BENCH_SECONDS:-10}; WARMUP=${BENCH_WARMUP:-3}; REFERRALS=${BENCH_REFERRALS:-1000}; REFERRAL_WARMUP=100
  export BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-180}
fi
SURVEY=survey-domestic-abuse-lived-experience
PORT=${BENCH_PORT:-5096}; NGINX_PORT=$(( PORT + 1 ))
BASE="http://127.0.0.1:$PORT"
PORTAL_BIN=src/SaferBcp.Portal/bin/Release/net10.0
BENCH_DLL="$PWD/bench/SaferBcp.Benchmarks/bin/Release/net10.0/SaferBcp.Benchmarks.dll"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$PWD/bench/out/results/run-all-$STAMP"
TABLE="$PWD/bench/out/results/run-all-$STAMP.md"
DATA="$PWD/bench/out/data"
STARTED=$(date +%s)

for tool in dotnet wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: apt-get install -y wrk nginx-light curl python3)" >&2; exit 2; }
done
for p in "$PORT" "$NGINX_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is already in use; set BENCH_PORT" >&2; exit 2; fi
done

elapsed() { echo "$(( $(date +%s) - STARTED )) s"; }
step() { echo; echo "== $* ($(elapsed) since the start)"; }

if (( BUILD )); then
  step "dotnet build src/SaferBcp.Portal and bench/SaferBcp.Benchmarks -c Release"
  timeout 1200 dotnet build src/SaferBcp.Portal -c Release --nologo -v q -clp:NoSummary
  timeout 1200 dotnet build bench/SaferBcp.Benchmarks -c Release --nologo -v q -clp:NoSummary
fi
for f in "$PORTAL_BIN/SaferBcp.Portal.dll" "$BENCH_DLL"; do [[ -f "$f" ]] || { echo "$f is missing: run without --no-build" >&2; exit 2; }; done

mkdir -p "$RESULTS" "$DATA"
WORK="$(mktemp -d /tmp/saferbcp-run-all-XXXXXX)"
chmod 755 "$WORK"
PORTAL_PID=""; BENCH_STATIC_PID=""

cleanup() {
  local status=$?
  bench_stop_pid "$BENCH_STATIC_PID" 10
  bench_stop_pid "$PORTAL_PID" 30
  bench_pg_stop
  if (( KEEP )); then echo "(work folder kept in $WORK)"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

exec > >(tee "$RESULTS/run.log") 2>&1

echo "== machine"
bench_machine | sed 's/^/   /'
echo "   mode:    $( (( QUICK )) && echo "QUICK (checks the script; the figures mean nothing)" || echo full); $DOCS pages, $PLACES places, $RESPONSES survey responses; wrk ${SECONDS_RUN} s per path after ${WARMUP} s of warm-up"

# --- the portal's configuration: Production, a fresh data folder, a random administrator password (never printed) --
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Portal__DataFolder="$WORK/data" Portal__PublicAddress="http://127.0.0.1"
export Logging__LogLevel__Default=Warning Portal__NodeId=bench-run-all
# Every request comes from 127.0.0.1: the forms' per-client limit (100 posts per 10 minutes) would refuse the referral run.
export Forms__RateLimitPermits=1000000
ADMIN_PASSWORD="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-7Qz"
export SAFERBCP_ADMIN_PASSWORD="$ADMIN_PASSWORD"
PROVIDER=SQLite; DB_ARGS=()
if [[ -n "$POSTGRES" ]]; then
  if [[ "$POSTGRES" == auto ]]; then bench_pg_start "$WORK"; POSTGRES="$BENCH_PG_CONNECTION"; fi
  bench_certificate "$WORK"
  export Portal__DatabaseProvider=Postgres Portal__ConnectionString="$POSTGRES"
  PROVIDER=PostgreSQL; DB_ARGS=(--postgres "$POSTGRES")
fi

# --- data sets, generated under bench/out/data (seeded: every run loads the same) --------------------------------
step "generating the data sets in $DATA"
python3 bench/search-queries.py recipes/saferbcp.recipe.json > "$DATA/search-queries.txt"
echo "   search queries: $(grep -c '^q' "$DATA/search-queries.txt") likeliest (first: $(grep '^q' "$DATA/search-queries.txt" | head -8 | cut -f2 | paste -sd, | sed 's/,/, /g'), ...), $(grep -c '^w' "$DATA/search-queries.txt") words for the random 10%"
cp "$DATA/search-queries.txt" "$RESULTS/"
dotnet "$BENCH_DLL" content-recipe --docs "$DOCS" --out "$DATA/content-$DOCS.recipe.json"
dotnet "$BENCH_DLL" survey-recipe --recipe recipes/saferbcp.recipe.json --survey "$SURVEY" --count "$RESPONSES" --out "$DATA/survey-$RESPONSES.recipe.json"
python3 bench/safe-places/generate.py "$PLACES" > "$DATA/places-$PLACES.csv"
echo "   places: $PLACES rows, $(wc -c < "$DATA/places-$PLACES.csv") bytes of CSV"

# --- loading through the portal's own import paths -------------------------------------------------------------
# import_recipe FILE: the command-line import (the portal is not running yet, so it has the database to itself).
import_recipe() {
  local t0; t0=$(date +%s.%N)
  timeout 1200 bash -c 'cd "$1" && exec dotnet SaferBcp.Portal.dll import "$2"' _ "$PORTAL_BIN" "$1" > "$RESULTS/import-$(basename "$1").log" 2>&1 \
    || { echo "importing $1 failed:" >&2; tail -20 "$RESULTS/import-$(basename "$1").log" >&2; exit 1; }
  echo "   $(grep -m1 '^Imported' "$RESULTS/import-$(basename "$1").log") in $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s"
}
step "importing the pages and the survey responses ($PROVIDER): SaferBcp.Portal.dll import FILE"
import_recipe "$DATA/content-$DOCS.recipe.json"
import_recipe "$DATA/survey-$RESPONSES.recipe.json"
LOAD_NOTE="pages and responses imported in $(elapsed) since the start"

step "starting the portal on $BASE (Release, Production, $PROVIDER), data folder $WORK/data"
( cd "$PORTAL_BIN" && exec dotnet SaferBcp.Portal.dll --urls "$BASE" ) > "$RESULTS/portal.log" 2>&1 &
PORTAL_PID=$!
bench_wait_ready "$BASE" "$PORTAL_PID" "$RESULTS/portal.log" 180
unset SAFERBCP_ADMIN_PASSWORD

JAR="$WORK/cookies"
bench_sign_in "$JAR" "$BASE" admin "$ADMIN_PASSWORD" "$WORK/admin-authenticator-key"
step "importing $PLACES Safe Places through /admin/safe-places/import"
T=$(curl -s -c "$JAR" -b "$JAR" "$BASE/admin/safe-places" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
t0=$(date +%s.%N)
STATUS=$(curl -s --max-time 600 -o "$RESULTS/places-import.html" -w '%{http_code}' -c "$JAR" -b "$JAR" -F "__RequestVerificationToken=$T" -F publish=true \
  -F "file=@$DATA/places-$PLACES.csv;type=text/csv" "$BASE/admin/safe-places/import")
[[ "$STATUS" == 302 ]] || { echo "the Safe Places import answered $STATUS:" >&2; grep -o 'govuk-error-summary__list.*' "$RESULTS/places-import.html" | head -5 >&2; exit 1; }
echo "   HTTP $STATUS in $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s; /safe-places says: $(curl -s "$BASE/safe-places" | grep -o '[0-9,]* Safe Places\? found' | head -1)"

step "waiting for the search index to hold every page (/admin/search)"
for (( i = 0; ; i++ )); do
  page=$(curl -s -b "$JAR" "$BASE/admin/search")
  [[ "$page" == *"Last rebuilt on"* ]] && break
  (( i < 600 )) || { echo "the search index was not rebuilt after 10 minutes" >&2; exit 1; }
  sleep 1
done
echo "   $(sed -n 's/.*\(Last rebuilt on [^<]*\)<.*/\1/p' <<<"$page" | head -1)"
echo "   /search?q=domestic+abuse: $(curl -s "$BASE/search?q=domestic+abuse" | grep -o 'id="results-heading">[^<]*' | sed 's/.*>//' | head -1)"
echo "   /surveys/domestic-abuse-experience: HTTP $(curl -s -o /dev/null -w '%{http_code}' "$BASE/surveys/domestic-abuse-experience")"
LOAD_NOTE="data loaded $(elapsed) after the start"

# --- the nginx reference: the same bytes and headers as the portal's cached pages ----------------------------
mkdir -p "$WORK/nginx/www"
for path in / /domestic-abuse; do
  name=$( [[ "$path" == / ]] && echo index || echo "${path#/}" )
  curl -s -o /dev/null "$BASE$path"
  curl -s -D "$RESULTS/headers-$name.txt" -o "$WORK/nginx/www/$name.html" "$BASE$path"
  grep -qi '^Age:' "$RESULTS/headers-$name.txt" || echo "WARNING: the second GET $path carried no Age header: not from the output cache" >&2
done
bench_static_nginx "$WORK/nginx" "$NGINX_PORT" "$RESULTS/headers-index.txt" /=index.html /domestic-abuse=domestic-abuse.html
cp "$WORK/nginx/nginx.conf" "$RESULTS/nginx.conf"
for path in / /domestic-abuse; do
  cmp -s <(curl -s "$BASE$path") <(curl -s "http://127.0.0.1:$NGINX_PORT$path") || echo "WARNING: nginx and the portal answer $path with different bytes" >&2
done
NGINX_PIDS="$BENCH_STATIC_PID $(pgrep -P "$BENCH_STATIC_PID" | tr '\n' ' ')"

# --- measurements ----------------------------------------------------------------------------------------------
step "measuring"
bench_wait_quiet
ROWS=()
# measure NAME CONNECTIONS PATH PIDS [LUA [ARG...]]: warm-up, then the measured run (bench_wrk's W_* figures).
measure() {
  local name=$1 conns=$2 path=$3 pids=$4 url; shift 4
  url="$BASE$path"; [[ "$pids" != "$PORTAL_PID" ]] && url="http://127.0.0.1:$NGINX_PORT$path"
  bench_wrk "$RESULTS/$name-warmup.txt" "$conns" "$WARMUP" "$url" "$pids" "$@"
  bench_wrk "$RESULTS/$name.txt" "$conns" "$SECONDS_RUN" "$url" "$pids" "$@"
  printf '   %-22s %7s req/s   p50 %7s   p95 %7s   p99 %7s ms   CPU %6s ms/request%s\n' "$name" "$W_RPS" "$W_P50" "$W_P95" "$W_P99" "$W_CPU_MS" \
    "$( (( W_ERRORS > 0 )) && echo "   ERRORS: $W_ERRORS socket errors or non-2xx answers")"
}
# cond EXPRESSION -v NAME=VALUE...: "yes" when the awk expression holds, else a bold "no".
cond() { local c=$1; shift; awk "$@" "BEGIN { exit !($c) }" && echo yes || echo "**no**"; }
row() { ROWS+=("| $1 | $2 | $3 / $4 / $5 | $6 | $7 | $8 | $9 |"); }
errs() { (( W_ERRORS > 0 )) && echo " ($W_ERRORS errors)" || true; }

measure health-live 32 /health/live "$PORTAL_PID"
LIVE_RPS=$W_RPS
row "/health/live (framework ceiling)" "$W_RPS$(errs)" "$W_P50" "$W_P95" "$W_P99" "$W_CPU_MS" "—" "—" "—"

for path in / /domestic-abuse; do
  name=$( [[ "$path" == / ]] && echo home || echo "${path#/}" )
  measure "$name-portal" 32 "$path" "$PORTAL_PID"
  P_RPS=$W_RPS P_P50=$W_P50 P_P95=$W_P95 P_P99=$W_P99 P_CPU=$W_CPU_MS P_ERR=$(errs)
  measure "$name-nginx" 32 "$path" "$NGINX_PIDS"
  ratio=$(awk -v a="$P_RPS" -v b="$W_RPS" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  if [[ "$path" == / ]]; then
    ok=$(cond "r >= 0.75 && p < 10" -v r="$ratio" -v p="$P_P99"); goal="≥ 0.75 × nginx, p99 < 10 ms"
  else
    ok=$(cond "r >= 0.75" -v r="$ratio"); goal="≥ 0.75 × nginx"
  fi
  row "$path (output cache)" "$P_RPS$P_ERR" "$P_P50" "$P_P95" "$P_P99" "$P_CPU" "nginx, same bytes: $W_RPS req/s, p99 $W_P99 ms, $W_CPU_MS ms CPU → **${ratio} ×**" "$goal" "$ok"
done

measure search 16 "/search" "$PORTAL_PID" "$PWD/bench/search-mix.lua" "$DATA/search-queries.txt"
row "/search?q= (200 likeliest queries, Zipf, + 10% random words; 16 conn.)" "$W_RPS$(errs)" "$W_P50" "$W_P95" "$W_P99" "$W_CPU_MS" "/health/live $LIVE_RPS req/s" \
  "≥ 3,000 req/s, p95 < 15 ms over $DOCS documents" "$(cond "r >= 3000 && p < 15" -v r="$W_RPS" -v p="$W_P95")"

measure support 32 /support "$PORTAL_PID"
row "/support (no-store, form)" "$W_RPS$(errs)" "$W_P50" "$W_P95" "$W_P99" "$W_CPU_MS" "/health/live $LIVE_RPS req/s" "≥ 8,000 req/s, p99 < 15 ms" \
  "$(cond "r >= 8000 && p < 15" -v r="$W_RPS" -v p="$W_P99")"

measure safe-places 32 /safe-places "$PORTAL_PID" "$PWD/bench/safe-places/latency.lua"
row "/safe-places (locator query mix, $PLACES places)" "$W_RPS$(errs)" "$W_P50" "$W_P95" "$W_P99" "$W_CPU_MS" "/health/live $LIVE_RPS req/s" "≥ 5,000 req/s, p99 < 20 ms" \
  "$(cond "r >= 5000 && p < 20" -v r="$W_RPS" -v p="$W_P99")"

measure surveys 32 /surveys "$PORTAL_PID"
row "/surveys" "$W_RPS$(errs)" "$W_P50" "$W_P95" "$W_P99" "$W_CPU_MS" "/health/live $LIVE_RPS req/s" "≥ 8,000 req/s" "$(cond "r >= 8000" -v r="$W_RPS")"

# --- page weight: the home page and what it loads, as a browser's first visit asks for them (Brotli or gzip) -----
step "page weight of a first visit to /"
weight() { curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -D "$WORK/weight-headers.txt" -w '%{size_download}' "$BASE$1"; }
html=$(curl -s "$BASE/")
declare -A ASSETS=()
for url in $(grep -oE '(href|src)="/[^"]+\.(css|m?js)(\?[^"]*)?"' <<<"$html" | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g'); do ASSETS[$url]=1; done
# the modules' relative imports (init.mjs imports govuk-frontend.min.js)
for url in "${!ASSETS[@]}"; do
  [[ "$url" == *.mjs* ]] || continue
  dir="${url%/*}"
  for rel in $(curl -s "$BASE$url" | grep -oE "(from|import)\s*[\"']\./[^\"']+[\"']" | sed -E "s/^(from|import)\s*[\"']\.\///; s/[\"']$//"); do ASSETS[$dir/$rel]=1; done
done
total=$(weight /); short_cache=""
echo "   / $total bytes"
for url in "${!ASSETS[@]}"; do
  bytes=$(weight "$url"); total=$(( total + bytes ))
  cache=$(sed -n 's/^Cache-Control: //Ip' "$WORK/weight-headers.txt" | tr -d '\r')
  echo "   $url $bytes bytes ($(sed -n 's/^Content-Encoding: //Ip' "$WORK/weight-headers.txt" | tr -d '\r' || true); Cache-Control: $cache)"
  [[ "$cache" == *max-age=31536000* ]] || short_cache+=" ${url%%\?*}"
done
row "/ first visit: page weight (HTML + ${#ASSETS[@]} CSS/JS files, bodies as sent with Brotli or gzip)" "$(awk -v t="$total" 'BEGIN { printf "%.1f KB", t / 1024 }')" "—" "—" "—" "—" \
  "—" "≤ 60 KB, static files cached a year" "$( (( total <= 61440 )) && [[ -z "$short_cache" ]] && echo yes || echo "**no**${short_cache:+ (not cached a year:$short_cache)}")"

# --- the referral final submit: the benchmark program (a multi-step journey per session) ------------------------
step "referral final submit, 16 workers ($REFERRALS measured + $REFERRAL_WARMUP warm-up submits)"
bench_wait_quiet
timeout 1200 dotnet "$BENCH_DLL" referral-submit --url "$BASE" --data "$WORK/data" --portal-pid "$PORTAL_PID" --concurrency 16 \
  --sessions "$REFERRALS" --warmup "$REFERRAL_WARMUP" --mail-wait 120 ${DB_ARGS[@]+"${DB_ARGS[@]}"} > "$RESULTS/referral-submit.txt" 2>&1 || echo "WARNING: the referral benchmark reported a failure (see $RESULTS/referral-submit.txt)" >&2
sed -n '/^== concurrency/,$p' "$RESULTS/referral-submit.txt" | sed 's/^/ /'
result=$(grep '^RESULT referral-submit' "$RESULTS/referral-submit.txt" | tail -1 || true)
rf() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
if [[ -n "$result" ]]; then
  row "POST /refer-yourself/domestic-abuse/check (final submit, 16 workers, outbox running)" "$(rf per_s) submits/s$( [[ "$(rf failed)" != 0 ]] && echo " ($(rf failed) failed)")" \
    "$(rf p50_ms)" "$(rf p95_ms)" "$(rf p99_ms)" "$(rf cpu_ms_per_submit)" "referrals stored = submits: $(rf referrals_match); emails delivered: $(rf emails_delivered)" \
    "≥ 300/s, p99 < 100 ms, ≤ 2 ms CPU per submit" "$(cond "r >= 300 && p < 100 && c <= 2" -v r="$(rf per_s)" -v p="$(rf p99_ms)" -v c="$(rf cpu_ms_per_submit)")"
else
  row "POST /refer-yourself/domestic-abuse/check (final submit, 16 workers)" "failed" "—" "—" "—" "—" "—" "≥ 300/s, p99 < 100 ms, ≤ 2 ms CPU per submit" "**no** (no result)"
fi

# --- the table ---------------------------------------------------------------------------------------------------
{
  echo "## run-all $STAMP$( (( QUICK )) && echo " (QUICK: checks the script, figures mean nothing)")"
  echo
  echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), load $(cut -d' ' -f1-3 /proc/loadavg) at the end; $PROVIDER;"
  echo "$DOCS pages, $PLACES Safe Places, $RESPONSES survey responses ($LOAD_NOTE); wrk -t2, ${SECONDS_RUN} s per path after ${WARMUP} s of warm-up, 32 connections unless noted; ${BENCH_QUIET_NOTE:-};"
  echo "whole run $(elapsed) (bound: 15 minutes$( (( BUILD )) && echo ", the build included")). Latencies in ms; CPU: the portal process's CPU time during the run / requests (for nginx: master + workers)."
  echo
  echo "| path | req/s | p50 / p95 / p99 ms | CPU ms/request | in-run reference | goal | met |"
  echo "| --- | ---: | ---: | ---: | --- | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
} > "$TABLE"
echo
cat "$TABLE"
if grep -qiE '\b(fail|error|exception)' "$RESULTS/portal.log"; then
  echo; echo "the portal logged warnings or errors (first 10 lines; all in $RESULTS/portal.log):"
  grep -iE '\b(fail|error|exception)' "$RESULTS/portal.log" | head -10 | sed 's/^/   /'
fi
echo
echo "(table saved in ${TABLE#$PWD/}; raw output in ${RESULTS#$PWD/}/)"
