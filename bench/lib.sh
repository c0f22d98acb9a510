# Shared helpers for the benchmark scripts (sourced, not run).

# Prints one line per fact about the machine the figures come from.
bench_machine() {
  echo "machine: $(nproc) logical CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "os:      $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "dotnet:  SDK $(dotnet --version 2>/dev/null), runtime $(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
  if command -v wrk >/dev/null; then echo "wrk:     $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"; fi
  if command -v nginx >/dev/null; then echo "nginx:   $(nginx -v 2>&1 | sed 's/^nginx version: //')"; fi
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

# Percentage of CPU time idle over the next N seconds (default 2), across all CPUs.
bench_idle_pct() {
  local a b
  a=($(head -1 /proc/stat)); sleep "${1:-2}"; b=($(head -1 /proc/stat))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * ( (b[4] - a[4]) + (b[5] - a[5]) ) / total : 0 ))
}

# Waits (at most BENCH_QUIET_WAIT seconds, default 180) until the CPUs are at least 90% idle, because other
# work on the machine (a build, a test run) skews every figure. Proceeds with a warning when it never gets quiet.
bench_wait_quiet() {
  local limit="${BENCH_QUIET_WAIT:-180}" waited=0 idle
  while :; do
    idle=$(bench_idle_pct 2)
    if (( idle >= 90 )); then
      echo "   quiet:   CPUs ${idle}% idle before the run"
      BENCH_QUIET_NOTE="CPUs ${idle}% idle before the run"
      return 0
    fi
    if (( waited >= limit )); then
      echo "WARNING: the machine is busy (CPUs only ${idle}% idle after waiting ${waited}s); figures will be low and noisy." >&2
      BENCH_QUIET_NOTE="BUSY: CPUs only ${idle}% idle before the run"
      return 0
    fi
    (( waited == 0 )) && echo "   waiting up to ${limit}s for the machine to be quiet (CPUs ${idle}% idle)..."
    sleep 3; waited=$(( waited + 5 ))
  done
}

# --- production topology: a throwaway PostgreSQL, the key-protection certificate, an nginx balancer -------------
# These set variables in the calling shell; the caller's cleanup calls bench_pg_stop and stops what it started.

# bench_pg_start FOLDER: initdb (as user postgres, PostgreSQL 15 or the newest installed) into FOLDER/pg, start it on
# 127.0.0.1 and a free port with NORMAL durability (fsync=on, synchronous_commit=on, full_page_writes=on: a commit is
# on disk before the portal answers), create database "saferbcp". Sets BENCH_PG_BIN, BENCH_PG_DIR, BENCH_PG_PORT,
# BENCH_PG_PID (the postmaster) and BENCH_PG_CONNECTION (an Npgsql connection string, trust auth on loopback).
bench_pg_start() {
  local folder=$1 initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$initdb" ]] || { echo "PostgreSQL is not installed (Debian: apt-get install -y postgresql)" >&2; return 2; }
  BENCH_PG_BIN="$(dirname "$initdb")"
  BENCH_PG_DIR="$folder/pg"
  BENCH_PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  mkdir -p "$BENCH_PG_DIR"; chmod 711 "$folder"; chown postgres "$BENCH_PG_DIR"
  # initdb's --no-sync only skips syncing initdb's own files once; the server below runs with fsync on.
  su postgres -s /bin/sh -c "$BENCH_PG_BIN/initdb -D $BENCH_PG_DIR/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null"
  su postgres -s /bin/sh -c "$BENCH_PG_BIN/pg_ctl -D $BENCH_PG_DIR/data -l $BENCH_PG_DIR/log -w -t 60 -o '-c listen_addresses=127.0.0.1 -p $BENCH_PG_PORT -k $BENCH_PG_DIR -c max_connections=300 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=256MB' start >/dev/null"
  BENCH_PG_PID="$(head -1 "$BENCH_PG_DIR/data/postmaster.pid")"
  su postgres -s /bin/sh -c "$BENCH_PG_BIN/createdb -h 127.0.0.1 -p $BENCH_PG_PORT -U postgres saferbcp"
  BENCH_PG_CONNECTION="Host=127.0.0.1;Port=$BENCH_PG_PORT;Username=postgres;Database=saferbcp"
  echo "   postgresql: $("$BENCH_PG_BIN/postgres" --version | awk '{print $NF}') on 127.0.0.1:$BENCH_PG_PORT, $BENCH_PG_DIR (fsync=on, synchronous_commit=on, wal_sync_method=$(su postgres -s /bin/sh -c "$BENCH_PG_BIN/psql -h 127.0.0.1 -p $BENCH_PG_PORT -U postgres -Atc 'show wal_sync_method' saferbcp"))"
}

