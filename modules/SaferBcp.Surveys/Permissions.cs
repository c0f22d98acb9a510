using SaferBcp.Cms.Security;

namespace SaferBcp.Surveys;

public static class Permissions
{
    public const string ViewSurveyResponses = "ViewSurveyResponses";
    public const string ExportSurveyResponses = "ExportSurveyResponses";
    public const string EnterResponses = "EnterResponses";

    public static readonly Permission[] All =
    [
        new(ViewSurveyResponses, "See surveys and how many responses each has (free text is masked)", "Surveys"),
        new(ExportSurveyResponses, "Open single survey responses and export all responses to CSV and XLSX", "Surveys"),
        new(EnterResponses, "Enter survey responses for someone (on paper, by phone or in person) and import files of paper responses", "Surveys"),
    ];
}
