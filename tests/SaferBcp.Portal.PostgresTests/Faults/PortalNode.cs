using System.Diagnostics;
using System.Net;

namespace SaferBcp.Portal.PostgresTests.Faults;

/// <summary>
/// The portal as production runs it: its own process (the built SaferBcp.Portal.dll), its own port and data folder,
/// configured only through environment variables, so a test can kill it with SIGKILL.
/// </summary>
public sealed class PortalNode : IDisposable
{
    private readonly Process _process;
    private readonly string _dataFolder;

    private PortalNode(Process process, string dataFolder, string address)
    {
        _process = process;
        _dataFolder = dataFolder;
        Address = address;
    }

    public string Address { get; }

    public bool Killed { get; private set; }

    public static PortalNode Start(string nodeId, IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackPort.Free();
        var dataFolder = Path.Combine(Path.GetTempPath(), "saferbcp-node-" + nodeId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataFolder);
        var address = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [PortalAssembly(), "--urls", address])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(PortalAssembly())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataFolder"] = dataFolder;
        start.Environment["Portal__NodeId"] = nodeId;
        start.Environment["Portal__PublicAddress"] = "http://127.0.0.1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PortalNode(process, dataFolder, address);
    }

    /// <summary>Waits until /health/ready answers 200 (migrations and the setup recipe done).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The node at {Address} exited with code {_process.ExitCode}");
            }

            try
            {
                using var ready = await client.GetAsync(Address + "/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The node at {Address} was not ready within {timeout.TotalSeconds} s");
    }

    /// <summary>SIGKILL: no shutdown, no lease given back, nothing flushed.</summary>
    public void Kill()
    {
        Killed = true;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The portal built beside these tests: src/SaferBcp.Portal/bin/{Debug|Release}/net10.0/SaferBcp.Portal.dll.</summary>
    private static string PortalAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "SaferBcp.Portal", "bin", configuration, "net10.0", "SaferBcp.Portal.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("SaferBcp.Portal.dll was not found: build the solution first");
    }

}