bench_pg_stop() {
  [[ -n "${BENCH_PG_DIR:-}" && -f "$BENCH_PG_DIR/data/postmaster.pid" ]] || return 0
  su postgres -s /bin/sh -c "$BENCH_PG_BIN/pg_ctl -D $BENCH_PG_DIR/data -m fast -w -t 30 stop" >/dev/null 2>&1 || true
}

# bench_certificate FOLDER: a self-signed RSA certificate with its private key as FOLDER/key-protection.pfx, for
# Portal:KeyProtectionCertificate (required with PostgreSQL). Exports Portal__KeyProtectionCertificate and
# Portal__KeyProtectionCertificatePassword (random, never printed) for the portal processes started afterwards.
bench_certificate() {
  local folder=$1 password
  password="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=saferbcp-bench-key-protection" \
    -keyout "$folder/key-protection.key" -out "$folder/key-protection.crt" 2>/dev/null
  PASS="$password" openssl pkcs12 -export -inkey "$folder/key-protection.key" -in "$folder/key-protection.crt" \
    -out "$folder/key-protection.pfx" -passout env:PASS
  rm -f "$folder/key-protection.key"
  export Portal__KeyProtectionCertificate="$folder/key-protection.pfx" Portal__KeyProtectionCertificatePassword="$password"
}

# bench_balancer_conf FOLDER PORT BACKEND_PORT...: writes FOLDER/nginx.conf, an nginx on 127.0.0.1:PORT that sends
# requests round-robin to the portal nodes (keep-alive to them), passing Host, X-Forwarded-For and X-Forwarded-Proto
# (the nodes list 127.0.0.1 in Portal__TrustedProxies). Start it with bench_balancer_start FOLDER (sets BENCH_LB_PID).
bench_balancer_conf() {
  local folder=$1 port=$2 p; shift 2
  mkdir -p "$folder/logs"
  {
    echo "worker_processes $(nproc);"
    echo "daemon off;"
    echo "pid $folder/nginx.pid;"
    echo "error_log $folder/logs/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "    access_log off; server_tokens off; tcp_nodelay on;"
    echo "    keepalive_timeout 65; keepalive_requests 1000000;"
    echo "    client_body_temp_path $folder/body; proxy_temp_path $folder/proxy; fastcgi_temp_path $folder/fastcgi;"
    echo "    uwsgi_temp_path $folder/uwsgi; scgi_temp_path $folder/scgi;"
    echo "    upstream portal {"
    for p in "$@"; do echo "        server 127.0.0.1:$p;"; done
    echo "        keepalive 128;"
    echo "        keepalive_requests 1000000;"
    echo "    }"
    echo "    server {"
    echo "        listen 127.0.0.1:$port;"
    echo "        location / {"
    echo "            proxy_pass http://portal;"
    echo "            proxy_http_version 1.1;"
    echo "            proxy_set_header Connection \"\";"
    echo "            proxy_set_header Host \$host;"
    echo "            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
    echo "            proxy_set_header X-Forwarded-Proto \$scheme;"
    echo "            proxy_buffering on;"
    echo "        }"
    echo "    }"
    echo "}"
  } > "$folder/nginx.conf"
}

bench_balancer_start() {
  local folder=$1 port=$2 i
  nginx -e "$folder/logs/error.log" -p "$folder/" -c "$folder/nginx.conf" -t -q
  # (its output to a file: a caller piping through tee would otherwise wait for nginx to close the pipe)
  nginx -e "$folder/logs/error.log" -p "$folder/" -c "$folder/nginx.conf" </dev/null >"$folder/logs/nginx.out" 2>&1 &
  BENCH_LB_PID=$!
  for i in $(seq 40); do
    curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$port/health/live" && return 0
    sleep 0.25
  done
  echo "the nginx balancer did not answer:" >&2; cat "$folder/logs/error.log" >&2; return 1
}

