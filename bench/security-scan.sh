#!/usr/bin/env bash
# Security scan: wapiti (the Debian package) crawls and attacks a running portal on loopback, with the injection, XSS,
# CRLF, open redirect, SSRF, XXE, command execution, path traversal, CSP, security header and cookie flag modules,
# bounded in time. Exit status 1 when wapiti reports anything above informational (a vulnerability or an anomaly such
# as a 500 of level 1 or more) that is not in the short list of accepted findings below; 0 otherwise. See docs/security.md.
#
#   bench/security-scan.sh [--no-build] [--debug]
#
#   --no-build   reuse the portal built by an earlier run (bench/out/security-portal), or with --debug the Debug build
#   --debug      run the Debug build (src/SaferBcp.Portal/bin/Debug) instead of publishing a Release build
#
# Settings (environment): SCAN_MINUTES (10: the whole wapiti run, crawl and attacks; wapiti's --max-scan-time bounds
# only its crawl, so the crawl gets a fifth of the time and each of the eight attack modules an equal share of the rest),
# SCAN_PORT (18191), SCAN_HOST (127.0.0.2: a loopback address that is not "localhost" or 127.0.0.1, which ASP.NET
# Core leaves out of HSTS), SCAN_RESULTS (bench/results/security-<time>).
#
# The portal runs as in production: Production environment, HTTPS (a throwaway self-signed certificate), a fresh data
# folder with the starting recipe, the administrator's password random and never printed. The report is
# $SCAN_RESULTS/wapiti.json, with a summary in $SCAN_RESULTS/summary.txt.
#
# Needs: dotnet SDK 10, Node.js 20 (theme build), wapiti, openssl, curl, python3. Installs wapiti if missing
# (apt-get install -y wapiti). The portal and the temporary folder are removed on exit, even on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

BUILD=1
DEBUG=0
while (( $# )); do
  case "$1" in
    --no-build) BUILD=0 ;;
    --debug) DEBUG=1 ;;
    *) echo "usage: $0 [--no-build] [--debug]" >&2; exit 2 ;;
  esac
  shift
done

MINUTES="${SCAN_MINUTES:-10}"
(( MINUTES >= 3 && MINUTES <= 10 )) || { echo "SCAN_MINUTES must be 3 to 10" >&2; exit 2; }
# A minute kept back for wapiti's start and its report; the attack modules that send requests share the rest.
CRAWL_SECONDS=$(( (MINUTES * 60 - 60) / 5 ))
ATTACK_SECONDS=$(( (MINUTES * 60 - 60 - CRAWL_SECONDS) / 8 ))
PORT="${SCAN_PORT:-18191}"
HOST="${SCAN_HOST:-127.0.0.2}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="${SCAN_RESULTS:-bench/results/security-$STAMP}"
MODULES="sql,xss,crlf,redirect,ssrf,xxe,exec,file,csp,http_headers,cookieflags"

# Findings accepted on purpose, one "category|info" a line, each with its reason in docs/security.md ("Last scan").
ACCEPTED=(
  # OWASP's advice is X-XSS-Protection: 0 (the portal sends it): no current browser has the filter, and the old
  # filters could be abused; wapiti 3.0.4 still asks for "1". The Content-Security-Policy forbids inline script.
  "HTTP Secure Headers|X-XSS-Protection is not set"
)

if ! command -v wapiti >/dev/null; then
  echo "== installing wapiti (apt-get install -y wapiti)"
  timeout 600 apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq wapiti >/dev/null
fi
for tool in wapiti openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (Debian: apt-get install -y $tool)" >&2; exit 2; }
done

