using System.Globalization;
using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// The form editor with the survey's own fields below it (privacy statement, dates, archived, results page)
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

        var results = form["SurveyPart.ResultsUrl"].ToString().Trim();
        item.Apply(new SurveyPart
        {
            PrivacyMarkdown = form["SurveyPart.PrivacyMarkdown"].ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            OpensOn = ParseDate(form["SurveyPart.OpensOn"]),
            ClosesOn = ParseDate(form["SurveyPart.ClosesOn"]),
            Archived = form["SurveyPart.Archived"].ToString() == "true",
            ResultsUrl = results.Length > 0 ? results : null,
        });
    }

    internal static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

/// <summary>Refuses a survey whose dates are the wrong way round or whose results link is not a site address.</summary>
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

        if (survey.ResultsUrl is { } url && (!url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal)))
        {
            result.Add("SurveyPart.ResultsUrl", "Enter a web address on this site that starts with /, like /surveys/results");
        }

        return Task.CompletedTask;
    }
}
