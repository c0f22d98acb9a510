#!/usr/bin/env bash
# Public page throughput: the portal serving a cached public page vs nginx serving the same HTML from disk,
# measured with wrk in the same run. See docs/benchmarks.md.
#
#   bench/public-page.sh [--no-build] [--diagnose] [--nodes 1|2]
#
#   --no-build   reuse bench/out/portal from an earlier run (skip `dotnet publish`)
#   --diagnose   also measure /health/live (a trivial endpoint through the same middleware, no MVC, no view),
#                the page with the output cache missed on purpose (a new query string each request), the
#                search page, and both servers at 1 connection, to tell framework cost from page cost
#   --nodes 2    the production topology: a throwaway PostgreSQL on loopback (normal durability), a key-protection
#                certificate (openssl), two portal nodes (PORTAL_PORT and PORTAL2_PORT, own Portal__NodeId and data
#                folder) behind an nginx balancer on LB_PORT (round-robin, Host and X-Forwarded-For/Proto passed,
#                Portal__TrustedProxies=127.0.0.1). wrk then measures the page through the balancer; the reference is
#                still nginx serving the same bytes from disk. "server CPU" for the portal is then both nodes + the
#                balancer; the nodes alone are printed beside it.
#
# Settings (environment): BENCH_PATH (/about), BENCH_DURATION (15s), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_WARMUP (10s), PORTAL_PORT (18181), NGINX_PORT (18182), PORTAL2_PORT (18183), LB_PORT (18184), BENCH_QUIET_WAIT (180, seconds to wait for an idle machine).
#
# Needs: dotnet SDK 10, Node.js 20 (theme build), wrk, nginx, curl  (Debian: apt-get install -y wrk nginx-light curl).
# Every step is bounded in time; the portal, nginx and the temporary folder are removed on exit, even on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=1
DIAGNOSE=0
NODES=1
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --diagnose) DIAGNOSE=1 ;;
    --nodes) [[ "${2:-}" == 1 || "${2:-}" == 2 ]] || { echo "--nodes 1 or --nodes 2" >&2; exit 2; }; NODES=$2; shift ;;
    *) echo "usage: $0 [--no-build] [--diagnose] [--nodes 1|2]" >&2; exit 2 ;;
  esac
  shift
done

PAGE_PATH="${BENCH_PATH:-/about}"
DURATION="${BENCH_DURATION:-15s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
WARMUP="${BENCH_WARMUP:-10s}"
PORTAL_PORT="${PORTAL_PORT:-18181}"
NGINX_PORT="${NGINX_PORT:-18182}"
PORTAL2_PORT="${PORTAL2_PORT:-18183}"
LB_PORT="${LB_PORT:-18184}"
OUT="bench/out/portal"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="bench/out/results/public-page-$STAMP"; (( NODES == 2 )) && RESULTS="$RESULTS-2nodes"

for tool in dotnet wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: apt-get install -y wrk nginx-light curl)" >&2; exit 2; }
done

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$PORTAL_PORT" "$NGINX_PORT" $( (( NODES == 2 )) && echo "$PORTAL2_PORT $LB_PORT"); do
  if listening "$port"; then echo "port $port is already in use; set PORTAL_PORT / NGINX_PORT / PORTAL2_PORT / LB_PORT" >&2; exit 2; fi
done

if (( BUILD )); then
  echo "== dotnet publish src/SaferBcp.Portal -c Release -o $OUT"
  timeout 900 dotnet publish src/SaferBcp.Portal -c Release -o "$OUT" --nologo -v q -clp:NoSummary
fi
[[ -x "$OUT/SaferBcp.Portal" ]] || { echo "$OUT/SaferBcp.Portal is missing: run without --no-build" >&2; exit 2; }

mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
TMP="$(mktemp -d /tmp/saferbcp-bench.XXXXXX)"
chmod 755 "$TMP"     # nginx workers run as "nobody" and must read the page
PORTAL_PID=""
PORTAL2_PID=""
BENCH_LB_PID=""
NGINX_PID=""
WRK_SCRIPT=""

