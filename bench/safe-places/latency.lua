-- wrk script for bench/safe-places.sh: cycles through the locator queries in order and prints the percentiles.
local queries = {
  "/safe-places",
  "/safe-places?postcode=BH1&open=true",
  "/safe-places?postcode=BH8+1AA&facility=step-free&area=bournemouth",
  "/safe-places?lat=50.72&lon=-1.88&scheme=ask-for-ani",
  "/safe-places?postcode=BH15&page=3",
  "/safe-places?area=poole&open=true&facility=private-room&facility=quiet-space",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", queries[i])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (non-2xx %d)\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max %.2f ms, mean %.2f ms\n", latency.max / 1000, latency.mean / 1000))
end
