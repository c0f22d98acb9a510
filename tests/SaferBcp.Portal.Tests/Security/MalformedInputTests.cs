using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SaferBcp.Portal.Tests.Security;

/// <summary>
/// Thousands of generated bad requests (odd content types and character sets, broken multipart bodies, oversize fields and
/// bodies, invalid UTF-8, hostile query values, unknown form fields, wrong methods) against every public address of the
/// starting site: none may answer 5xx or show a stack trace. The generator is seeded, so a failure repeats.
/// </summary>
public sealed partial class MalformedInputTests
{
    private const int Seed = 20261207;
    private const int MinimumRequests = 5000;

    /// <summary>One bad request: how it is made, and a name for the report.</summary>
    private sealed record Attack(string Name, Func<string, Random, HttpRequestMessage> Make);

    [Fact]
    public async Task Thousands_of_malformed_requests_to_public_addresses_get_no_5xx_and_no_stack_trace()
    {
        using var portal = new PortalFactory().With("Forms:RateLimitPermits", "1000000");
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        // An antiforgery cookie and token, so that many posts get past the token check into model binding and the actions.
        using var signIn = await client.GetAsync("/account/sign-in");
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = PortalFactory.AntiforgeryToken(await signIn.Content.ReadAsStringAsync());

        var facts = await SiteFacts.ReadAsync(portal);
        var routes = PublicRoutes(facts);
        var attacks = Attacks(token);

        // Every route and every attack at least once, then random pairs until there are enough.
        var random = new Random(Seed);
        var plan = new List<(string Route, Attack Attack, int Seed)>();
        for (var i = 0; i < Math.Max(routes.Count, attacks.Count); i++)
        {
            plan.Add((routes[i % routes.Count], attacks[i % attacks.Count], random.Next()));
        }

        while (plan.Count < MinimumRequests + 200)
        {
            plan.Add((routes[random.Next(routes.Count)], attacks[random.Next(attacks.Count)], random.Next()));
        }

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, cancellationToken) =>
        {
            using var request = item.Attack.Make(item.Route, new Random(item.Seed));
            if (!request.Headers.Contains("Cookie"))
            {
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
            }

            var described = $"{item.Attack.Name} {request.Method} {Shorten(request.RequestUri?.OriginalString)}";
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} for {described}");
                }

                if (StackTrace().Match(body) is { Success: true } trace)
                {
                    failures.Add($"Stack trace (\"{trace.Value}\") in the answer to {described}");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The in-process server rethrows what nothing in the portal handled: that would be a 500.
                failures.Add($"Unhandled {exception.GetType().Name} for {described}: {exception.Message}");
            }
        });

        Assert.True(plan.Count >= MinimumRequests);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {plan.Count} requests failed ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}):\n" + string.Join("\n", failures.Take(40)));

        // The sweep reached the portal's own code: some requests were refused as unreadable, some answered normally.
        Assert.True(statuses.ContainsKey(200) && statuses.ContainsKey(400) && statuses.ContainsKey(415), string.Join(", ", statuses.Keys));
    }

    /// <summary>
    /// Every public address: the endpoints without parameters that anyone may use, and the starting site's content, forms,
    /// surveys, data and Safe Places filling in those with parameters.
    /// </summary>
    private static List<string> PublicRoutes(SiteFacts facts)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in facts.Endpoints)
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Count == 0 && endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && !(pattern.RawText ?? "").StartsWith("admin", StringComparison.Ordinal))
            {
                routes.Add("/" + (pattern.RawText ?? "").TrimStart('/'));
            }
        }

        routes.UnionWith(facts.ContentPaths);
        routes.UnionWith(facts.FormPages);
        routes.Add($"/data/{facts.IndicatorCode}");
        routes.Add("/surveys/no-such-survey/results");
        routes.Add("/safe-places/no-such-place");
        routes.Add("/search?q=domestic+abuse");
        routes.Add("/safe-places?postcode=BH1+1AA");
        if (facts.MediaUrl is { } media)
        {
            routes.Add(media);
        }

        if (facts.SafePlacePath is { } place)
        {
            routes.Add(place);
        }

        routes.Remove("/error");
        routes.RemoveWhere(r => r.StartsWith("/status", StringComparison.Ordinal));
        return [.. routes.Order(StringComparer.Ordinal)];
    }

    private static readonly string[] HostileValues =
    [
        new string('a', 10_000),
        "%00", "a%00b", "%01%02%03%1F%7F", "%0D%0ASet-Cookie:%20x=1", "%0d%0aLocation:%20https://evil.example",
        "../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%5c%2e%2e%5cwindows%5cwin.ini",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22%3E%3Csvg%20onload%3Dalert(1)%3E", "javascript:alert(1)",
        "'%20OR%20'1'%3D'1", "1%3B%20DROP%20TABLE%20Referrals--", "%7B%7B7*7%7D%7D", "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D",
        "%FF%FE", "%C0%AF", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%",  "%zz", "%u0000",
        "https://evil.example/", "//evil.example", "\\\\evil.example\\share", "-1", "99999999999999999999999", "NaN", "1e308",
    ];

    private static readonly string[] QueryNames = ["q", "page", "postcode", "returnUrl", "ReturnUrl", "code", "required", "category", "area", "open", "lat", "lng", "id", "slug"];

    private static List<Attack> Attacks(string token)
    {
        var attacks = new List<Attack>();

        // Hostile query values, on every known query name and an unknown one.
        foreach (var value in HostileValues)
        {
            attacks.Add(new Attack("query", (route, random) =>
                new HttpRequestMessage(HttpMethod.Get, $"{route}{(route.Contains('?', StringComparison.Ordinal) ? "&" : "?")}{QueryNames[random.Next(QueryNames.Length)]}={value}&unknown-{random.Next(100)}={value}")));
        }

        // A NUL in the path is refused by the server itself (Kestrel answers 400; the in-process test server throws).
        var pathValues = HostileValues.Where(v => !v.Contains("%00", StringComparison.Ordinal)).ToArray();
        attacks.Add(new Attack("path-suffix", (route, random) => new HttpRequestMessage(HttpMethod.Get, $"{Strip(route).TrimEnd('/')}/{pathValues[random.Next(pathValues.Length)]}")));
        attacks.Add(new Attack("path-invalid-utf8", (route, _) => new HttpRequestMessage(HttpMethod.Get, $"{Strip(route)}%FF%C0%AF")));
        attacks.Add(new Attack("path-encoded-slash", (route, _) => new HttpRequestMessage(HttpMethod.Get, $"{Strip(route)}%2F..%2F..%2Fadmin")));

        // Form posts in character sets and content types the portal does not read.
        foreach (var contentType in new[]
        {
            "application/x-www-form-urlencoded; charset=utf-7", "application/x-www-form-urlencoded; charset=UTF-7",
            "application/x-www-form-urlencoded; charset=unknown-8", "application/x-www-form-urlencoded; charset=",
            "application/x-www-form-urlencoded; charset=\"utf-16\"", "application/x-www-form-urlencoded; charset=utf-32",
            "application/x-www-form-urlencoded; charset=ibm037", "application/x-www-form-urlencoded; charset=\"", "application/x-www-form-urlencoded;;;",
            "multipart/form-data; charset=utf-7; boundary=xyz", "text/plain", "application/json", "application/xml", "text/xml",
            "application/octet-stream", "x/y", "*/*", "application/x-www-form-urlencoded, multipart/form-data",
        })
        {
            attacks.Add(new Attack($"content-type[{contentType}]", (route, random) => Post(route, FormBody(token, random), contentType)));
        }

        attacks.Add(new Attack("no-content-type", (route, random) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Strip(route)) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(FormBody(token, random))) };
            request.Content.Headers.ContentType = null;
            return request;
        }));
        attacks.Add(new Attack("xxe", (route, _) => Post(route,
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>", "application/xml")));
        attacks.Add(new Attack("json-body", (route, _) => Post(route, "{\"__proto__\":{\"admin\":true},\"q\":[1,{\"$where\":\"1\"}]", "application/json")));

        // Broken multipart bodies.
        attacks.Add(new Attack("multipart-no-boundary", (route, random) => Post(route, $"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n", "multipart/form-data")));
        attacks.Add(new Attack("multipart-long-boundary", (route, _) => Post(route, "--" + new string('b', 200) + "\r\n\r\n", "multipart/form-data; boundary=" + new string('b', 200))));
        attacks.Add(new Attack("multipart-truncated", (route, _) => Post(route,
            $"--xyz\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--xyz\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nhal", "multipart/form-data; boundary=xyz")));
        attacks.Add(new Attack("multipart-wrong-boundary", (route, _) => Post(route, "--abc\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nx\r\n--abc--\r\n", "multipart/form-data; boundary=xyz")));
        attacks.Add(new Attack("multipart-no-disposition", (route, _) => Post(route, "--xyz\r\nContent-Type: text/plain\r\n\r\nx\r\n--xyz--\r\n", "multipart/form-data; boundary=xyz")));
        attacks.Add(new Attack("multipart-garbage-headers", (route, random) => Post(route,
            $"--xyz\r\n{new string('h', 20_000)}: {new string('v', 20_000)}\r\n\r\nx\r\n--xyz--\r\n", "multipart/form-data; boundary=xyz")));
        attacks.Add(new Attack("multipart-file", (route, _) => Post(route,
            $"--xyz\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.svg\"\r\nContent-Type: image/svg+xml\r\n\r\n<svg onload=alert(1)/>\r\n--xyz--\r\n",
            "multipart/form-data; boundary=xyz")));
        attacks.Add(new Attack("multipart-many-parts", (route, _) => Post(route,
            string.Concat(Enumerable.Range(0, 1200).Select(i => $"--xyz\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + "--xyz--\r\n", "multipart/form-data; boundary=xyz")));

        // Oversize fields and bodies, too many fields, long keys.
        attacks.Add(new Attack("oversize-field", (route, random) => Post(route, $"__RequestVerificationToken={Uri.EscapeDataString(token)}&q={new string('x', 200_000)}&name={new string('y', 50_000)}", "application/x-www-form-urlencoded")));
        attacks.Add(new Attack("oversize-body", (route, _) => Post(route, $"__RequestVerificationToken={Uri.EscapeDataString(token)}&q={new string('x', 5_000_000)}", "application/x-www-form-urlencoded")));
        attacks.Add(new Attack("too-many-fields", (route, _) => Post(route, string.Join("&", Enumerable.Range(0, 3000).Select(i => $"f{i}=v")), "application/x-www-form-urlencoded")));
        attacks.Add(new Attack("long-key", (route, _) => Post(route, new string('k', 5000) + "=v", "application/x-www-form-urlencoded")));

        // Invalid UTF-8, percent-encoded and raw.
        attacks.Add(new Attack("form-invalid-utf8-encoded", (route, _) => Post(route, $"__RequestVerificationToken={Uri.EscapeDataString(token)}&q=%FF%FE%C0%AF&name=%C3%28&%ED%A0%80=%F4%90%80%80", "application/x-www-form-urlencoded")));
        attacks.Add(new Attack("form-invalid-utf8-raw", (route, _) =>
        {
            var bytes = Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&q=").Concat(new byte[] { 0xFF, 0xFE, 0xC0, 0xAF, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x00 }).ToArray();
            var request = new HttpRequestMessage(HttpMethod.Post, Strip(route)) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
            return request;
        }));

        // Unknown and hostile form fields, with a valid token so they reach the actions.
        attacks.Add(new Attack("unknown-fields", (route, random) => Post(route, FormBody(token, random), "application/x-www-form-urlencoded")));
        attacks.Add(new Attack("hostile-fields", (route, random) => Post(route,
            $"__RequestVerificationToken={Uri.EscapeDataString(token)}&" + string.Join("&", Enumerable.Range(0, 8).Select(i => $"{Field(random)}={HostileValues[random.Next(HostileValues.Length)]}")),
            "application/x-www-form-urlencoded")));
        attacks.Add(new Attack("no-token", (route, random) => Post(route, "q=x&UserName=admin&Password=x", "application/x-www-form-urlencoded")));
        attacks.Add(new Attack("bad-token", (route, random) => Post(route, "__RequestVerificationToken=CfDJ8" + new string('A', 100) + "&q=x", "application/x-www-form-urlencoded")));

        // Wrong methods.
        foreach (var method in new[] { "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECT-X" })
        {
            attacks.Add(new Attack($"method[{method}]", (route, random) => new HttpRequestMessage(new HttpMethod(method), route) { Content = new StringContent(FormBody(token, random), Encoding.UTF8, "application/x-www-form-urlencoded") }));
        }

        attacks.Add(new Attack("head", (route, _) => new HttpRequestMessage(HttpMethod.Head, route)));

        // Hostile headers.
        attacks.Add(new Attack("hostile-headers", (route, random) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.TryAddWithoutValidation("Cookie", "saferbcp-staff=" + new string('Z', 3000) + "; saferbcp-form=%FF%00");
            request.Headers.TryAddWithoutValidation("Accept-Language", "xx-INVALID;q=abc, ;;;,*;q=2");
            request.Headers.TryAddWithoutValidation("If-None-Match", "\"unterminated");
            request.Headers.TryAddWithoutValidation("If-Modified-Since", "yesterday");
            request.Headers.TryAddWithoutValidation("Range", "bytes=99999999-1,-0,abc");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "not-an-address");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "evil.example");
            request.Headers.TryAddWithoutValidation("Referer", "javascript:alert(1)");
            return request;
        }));
        attacks.Add(new Attack("other-host", (route, _) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.Host = "evil.example";
            return request;
        }));

        return attacks;
    }

    private static HttpRequestMessage Post(string route, string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Strip(route)) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return request;
    }

    private static string FormBody(string token, Random random) =>
        $"__RequestVerificationToken={Uri.EscapeDataString(token)}&" + string.Join("&", Enumerable.Range(0, random.Next(1, 12)).Select(_ => $"{Field(random)}={Uri.EscapeDataString(Value(random))}"));

    private static readonly string[] FieldNames = ["q", "UserName", "Password", "Code", "ReturnUrl", "postcode", "who", "what", "where", "answer", "value", "name", "email", "phone", "__honeypot", "submissionKey", "page", "Status"];

    private static string Field(Random random) => random.Next(3) == 0 ? $"unknown{random.Next(1000)}[{random.Next(9)}].x" : FieldNames[random.Next(FieldNames.Length)];

    private static string Value(Random random) => random.Next(4) switch
    {
        0 => new string((char)random.Next(1, 0x2000), random.Next(1, 300)),
        1 => Uri.UnescapeDataString(HostileValues[random.Next(HostileValues.Length)].Replace("%", "%25", StringComparison.Ordinal)),
        2 => string.Concat(Enumerable.Range(0, random.Next(1, 50)).Select(_ => (char)random.Next(0, 32))),
        _ => "yes",
    };

    private static string Strip(string route) => route.Split('?')[0];

    private static string Shorten(string? text) => text is null ? "" : text.Length > 160 ? text[..160] + "…" : text;

    /// <summary>What leaks from an unhandled exception: ".NET stack frames" and exception type names.</summary>
    [GeneratedRegex(@"   at [\w.`<>]+\(|\b[A-Z]\w*Exception\b|System\.[A-Z]\w+\.|Microsoft\.AspNetCore\.\w+")]
    private static partial Regex StackTrace();
}
