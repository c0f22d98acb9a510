using System.Diagnostics;
using Npgsql;

namespace SaferBcp.Testing;

/// <summary>
/// A real PostgreSQL server for the tests, found in this order:
/// <list type="number">
/// <item>the server named by <c>SAFERBCP_POSTGRES</c>, a connection string whose user may create databases
/// (<c>.ci/run</c> starts a throwaway one and sets it);</item>
/// <item>a throwaway server this test process starts itself from the PostgreSQL binaries on the machine
/// (Debian's <c>/usr/lib/postgresql/*/bin</c>, or <c>SAFERBCP_POSTGRES_BIN</c>): initdb into a temporary folder, a free
/// loopback port, stopped when the process ends.</item>
/// </list>
/// With neither, PostgreSQL tests are skipped with the reason, unless <c>SAFERBCP_REQUIRE_POSTGRES=1</c> (set by
/// <c>.ci/run</c>) turns that into a failure. Each test gets a database of its own.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string ConnectionVariable = "SAFERBCP_POSTGRES";
    public const string BinariesVariable = "SAFERBCP_POSTGRES_BIN";
    public const string RequireVariable = "SAFERBCP_REQUIRE_POSTGRES";

    private static readonly Lazy<(PostgresServer? Server, string Reason)> Shared = new(Find, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _folder;
    private readonly string? _binaries;

    private PostgresServer(string adminConnectionString, string? folder, string? binaries, int port)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
        Port = port;
    }

    /// <summary>A connection string to the server's "postgres" database, as a user that may create databases.</summary>
    public string AdminConnectionString { get; }

    public int Port { get; }

    /// <summary>True when a missing server must fail the tests rather than skip them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The shared server; throws (skip or failure) when there is none.</summary>
    public static PostgresServer Get()
    {
        var (server, reason) = Shared.Value;
        if (server is not null)
        {
            return server;
        }

        var message = "PostgreSQL is not available, so the PostgreSQL tests cannot run: " + reason
            + $". Install it (Debian: apt-get install postgresql) or set {ConnectionVariable} to a connection string.";
        if (Required)
        {
            throw new InvalidOperationException(message + $" ({RequireVariable}=1 makes this a failure.)");
        }

        throw new Xunit.SkipException(message);
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "portal")
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 30 }.ToString();
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Starts a server of its own (not the shared one), for tests that stop and restart it.</summary>
    public static PostgresServer StartOwn()
    {
        var binaries = FindBinaries() ?? throw new Xunit.SkipException("PostgreSQL's binaries (initdb, pg_ctl) are not on this machine");
        return Start(binaries);
    }

    /// <summary>Stops the server (a fast shutdown: sessions are ended, as when a database host restarts).</summary>
    public void Stop() => PgCtl($"-D {Data} -m fast -w stop");

    /// <summary>Starts the server again after <see cref="Stop"/>, on the same port and data.</summary>
    public void Restart() => PgCtl($"-D {Data} -l {_folder}/log -w -o \"{ServerOptions(Port, _folder!)}\" start");

    private string Data => Path.Combine(_folder ?? throw new InvalidOperationException("Only a server this process started can be stopped"), "data");

    private static (PostgresServer?, string) Find()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } configured)
        {
            return (new PostgresServer(configured, null, null, new NpgsqlConnectionStringBuilder(configured).Port), "");
        }

        var binaries = FindBinaries();
        if (binaries is null)
        {
            return (null, $"{ConnectionVariable} is not set and no initdb was found under /usr/lib/postgresql/*/bin or in {BinariesVariable}");
        }

        try
        {
            var server = Start(binaries);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return (server, "");
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return (null, "a throwaway server could not be started: " + e.Message);
        }
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
    }

    private static PostgresServer Start(string binaries)
    {
        var folder = Path.Combine(Path.GetTempPath(), "saferbcp-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var port = LoopbackPort.Free();
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", folder, binaries, port);
        server.Run("initdb", $"-D {server.Data} -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8");
        server.Restart();
        return server;
    }

    /// <summary>fsync off: a test server's data need not survive a power cut, and this makes it several times faster.</summary>
    private static string ServerOptions(int port, string folder) =>
        $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";

    private void PgCtl(string arguments) => Run("pg_ctl", arguments);

    /// <summary>PostgreSQL refuses to run as root, so as root its programs run as the "postgres" user (Debian's package makes it).</summary>
    private void Run(string program, string arguments)
    {
        var executable = Path.Combine(_binaries!, program);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Process.Start("chown", $"-R postgres {_folder}")!.WaitForExit();
        }

        var start = asRoot
            ? new ProcessStartInfo("su", ["postgres", "-s", "/bin/sh", "-c", $"{executable} {arguments}"])
            : new ProcessStartInfo(executable, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error} {output.Result}".Trim());
        }
    }


    public void Dispose()
    {
        if (_folder is null)
        {
            return;
        }

        try
        {
            PgCtl($"-D {Data} -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
