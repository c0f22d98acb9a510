using Microsoft.AspNetCore.Identity;

namespace SaferBcp.Cms.Security;

/// <summary>
/// Refuses passwords that are easy to guess: common passwords, keyboard runs, a word with a year or a number, or the
/// account's own name or email. zxcvbn does the judging (its lists hold tens of thousands of common passwords). In
/// place of rules about capitals and digits, which OWASP ASVS 2.1.9 and the NCSC advise against.
/// </summary>
public sealed class GuessablePasswordValidator : IPasswordValidator<PortalUser>
{
    /// <summary>zxcvbn's 0–4 scale; 2 and above hold out for days against an online attack even before lockout.</summary>
    public const int LowestScore = 2;

    public const string Message =
        "This password is too easy to guess. Avoid common passwords, names, a word with a year or number, and your user name. Three or four random words together make a strong password.";

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var ownWords = new[] { user.UserName, user.Email, user.DisplayName, "saferbcp", "bcp", "bournemouth", "christchurch", "poole" }
            .Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!);
        var score = Zxcvbn.Zxcvbn.MatchPassword(password, ownWords).Score;
        return Task.FromResult(score >= LowestScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "GuessablePassword", Description = Message }));
    }
}
