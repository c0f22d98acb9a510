using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Assisted;

/// <summary>The export's columns that say whether staff entered a response, how it reached them and through which organisation.</summary>
public static class AssistedExportColumns
{
    public static readonly string[] Names = [SurveyExportLayout.AssistedColumn, SurveyExportLayout.ChannelColumn, SurveyExportLayout.OrganisationColumn];

    /// <summary>The cell of one of these columns (empty strings for a response given online), or null for any other column.</summary>
    public static string? Value(string column, IReadOnlyDictionary<string, List<string>> answers) => column switch
    {
        SurveyExportLayout.AssistedColumn => AssistedMarks.Channel(answers) is null ? "no" : "yes",
        SurveyExportLayout.ChannelColumn => AssistedMarks.Channel(answers) ?? "",
        SurveyExportLayout.OrganisationColumn => AssistedMarks.Organisation(answers) ?? "",
        _ => null,
    };

    public static string? Label(string column) => column switch
    {
        SurveyExportLayout.AssistedColumn => "Entered by staff for the person (assisted response)",
        SurveyExportLayout.ChannelColumn => "How an assisted response was given",
        SurveyExportLayout.OrganisationColumn => "Organisation that helped with an assisted response (optional)",
        _ => null,
    };

    public static string? Type(string column) => column switch
    {
        SurveyExportLayout.AssistedColumn => "yes or no",
        SurveyExportLayout.ChannelColumn => string.Join("; ", AssistedChannel.All.Select(c => $"{c.Value} = {c.Label}")) + " (empty = online)",
        SurveyExportLayout.OrganisationColumn => "Text",
        _ => null,
    };
}
