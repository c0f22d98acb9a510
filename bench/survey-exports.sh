#!/usr/bin/env bash
# Survey exports with many responses: time to last byte, size and the portal's peak memory of each export
# (/admin/surveys/{id}/responses.csv and /responses.xlsx) at 10,000 and then 100,000 generated responses to the
# seeded survey "survey-domestic-abuse-lived-experience", on the real portal (Release, Production, SQLite).
# See docs/benchmarks.md, "Survey exports".
#
#   bench/survey-exports.sh [--no-build] [--keep] [--counts 10000,100000] [--formats csv,xlsx]
#                           [--dashboard] [--dashboard-duration 30]
#
# 1. Builds bench/SaferBcp.Benchmarks and src/SaferBcp.Portal in Release (skip with --no-build), starts the portal
#    on a fresh temporary data folder, signs in as the administrator and publishes the survey through the back office.
# 2. For each count: tops the survey up to that many responses with the generator (`survey-responses` mode: straight
#    into the SQLite file, 10,000 rows per transaction), then for each format RESTARTS the portal (so one export's
#    heap does not carry into the next), signs in, warms up (the survey's back-office page and the codebook export),
#    resets the process's peak RSS (`echo 5 > /proc/PID/clear_refs`), and downloads the export with curl.
#    CPU: the portal's user + system time during the download (/proc/PID/stat), which a busy machine does not inflate.
#    Memory: VmHWM after the export minus VmRSS just before it (peak resident memory the export added), and, when
#    dotnet-counters is installed (`dotnet tool install -g dotnet-counters`), the largest .NET GC heap after a
#    collection and the bytes the process allocated during the export.
# 3. Checks each file: the CSV parses (python3 csv) with exactly one row per response and masked free text; the
#    workbook opens as a zip with one Responses row per response.
# --dashboard also measures the results dashboard (/admin/surveys/{id}/results) with wrk, 1 connection, like
#    bench/safe-places.sh, at each count; it prints "not yet available" while the page answers 404.
#
# Settings (environment): BENCH_DASHBOARD_PATH (/admin/surveys/{id}/results; any signed-in page, to try the hook),
# BENCH_PORT (5095), BENCH_QUIET_WAIT (60 here: seconds to wait for an idle machine before
# each export). Output is also saved in bench/out/results/survey-exports-<time>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=1; KEEP=0; COUNTS=10000,100000; FORMATS=csv,xlsx; DASHBOARD=0; DASHBOARD_DURATION=30
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    --counts) COUNTS="$2"; shift ;;
    --formats) FORMATS="$2"; shift ;;
    --dashboard) DASHBOARD=1 ;;
    --dashboard-duration) DASHBOARD_DURATION="$2"; shift ;;
    *) echo "usage: $0 [--no-build] [--keep] [--counts 10000,100000] [--formats csv,xlsx] [--dashboard] [--dashboard-duration 30]" >&2; exit 2 ;;
  esac
  shift
done
export BENCH_QUIET_WAIT="${BENCH_QUIET_WAIT:-60}"

SURVEY=survey-domestic-abuse-lived-experience
DASHBOARD_PATH="${BENCH_DASHBOARD_PATH:-/admin/surveys/$SURVEY/results}"
PORT="${BENCH_PORT:-5095}"
BASE="http://127.0.0.1:$PORT"
PORTAL=src/SaferBcp.Portal
PORTAL_DLL="$PORTAL/bin/Release/net10.0/SaferBcp.Portal.dll"
BENCH=bench/SaferBcp.Benchmarks
BENCH_DLL="$BENCH/bin/Release/net10.0/SaferBcp.Benchmarks.dll"
COUNTERS="$(command -v dotnet-counters || { [[ -x "$HOME/.dotnet/tools/dotnet-counters" ]] && echo "$HOME/.dotnet/tools/dotnet-counters"; } || true)"

if (( BUILD )); then
  echo "== dotnet build $BENCH -c Release"
  timeout 1200 dotnet build "$BENCH" -c Release --nologo -v q -clp:NoSummary
  echo "== dotnet build $PORTAL -c Release"
  timeout 1200 dotnet build "$PORTAL" -c Release --nologo -v q -clp:NoSummary
fi
for f in "$PORTAL_DLL" "$BENCH_DLL"; do [[ -f "$f" ]] || { echo "$f is missing: run without --no-build" >&2; exit 2; }; done
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is already in use; set BENCH_PORT" >&2; exit 2; fi