cleanup() {
  local status=$?
  bench_stop_pid "$BENCH_LB_PID" 10
  bench_stop_pid "$PORTAL2_PID" 25
  [[ -f "$TMP/portal2.log" ]] && cp "$TMP/portal2.log" "$RESULTS/portal2.log" 2>/dev/null || true
  if [[ -n "$PORTAL_PID" ]] && kill -0 "$PORTAL_PID" 2>/dev/null; then
    kill -TERM "$PORTAL_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$PORTAL_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$PORTAL_PID" 2>/dev/null || true
  fi
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true   # the master stops its workers
    for _ in $(seq 20); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
  fi
  [[ -f "$TMP/portal.log" ]] && cp "$TMP/portal.log" "$RESULTS/portal.log" 2>/dev/null || true
  [[ -n "${BENCH_PG_DIR:-}" ]] && cp "$BENCH_PG_DIR/log" "$RESULTS/postgres.log" 2>/dev/null || true
  bench_pg_stop
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the portal: Release build, Production, fresh data folder, warnings only -----------------------------
# The administrator password is random and never printed (setting it stops the first-run banner).
export SAFERBCP_ADMIN_PASSWORD="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-7Qz"   # exported, never on a command line
if (( NODES == 2 )); then
  echo "== PostgreSQL (throwaway, loopback, normal durability) and a key-protection certificate in $TMP"
  bench_pg_start "$TMP"
  bench_certificate "$TMP"
  export Portal__DatabaseProvider=Postgres Portal__ConnectionString="$BENCH_PG_CONNECTION" Portal__TrustedProxies=127.0.0.1
fi

# start_node N PORT DATA: one portal process (its pid in NODE_PID), ready when /health/ready answers.
start_node() {
  local n=$1 port=$2 data=$3 log="$TMP/portal.log" i
  (( n > 1 )) && log="$TMP/portal$n.log"
  mkdir -p "$data"
  echo "== starting portal node $n on http://127.0.0.1:$port (Production, data folder $data$( (( NODES == 2 )) && echo ", PostgreSQL"))"
  (
    cd "$OUT"
    export Portal__DataFolder="$data" Portal__PublicAddress="http://127.0.0.1" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
    export Portal__NodeId="bench-node-$n" Logging__LogLevel__Default=Warning
    exec env 'Logging__LogLevel__Microsoft.AspNetCore=Warning' 'Logging__LogLevel__Microsoft.EntityFrameworkCore=Warning' \
      ./SaferBcp.Portal --urls "http://127.0.0.1:$port"
  ) >"$log" 2>&1 &
  NODE_PID=$!
  bench_wait_ready "http://127.0.0.1:$port" "$NODE_PID" "$log" 90
}
start_node 1 "$PORTAL_PORT" "$TMP/data"; PORTAL_PID=$NODE_PID
PORTAL_BASE="http://127.0.0.1:$PORTAL_PORT"
if (( NODES == 2 )); then
  start_node 2 "$PORTAL2_PORT" "$TMP/data2"; PORTAL2_PID=$NODE_PID
  echo "== starting the nginx balancer on http://127.0.0.1:$LB_PORT, round-robin to ports $PORTAL_PORT and $PORTAL2_PORT"
  bench_balancer_conf "$TMP/lb" "$LB_PORT" "$PORTAL_PORT" "$PORTAL2_PORT"
  bench_balancer_start "$TMP/lb" "$LB_PORT"
  cp "$TMP/lb/nginx.conf" "$RESULTS/balancer.conf"
  PORTAL_BASE="http://127.0.0.1:$LB_PORT"
fi
unset SAFERBCP_ADMIN_PASSWORD

PORTAL_URL="$PORTAL_BASE$PAGE_PATH"
NGINX_URL="http://127.0.0.1:$NGINX_PORT$PAGE_PATH"

# First request renders and fills the output cache; the second must come from it (an Age header).
# (with two nodes behind the balancer, one request per node renders and fills that node's cache)
for _ in $(seq "$NODES"); do
  code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$PORTAL_URL")
  [[ "$code" == 200 ]] || { echo "GET $PAGE_PATH answered $code, not 200" >&2; exit 1; }
done
mkdir -p "$TMP/www"
curl -s --max-time 10 -D "$RESULTS/portal-headers.txt" -o "$TMP/www/page.html" "$PORTAL_URL"
chmod 755 "$TMP/www"; chmod 644 "$TMP/www/page.html"
cp "$TMP/www/page.html" "$RESULTS/page.html"
if grep -qi '^Age:' "$RESULTS/portal-headers.txt"; then
  echo "   $PAGE_PATH is served from the output cache (Age header present), $(wc -c <"$TMP/www/page.html") bytes of HTML"
else
  echo "WARNING: the second GET $PAGE_PATH carried no Age header: the output cache is not being hit." >&2
fi

# --- nginx: its own minimal config, one worker per core, the same HTML and the same security headers -----
mkdir -p "$TMP/nginx/logs"
CSP="$(sed -n 's/^Content-Security-Policy: //Ip' "$RESULTS/portal-headers.txt" | tr -d '\r')"
PERMISSIONS="$(sed -n 's/^Permissions-Policy: //Ip' "$RESULTS/portal-headers.txt" | tr -d '\r')"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;   # as Kestrel: no forced reconnects during the run
    open_file_cache max=16 inactive=60s;
    open_file_cache_valid 60s;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $TMP/www;
        default_type text/html;
        charset utf-8;
        location / {
            try_files /page.html =404;
            add_header Content-Security-Policy "$CSP" always;
            add_header Referrer-Policy "no-referrer" always;
            add_header X-Content-Type-Options "nosniff" always;
            add_header X-Frame-Options "DENY" always;
            add_header Permissions-Policy "$PERMISSIONS" always;
            add_header Cross-Origin-Opener-Policy "same-origin" always;
            add_header Cross-Origin-Resource-Policy "same-origin" always;
        }
    }
}
EOF
cp "$TMP/nginx/nginx.conf" "$RESULTS/nginx.conf"
echo "== starting nginx on http://127.0.0.1:$NGINX_PORT ($(nproc) workers), serving the saved HTML"
nginx -e "$TMP/nginx/logs/error.log" -p "$TMP/nginx/" -c "$TMP/nginx/nginx.conf" -t -q
nginx -e "$TMP/nginx/logs/error.log" -p "$TMP/nginx/" -c "$TMP/nginx/nginx.conf" &
NGINX_PID=$!
for i in $(seq 40); do
  curl -sf --max-time 2 -o /dev/null "$NGINX_URL" && break
  (( i == 40 )) && { echo "nginx did not answer:" >&2; cat "$TMP/nginx/logs/error.log" >&2; exit 1; }
  sleep 0.25
