namespace SaferBcp.Surveys.Models;

/// <summary>
/// One anonymous response. Deliberately holds no time of day, client address, browser, session or
/// submission key: nothing that could link it to a person, a referral or another response.
/// </summary>
public sealed class SurveyResponse
{
    public int Id { get; set; }

    public string SurveyContentItemId { get; set; } = "";

    /// <summary>The UK calendar day the response arrived.</summary>
    public DateOnly ResponseDate { get; set; }

    /// <summary>
    /// The answers by question id (each a list of values) as JSON, encrypted (<see cref="Services.SurveyProtector"/>).
    /// Responses read through <see cref="Services.SurveyResponseStore"/> carry the decrypted JSON here: they are
    /// read without tracking and never saved back.
    /// </summary>
    public string AnswersJson { get; set; } = "{}";
}

/// <summary>
/// Someone who would like to help shape services. Kept apart from the answers, and carrying nothing that points to
/// the response given with it: a random id, the month only (the response has the day), and the details encrypted in
/// one value. Each new contact is written together with a random handful of the survey's earlier ones, re-filed under
/// new ids in random order (<see cref="Services.SurveyContactFiling"/>), so neither row order (SQLite's rowid,
/// PostgreSQL's physical order) nor the writing transaction (PostgreSQL's xmin) tells which response it came with.
/// </summary>
public sealed class SurveyContact
{
    public Guid Id { get; set; }

    public string SurveyContentItemId { get; set; } = "";

    /// <summary>The first day of the UK calendar month the details arrived in; the retention period counts from the month's end.</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>Name, email and phone, encrypted together (<see cref="Services.SurveyProtector.ProtectContact"/>).</summary>
    public string? ProtectedDetails { get; set; }

    /// <summary>Plaintext columns from before encryption: emptied at start-up (<see cref="Services.SurveyDataEncryption"/>), never written.</summary>
    public string? LegacyName { get; set; }

    public string? LegacyEmail { get; set; }

    public string? LegacyPhone { get; set; }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