bench_stop_pid() {   # bench_stop_pid PID [SECONDS]: TERM, wait, then KILL
  local pid=$1 limit=${2:-30} i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq $(( limit * 2 ))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

# bench_totp KEY: the 6-digit code an authenticator app shows now for a Base32 key (RFC 6238, 30 s, SHA-1).
bench_totp() {
  python3 -c 'import base64,hmac,struct,sys,time
k=sys.argv[1].replace(" ","").upper(); k=base64.b32decode(k+"="*(-len(k)%8))
h=hmac.digest(k,struct.pack(">Q",int(time.time())//30),"sha1"); o=h[-1]&15
print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$1"
}

# bench_two_factor JAR BASE KEYFILE: after the password step, completes two-factor as staff would. Every staff
# account must have it: the first time, it is set up on the real page (the key it shows is kept in KEYFILE); later
# sign-ins enter the code for that key.
bench_two_factor() {
  local jar=$1 base=$2 keyfile=$3 page t
  page=$(curl -s -c "$jar" -b "$jar" "$base/account/two-factor-sign-in")
  if [[ "$page" == *'name="Code"'* && -s "$keyfile" ]]; then
    t=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Code=$(bench_totp "$(cat "$keyfile")")" \
      --data-urlencode "__RequestVerificationToken=$t" "$base/account/two-factor-sign-in"
    return
  fi
  page=$(curl -s -c "$jar" -b "$jar" "$base/account/two-factor?required=true")
  sed -n 's/.*id="shared-key">\([^<]*\)<.*/\1/p' <<<"$page" | head -1 > "$keyfile"
  t=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Code=$(bench_totp "$(cat "$keyfile")")" \
    --data-urlencode "__RequestVerificationToken=$t" "$base/account/two-factor?required=true"
}

# bench_wait_ready URL PID LOG [SECONDS]: waits until URL/health/ready answers (self-signed HTTPS allowed); exits the
# script with the log's tail if the process stops or is not ready in time (120 s).
bench_wait_ready() {
  local url="$1" pid="$2" log="$3" seconds="${4:-120}" i
  for (( i = 1; i <= seconds * 2; i++ )); do
    curl -skf --max-time 2 -o /dev/null "$url/health/ready" && { echo "   ready after about $(( i / 2 )) s"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "the portal ($url) stopped:" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the portal ($url) was not ready after $seconds s:" >&2; tail -30 "$log" >&2; exit 1
}

# --- through HTTP with wrk, as bench/run-all.sh measures every path ---------------------------------------------

# bench_cpu_ticks PID...: CPU time the processes have used so far (user + system, in clock ticks), from /proc.
bench_cpu_ticks() {
  local t=0 p
  for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done
  echo "$t"
}

# bench_wrk OUT CONNECTIONS SECONDS URL "PIDS" [LUA [ARG...]]: wrk -t2 (never more threads than connections) for
# SECONDS, with the LUA script if given, joined with bench/wrk-stats.lua for the percentiles. Raw output in OUT.
# Sets W_REQUESTS W_RPS W_P50 W_P95 W_P99 W_MAX (ms), W_ERRORS (socket errors + non-2xx answers) and W_CPU_MS: the
# CPU time the PIDS (the server's processes) used during the run, divided by the requests, in milliseconds.
bench_wrk() {
  local out=$1 conns=$2 seconds=$3 url=$4 pids=$5 lua=${6:-} threads=2 before after stats script
  shift 5; (( $# )) && shift
  script="${out%.*}.lua"
  { [[ -n "$lua" ]] && cat "$lua"; cat "$(dirname "${BASH_SOURCE[0]}")/wrk-stats.lua"; } > "$script"
  (( conns < threads )) && threads=$conns
  before=$(bench_cpu_ticks $pids)
  timeout $(( seconds + 60 )) wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s --latency -s "$script" "$url" ${1+-- "$@"} > "$out" 2>&1 || true
  after=$(bench_cpu_ticks $pids)
  stats=$(grep '^STATS ' "$out" | tail -1)
  _bench_field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$stats"; }
  W_REQUESTS=$(_bench_field requests); W_REQUESTS=${W_REQUESTS:-0}
  W_RPS=$(awk -v r="$W_REQUESTS" -v s="$(_bench_field seconds)" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
  W_P50=$(_bench_field p50_ms); W_P95=$(_bench_field p95_ms); W_P99=$(_bench_field p99_ms); W_MAX=$(_bench_field max_ms)
  local errors non2xx; errors=$(_bench_field errors); non2xx=$(_bench_field non2xx)
  W_ERRORS=$(( ${errors:-0} + ${non2xx:-0} ))
  W_CPU_MS=$(awk -v t=$(( after - before )) -v hz="$(getconf CLK_TCK)" -v r="$W_REQUESTS" 'BEGIN { printf "%.3f", (r > 0 ? 1000 * t / hz / r : 0) }')
}

# bench_sign_in JAR BASE USER PASSWORD KEYFILE: signs in to the back office with curl as staff would, two-factor
# included (bench_two_factor); exits the script if it does not work.
bench_sign_in() {
  local jar=$1 base=$2 user=$3 password=$4 keyfile=$5 t status
  rm -f "$jar"
  t=$(curl -s -c "$jar" -b "$jar" "$base/account/sign-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "UserName=$user" \
    --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$t" "$base/account/sign-in")
  [[ "$status" == 302* && "$status" != */account/sign-in* ]] || { echo "sign-in as $user failed: $status" >&2; exit 1; }
  bench_two_factor "$jar" "$base" "$keyfile"
}

# bench_static_nginx FOLDER PORT HEADERS PATH=FILE...: writes FOLDER/nginx.conf and starts nginx (pid in
# BENCH_STATIC_PID) on 127.0.0.1:PORT serving each saved FILE (in FOLDER/www) at its PATH, with the security headers
# the portal sent (HEADERS: curl -D output), as text/html; one worker per core, sendfile, no access log, keep-alive
# without a request limit (as Kestrel): the reference a cached page is compared with, on the same bytes.
bench_static_nginx() {
  local folder=$1 port=$2 headers=$3 pair name value i; shift 3
  mkdir -p "$folder/logs"; chmod 755 "$folder" "$folder/www"; chmod 644 "$folder"/www/*
  local add=""
  for name in Content-Security-Policy Referrer-Policy X-Content-Type-Options X-Frame-Options Permissions-Policy \
      Cross-Origin-Opener-Policy Cross-Origin-Resource-Policy Strict-Transport-Security; do
    value="$(sed -n "s/^$name: //Ip" "$headers" | tr -d '\r' | head -1)"
    if [[ -n "$value" ]]; then add+="            add_header $name \"$value\" always;"$'\n'; fi
  done
  {
    echo "worker_processes $(nproc); daemon off; pid $folder/nginx.pid; error_log $folder/logs/error.log warn;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "    access_log off; server_tokens off; sendfile on; tcp_nopush on; tcp_nodelay on;"
    echo "    keepalive_timeout 65; keepalive_requests 1000000; open_file_cache max=16 inactive=60s; open_file_cache_valid 60s;"
    echo "    client_body_temp_path $folder/body; proxy_temp_path $folder/proxy; fastcgi_temp_path $folder/fastcgi;"
    echo "    uwsgi_temp_path $folder/uwsgi; scgi_temp_path $folder/scgi;"
    echo "    server {"
    echo "        listen 127.0.0.1:$port; root $folder/www; default_type text/html; charset utf-8;"
    for pair in "$@"; do
      echo "        location = ${pair%%=*} {"
      echo "            try_files /${pair#*=} =404;"
      printf '%s' "$add"
      echo "        }"
    done
    echo "    }"
    echo "}"
  } > "$folder/nginx.conf"
  nginx -e "$folder/logs/error.log" -p "$folder/" -c "$folder/nginx.conf" -t -q
  nginx -e "$folder/logs/error.log" -p "$folder/" -c "$folder/nginx.conf" </dev/null >"$folder/logs/nginx.out" 2>&1 &
  BENCH_STATIC_PID=$!
  pair=$1
  for i in $(seq 40); do
    curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$port${pair%%=*}" && return 0
    sleep 0.25
  done
  echo "nginx (static reference) did not answer:" >&2; cat "$folder/logs/error.log" >&2; return 1
}
