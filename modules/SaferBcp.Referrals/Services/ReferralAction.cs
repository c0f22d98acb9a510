namespace SaferBcp.Referrals.Services;

/// <summary>
/// A button another module adds to the referral page for referrals from one form (registered as a singleton),
/// for example the Safe Places module's "Create a draft Safe Place" on venue applications. It posts the
/// reference to <see cref="UrlTemplate"/>; the receiving endpoint must check access to the referral again.
/// Shown only to staff who hold <see cref="Permission"/>.
/// </summary>
public sealed record ReferralAction(string FormSlug, string Label, string UrlTemplate, string Permission)
{
    public string UrlFor(string reference) => UrlTemplate.Replace("{reference}", Uri.EscapeDataString(reference), StringComparison.Ordinal);
}