done
curl -s --max-time 5 -D "$RESULTS/nginx-headers.txt" -o "$TMP/nginx-page.html" "$NGINX_URL"
cmp -s "$TMP/nginx-page.html" "$TMP/www/page.html" || { echo "nginx does not serve the same bytes" >&2; exit 1; }
echo "   response sizes (headers + body): portal $(curl -s --max-time 5 -o /dev/null -w '%{size_header}+%{size_download}' "$PORTAL_URL") bytes, nginx $(curl -s --max-time 5 -o /dev/null -w '%{size_header}+%{size_download}' "$NGINX_URL") bytes"

# --- measurements ----------------------------------------------------------------------------------------
# CPU seconds used by a process and its children so far (user + system), from /proc.
cpu_ticks() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo "$t"; }
nginx_pids() { echo "$1 $(pgrep -P "$1" | tr '\n' ' ')"; }
server_pids() {
  if [[ "$1" == portal ]]; then echo "$PORTAL_PID $PORTAL2_PID $( [[ -n "$BENCH_LB_PID" ]] && nginx_pids "$BENCH_LB_PID")"; else nginx_pids "$NGINX_PID"; fi
}
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# run_wrk NAME SERVER URL CONNECTIONS DURATION -> sets RPS P50 P99 ERRORS CPU
run_wrk() {
  local name=$1 server=$2 url=$3 conns=$4 dur=$5 file="$RESULTS/$1.txt" pids before after hz stat0 stat1
  pids=$(server_pids "$server"); hz=$(getconf CLK_TCK)
  local nodes_before nodes_after
  before=$(cpu_ticks $pids); nodes_before=$(cpu_ticks $PORTAL_PID $PORTAL2_PID); stat0=($(head -1 /proc/stat))
  local threads=$THREADS; (( conns < threads )) && threads=$conns
  timeout 120 wrk -t"$threads" -c"$conns" -d"$dur" --latency ${WRK_SCRIPT:+-s "$WRK_SCRIPT"} "$url" >"$file" 2>&1
  after=$(cpu_ticks $pids); nodes_after=$(cpu_ticks $PORTAL_PID $PORTAL2_PID); stat1=($(head -1 /proc/stat))
  local secs; secs=$(awk '/requests in/ {for (i = 1; i <= NF; i++) if ($i == "in") { sub(/s,?$/, "", $(i+1)); print $(i+1) }}' "$file")
  RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$file")
  P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
  P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
  ERRORS=$(awk '/Socket errors|Non-2xx/ {print}' "$file" | tr '\n' ' ')
  local total=0 idle i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + stat1[i] - stat0[i] )); done
  idle=$(( stat1[4] - stat0[4] + stat1[5] - stat0[5] ))
  local requests; requests=$(awk '/requests in/ {print $1}' "$file")
  CPU=$(awk -v t=$(( after - before )) -v hz="$hz" -v s="$secs" -v tot="$total" -v idle="$idle" -v r="$requests" \
    'BEGIN { printf "server CPU %.0f us/request, %.0f%% of one core; machine %.0f%% busy", (r > 0 ? 1e6 * t / hz / r : 0), 100 * t / hz / s, 100 * (tot - idle) / (tot > 0 ? tot : 1) }')
  CPU_US=$(awk -v t=$(( after - before )) -v hz="$hz" -v r="$requests" 'BEGIN { printf "%.0f", (r > 0 ? 1e6 * t / hz / r : 0) }')
  NODES_CPU_US=""
  if [[ "$server" == portal && -n "$BENCH_LB_PID" ]]; then
    NODES_CPU_US=$(awk -v t=$(( nodes_after - nodes_before )) -v hz="$hz" -v r="$requests" 'BEGIN { printf "%.0f", (r > 0 ? 1e6 * t / hz / r : 0) }')
    CPU="$CPU; both nodes + balancer, of which the nodes $NODES_CPU_US us/request"
  fi
  printf '   %-20s %7s req/s   p50 %7s ms   p99 %7s ms   (%s)%s\n' "$name" "$RPS" "$P50" "$P99" "$CPU" "${ERRORS:+   ERRORS: $ERRORS}"
}