WORK="$(mktemp -d /tmp/saferbcp-survey-exports-XXXXXX)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/out/results
LOG="bench/out/results/survey-exports-$STAMP.txt"
# The administrator password is random and never printed; the portal reads it from its environment.
ADMIN_PASSWORD="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-7Qz"

stop_portal() {
  local pid
  [[ -f "$WORK/portal.pid" ]] || return 0
  pid="$(cat "$WORK/portal.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$WORK/portal.pid"
}

# The run below is a pipeline (| tee), so a subshell: the portal's pid is kept in a file for this trap.
cleanup() {
  local status=$?
  [[ -f "$WORK/counters.pid" ]] && kill "$(cat "$WORK/counters.pid")" 2>/dev/null || true
  stop_portal
  [[ -f "$WORK/portal.log" ]] && cp "$WORK/portal.log" "${LOG%.txt}-portal.log" 2>/dev/null || true
  if (( KEEP )); then echo "(data folder kept in $WORK/data)"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_portal() {
  (
    cd "$PORTAL/bin/Release/net10.0"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Urls="$BASE" Portal__DataFolder="$WORK/data" Portal__PublicAddress="http://127.0.0.1"
    export SAFERBCP_ADMIN_PASSWORD="$ADMIN_PASSWORD" Logging__LogLevel__Default=Warning
    exec dotnet SaferBcp.Portal.dll
  ) >> "$WORK/portal.log" 2>&1 &
  echo $! > "$WORK/portal.pid"
  PORTAL_PID="$(cat "$WORK/portal.pid")"
  bench_wait_ready "$BASE" "$PORTAL_PID" "$WORK/portal.log" >/dev/null
}

JAR="$WORK/cookies"
token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
sign_in() {
  rm -f "$JAR"
  local t status
  t=$(curl -s -c "$JAR" -b "$JAR" "$BASE/account/sign-in" | token)
  status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$JAR" -b "$JAR" --data-urlencode "UserName=admin" \
    --data-urlencode "Password=$ADMIN_PASSWORD" --data-urlencode "__RequestVerificationToken=$t" "$BASE/account/sign-in")
  [[ "$status" == 302* && "$status" != */account/sign-in* ]] || { echo "sign-in failed: $status"; exit 1; }
  bench_two_factor "$JAR" "$BASE" "$WORK/admin-authenticator-key"
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE/admin/surveys/$SURVEY")
  [[ "$status" == 200 ]] || { echo "GET /admin/surveys/$SURVEY answered $status after signing in"; exit 1; }
}

# CPU time (user + system) the process has used, in clock ticks (USER_HZ, 100 a second on Linux).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

# "name=value; ..." from curl's cookie jar, for wrk.
cookie_header() { awk 'BEGIN {ORS=""} /^#HttpOnly_/ {sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$JAR"; }

responses_in_db() {
  python3 - "$WORK/data/portal.db" "$SURVEY" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
print(c.execute("SELECT COUNT(*) FROM Surveys_Responses WHERE SurveyContentItemId = ?", (sys.argv[2],)).fetchone()[0])
EOF
}

# Rows, and checks that nothing the generator hid in free text got through unmasked.
check_file() {
  python3 - "$1" "$2" <<'EOF'
import csv, re, sys, zipfile
path, fmt = sys.argv[1], sys.argv[2]
if fmt == "csv":
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = leaks = removed = 0
        for row in reader:
            if len(row) != len(header):
                sys.exit(f"row {rows + 1} has {len(row)} fields, the header {len(header)}")
            rows += 1
            text = "\t".join(row)
            leaks += bool(re.search(r"@example\.com|07700 900|01632 960", text))
            removed += text.count("[removed]")
    print(f"{rows} {len(header)} leaks={leaks} removed={removed}")
else:
    with zipfile.ZipFile(path) as z:
        sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        with z.open(sheets[0]) as f:
            rows = leaks = removed = 0
            tail = ""
            while chunk := f.read(1 << 20):
                text = tail + chunk.decode("utf-8", "ignore")
                cut = max(0, len(text) - 200)
                part = text[:cut]
                rows += len(re.findall(r"<(?:x:)?row[ >]", part))
                leaks += len(re.findall(r"@example\.com|07700 900|01632 960", part))
                removed += part.count("[removed]")
                tail = text[cut:]
            rows += len(re.findall(r"<(?:x:)?row[ >]", tail))
            removed += tail.count("[removed]")
    print(f"{rows - 1} {len(sheets)}-sheets leaks={leaks} removed={removed}")
EOF
}

# One export on a freshly started portal: time, size, memory.
measure_export() {
  local n="$1" fmt="$2" url out counters_csv before_rss hwm result check rows
  stop_portal
  start_portal
  sign_in
  curl -sf -o /dev/null -b "$JAR" "$BASE/admin/surveys/$SURVEY/codebook.csv"
  curl -sf -o /dev/null -b "$JAR" "$BASE/admin/surveys"
  bench_wait_quiet > /dev/null
  url="$BASE/admin/surveys/$SURVEY/responses.$fmt"
  out="$WORK/responses-$n.$fmt"
  counters_csv="$WORK/counters-$n-$fmt.csv"
  rm -f "$counters_csv"
  if [[ -n "$COUNTERS" ]]; then
    "$COUNTERS" collect -p "$PORTAL_PID" --refresh-interval 1 --format csv -o "$counters_csv" \
      --counters 'System.Runtime[dotnet.gc.last_collection.heap.size,dotnet.gc.heap.total_allocated,dotnet.gc.collections]' > "$WORK/counters.log" 2>&1 &
    echo $! > "$WORK/counters.pid"
    sleep 3
  fi
  before_rss=$(status_kb "$PORTAL_PID" VmRSS)
  echo 5 > "/proc/$PORTAL_PID/clear_refs"
  local load cpu0 cpu; load="$(cut -d' ' -f1-3 /proc/loadavg)"
  cpu0=$(cpu_ticks "$PORTAL_PID")
  result=$(curl -s -o "$out" -b "$JAR" -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' "$url")
  hwm=$(status_kb "$PORTAL_PID" VmHWM)
  cpu=$(echo "($(cpu_ticks "$PORTAL_PID") - $cpu0) / 100" | bc -l)
  if [[ -f "$WORK/counters.pid" ]]; then
    sleep 2
    kill -INT "$(cat "$WORK/counters.pid")" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$(cat "$WORK/counters.pid")" 2>/dev/null || break; sleep 0.5; done
    kill "$(cat "$WORK/counters.pid")" 2>/dev/null || true
    rm -f "$WORK/counters.pid"
  fi
  read -r code ttfb total bytes <<< "$result"
  [[ "$code" == 200 ]] || { echo "   $fmt at $n: HTTP $code"; head -c 600 "$out"; echo; return 1; }
  check=$(check_file "$out" "$fmt") || { echo "   $fmt at $n: the file did not check out: $check"; return 1; }
  rows=${check%% *}
  local gc=""
  if [[ -f "$counters_csv" ]]; then gc=$(gc_figures "$counters_csv"); else gc="GC heap not measured (no dotnet-counters)|"; fi
  printf '   %-4s %7d responses: HTTP %s, first byte %6.2f s, last byte %6.2f s, portal CPU %5.2f s, %6.1f MB; RSS before %4d MB, peak RSS +%4d MB; %s; file: %d rows (%s) %s; load %s\n' \
    "$fmt" "$n" "$code" "$ttfb" "$total" "$cpu" "$(echo "$bytes / 1048576" | bc -l)" $(( before_rss / 1024 )) $(( (hwm - before_rss) / 1024 )) \
    "${gc%%|*}" "$rows" "$([[ "$rows" == "$n" ]] && echo "= responses" || echo "EXPECTED $n")" "${check#* }" "$load"
  echo "RESULT survey-export format=$fmt responses=$n http=$code ttfb_s=$ttfb total_s=$total cpu_s=$(printf '%.2f' "$cpu") bytes=$bytes rss_before_kb=$before_rss peak_rss_increase_kb=$(( hwm - before_rss )) rows=$rows ${gc#*|}"
  [[ "$rows" == "$n" ]]
}

# Largest GC heap after a collection (summed over generations, per sample) and bytes allocated, from dotnet-counters' CSV.
gc_figures() {
  python3 - "$1" <<'EOF'
import csv, sys, collections
heap = collections.defaultdict(float); alloc = []
with open(sys.argv[1], newline="") as f:
    for row in csv.reader(f):
        if len(row) < 5 or row[0] == "Timestamp":
            continue
        ts, name, value = row[0], row[2], row[4]
        try: v = float(value)
        except ValueError: continue
        if "last_collection.heap.size" in name: heap[ts] += v
        elif "total_allocated" in name: alloc.append(v)
if not heap and not alloc:
    print("GC heap: no samples|"); sys.exit()
mb = lambda b: b / 1048576
peak = max(heap.values()) if heap else 0
# total_allocated is a counter: dotnet-counters reports the increase per interval (a rate), so it is summed.
print(f"GC heap after GC max {mb(peak):.0f} MB, allocated {mb(sum(alloc)):.0f} MB|gc_heap_max_mb={mb(peak):.0f} allocated_mb={mb(sum(alloc)):.0f}")
EOF
}

measure_dashboard() {
  local n="$1" code
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE$DASHBOARD_PATH")
  if [[ "$code" == 404 ]]; then
    echo "   results dashboard at $n responses: not yet available (GET $DASHBOARD_PATH answered 404)"
    return 0
  fi
  [[ "$code" == 200 ]] || { echo "   results dashboard at $n responses: HTTP $code, not measured"; return 0; }
  # wrk does not count a redirect to the sign-in page as an error: check the cookie header it is given works.
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $(cookie_header)" "$BASE$DASHBOARD_PATH")
  [[ "$code" == 200 ]] || { echo "   results dashboard at $n responses: HTTP $code with the cookie header wrk would send, not measured"; return 0; }
  bench_wait_quiet > /dev/null
  local lua="$WORK/p95.lua"
  cat > "$lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d requests, %d errors, %d non-2xx\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
EOF
  wrk -t1 -c1 -d10s -H "Cookie: $(cookie_header)" "$BASE$DASHBOARD_PATH" > /dev/null
  echo "   results dashboard ($DASHBOARD_PATH) at $n responses, wrk 1 connection, ${DASHBOARD_DURATION} s: $(wrk -t1 -c1 -d"${DASHBOARD_DURATION}s" --timeout 10s -s "$lua" -H "Cookie: $(cookie_header)" "$BASE$DASHBOARD_PATH" | tail -1)"
}

{
  echo "== machine"
  bench_machine | sed 's/^/   /'
  echo "   memory:  $(awk '/MemAvailable/ {printf "%.1f GiB available", $2/1048576}' /proc/meminfo); dotnet-counters: ${COUNTERS:-not installed (GC heap not measured)}"
  echo "== portal on $BASE (Release, Production, SQLite), data folder $WORK/data"
  start_portal
  sign_in
  # Publish the seeded survey (a draft in the recipe) as an editor would.
  T=$(curl -s -b "$JAR" -c "$JAR" "$BASE/admin/content/$SURVEY/edit" | token)
  curl -s -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "__RequestVerificationToken=$T" "$BASE/admin/content/$SURVEY/publish"
  echo "   published $SURVEY: $(curl -s -o /dev/null -w '%{http_code}' "$BASE/surveys/domestic-abuse-experience") from GET /surveys/domestic-abuse-experience"

  status=0
  IFS=, read -ra NS <<< "$COUNTS"
  IFS=, read -ra FS <<< "$FORMATS"
  for n in "${NS[@]}"; do
    have=$(responses_in_db)
    if (( n > have )); then
      echo "== top up to $n responses"
      dotnet "$BENCH_DLL" survey-responses --db "$WORK/data/portal.db" --survey "$SURVEY" --count $(( n - have )) || { status=1; break; }
    fi
    echo "   database: $(du -m "$WORK/data/portal.db" | cut -f1) MB (+ $(du -m "$WORK/data/portal.db-wal" 2>/dev/null | cut -f1 || echo 0) MB WAL)"
    echo "== exports at $n responses (each on a freshly started portal)"
    for fmt in "${FS[@]}"; do
      measure_export "$n" "$fmt" || status=1
    done
    if (( DASHBOARD )); then measure_dashboard "$n"; fi
  done
  echo "   load after the runs: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min); ${BENCH_QUIET_NOTE:-}"
  if grep -qiE 'fail|error|exception' "$WORK/portal.log"; then
    echo "   the portal logged warnings or errors (first 10 lines):"; grep -iE 'fail|error|exception' "$WORK/portal.log" | head -10 | sed 's/^/     /'
  fi
  exit "$status"
} 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
echo "(saved in $LOG)"
exit "$status"
