using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Localization;
using SaferBcp.Forms.Controllers;
using SaferBcp.Forms.Services;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Stands in front of the forms runner for surveys: the start page adds the privacy statement and the
/// closing date, and a survey that is not open (before it opens, after it closes, archived) says so
/// plainly on every page and every post instead of taking answers.
/// </summary>
public sealed class SurveyGateFilter : IAsyncActionFilter
{
    private readonly MarkdownRenderer _markdown;

    // The catalog (and the database contexts behind it) is asked for only on a survey's pages: this filter runs
    // before every action on the site.
    public SurveyGateFilter(MarkdownRenderer markdown) => _markdown = markdown;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.Controller is not FormRunnerController controller
            || context.ActionDescriptor is not ControllerActionDescriptor descriptor
            || context.RouteData.Values["prefix"] as string != SurveyKind.PathPrefix
            || context.RouteData.Values["slug"] is not string slug
            || descriptor.ActionName == nameof(FormRunnerController.Confirmation)
            || await context.HttpContext.RequestServices.GetRequiredService<SurveyCatalog>().FindPublishedBySlugAsync(slug, context.HttpContext.RequestAborted) is not { } survey)
        {
            await next();
            return;
        }

        if (!survey.AcceptsResponses)
        {
            var (wording, date) = SurveySchedule.Refusal(survey.Status, survey.Survey);
            var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SurveysText>>();
            var message = text[wording, date?.ToString("d MMMM yyyy", context.HttpContext.DateCulture()) ?? ""].Value;
            controller.ViewData["Title"] = message + " \u2013 " + survey.Title;
            context.Result = controller.View("~/Views/SaferBcpSurveys/Closed.cshtml", new SurveyClosedModel(survey, message));
            return;
        }

        if (descriptor.ActionName == nameof(FormRunnerController.Start) && new FormJourney(survey.Form).FirstPage is { } first)
        {
            controller.ViewData["Title"] = survey.Title;
            context.Result = controller.View("~/Views/SaferBcpSurveys/Start.cshtml", new SurveyStartModel(
                survey,
                _markdown.ToHtml(survey.Form.IntroMarkdown),
                _markdown.ToHtml(survey.Survey.PrivacyMarkdown),
                survey.Url + "/" + first.Id));
            return;
        }

        await next();
    }
}

public sealed record SurveyClosedModel(SurveyInfo Survey, string Message);

public sealed record SurveyStartModel(SurveyInfo Survey, string IntroHtml, string PrivacyHtml, string StartUrl);
