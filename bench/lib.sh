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
