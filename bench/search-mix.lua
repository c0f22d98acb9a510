-- wrk script for the search benchmark (bench/run-all.sh): GET /search?q= with the 200 queries residents are most
-- likely to type (bench/search-queries.py, most likely first), Zipf-distributed (the k-th is asked 1/k as often as
-- the first), and for 10% of requests one or two words drawn at random from the site's whole vocabulary (the long
-- tail no cache holds). Seeded per thread, so two runs ask the same sequence.
--
--   wrk -t2 -c16 -d30s -s bench/search-mix.lua http://127.0.0.1:PORT -- bench/out/search-queries.txt [SEED]
local queries, words, cdf = {}, {}, {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  for line in io.lines(args[1] or "bench/out/search-queries.txt") do
    local kind, text = line:match("^(%a)\t(.+)$")
    if kind == "q" then queries[#queries + 1] = text elseif kind == "w" then words[#words + 1] = text end
  end
  local total = 0
  for k = 1, #queries do total = total + 1 / k; cdf[k] = total end
  for k = 1, #queries do cdf[k] = cdf[k] / total end
  math.randomseed((tonumber(args[2]) or 20261208) + (id or 0))
end

local function encode(s)
  return (s:gsub("[^%w%-%.]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function zipf()
  local r, lo, hi = math.random(), 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return queries[lo]
end

function request()
  local q
  if #words > 0 and math.random() < 0.10 then
    q = words[math.random(#words)]
    if math.random() < 0.5 then q = q .. " " .. words[math.random(#words)] end
  else
    q = zipf()
  end
  return wrk.format("GET", "/search?q=" .. encode(q))
end
