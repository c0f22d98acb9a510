using System.Globalization;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>A survey's status from its publish state, its UK dates and the archived flag, on a given UK day.</summary>
public static class SurveySchedule
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static SurveyStatus StatusOn(bool published, SurveyPart survey, DateOnly today)
    {
        if (survey.Archived)
        {
            return SurveyStatus.Archived;
        }

        if (!published)
        {
            return SurveyStatus.Draft;
        }

        if (survey.OpensOn is { } opens && today < opens)
        {
            return SurveyStatus.Scheduled;
        }

        return survey.ClosesOn is { } closes && today > closes ? SurveyStatus.Closed : SurveyStatus.Open;
    }

    public static string Display(DateOnly date) => date.ToString("d MMMM yyyy", UkCulture);

    public static string StatusText(SurveyStatus status) => status switch
    {
        SurveyStatus.Draft => "Draft",
        SurveyStatus.Scheduled => "Not open yet",
        SurveyStatus.Open => "Open",
        SurveyStatus.Closed => "Closed",
        _ => "Archived",
    };

    /// <summary>What a person sees when the survey cannot take a response, in plain English.</summary>
    public static string RefusalMessage(SurveyStatus status, SurveyPart survey) => Refusal(status, survey) is var (wording, date)
        ? string.Format(UkCulture, wording, date is { } d ? Display(d) : "")
        : "";

    /// <summary>The refusal's English wording (the key of its translation, SurveysText) and the date for its {0}.</summary>
    public static (string Wording, DateOnly? Date) Refusal(SurveyStatus status, SurveyPart survey) => status switch
    {
        SurveyStatus.Scheduled when survey.OpensOn is { } opens => ("This survey opens on {0}", opens),
        SurveyStatus.Closed when survey.ClosesOn is { } closes => ("This survey closed on {0}", closes),
        _ => ("This survey is closed", null),
    };
}
