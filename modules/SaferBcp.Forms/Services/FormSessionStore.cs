using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// Form sessions on the server: created when the first page is sent, read only while fresh (an expired
/// session is as good as deleted), answers encrypted with Data Protection, deleted after inactivity.
/// </summary>
public sealed class FormSessionStore
{
    public const string ProtectorPurpose = "SaferBcp.Forms.Session.v1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly FormsDbContext _db;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _clock;
    private readonly FormsOptions _options;

    public FormSessionStore(FormsDbContext db, IDataProtectionProvider protection, TimeProvider clock, IOptions<FormsOptions> options)
    {
        _db = db;
        _protector = protection.CreateProtector(ProtectorPurpose);
        _clock = clock;
        _options = options.Value;
    }

    private DateTime UtcNow => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Sessions last active before this instant have expired.</summary>
    public DateTime ExpiredBefore => UtcNow - _options.IdleTimeout;

    /// <summary>A new random 128-bit session id for the cookie.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Key(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The fresh session of this form behind the cookie's token, or null (none, another form's, or expired).</summary>
    public async Task<FormSession?> FindAsync(string? token, string contentItemId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 32)
        {
            return null;
        }

        var key = Key(token);
        var cutoff = ExpiredBefore;
        return await _db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key && s.ContentItemId == contentItemId && s.LastActivityUtc >= cutoff, cancellationToken);
    }

    public async Task<(string Token, FormSession Session)> CreateAsync(string contentItemId, FormState state, CancellationToken cancellationToken = default)
    {
        var token = NewToken();
        var session = new FormSession
        {
            Id = Key(token),
            ContentItemId = contentItemId,
            ProtectedState = Protect(state),
            CreatedUtc = UtcNow,
            LastActivityUtc = UtcNow,
        };
        _db.Sessions.Add(session);
        await _db.SaveChangesAsync(cancellationToken);
        _db.Entry(session).State = EntityState.Detached;
        return (token, session);
    }

    public Task SaveAsync(FormSession session, FormState state, CancellationToken cancellationToken = default)
    {
        var protectedState = Protect(state);
        var now = UtcNow;
        session.ProtectedState = protectedState;
        session.LastActivityUtc = now;
        return _db.Sessions.Where(s => s.Id == session.Id && s.SubmittedReference == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ProtectedState, protectedState).SetProperty(s => s.LastActivityUtc, now), cancellationToken);
    }

    /// <summary>Marks the session as active now, so the inactivity timeout starts again.</summary>
    public Task TouchAsync(FormSession session, CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        session.LastActivityUtc = now;
        return _db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastActivityUtc, now), cancellationToken);
    }

    /// <summary>
    /// Claims a fresh, unsubmitted session for submitting (inside the caller's transaction): the update takes
    /// the row's write lock, so a second submit of the same session waits and then finds it submitted.
    /// </summary>
    public async Task<bool> ClaimForSubmitAsync(string sessionId, string contentItemId, CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        var cutoff = ExpiredBefore;
        var claimed = await _db.Sessions.Where(s => s.Id == sessionId && s.ContentItemId == contentItemId && s.SubmittedReference == null && s.LastActivityUtc >= cutoff)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastActivityUtc, now), cancellationToken);
        return claimed == 1;
    }

    public Task<FormSession?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        _db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);

    /// <summary>Records the reference and forgets the answers: the receiving module has its own copy.</summary>
    public Task MarkSubmittedAsync(string sessionId, string reference, string? whatHappensNextMarkdown, CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        return _db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(
            u => u.SetProperty(s => s.SubmittedReference, reference)
                .SetProperty(s => s.SubmittedUtc, now)
                .SetProperty(s => s.LastActivityUtc, now)
                .SetProperty(s => s.WhatHappensNextMarkdown, whatHappensNextMarkdown)
                .SetProperty(s => s.ProtectedState, ""),
            cancellationToken);
    }

    public Task DeleteAsync(string sessionId, CancellationToken cancellationToken = default) =>
        _db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Deletes every expired session; returns how many.</summary>
    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = ExpiredBefore;
        return _db.Sessions.Where(s => s.LastActivityUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    public FormState Read(FormSession session)
    {
        if (session.ProtectedState.Length == 0)
        {
            return new FormState();
        }

        var json = _protector.Unprotect(session.ProtectedState);
        return JsonSerializer.Deserialize<FormState>(json, Json) ?? new FormState();
    }

    private string Protect(FormState state) => _protector.Protect(JsonSerializer.Serialize(state, Json));
}
