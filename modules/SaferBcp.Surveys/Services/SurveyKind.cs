using SaferBcp.Forms.Models;

namespace SaferBcp.Surveys.Services;

public static class SurveyKind
{
    public const string Name = "survey";
    public const string PathPrefix = "surveys";

    public static readonly FormKind Kind = new(Name, PathPrefix, "Survey", SentHeading: "Your answers have been sent");
}
