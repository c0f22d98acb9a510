using System.Globalization;
using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// The form editor with the survey's own fields below it (privacy statement, dates, archived, "You said, we did")
/// when the form's kind is "survey". The kernel uses one editor per content type, so this one wraps the
/// forms engine's editor rather than sitting beside it.
/// </summary>
public sealed class SurveyFormEditor : IContentEditor
{
    private readonly FormEditor _forms;

    public SurveyFormEditor(FormEditor forms) => _forms = forms;

    public bool Handles(string contentType) => _forms.Handles(contentType);

    public string PartialViewName => "~/Views/SaferBcpSurveys/_SurveyFormEditor.cshtml";

    public string FormPartialViewName => _forms.PartialViewName;

    public void Bind(ContentItem item, IFormCollection form)
    {
        _forms.Bind(item, form);
        if (item.As<FormPart>().Kind != SurveyKind.Name)
        {
            return;
        }

        item.Apply(new SurveyPart
        {
            PrivacyMarkdown = Markdown(form["SurveyPart.PrivacyMarkdown"]),
            OpensOn = ParseDate(form["SurveyPart.OpensOn"]),
            ClosesOn = ParseDate(form["SurveyPart.ClosesOn"]),
            Archived = form["SurveyPart.Archived"].ToString() == "true",
            YouSaidMarkdown = Markdown(form["SurveyPart.YouSaidMarkdown"]),
            WeDidMarkdown = Markdown(form["SurveyPart.WeDidMarkdown"]),
            ResultsPublished = form["SurveyPart.ResultsPublished"].ToString() == "true",
            ContactRetentionMonths = ParseMonths(form["SurveyPart.ContactRetentionMonths"]),
        });
    }

    private static string Markdown(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>Blank means the default; anything that is not a whole number is kept as 0, which the validator refuses.</summary>
    internal static int ParseMonths(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SurveyPart.DefaultContactRetentionMonths
        : int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) ? months : 0;

    internal static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>Refuses a survey whose dates are the wrong way round, or whose results page would be published with nothing said.</summary>
public sealed class SurveyValidator : IContentValidator
{
    public Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (item.ContentType != FormTypes.Form || item.As<FormPart>().Kind != SurveyKind.Name)
        {
            return Task.CompletedTask;
        }

        var survey = item.As<SurveyPart>();
        if (survey.OpensOn is { } opens && survey.ClosesOn is { } closes && closes < opens)
        {
            result.Add("SurveyPart.ClosesOn", "The closing date must be the same as or after the opening date");
        }

        if (survey.ContactRetentionMonths is < 1 or > SurveyPart.LongestContactRetentionMonths)
        {
            result.Add("SurveyPart.ContactRetentionMonths", $"Enter how many months to keep contact details, a whole number from 1 to {SurveyPart.LongestContactRetentionMonths}");
        }

        if (survey.ResultsPublished && survey.YouSaidMarkdown.Length == 0 && survey.WeDidMarkdown.Length == 0)
        {
            result.Add("SurveyPart.YouSaidMarkdown", "Enter what people told us, or what we will do, before publishing the results page");
        }

        return Task.CompletedTask;
    }
}