echo
echo "== machine"
bench_machine | sed 's/^/   /'
bench_wait_quiet

echo
echo "== warm-up ($WARMUP each, not measured)"
timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$PORTAL_URL" >/dev/null
timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$NGINX_URL" >/dev/null
sleep 2

echo
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $PAGE_PATH  (raw output in $RESULTS)"
run_wrk portal portal "$PORTAL_URL" "$CONNECTIONS" "$DURATION"
PORTAL_RPS=$RPS PORTAL_P50=$P50 PORTAL_P99=$P99 PORTAL_ERRORS=$ERRORS PORTAL_CPU_US=$CPU_US PORTAL_NODES_CPU_US=$NODES_CPU_US
curl -s --max-time 5 -D "$RESULTS/portal-headers-after.txt" -o /dev/null "$PORTAL_URL"
sleep 2
run_wrk nginx nginx "$NGINX_URL" "$CONNECTIONS" "$DURATION"
NGINX_RPS=$RPS NGINX_P50=$P50 NGINX_P99=$P99 NGINX_ERRORS=$ERRORS NGINX_CPU_US=$CPU_US

if (( DIAGNOSE )); then
  echo
  echo "== diagnostics (same wrk settings unless noted)"
  sleep 2
  # The whole middleware pipeline with a trivial endpoint: the ceiling for any page on this host.
  run_wrk diag-health-live portal "$PORTAL_BASE/health/live" "$CONNECTIONS" "$DURATION"
  sleep 2
  # Every request a new query string, so every request misses the output cache and renders the page
  # (route lookup, layout's menus/settings/banners, Markdown, Razor): what a cache miss costs.
  cat >"$TMP/uncached.lua" <<'LUA'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
