using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.KeyRing;
using SaferBcp.Cms.Security;

namespace SaferBcp.Testing;

/// <summary>
/// The whole portal, as `dotnet run` builds it, over a SQLite file in a fresh temporary data folder, or over a fresh
/// PostgreSQL database (<see cref="DefaultProvider"/>, set by the PostgreSQL copy of the integration tests, with the test
/// process's key protection certificate): migrations, the real setup recipe and the first administrator happen at start-up.
/// </summary>
public partial class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Quay-Lantern-Thistle-81";
    public const string StaffPassword = "Heron-Pebble-Orchard-64";

    /// <summary>Where the test clients (http://localhost) find the portal; override with With("Portal:PublicAddress", …).</summary>
    public const string DefaultPublicAddress = "http://localhost";

    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];
    private Xunit.SkipException? _unavailable;
    private bool _ownsStorage = true;
    private bool _ownsDatabase = true;
    private bool _adminTwoFactorAtStart = true;

    /// <summary>One public constructor, as xunit requires of a class fixture; the provider is <see cref="DefaultProvider"/>.</summary>
    public PortalFactory()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "saferbcp-portal-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(DataFolder);
        DatabaseFile = Path.Combine(DataFolder, "portal.db");
        Provider = DefaultProvider;
        if (Provider == DatabaseProvider.Postgres)
        {
            try
            {
                ConnectionString = PostgresServer.Get().CreateDatabaseAsync().GetAwaiter().GetResult();
            }
            catch (Xunit.SkipException unavailable)
            {
                // Thrown when the portal is first used, inside a test, where it reads as "skipped": a class fixture's
                // constructor that throws would fail every test of the class instead.
                _unavailable = unavailable;
            }
        }
    }

    private PortalFactory(PortalFactory other, bool sameDataFolder)
    {
        Provider = other.Provider;
        ConnectionString = other.ConnectionString;
        DatabaseFile = other.DatabaseFile;
        if (sameDataFolder)
        {
            DataFolder = other.DataFolder;
            other._ownsStorage = false;
        }
        else
        {
            DataFolder = Path.Combine(Path.GetTempPath(), "saferbcp-portal-" + Guid.NewGuid().ToString("N")[..10]);
            Directory.CreateDirectory(DataFolder);
            _ownsDatabase = false;
        }
    }

    /// <summary>
    /// The same portal started again (same data folder and database), as after a restart. It takes over the storage:
    /// disposing <paramref name="previous"/> afterwards stops it without deleting anything.
    /// </summary>
    public static PortalFactory Restarted(PortalFactory previous) => new(previous, sameDataFolder: true);

    /// <summary>
    /// A second node of the same site: the same database (on SQLite, the first node's file), a data folder of its own.
    /// Dispose it before <paramref name="first"/>.
    /// </summary>
    public static PortalFactory AnotherNode(PortalFactory first) => new(first, sameDataFolder: false);

    /// <summary>The provider every factory uses: SQLite, unless a test assembly says <see cref="PortalTestsOnPostgresAttribute"/>.</summary>
    public static DatabaseProvider DefaultProvider =>
        PortalTestsOnPostgresAttribute.Requested ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public DatabaseProvider Provider { get; }

    /// <summary>The PostgreSQL database of this portal alone; on SQLite null, or another node's file (<see cref="AnotherNode"/>).</summary>
    public string? ConnectionString { get; }

    public string DataFolder { get; }

    /// <summary>Each factory is a node of its own (change-log cursors are kept per node).</summary>
    public string NodeId { get; } = "test-node-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The portal's clock: 27 November 2026 at noon (UTC) when the factory is made, then real time.</summary>
    public TimeProvider Clock { get; } = new PinnedClock(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The SQLite file: in the data folder, but a second node uses the first node's.</summary>
    public string DatabaseFile { get; }

    /// <summary>Portal:ConnectionString: the PostgreSQL database, or the SQLite file when it is not in this node's data folder.</summary>
    private string? ConnectionSetting =>
        Provider == DatabaseProvider.Postgres ? ConnectionString
        : DatabaseFile == Path.Combine(DataFolder, "portal.db") ? null
        : $"Data Source={DatabaseFile}";

    /// <summary>Adds or overrides a configuration value; call before the first client is created.</summary>
    public PortalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Leaves the first administrator as setup creates it, without two-factor authentication (by default the factory
    /// gives it the authenticator key of <see cref="StaffAuthenticator.KeyFor"/> once the portal has started).
    /// </summary>
    public PortalFactory WithoutAdminTwoFactor()
    {
        _adminTwoFactorAtStart = false;
        return this;
    }

    /// <summary>Changes the portal's services after every module has added its own; call before the first client is created.</summary>
    public PortalFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_unavailable is not null)
        {
            throw _unavailable;
        }

        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:DataFolder", DataFolder);
        builder.UseSetting("Portal:DatabaseProvider", Provider.ToString());
        builder.UseSetting("Portal:ConnectionString", ConnectionSetting);
        builder.UseSetting("Portal:Admin:UserName", AdminUser);
        builder.UseSetting("Portal:Admin:Password", AdminPassword);
        builder.UseSetting("Portal:PublicAddress", DefaultPublicAddress);
        builder.UseSetting("Portal:NodeId", NodeId);
        if (Provider == DatabaseProvider.Postgres)
        {
            // PostgreSQL keeps the key ring in the database and will not start without a certificate to encrypt it.
            builder.UseSetting(KeyProtectionCertificate.PathSetting, TestCertificates.Shared);
            builder.UseSetting(KeyProtectionCertificate.PasswordSetting, TestCertificates.Password);
        }

        // Every test signs staff in from the same (test server) address; a test of the limit sets its own.
        builder.UseSetting("Portal:SignIn:AttemptsPerAddress", "100000");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Clock);
            _services.ForEach(configure => configure(services));
        });
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (_adminTwoFactorAtStart)
        {
            EnrolInTwoFactorAsync(host.Services, AdminUser).GetAwaiter().GetResult();
        }

        return host;
    }

    /// <summary>
    /// Starts the portal on Kestrel on a free loopback port (for a real browser) and returns its address. Unless a test
    /// set another, the public address is http://127.0.0.1: the portal compares host names only, so any port will do.
    /// </summary>
    public string StartRealServer()
    {
        _settings.TryAdd("Portal:PublicAddress", "http://127.0.0.1");
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each response.</summary>
    public HttpClient Browser(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });

    /// <summary>
    /// A member of staff with the password <see cref="StaffPassword"/>, the given roles and two-factor authentication
    /// on, with the authenticator key <see cref="StaffAuthenticator.KeyFor"/>(userName), as every staff account must have.
    /// </summary>
    public async Task CreateStaffAsync(string userName, params string[] roles)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            if (await users.FindByNameAsync(userName) is not null)
            {
                return;
            }

            var user = new PortalUser { UserName = userName, Email = userName + "@example.org", EmailConfirmed = true, CreatedUtc = DateTime.UtcNow };
            var result = await users.CreateAsync(user, StaffPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            await users.AddToRolesAsync(user, roles);
        }

        await EnrolInTwoFactorAsync(Services, userName);
    }

    /// <summary>
    /// A member of staff without two-factor authentication, as an account is before its first sign-in (or after an
    /// administrator reset it).
    /// </summary>
    public async Task CreateStaffWithoutTwoFactorAsync(string userName, params string[] roles)
    {
        await CreateStaffAsync(userName, roles);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    /// <summary>Gives an account the authenticator key <see cref="StaffAuthenticator.KeyFor"/>(userName) and turns two-factor on.</summary>
    public static async Task EnrolInTwoFactorAsync(IServiceProvider services, string userName)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No account {userName}");
        var key = StaffAuthenticator.KeyFor(userName);
        if (user.TwoFactorEnabled && await users.GetAuthenticatorKeyAsync(user) == key)
        {
            return;
        }

        var store = (IUserAuthenticatorKeyStore<PortalUser>)scope.ServiceProvider.GetRequiredService<IUserStore<PortalUser>>();
        await store.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    /// <summary>
    /// Signs in through the real sign-in form and, when the account has two-factor on, the real code page with the
    /// code its authenticator app (<see cref="StaffAuthenticator"/>) shows now. An account without two-factor is left
    /// signed in but held to the page that sets it up.
    /// </summary>
    public static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/account/sign-in");
        using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }

        var location = response.Headers.Location!.OriginalString;
        if (!location.Contains("/account/two-factor-sign-in", StringComparison.Ordinal))
        {
            return;
        }

        var page = await client.GetStringAsync(location);
        using var second = await client.PostAsync(location, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = StaffAuthenticator.CodeNow(StaffAuthenticator.KeyFor(userName)),
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        if (second.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The two-factor step for {userName} failed: {(int)second.StatusCode}");
        }
    }

    /// <summary>
    /// Sets up two-factor on the signed-in account through the real page, as a person would: reads the key the page
    /// shows, enters the code an app given that key shows now. Returns the key and the page of recovery codes.
    /// </summary>
    public static async Task<(string Key, string RecoveryCodesPage)> SetUpTwoFactorAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account/two-factor?required=true");
        var key = WebUtility.HtmlDecode(SharedKeyPattern().Match(page).Groups[1].Value);
        if (key.Length == 0)
        {
            throw new InvalidOperationException("The two-factor page shows no key");
        }

        using var response = await client.PostAsync("/account/two-factor?required=true", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = StaffAuthenticator.CodeNow(key),
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        var html = await response.Content.ReadAsStringAsync();
        if (!html.Contains("Your recovery codes", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Two-factor set-up failed: {(int)response.StatusCode}");
        }

        return (key, html);
    }

    /// <summary>GETs a page with a form and POSTs the form fields given, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(formPage);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsStorage)
        {
            return;
        }

        if (Provider == DatabaseProvider.Postgres && _ownsDatabase && _unavailable is null)
        {
            PostgresServer.Get().DropDatabaseAsync(ConnectionString!).GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=\"shared-key\">([^<]+)<")]
    private static partial Regex SharedKeyPattern();
}
