namespace SaferBcp.Surveys.Assisted;

/// <summary>
/// How an assisted response is marked: two entries in its answers, under keys no question can have (question ids are
/// lower-case letters, digits and hyphens), so the marks are encrypted with the answers like everything else in them
/// and travel with them to the results, the exports and the dataset without a column of their own. An organisation
/// next to an area and a day can narrow down who answered, so it is not kept in the clear. Nothing about the member
/// of staff who entered the response is kept with it.
/// </summary>
public static class AssistedMarks
{
    public const string ChannelKey = "$assisted-channel";
    public const string OrganisationKey = "$assisted-organisation";
    public const int OrganisationMaxLength = 120;

    public static void Mark(Dictionary<string, List<string>> answers, string channel, string? organisation)
    {
        answers[ChannelKey] = [channel];
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            answers[OrganisationKey] = [organisation.Trim()];
        }
    }

    /// <summary>The channel of an assisted response, or null for one given online.</summary>
    public static string? Channel(IReadOnlyDictionary<string, List<string>> answers) =>
        answers.TryGetValue(ChannelKey, out var values) && values.Count > 0 ? values[0] : null;

    public static string? Organisation(IReadOnlyDictionary<string, List<string>> answers) =>
        answers.TryGetValue(OrganisationKey, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>
    /// Assisted responses are dated to the first of their month, as contact details are, so that the audit log's
    /// "an assisted response was entered" at a known time cannot be matched to a response by its day.
    /// </summary>
    public static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);
}