local n = 0
function request() n = n + 1; return wrk.format(nil, wrk.path .. "?bench=" .. id .. "-" .. n) end
LUA
  # (each after its own 10 s warm-up, so the render path is compiled at tier 1 like the cached path)
  timeout 60 wrk -t"$THREADS" -c8 -d10s -s "$TMP/uncached.lua" "$PORTAL_URL" >/dev/null
  WRK_SCRIPT="$TMP/uncached.lua" run_wrk diag-portal-uncached portal "$PORTAL_URL" "$CONNECTIONS" "$DURATION"
  sleep 2
  # The search page (not output-cached): index catch-up check, Lucene search, layout, over the starting site.
  SEARCH_URL="$PORTAL_BASE/search?q=domestic+abuse"
  timeout 60 wrk -t"$THREADS" -c8 -d10s "$SEARCH_URL" >/dev/null
  run_wrk diag-search-page portal "$SEARCH_URL" "$CONNECTIONS" "$DURATION"
  sleep 2
  # One connection: latency without queueing.
  run_wrk diag-portal-1conn portal "$PORTAL_URL" 1 "$DURATION"
  sleep 2
  run_wrk diag-nginx-1conn nginx "$NGINX_URL" 1 "$DURATION"
  sleep 2
  run_wrk diag-search-1conn portal "$SEARCH_URL" 1 "$DURATION"
fi

RATIO=$(awk -v a="$PORTAL_RPS" -v b="$NGINX_RPS" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
RATIO_OK=$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.75 ? "MET" : "NOT MET") }')
P99_OK=$(awk -v p="$PORTAL_P99" 'BEGIN { print (p < 10 ? "MET" : "NOT MET") }')
CACHED="no"; grep -qi '^Age:' "$RESULTS/portal-headers-after.txt" && CACHED="yes (Age: $(sed -n 's/^Age: //Ip' "$RESULTS/portal-headers-after.txt" | tr -d '\r') s)"

{
  echo
  echo "== summary: $PAGE_PATH, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $STAMP$( (( NODES == 2 )) && echo ", portal = two nodes on PostgreSQL behind an nginx balancer")"
  echo "   portal  $PORTAL_RPS req/s   p50 $PORTAL_P50 ms   p99 $PORTAL_P99 ms   server CPU $PORTAL_CPU_US us/request${PORTAL_NODES_CPU_US:+ (nodes alone $PORTAL_NODES_CPU_US)}${PORTAL_ERRORS:+   errors: $PORTAL_ERRORS}"
  echo "   nginx   $NGINX_RPS req/s   p50 $NGINX_P50 ms   p99 $NGINX_P99 ms   server CPU $NGINX_CPU_US us/request${NGINX_ERRORS:+   errors: $NGINX_ERRORS}"
  echo "   portal / nginx = ${RATIO}x   goal >= 0.75x: $RATIO_OK"
  echo "   portal p99 $PORTAL_P99 ms   goal < 10 ms: $P99_OK"
  echo "   output cache hit after the run: $CACHED; ${BENCH_QUIET_NOTE:-}"
  echo "RESULT public-page nodes=$NODES path=$PAGE_PATH portal_rps=$PORTAL_RPS portal_p50_ms=$PORTAL_P50 portal_p99_ms=$PORTAL_P99 nginx_rps=$NGINX_RPS nginx_p50_ms=$NGINX_P50 nginx_p99_ms=$NGINX_P99 ratio=$RATIO portal_cpu_us=$PORTAL_CPU_US nginx_cpu_us=$NGINX_CPU_US${PORTAL_NODES_CPU_US:+ portal_nodes_cpu_us=$PORTAL_NODES_CPU_US}"
} | tee "$RESULTS/summary.txt"
