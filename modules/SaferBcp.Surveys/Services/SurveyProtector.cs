using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Encrypts survey answers and the contact details people leave, with ASP.NET Core Data Protection and purposes of
/// their own (a referral's protector cannot open them, nor they a referral). The key ring is kept apart from the
/// database or encrypted in it (see <c>PortalKeyRing</c>), so a copy of the database alone reveals nothing.
/// </summary>
public sealed class SurveyProtector
{
    public const string AnswersPurpose = "SaferBcp.Surveys.Answers.v1";
    public const string ContactsPurpose = "SaferBcp.Surveys.Contacts.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _answers;
    private readonly IDataProtector _contacts;

    public SurveyProtector(IDataProtectionProvider provider)
    {
        _answers = provider.CreateProtector(AnswersPurpose);
        _contacts = provider.CreateProtector(ContactsPurpose);
    }

    /// <summary>
    /// Answers stored before they were encrypted are JSON objects; Data Protection's output is base64url, which never
    /// starts with "{". Such rows are encrypted at start-up (<see cref="SurveyDataEncryption"/>).
    /// </summary>
    public static bool IsPlaintext(string stored) => stored.StartsWith('{');

    public string ProtectAnswers(Dictionary<string, List<string>> answers) => _answers.Protect(JsonSerializer.Serialize(answers));

    public string ProtectAnswersJson(string json) => _answers.Protect(json);

    /// <summary>The answers as JSON, whether the row is encrypted or was written before encryption.</summary>
    public string UnprotectAnswersJson(string stored) => IsPlaintext(stored) ? stored : _answers.Unprotect(stored);

    public string ProtectContact(ContactDetails details) => _contacts.Protect(JsonSerializer.Serialize(details, Json));

    public ContactDetails UnprotectContact(string stored) =>
        JsonSerializer.Deserialize<ContactDetails>(_contacts.Unprotect(stored), Json) ?? new ContactDetails(null, null, null);
}

/// <summary>What someone who would like to help shape services left: a name, and an email address or phone number.</summary>
public sealed record ContactDetails(string? Name, string? Email, string? Phone);
