using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SaferBcp.Referrals.Services;

/// <summary>
/// Encrypts what a person told us, and what staff write about it, with ASP.NET Core Data Protection. The key
/// ring is either in the database with every key encrypted by the key protection certificate (PostgreSQL), or in
/// files apart from the database (SQLite), so a copy of the database alone reveals nothing.
/// </summary>
public sealed class ReferralProtector
{
    public const string AnswersPurpose = "SaferBcp.Referrals.Answers.v1";
    public const string TextPurpose = "SaferBcp.Referrals.Text.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _answers;
    private readonly IDataProtector _text;

    public ReferralProtector(IDataProtectionProvider provider)
    {
        _answers = provider.CreateProtector(AnswersPurpose);
        _text = provider.CreateProtector(TextPurpose);
    }

    public string ProtectAnswers(AnswersSnapshot snapshot) => _answers.Protect(JsonSerializer.Serialize(snapshot, Json));

    public AnswersSnapshot UnprotectAnswers(string protectedAnswers) =>
        JsonSerializer.Deserialize<AnswersSnapshot>(_answers.Unprotect(protectedAnswers), Json) ?? new AnswersSnapshot([], []);

    public string Protect(string text) => _text.Protect(text);

    public string Unprotect(string protectedText) => _text.Unprotect(protectedText);
}

/// <summary>The answers as the person saw them (the form may change later), and the raw values.</summary>
public sealed record AnswersSnapshot(IReadOnlyList<AnswerRow> Rows, Dictionary<string, List<string>> Raw);

public sealed record AnswerRow(string Page, string Question, string Answer);
