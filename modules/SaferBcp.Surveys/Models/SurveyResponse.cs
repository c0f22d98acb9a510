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

    /// <summary>The answers by question id (each a list of values), as plain JSON.</summary>
    public string AnswersJson { get; set; } = "{}";
}

/// <summary>
/// Someone who would like to help shape services. Kept apart from the answers: a random id, the day only,
/// and no column that points to a response.
/// </summary>
public sealed class SurveyContact
{
    public Guid Id { get; set; }

    public string SurveyContentItemId { get; set; } = "";

    public DateOnly ReceivedOn { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }
}