# Every module this script asks for must exist in the installed wapiti, or the scan would silently do less.
AVAILABLE="$(wapiti --list-modules 2>/dev/null | sed -n 's/^\t\([a-z_]*\).*/\1/p')"
for module in ${MODULES//,/ }; do
  grep -qx "$module" <<<"$AVAILABLE" || { echo "wapiti has no module \"$module\" (wapiti --list-modules)" >&2; exit 2; }
done

if (( DEBUG )); then
  APP_DIR="src/SaferBcp.Portal/bin/Debug/net10.0"
  if (( BUILD )); then
    echo "== dotnet build src/SaferBcp.Portal (Debug)"
    timeout 900 dotnet build src/SaferBcp.Portal --nologo -v q -clp:NoSummary
  fi
else
  APP_DIR="bench/out/security-portal"
  if (( BUILD )); then
    echo "== dotnet publish src/SaferBcp.Portal -c Release -o $APP_DIR"
    timeout 900 dotnet publish src/SaferBcp.Portal -c Release -o "$APP_DIR" --nologo -v q -clp:NoSummary
  fi
fi
[[ -f "$APP_DIR/SaferBcp.Portal.dll" ]] || { echo "$APP_DIR/SaferBcp.Portal.dll is missing: run without --no-build" >&2; exit 2; }
APP_DIR="$(cd "$APP_DIR" && pwd)"

mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
TMP="$(mktemp -d /tmp/saferbcp-scan.XXXXXX)"
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

# --- a throwaway certificate for HTTPS on the loopback address ---------------------------------------------------
CERT_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" -addext "subjectAltName=IP:$HOST" \
  -keyout "$TMP/scan.key" -out "$TMP/scan.crt" 2>/dev/null
PASS="$CERT_PASSWORD" openssl pkcs12 -export -inkey "$TMP/scan.key" -in "$TMP/scan.crt" -out "$TMP/scan.pfx" -passout env:PASS
rm -f "$TMP/scan.key"

# --- the portal: Production, HTTPS, fresh data folder --------------------------------------------------------------
BASE="https://$HOST:$PORT"
echo "== starting the portal on $BASE (Production, data folder $TMP/data)"
mkdir -p "$TMP/data"
(
  cd "$APP_DIR"
  export SAFERBCP_ADMIN_PASSWORD="Scan-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-7Qz"
  export Portal__DataFolder="$TMP/data" Portal__PublicAddress="$BASE" Portal__NodeId="security-scan"
  export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
  export Kestrel__Certificates__Default__Path="$TMP/scan.pfx" Kestrel__Certificates__Default__Password="$CERT_PASSWORD"
  exec dotnet SaferBcp.Portal.dll --urls "$BASE"
) >"$TMP/portal.log" 2>&1 &
PORTAL_PID=$!
bench_wait_ready "$BASE" "$PORTAL_PID" "$TMP/portal.log"

# --- wapiti ----------------------------------------------------------------------------------------------------------
# No -x exclusions: Debian's wapiti 3.0.4 fails on them under Python 3.11 (a regex with trailing global flags). The crawl
# is anonymous, so there is no session to lose ("Exit this page" only redirects off-site, which the domain scope skips).
echo "== wapiti $(wapiti --version 2>/dev/null | grep -o 'Wapiti-[0-9.]*' | head -1), modules $MODULES, at most $MINUTES min (crawl ${CRAWL_SECONDS} s, each attack module ${ATTACK_SECONDS} s)"
set +e
timeout $(( MINUTES * 60 )) wapiti -u "$BASE/" --scope domain -m "$MODULES" \
  --max-scan-time "$CRAWL_SECONDS" --max-attack-time "$ATTACK_SECONDS" --timeout 20 --verify-ssl 0 \
  --flush-session --store-session "$TMP/wapiti-session" -f json -o "$RESULTS/wapiti.json" -v 1 >"$RESULTS/wapiti.log" 2>&1
WAPITI_STATUS=$?
set -e
[[ -s "$RESULTS/wapiti.json" ]] || { echo "wapiti wrote no report (exit $WAPITI_STATUS):" >&2; tail -30 "$RESULTS/wapiti.log" >&2; exit 1; }

# --- the verdict ------------------------------------------------------------------------------------------------------
printf '%s\n' "${ACCEPTED[@]}" >"$TMP/accepted.txt"
python3 - "$RESULTS/wapiti.json" "$TMP/accepted.txt" "$BASE" <<'PY' | tee "$RESULTS/summary.txt"
import json, sys
report = json.load(open(sys.argv[1]))
accepted = {line.strip() for line in open(sys.argv[2]) if line.strip()}
info = report.get("infos", {})
print(f"target:   {info.get('target', sys.argv[3])}")
print(f"wapiti:   {info.get('version', '?')}, scope {info.get('scope', '?')}, {info.get('date', '')}")
failing, accepted_seen, informational = [], [], []
for section in ("vulnerabilities", "anomalies", "additionals"):
    for category, items in (report.get(section) or {}).items():
        for item in items:
            level = int(item.get("level") or 0)
            line = f"{section[:-1] if section != 'anomalies' else 'anomaly'} | {category} | level {level} | {item.get('method', '')} {item.get('path', '')} {item.get('parameter', '')} | {item.get('info', '')}"
            if level == 0 or section == "additionals":
                informational.append(line)
            elif f"{category}|{item.get('info', '')}" in accepted:
                accepted_seen.append(line)
            else:
                failing.append(line)
counts = {section: sum(len(v) for v in (report.get(section) or {}).values()) for section in ("vulnerabilities", "anomalies", "additionals")}
print(f"reported: {counts['vulnerabilities']} vulnerabilities, {counts['anomalies']} anomalies, {counts['additionals']} additional notes")
for title, lines in (("ABOVE INFORMATIONAL (fail)", failing), ("accepted (see docs/security.md)", accepted_seen), ("informational", informational)):
    print(f"{title}: {len(lines)}")
    for line in lines:
        print("  " + line)
print("verdict:  " + ("FAIL" if failing else "PASS"))
sys.exit(1 if failing else 0)
PY
