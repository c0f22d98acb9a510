using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Tests;

public sealed class SurveyProtectorTests
{
    private static readonly EphemeralDataProtectionProvider Keys = new();

    [Fact]
    public void Answers_are_stored_unreadable_and_open_only_with_the_survey_answers_purpose()
    {
        var protector = new SurveyProtector(Keys);
        var stored = protector.ProtectAnswers(new Dictionary<string, List<string>> { ["story"] = ["The park after dark"] });

        Assert.DoesNotContain("park", stored, StringComparison.OrdinalIgnoreCase);
        Assert.False(SurveyProtector.IsPlaintext(stored));
        Assert.Contains("The park after dark", protector.UnprotectAnswersJson(stored), StringComparison.Ordinal);

        // A referral's protector, or the survey's own protector for contacts, cannot open them.
        Assert.ThrowsAny<CryptographicException>(() => Keys.CreateProtector("SaferBcp.Referrals.Answers.v1").Unprotect(stored));
        Assert.ThrowsAny<CryptographicException>(() => protector.UnprotectContact(stored));
    }

    [Fact]
    public void Answers_written_before_encryption_are_still_read_until_they_are_encrypted()
    {
        const string json = """{"worry":["very"]}""";
        Assert.True(SurveyProtector.IsPlaintext(json));
        Assert.Equal(json, new SurveyProtector(Keys).UnprotectAnswersJson(json));
    }

    [Fact]
    public void Contact_details_round_trip_in_one_encrypted_value()
    {
        var protector = new SurveyProtector(Keys);
        var details = new ContactDetails("Sam", "sam@example.org", "01202 123456");
        var stored = protector.ProtectContact(details);
        Assert.DoesNotContain("example.org", stored, StringComparison.Ordinal);
        Assert.Equal(details, protector.UnprotectContact(stored));
    }

    [Theory]
    [InlineData("2024-11-01", 24, false)]
    [InlineData("2024-10-01", 24, true)]
    [InlineData("2024-09-01", 24, true)]
    [InlineData("2026-05-01", 6, false)]
    [InlineData("2026-04-01", 6, true)]
    public void Contacts_are_due_for_deletion_once_the_retention_period_has_passed_since_the_end_of_their_month(string month, int retentionMonths, bool due)
    {
        var today = new DateOnly(2026, 11, 27);
        Assert.Equal(due, DateOnly.Parse(month, System.Globalization.CultureInfo.InvariantCulture) <= SurveyContactRetention.DeleteUpTo(today, retentionMonths));
    }

    [Fact]
    public void A_contact_is_kept_to_the_month_only() =>
        Assert.Equal(new DateOnly(2026, 11, 1), SurveyContact.MonthOf(new DateOnly(2026, 11, 27)));
}
