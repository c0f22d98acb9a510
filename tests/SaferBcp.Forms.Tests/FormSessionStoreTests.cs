using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms.Data;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Forms.Tests;

/// <summary>Form sessions on a real SQLite file: encrypted answers, idle expiry, cleanup.</summary>
public sealed class FormSessionStoreTests : IAsyncLifetime, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"forms-sessions-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();
    private SqliteConnection _connection = null!;
    private PortalDatabase _database = null!;
    private FormsDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _connection = new SqliteConnection($"Data Source={_file}");
        await _connection.OpenAsync();
        _database = new PortalDatabase(_connection, DatabaseProvider.Sqlite);
        var options = new DbContextOptionsBuilder<FormsDbContext>();
        options.UsePortalDatabase(DatabaseProvider.Sqlite, _connection, "SaferBcp.Forms", "Forms");
        _db = new FormsDbContext(options.Options, _database);
        await _db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _db?.Dispose();
        _database?.Dispose();
        _connection?.Dispose();
    }

    private FormSessionStore Store(int idleMinutes = 30) =>
        new(_db, _protection, _clock, Options.Create(new FormsOptions { SessionIdleMinutes = idleMinutes }));

    private static FormState State(string name)
    {
        var state = new FormState();
        state.Answers.Set("name", [name]);
        state.CompletedPages.Add("about-you");
        return state;
    }

    [Fact]
    public async Task A_session_is_found_by_its_cookie_token_and_its_answers_come_back()
    {
        var store = Store();
        var (token, _) = await store.CreateAsync("form-1", State("Sam Sessions"));
        Assert.Equal(32, token.Length);

        var found = await store.FindAsync(token, "form-1");
        Assert.NotNull(found);
        Assert.NotEqual(token, found.Id);
        Assert.DoesNotContain("Sam Sessions", found.ProtectedState, StringComparison.Ordinal);
        var state = store.Read(found);
        Assert.Equal("Sam Sessions", state.Answers.First("name"));
        Assert.Contains("about-you", state.CompletedPages);

        Assert.Null(await store.FindAsync(token, "another-form"));
        Assert.Null(await store.FindAsync(FormSessionStore.NewToken(), "form-1"));
        Assert.Null(await store.FindAsync("not-a-token", "form-1"));
    }

    [Fact]
    public async Task A_session_expires_after_the_idle_time_and_activity_keeps_it_alive()
    {
        var store = Store();
        var (token, session) = await store.CreateAsync("form-1", State("Ida Idle"));

        _clock.Advance(TimeSpan.FromMinutes(25));
        await store.TouchAsync(session);
        _clock.Advance(TimeSpan.FromMinutes(25));
        Assert.NotNull(await store.FindAsync(token, "form-1"));

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Null(await store.FindAsync(token, "form-1"));
        Assert.False(await store.ClaimForSubmitAsync(session.Id, "form-1"));
    }

    [Fact]
    public async Task The_cleanup_deletes_only_expired_sessions()
    {
        var store = Store(idleMinutes: 10);
        var (_, old) = await store.CreateAsync("form-1", State("Old"));
        _clock.Advance(TimeSpan.FromMinutes(9));
        var (fresh, _) = await store.CreateAsync("form-1", State("Fresh"));
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, await store.DeleteExpiredAsync());
        Assert.Null(await store.GetAsync(old.Id));
        Assert.NotNull(await store.FindAsync(fresh, "form-1"));
    }

    [Fact]
    public async Task A_submitted_session_forgets_its_answers_and_cannot_be_claimed_again()
    {
        var store = Store();
        var (token, session) = await store.CreateAsync("form-1", State("Sue Submitted"));
        Assert.True(await store.ClaimForSubmitAsync(session.Id, "form-1"));
        await store.MarkSubmittedAsync(session.Id, "REF-1", null);

        var submitted = await store.FindAsync(token, "form-1");
        Assert.Equal("REF-1", submitted!.SubmittedReference);
        Assert.Equal("", submitted.ProtectedState);
        Assert.False(await store.ClaimForSubmitAsync(session.Id, "form-1"));
    }
}
