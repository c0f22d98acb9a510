using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests.Security;

/// <summary>Looking at the list of referrals, and at the audit log itself, leaves a trace in the audit log.</summary>
public sealed class AuditedViewsTests : IClassFixture<ReferralPortal>
{
    private readonly ReferralPortal _portal;

    public AuditedViewsTests(ReferralPortal portal) => _portal = portal;

    [Fact]
    public async Task An_officer_opening_the_inbox_list_is_audited_with_the_references_shown()
    {
        var reference = (await _portal.SubmitAsync("domestic-abuse", ReferralPortal.DomesticAbuseAnswers())).Reference;
        var key = await _portal.CreateOfficerAsync("audited-officer", "Domestic abuse team");
        using var officer = _portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(officer, "audited-officer", key);

        var list = await officer.GetStringAsync("/admin/referrals?status=New");

        Assert.Contains(reference, list, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync("audited-officer", "referral.inbox-listed"));
        Assert.Contains(reference, entry.Summary, StringComparison.Ordinal);
        Assert.Contains("status New", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_the_audit_log_is_itself_audited_with_the_filter_used()
    {
        using var admin = await StaffClients.SignedInAsync(_portal, "audited-admin", PortalRoles.Administrator);

        await admin.GetStringAsync("/admin/audit?user=someone");
        var page = await admin.GetStringAsync("/admin/audit");

        var entries = await EntriesAsync("audited-admin", "audit.viewed");
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Summary!.Contains("user someone", StringComparison.Ordinal));

        // The second look shows the first.
        Assert.Contains("audit.viewed", page, StringComparison.Ordinal);
    }

    private async Task<List<AuditEntry>> EntriesAsync(string userName, string action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CmsDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.UserName == userName && e.Action == action).ToListAsync();
    }
}
