using Microsoft.AspNetCore.DataProtection;

namespace SaferBcp.Email.Services;

/// <summary>
/// Encrypts what a queued message says and to whom (Data Protection, keys outside the database), so an
/// acknowledgement's address or a team's notification is not readable from a copy of the database file.
/// </summary>
public sealed class OutboxProtector
{
    private readonly IDataProtector _protector;

    public OutboxProtector(IDataProtectionProvider provider) => _protector = provider.CreateProtector("SaferBcp.Email.Outbox.v1");

    public string Protect(string value) => _protector.Protect(value);

    public string Unprotect(string value) => _protector.Unprotect(value);
}
