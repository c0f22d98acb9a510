using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Pages that cannot come from the output cache (no-store forms, the Safe Places locator) are rendered for every
/// visitor. What is the same around every page (site name, menus, campaign banners) must then come from memory, not
/// from the database on each request: under a rush of visitors those queries are where the time went.
/// </summary>
public sealed class PageQueriesTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public PageQueriesTests(PortalFactory portal) => _portal = portal;

    [Theory]
    [InlineData("/support")]
    [InlineData("/support/who")]
    [InlineData("/safe-places")]
    public async Task A_page_rendered_for_every_visitor_does_not_read_the_menus_settings_or_campaigns_each_time(string url)
    {
        using var client = _portal.Browser();
        (await client.GetAsync(url)).EnsureSuccessStatusCode();

        using var commands = new PortalCommands(_portal);
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }

        Assert.Empty(commands.Reading("Menus", "SiteSettings", "Pages_CampaignIndex"));
    }

    [Fact]
    public async Task A_menu_change_shows_at_once_on_a_page_rendered_for_every_visitor()
    {
        using var client = _portal.Browser();
        Assert.DoesNotContain("Thistle Lantern help", await client.GetStringAsync("/support"), StringComparison.Ordinal);

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
            var menus = scope.ServiceProvider.GetRequiredService<SaferBcp.Cms.Navigation.MenuService>();
            await using var transaction = await database.BeginTransactionAsync();
            var main = (await menus.GetAsync("main")).ToList();
            main.Add(new SaferBcp.Cms.Navigation.MenuLink("Thistle Lantern help", "/support"));
            await menus.SetAsync("main", main);
            await scope.ServiceProvider.GetRequiredService<CmsDbContext>().SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Contains("Thistle Lantern help", await client.GetStringAsync("/support"), StringComparison.Ordinal);
    }

    /// <summary>The SQL commands EF Core sends to one portal's database while this is alive (other tests' portals run in parallel).</summary>
    private sealed class PortalCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _connectionString;
        private readonly ConcurrentQueue<string> _sql = new();
        private readonly IDisposable _all;
        private readonly List<IDisposable> _listeners = [];

        public PortalCommands(PortalFactory portal)
        {
            using var scope = portal.Services.CreateScope();
            _connectionString = scope.ServiceProvider.GetRequiredService<PortalDatabase>().Connection.ConnectionString;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public IEnumerable<string> Reading(params string[] tables) =>
            _sql.Where(sql => tables.Any(t => sql.Contains('"' + t + '"', StringComparison.Ordinal)));

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_listeners)
                {
                    _listeners.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && data.Command.Connection?.ConnectionString == _connectionString)
            {
                _sql.Enqueue(data.Command.CommandText);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_listeners)
            {
                _listeners.ForEach(l => l.Dispose());
            }
        }
    }
}
