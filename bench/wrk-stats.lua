-- Appended to any wrk script by bench_wrk (bench/lib.sh): one line with what wrk's own --latency table lacks (p95),
-- from wrk's full latency histogram. Defining done() here replaces a done() earlier in the joined script.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("STATS requests=%d seconds=%.3f errors=%d non2xx=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
