using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SaferBcp.Benchmarks;

/// <summary>
/// Self-referral submit benchmark against a running portal (see bench/referral-submit.sh and docs/benchmarks.md).
/// For each concurrency level: phase 1 (not timed) walks the domestic abuse form with separate cookie containers,
/// posting every page in turn and checking each redirect, up to the check page, for warm-up + measured sessions; phase 2 fires the final
/// POST …/check of every measured session from C workers and times each one until its answer (a 302 to the
/// confirmation page, sent only after the referral and its outbox messages are committed). Afterwards it reads
/// every confirmation page, counts the referrals in the database (the SQLite file in the first data folder, or
/// PostgreSQL with --postgres) and waits for the outbox's .eml files in every node's data folder (--data A,B).
/// </summary>
internal static partial class ReferralSubmit
{
    private const string FormPath = "/refer-yourself/domestic-abuse";
    private const string Honeypot = "contact-website";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            return 2;
        }

        var baseUri = new Uri(options.Url.TrimEnd('/') + "/");
        var database = options.Postgres ?? Path.Combine(options.DataFolders[0], "portal.db");
        var pickup = options.DataFolders.Select(folder => Path.Combine(folder, "mail-pickup")).ToArray();
        Console.WriteLine("Safer BCP self-referral submit benchmark (domestic abuse form, final POST " + FormPath + "/check)");
        Console.WriteLine($"  portal {baseUri}, data folder(s) {string.Join(", ", options.DataFolders)}; database {(options.Postgres is null ? "SQLite " + database : "PostgreSQL (" + options.Postgres + ")")}");
        Console.WriteLine($"  per level: {options.Warmup:N0} warm-up + {options.Sessions:N0} measured sessions; concurrency levels {string.Join(", ", options.Concurrency)}; preparation with {options.PrepareConcurrency} workers");
        Console.WriteLine($"  .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, portal pid(s) {(options.PortalPids.Length > 0 ? string.Join(", ", options.PortalPids) : "not given (no CPU figures)")}" +
                          (options.AuxPids.Count > 0 ? "; also measured: " + string.Join(", ", options.AuxPids.Select(a => $"{a.Key} {a.Value}")) : ""));

        var before = Counts.Read(database, pickup);
        Console.WriteLine($"  before: {before}");

        var results = new List<LevelResult>();
        var serial = 0;
        foreach (var concurrency in options.Concurrency)
        {
            Console.WriteLine();
            Console.WriteLine($"== concurrency {concurrency}");
            var total = options.Warmup + options.Sessions;
            using var prepareClient = NewClient(baseUri, options.PrepareConcurrency);
            var prepare = Stopwatch.StartNew();
            var sessions = await PrepareAsync(prepareClient, baseUri, serial, total, options.PrepareConcurrency);
            serial += total;
            prepare.Stop();
            Console.WriteLine($"   phase 1: {sessions.Count:N0} sessions walked to the check page in {prepare.Elapsed.TotalSeconds:F1} s " +
                              $"({sessions.Count * RequestsPerSession / prepare.Elapsed.TotalSeconds:N0} requests/s, not measured)");

            var referralsBefore = Counts.Read(database, pickup).Referrals;
            using var client = NewClient(baseUri, concurrency);
            if (options.Warmup > 0)
            {
                var warm = await SubmitAllAsync(client, baseUri, sessions.Take(options.Warmup).ToList(), concurrency);
                Console.WriteLine($"   warm-up: {warm.Succeeded:N0} submits at {concurrency} workers in {warm.Wall.TotalSeconds:F2} s (not measured)");
            }

            var measured = sessions.Skip(options.Warmup).ToList();
            GC.Collect();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var cpu = CpuSample.Take(options.PortalPids, false);
            var aux = options.AuxPids.ToDictionary(a => a.Key, a => CpuSample.Take([a.Value], true));
            var self = Process.GetCurrentProcess().TotalProcessorTime;
            var run = await SubmitAllAsync(client, baseUri, measured, concurrency);
            var selfUsed = (Process.GetCurrentProcess().TotalProcessorTime - self).TotalSeconds;
            var cpuUsed = CpuSample.Take(options.PortalPids, false) - cpu;
            var auxUsed = options.AuxPids.ToDictionary(a => a.Key, a => CpuSample.Take([a.Value], true) - aux[a.Key]);

            // Verification (not timed): every successful submit shows a reference, and the database holds one referral each.
            var references = await ReadReferencesAsync(prepareClient, baseUri, measured.Where((_, i) => run.Ok[i]).ToList(), options.PrepareConcurrency);
            var after = Counts.Read(database, pickup);
            var level = new LevelResult(concurrency, run, cpuUsed, auxUsed, selfUsed, references, after.Referrals - referralsBefore, options.Warmup);
            results.Add(level);
            level.Print();
        }

        Console.WriteLine();
        Console.Write($"== outbox: waiting up to {options.MailWaitSeconds} s for every queued email to be written to {string.Join(" and ", pickup)} ...");
        var waited = Stopwatch.StartNew();
        Counts final;
        while (true)
        {
            final = Counts.Read(database, pickup);
            if ((final.OutboxPending == 0 && final.EmlFiles - before.EmlFiles >= final.OutboxSent - before.OutboxSent) || waited.Elapsed.TotalSeconds >= options.MailWaitSeconds)
            {
                break;
            }

            await Task.Delay(500);
        }

        Console.WriteLine($" {waited.Elapsed.TotalSeconds:F1} s");
        var newReferrals = final.Referrals - before.Referrals;
        var newMessages = final.OutboxTotal - before.OutboxTotal;
        var newSent = final.OutboxSent - before.OutboxSent;
        var newEml = final.EmlFiles - before.EmlFiles;
        var succeeded = results.Sum(r => r.Run.Succeeded) + results.Count * options.Warmup;
        Console.WriteLine($"   after: {final}");
        Console.WriteLine($"   referrals stored {newReferrals:N0} = successful submits {succeeded:N0} (incl. warm-up): {(newReferrals == succeeded ? "yes" : "NO")}");
        Console.WriteLine($"   outbox messages queued {newMessages:N0} ({(newReferrals > 0 ? newMessages / (double)newReferrals : 0):F2} per referral), sent {newSent:N0}, failed {final.OutboxFailed - before.OutboxFailed}, still pending {final.OutboxPending}");
        Console.WriteLine($"   .eml files written {newEml:N0} = messages queued {newMessages:N0}: {(newEml == newMessages && newSent == newMessages ? "yes" : "NO")}");

        Console.WriteLine();
        var allDelivered = newEml == newMessages && newSent == newMessages;
        foreach (var r in results)
        {
            var met = r.Rate >= 300 && r.P99 < 100;
            Console.WriteLine($"   c={r.Concurrency,-3} {r.Rate,7:N1} submits/s   p50 {r.P50,7:F1} ms   p95 {r.P95,7:F1} ms   p99 {r.P99,7:F1} ms   max {r.Max,7:F1} ms   " +
                              $"goal (>= 300/s and p99 < 100 ms): {(met ? "MET" : "NOT MET")}{(r.Durable ? "" : "   NOT VERIFIED")}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT referral-submit concurrency={r.Concurrency} submits={r.Run.Succeeded} failed={r.Run.Failed} wall_s={r.Run.Wall.TotalSeconds:F3} per_s={r.Rate:F1} p50_ms={r.P50:F2} p95_ms={r.P95:F2} p99_ms={r.P99:F2} max_ms={r.Max:F2} cpu_ms_per_submit={r.CpuMsPerSubmit:F2}{string.Concat(r.Aux.Select(a => $" {a.Key}_cpu_ms_per_submit={r.AuxMsPerSubmit(a.Key):F2}"))} referrals_match={r.Durable.ToString().ToLowerInvariant()} emails_delivered={allDelivered.ToString().ToLowerInvariant()}"));
        }

        return results.All(r => r.Durable) && newReferrals == succeeded && allDelivered ? 0 : 1;
    }

    // GET the first page (the antiforgery cookie and token), POST danger, about-you, children, safety, what-is-happening,
    // contact-phone, contact-email-ok, [contact-email], contact-times, then GET check: 11.5 requests a session on average
    // (half the sessions skip the email page). The pages in between are not fetched: their answers and the session's
    // state are the same either way, and it halves the time phase 1 takes.
    private const double RequestsPerSession = 11.5;

    private static HttpClient NewClient(Uri baseUri, int connections) => new(new SocketsHttpHandler
    {
        UseCookies = false,          // one CookieContainer per session instead, applied by hand
        AllowAutoRedirect = false,   // each redirect is checked and followed explicitly
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(120),
    };

    /// <summary>The answers of session <paramref name="n"/>, page by page (deterministic; a mix of areas, ages, risk counts and email choices).</summary>
    private static List<(string Page, KeyValuePair<string, string>[] Fields)> Answers(int n)
    {
        string[] areas = ["bournemouth", "christchurch", "poole"];
        string[] ages = ["18-24", "25-34", "35-44", "45-54", "55-64"];
        var risky = n % 4 == 0;   // a quarter answer yes to three risk questions
        var email = n % 2 == 0;   // half say email is safe (an acknowledgement is queued)
        string Yes(bool b) => b ? "yes" : "no";
        var pages = new List<(string, KeyValuePair<string, string>[])>
        {
            ("danger", [new("in-danger", "no")]),
            ("about-you", [new("name", $"Bench Person {n}"), new("area", areas[n % areas.Length]), new("age-band", ages[n % ages.Length])]),
            ("children", [new("children", Yes(n % 3 == 0))]),
            ("safety",
            [
                new("risk-injured", Yes(risky)), new("risk-frightened", Yes(risky)), new("risk-strangled", "no"),
                new("risk-threatened-kill", Yes(risky)), new("risk-getting-worse", "no"), new("risk-separation", "no"),
            ]),
            ("what-is-happening", [new("what-is-happening", $"Benchmark session {n}. " + string.Concat(Enumerable.Repeat("My partner checks my phone and shouts at me when I go out. ", 4)))]),
            ("contact-phone", [new("safe-phone", $"07700 900{n % 1000:000}"), new("safe-voicemail", "no"), new("safe-text", Yes(n % 3 != 0))]),
            ("contact-email-ok", [new("safe-email-ok", Yes(email))]),
        };
        if (email)
        {
            pages.Add(("contact-email", [new("safe-email", $"bench-{n}@example.org")]));
        }

        pages.Add(("contact-times", [new("safe-times", "Weekday mornings"), new("someone-else", "Say you are calling from the surgery.")]));
        return pages;
    }

    private sealed class Session(int number)
    {
        public int Number { get; } = number;

        public CookieContainer Cookies { get; } = new();

        public string Token { get; set; } = "";
    }

    private static async Task<List<Session>> PrepareAsync(HttpClient client, Uri baseUri, int firstNumber, int count, int workers)
    {
        var sessions = new Session[count];
        var next = -1;
        var failures = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var session = new Session(firstNumber + i);
                try
                {
                    await WalkAsync(client, baseUri, session);
                    sessions[i] = session;
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    failures.Enqueue(ex.Message);
                }
            }
        }));
        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException($"{failures.Count} of {count} sessions could not be walked to the check page; first: {failures.First()}");
        }

        return [.. sessions];
    }

    private static async Task WalkAsync(HttpClient client, Uri baseUri, Session session)
    {
        var pages = Answers(session.Number);
        var url = FormPath + "/" + pages[0].Page;
        await GetPageAsync(client, baseUri, session, url);
        for (var p = 0; p < pages.Count; p++)
        {
            var (page, fields) = pages[p];
            using var response = await PostAsync(client, baseUri, session, FormPath + "/" + page, fields);
            var expected = p + 1 < pages.Count ? FormPath + "/" + pages[p + 1].Page : FormPath + "/check";
            var location = response.Headers.Location?.OriginalString;
            if (response.StatusCode != HttpStatusCode.Redirect || location != expected)
            {
                throw new InvalidOperationException($"POST {page} answered {(int)response.StatusCode} {location}, expected 302 to {expected}");
            }

            if (p + 1 == pages.Count)
            {
                await GetPageAsync(client, baseUri, session, expected);
            }
        }
    }

    private static async Task GetPageAsync(HttpClient client, Uri baseUri, Session session, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        AddCookies(request, baseUri, session);
        using var response = await client.SendAsync(request);
        KeepCookies(response, baseUri, session);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || TokenPattern().Match(html) is not { Success: true } match)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} without a form token");
        }

        session.Token = WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri baseUri, Session session, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Append(KeyValuePair.Create(Honeypot, "")).Append(KeyValuePair.Create("__RequestVerificationToken", session.Token))),
        };
        AddCookies(request, baseUri, session);
        var response = await client.SendAsync(request);
        KeepCookies(response, baseUri, session);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static void AddCookies(HttpRequestMessage request, Uri baseUri, Session session)
    {
        var header = session.Cookies.GetCookieHeader(new Uri(baseUri, request.RequestUri!));
        if (header.Length > 0)
        {
            request.Headers.Add("Cookie", header);
        }
    }

    private static void KeepCookies(HttpResponseMessage response, Uri baseUri, Session session)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                session.Cookies.SetCookies(new Uri(baseUri, response.RequestMessage!.RequestUri!), value);
            }
        }
    }

    private sealed record SubmitRun(double[] LatenciesMs, bool[] Ok, int Succeeded, int Failed, TimeSpan Wall, string FailureSummary);

    /// <summary>Phase 2: the final POST of every session from <paramref name="workers"/> workers, each timed from send to the whole answer.</summary>
    private static async Task<SubmitRun> SubmitAllAsync(HttpClient client, Uri baseUri, List<Session> sessions, int workers)
    {
        var latencies = new double[sessions.Count];
        var ok = new bool[sessions.Count];
        var failures = new ConcurrentDictionary<string, int>();
        var next = -1;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, workers).Select(async _ =>
        {
            await start.Task;
            int i;
            while ((i = Interlocked.Increment(ref next)) < sessions.Count)
            {
                var session = sessions[i];
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await PostAsync(client, baseUri, session, FormPath + "/check", []);
                    latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    ok[i] = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == FormPath + "/confirmation";
                    if (!ok[i])
                    {
                        failures.AddOrUpdate($"{(int)response.StatusCode} {response.Headers.Location}", 1, (_, n) => n + 1);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    failures.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        }).ToList();
        var wall = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(tasks);
        wall.Stop();
        var succeeded = ok.Count(x => x);
        return new SubmitRun(latencies, ok, succeeded, sessions.Count - succeeded, wall.Elapsed, string.Join(", ", failures.Select(f => $"{f.Value} × {f.Key}")));
    }

    private static async Task<HashSet<string>> ReadReferencesAsync(HttpClient client, Uri baseUri, List<Session> sessions, int workers)
    {
        var references = new ConcurrentDictionary<string, byte>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < sessions.Count)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, FormPath + "/confirmation");
                AddCookies(request, baseUri, sessions[i]);
                using var response = await client.SendAsync(request);
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && ReferencePattern().Match(html) is { Success: true } match)
                {
                    references.TryAdd(match.Value, 0);
                }
            }
        }));
        return [.. references.Keys];
    }

    private sealed record LevelResult(int Concurrency, SubmitRun Run, CpuSample Cpu, Dictionary<string, CpuSample> Aux, double SelfSeconds, HashSet<string> References, long StoredReferrals, int Warmup)
    {
        private readonly double[] _sorted = Run.LatenciesMs.Where((_, i) => Run.Ok[i]).Order().ToArray();

        public double Rate => Run.Succeeded / Run.Wall.TotalSeconds;

        public double P50 => Percentile(_sorted, 50);

        public double P95 => Percentile(_sorted, 95);

        public double P99 => Percentile(_sorted, 99);

        public double Max => _sorted.Length == 0 ? 0 : _sorted[^1];

        public double CpuMsPerSubmit => Run.Succeeded == 0 ? 0 : Cpu.ProcessSeconds * 1000 / Run.Succeeded;

        public double AuxMsPerSubmit(string name) => Run.Succeeded == 0 ? 0 : Aux[name].ProcessSeconds * 1000 / Run.Succeeded;

        /// <summary>Every successful submit showed its own reference, and the database gained exactly one referral per submit (warm-up included).</summary>
        public bool Durable => References.Count == Run.Succeeded && StoredReferrals == Run.Succeeded + Warmup;

        public void Print()
        {
            Console.WriteLine($"   phase 2: {Run.Succeeded:N0} of {Run.LatenciesMs.Length:N0} final submits succeeded in {Run.Wall.TotalSeconds:F2} s = {Rate:N1} submits/s" +
                              (Run.Failed > 0 ? $"   FAILED: {Run.FailureSummary}" : ""));
            Console.WriteLine($"   latency of the final submit (ms): p50 {P50:F1}   p95 {P95:F1}   p99 {P99:F1}   max {Max:F1}   mean {(_sorted.Length == 0 ? 0 : _sorted.Average()):F1}");
            if (Cpu.Known)
            {
                Console.WriteLine($"   CPU: portal {Cpu.ProcessSeconds:F2} s = {CpuMsPerSubmit:F2} ms per submit, {100 * Cpu.ProcessSeconds / Run.Wall.TotalSeconds:F0}% of one core" +
                                  string.Concat(Aux.Select(a => $"; {a.Key} {a.Value.ProcessSeconds:F2} s = {AuxMsPerSubmit(a.Key):F2} ms per submit")) +
                                  $"; machine {Cpu.MachineBusyPercent:F0}% busy (2 vCPUs shared with this load generator)");
                // What the machine did besides the portal, the measured helpers and this load generator: other work
                // running at the same time (a build, a test run), which the figures above then share the CPUs with.
                var others = Cpu.MachineBusySeconds - Cpu.ProcessSeconds - Aux.Values.Sum(a => a.ProcessSeconds) - SelfSeconds;
                Console.WriteLine($"   CPU: load generator {SelfSeconds:F2} s; everything else on the machine {Math.Max(0, others):F2} s = {100 * Math.Max(0, others) / Run.Wall.TotalSeconds:F0}% of one core during phase 2" +
                                  (others / Run.Wall.TotalSeconds > 0.2 ? "   (OTHER WORK WAS RUNNING: figures are not clean)" : ""));
            }

            Console.WriteLine($"   checked: {References.Count:N0} distinct references on the confirmation pages; referrals stored during this level {StoredReferrals:N0} " +
                              $"(= {Run.Succeeded:N0} measured + {Warmup:N0} warm-up: {(Durable ? "yes" : "NO")})");
        }
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private sealed record Counts(long Referrals, long OutboxTotal, long OutboxPending, long OutboxSent, long OutboxFailed, long EmlFiles)
    {
        /// <summary><paramref name="database"/>: the SQLite file, or an Npgsql connection string (it contains "Host=").</summary>
        public static Counts Read(string database, string[] pickups)
        {
            // Read-only, beside the running portal (WAL mode lets readers run next to its writer); the names are
            // quoted because PostgreSQL keeps EF's mixed case only in quotes (SQLite accepts either).
            using DbConnection connection = database.Contains("Host=", StringComparison.OrdinalIgnoreCase)
                ? new NpgsqlConnection(database)
                : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
            connection.Open();
            long Scalar(string sql)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            var eml = pickups.Sum(pickup => Directory.Exists(pickup) ? Directory.EnumerateFiles(pickup, "*.eml").LongCount() : 0);
            return new Counts(
                Scalar("SELECT COUNT(*) FROM \"Referrals_Referrals\""),
                Scalar("SELECT COUNT(*) FROM \"Email_Outbox\""),
                Scalar("SELECT COUNT(*) FROM \"Email_Outbox\" WHERE \"Status\" IN (0, 1)"),
                Scalar("SELECT COUNT(*) FROM \"Email_Outbox\" WHERE \"Status\" = 2"),
                Scalar("SELECT COUNT(*) FROM \"Email_Outbox\" WHERE \"Status\" = 3"),
                eml);
        }

        public override string ToString() =>
            $"{Referrals:N0} referrals; outbox {OutboxTotal:N0} messages ({OutboxPending:N0} pending/sending, {OutboxSent:N0} sent, {OutboxFailed:N0} failed); {EmlFiles:N0} .eml files";
    }

    /// <summary>CPU time of the given processes (user + system; with <c>children</c>, also their live children and the
    /// children they have reaped: a postmaster's backends, nginx's workers) and of the whole machine, from /proc.</summary>
    private readonly record struct CpuSample(bool Known, double ProcessSeconds, double MachineBusyPercent, long MachineTotal, long MachineIdle)
    {
        private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

        /// <summary>In a difference of two samples: CPU seconds the whole machine was busy (all CPUs).</summary>
        public double MachineBusySeconds => (MachineTotal - MachineIdle) / TicksPerSecond;

        public static CpuSample Take(int[] pids, bool children)
        {
            if (pids.Length == 0 || pids.Any(pid => !File.Exists($"/proc/{pid}/stat")))
            {
                return default;
            }

            // Fields after "(comm) ": [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
            static string[]? Fields(string path)
            {
                try
                {
                    var stat = File.ReadAllText(path);
                    return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                }
                catch (IOException)
                {
                    return null;   // the process ended meanwhile
                }
            }

            static long L(string v) => long.Parse(v, CultureInfo.InvariantCulture);
            var ticks = 0L;
            foreach (var pid in pids)
            {
                var fields = Fields($"/proc/{pid}/stat");
                if (fields is null)
                {
                    continue;
                }

                ticks += L(fields[11]) + L(fields[12]) + (children ? L(fields[13]) + L(fields[14]) : 0);
                if (children)
                {
                    foreach (var dir in Directory.EnumerateDirectories("/proc"))
                    {
                        if (int.TryParse(Path.GetFileName(dir), out _) && Fields(Path.Combine(dir, "stat")) is { } child && child[1] == pid.ToString(CultureInfo.InvariantCulture))
                        {
                            ticks += L(child[11]) + L(child[12]);
                        }
                    }
                }
            }

            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new CpuSample(true, ticks / TicksPerSecond, 0, cpu.Sum(), cpu[3] + cpu[4]);
        }

        public static CpuSample operator -(CpuSample after, CpuSample before)
        {
            if (!after.Known || !before.Known)
            {
                return default;
            }

            var total = after.MachineTotal - before.MachineTotal;
            var idle = after.MachineIdle - before.MachineIdle;
            return new CpuSample(true, after.ProcessSeconds - before.ProcessSeconds, total > 0 ? 100.0 * (total - idle) / total : 0, total, idle);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("SB-[2-9A-Z]{4}-[2-9A-Z]{2}")]
    private static partial Regex ReferencePattern();

    private sealed record Options(string Url, string[] DataFolders, int Sessions, int Warmup, int[] Concurrency, int PrepareConcurrency, int MailWaitSeconds,
        int[] PortalPids, string? Postgres, Dictionary<string, int> AuxPids)
    {
        public static Options? Parse(string[] args)
        {
            var o = new Options("", [], 1000, 100, [8, 32], 8, 180, [], null, []);
            try
            {
                for (var i = 0; i < args.Length; i++)
                {
                    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                    int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
                    switch (args[i])
                    {
                        case "--url": o = o with { Url = Value() }; break;
                        case "--data": o = o with { DataFolders = Value().Split(',').Select(Path.GetFullPath).ToArray() }; break;
                        case "--sessions": o = o with { Sessions = Int() }; break;
                        case "--warmup": o = o with { Warmup = Int() }; break;
                        case "--concurrency": o = o with { Concurrency = Value().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() }; break;
                        case "--prepare-concurrency": o = o with { PrepareConcurrency = Int() }; break;
                        case "--mail-wait": o = o with { MailWaitSeconds = Int() }; break;
                        case "--portal-pid": o = o with { PortalPids = Value().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() }; break;
                        case "--postgres": o = o with { Postgres = Value() }; break;
                        case "--aux-pids": o = o with { AuxPids = Value().Split(',').Select(v => v.Split('=')).ToDictionary(kv => kv[0], kv => int.Parse(kv[1], CultureInfo.InvariantCulture)) }; break;
                        default: throw new ArgumentException($"Unknown argument {args[i]}");
                    }
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(ex.Message);
                o = o with { Url = "" };
            }

            if (o.Url.Length == 0 || o.DataFolders.Length == 0 || o.Sessions < 1 || o.Warmup < 0 || o.Concurrency.Length == 0 || o.Concurrency.Any(c => c < 1) || o.PrepareConcurrency < 1)
            {
                Console.Error.WriteLine("usage: referral-submit --url http://127.0.0.1:PORT --data PORTAL_DATA_FOLDER[,NODE2_DATA_FOLDER] [--sessions 1000] [--warmup 100] " +
                                        "[--concurrency 8,32] [--prepare-concurrency 8] [--mail-wait 180] [--portal-pid PID[,PID2]] " +
                                        "[--postgres NPGSQL_CONNECTION_STRING] [--aux-pids name=PID,...  (CPU of these and their children, e.g. nginx=, postgres=)]");
                return null;
            }

            return o;
        }
    }
}
