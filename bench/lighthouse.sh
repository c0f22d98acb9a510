#!/usr/bin/env bash
# Lighthouse performance score of the home page and a referral page, as a phone on a slow connection sees them
# (Lighthouse's default mobile emulation and simulated throttling), with Debian's Chromium.
#
#   bench/lighthouse.sh               publish (Release) to bench/out/portal, then measure
#   bench/lighthouse.sh --no-build    reuse bench/out/portal
#
# Needs Node.js 20 with npm (Lighthouse 12.2.3 is pinned in bench/lighthouse/package.json: 13 needs Node 22) and
# Chromium (Debian: apt-get install -y chromium). The portal runs in Production on a fresh data folder (the starting
# recipe) on 127.0.0.1:$PORTAL_PORT (18183). Reports (JSON) go to bench/out/results/lighthouse-<time>/.
# Settings (environment): LIGHTHOUSE_PATHS ("/ /refer-yourself/domestic-abuse"), CHROME_PATH (/usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=1
[[ "${1:-}" == "--no-build" ]] && BUILD=0
OUT=bench/out/portal
PORTAL_PORT="${PORTAL_PORT:-18183}"
PATHS="${LIGHTHOUSE_PATHS:-/ /refer-yourself/domestic-abuse}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
[[ -x "$CHROME_PATH" ]] || { echo "Chromium is missing ($CHROME_PATH): apt-get install -y chromium" >&2; exit 2; }

if [[ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]]; then
  echo "== npm ci in bench/lighthouse"
  (cd bench/lighthouse && npm ci --no-audit --no-fund)
fi
if (( BUILD )); then
  echo "== dotnet publish src/SaferBcp.Portal -c Release -o $OUT"
  timeout 900 dotnet publish src/SaferBcp.Portal -c Release -o "$OUT" --nologo -v q -clp:NoSummary
fi
[[ -x "$OUT/SaferBcp.Portal" ]] || { echo "$OUT/SaferBcp.Portal is missing: run without --no-build" >&2; exit 2; }

RESULTS="bench/out/results/lighthouse-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
TMP="$(mktemp -d /tmp/saferbcp-lighthouse.XXXXXX)"
PORTAL_PID=""
cleanup() {
  local status=$?
  bench_stop_pid "$PORTAL_PID" 25
  [[ -f "$TMP/portal.log" ]] && cp "$TMP/portal.log" "$RESULTS/portal.log" 2>/dev/null || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_machine
echo "chromium: $("$CHROME_PATH" --version 2>/dev/null)"
echo "lighthouse: $(bench/lighthouse/node_modules/.bin/lighthouse --version)"

# The administrator password is random and never printed (setting it stops the first-run banner).
export SAFERBCP_ADMIN_PASSWORD="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-7Qz"
(
  cd "$OUT"
  export Portal__DataFolder="$TMP/data" Portal__PublicAddress="http://127.0.0.1" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
  export Logging__LogLevel__Default=Warning
  exec ./SaferBcp.Portal --urls "http://127.0.0.1:$PORTAL_PORT"
) >"$TMP/portal.log" 2>&1 &
PORTAL_PID=$!
unset SAFERBCP_ADMIN_PASSWORD
bench_wait_ready "http://127.0.0.1:$PORTAL_PORT" "$PORTAL_PID" "$TMP/portal.log" 90

status=0
printf '\n%-40s %12s %10s %10s %10s %10s %12s\n' "page" "performance" "FCP" "LCP" "TBT" "CLS" "transferred"
for path in $PATHS; do
  name="$(echo "$path" | tr -c 'A-Za-z0-9' '_')"
  # Warm the output cache and the JIT first: the score is about what a visitor's browser does, not a cold start.
  curl -s -o /dev/null "http://127.0.0.1:$PORTAL_PORT$path"
  bench/lighthouse/node_modules/.bin/lighthouse "http://127.0.0.1:$PORTAL_PORT$path" \
    --quiet --only-categories=performance --output=json --output-path="$RESULTS/$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    || { echo "lighthouse failed for $path" >&2; status=1; continue; }
  node -e '
    const r = require(process.argv[1]); const a = r.audits;
    const ms = k => a[k] && a[k].numericValue !== undefined ? Math.round(a[k].numericValue) + " ms" : "-";
    const score = Math.round(r.categories.performance.score * 100);
    console.log(process.argv[2].padEnd(40), String(score).padStart(12), ms("first-contentful-paint").padStart(10),
      ms("largest-contentful-paint").padStart(10), ms("total-blocking-time").padStart(10),
      (a["cumulative-layout-shift"].numericValue.toFixed(3)).padStart(10),
      (Math.round(a["total-byte-weight"].numericValue / 1024) + " KB").padStart(12));
    if (score < 95) process.exitCode = 3;' "$RESULTS/$name.json" "$path" || status=$?
done
echo
echo "RESULT: goal is performance >= 95 on every page: $( (( status == 0 )) && echo met || echo "NOT met (or a run failed)")"
echo "reports: $RESULTS"
exit "$status"
