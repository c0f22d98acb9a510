using System.Security.Claims;
using SaferBcp.Cms.Content;

namespace SaferBcp.Referrals.Services;

/// <summary>
/// A referral's answers by question tag ("venue-name", "postcode", …), for another module acting on a referral
/// the signed-in officer may open. Tags come from the form as it is now; answers from what the person sent.
/// </summary>
public sealed class ReferralTaggedAnswers
{
    private readonly ReferralInbox _inbox;
    private readonly ReferralProtector _protector;
    private readonly ContentManager _content;

    public ReferralTaggedAnswers(ReferralInbox inbox, ReferralProtector protector, ContentManager content)
    {
        _inbox = inbox;
        _protector = protector;
        _content = content;
    }

    /// <summary>Null when the referral does not exist or is not sent to one of the user's teams.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> FindAsync(ClaimsPrincipal user, string reference)
    {
        var referral = await _inbox.FindAsync(user, reference);
        if (referral is null)
        {
            return null;
        }

        var raw = _protector.UnprotectAnswers(referral.ProtectedAnswers).Raw;
        var form = await _content.GetAsync(referral.FormContentItemId, VersionOptions.Latest);
        var questions = form is null ? [] : ReferralForms.Part(form)?.Pages.SelectMany(p => p.Questions) ?? [];
        var byTag = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            if (question.Tag is { Length: > 0 } tag && raw.TryGetValue(question.Id, out var values) && values.Count > 0)
            {
                byTag.TryAdd(tag, string.Join(", ", values));
            }
        }

        return byTag;
    }
}
