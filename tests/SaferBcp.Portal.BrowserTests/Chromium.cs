namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// Finds and launches the Chromium that the browser tests drive. In this order:
/// <list type="number">
/// <item>Playwright's own browser, if `playwright install` was ever run on this machine (it is never run here:
/// nothing can be downloaded, so this is only for a developer's machine that has it);</item>
/// <item>the executable named by the environment variable <c>SAFERBCP_CHROMIUM</c>;</item>
/// <item>Debian's <c>/usr/bin/chromium</c>.</item>
/// </list>
/// <c>SAFERBCP_IGNORE_SYSTEM_CHROMIUM=1</c> leaves out 1 and 3, so that only <c>SAFERBCP_CHROMIUM</c> is tried: it exists
/// to check the "no browser" path (skip, or failure with <c>SAFERBCP_REQUIRE_BROWSER=1</c>) on a machine that has one.
/// </summary>
public static class Chromium
{
    public const string ExecutableVariable = "SAFERBCP_CHROMIUM";
    public const string IgnoreSystemVariable = "SAFERBCP_IGNORE_SYSTEM_CHROMIUM";
    public const string RequireVariable = "SAFERBCP_REQUIRE_BROWSER";
    public const string SystemPath = "/usr/bin/chromium";

    /// <summary>
    /// Root may not use Chromium's sandbox; no GPU in a container; and no traffic of Chromium's own (updates, sync,
    /// QUIC probes). The host resolver rule makes every name but the portal's loopback address unresolvable, so a page
    /// can never reach another site (the exit page's neutral site, a stray font or analytics script).
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ];

    /// <summary>True when a missing browser must fail the tests rather than skip them (CI sets it).</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Launches the first browser that starts, or returns why none did.</summary>
    public static async Task<(IBrowser? Browser, string Description)> LaunchAsync(IPlaywright playwright)
    {
        var reasons = new List<string>();
        var ignoreSystem = Environment.GetEnvironmentVariable(IgnoreSystemVariable) == "1";
        var candidates = new List<(string Name, string? Path)>();
        if (ignoreSystem)
        {
            reasons.Add($"{IgnoreSystemVariable}=1: Playwright's own browser and {SystemPath} are not tried");
        }
        else
        {
            candidates.Add(("Playwright's own Chromium", null));
        }

        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            reasons.Add($"{ExecutableVariable} is not set");
        }
        else
        {
            candidates.Add(($"{ExecutableVariable}={configured}", configured));
        }

        if (!ignoreSystem)
        {
            candidates.Add((SystemPath, SystemPath));
        }

        foreach (var (name, path) in candidates)
        {
            if (path is not null && !File.Exists(path))
            {
                reasons.Add($"{name}: no such file");
                continue;
            }

            try
            {
                var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = path,
                    Headless = true,
                    Args = Arguments,
                    Timeout = 30_000,
                });
                return (browser, $"{name} {browser.Version}");
            }
            catch (PlaywrightException ex)
            {
                reasons.Add($"{name}: {FirstLine(ex.Message)}");
            }
        }

        return (null, "No Chromium could be started for the browser tests (" + string.Join("; ", reasons) +
            $"). Install one (on Debian: apt-get install chromium) or set {ExecutableVariable} to its executable.");
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
