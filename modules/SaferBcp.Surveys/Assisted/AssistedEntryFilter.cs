using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using SaferBcp.Forms.Controllers;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Assisted;

/// <summary>
/// On the public survey pages of a browser in assisted mode (<see cref="AssistedTickets"/>): a banner says so on every
/// page; sending is refused if the member of staff has been signed out (the response would otherwise be stored as
/// given online); and once sent, staff go back to the back office instead of the public thank-you page.
/// </summary>
public sealed class AssistedEntryFilter : IAsyncActionFilter
{
    public const string BannerKey = "StaffBanner";
    private readonly SurveyCatalog _catalog;
    private readonly AssistedTickets _tickets;

    public AssistedEntryFilter(SurveyCatalog catalog, AssistedTickets tickets)
    {
        _catalog = catalog;
        _tickets = tickets;
    }

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.Controller is not FormRunnerController controller
            || context.ActionDescriptor is not ControllerActionDescriptor descriptor
            || context.RouteData.Values["prefix"] as string != SurveyKind.PathPrefix
            || context.RouteData.Values["slug"] is not string slug
            || await _catalog.FindPublishedBySlugAsync(slug, context.HttpContext.RequestAborted) is not { } survey
            || _tickets.Find(context.HttpContext, survey.ContentItemId) is not { } ticket)
        {
            await next();
            return;
        }

        if (!await _tickets.MayEnterAsync(context.HttpContext))
        {
            if (descriptor.ActionName == nameof(FormRunnerController.Submit))
            {
                controller.ViewData["Title"] = "Sign in again to send this response \u2013 " + survey.Title;
                context.Result = controller.View("~/Views/SaferBcpSurveys/Closed.cshtml", new SurveyClosedModel(survey,
                    "Sign in again to send this response. It is being entered for someone, so it needs a member of staff who may enter responses"));
                return;
            }

            await next();
            return;
        }

        var organisation = ticket.Organisation is null ? "" : ", " + ticket.Organisation;
        controller.ViewData[BannerKey] = $"You are entering a response for someone ({AssistedChannel.Label(ticket.Channel).ToLowerInvariant()}{organisation}). Nothing about you is saved with the answers.";
        var executed = await next();
        if (descriptor.ActionName == nameof(FormRunnerController.Confirmation) && executed.Result is ViewResult)
        {
            // Sent: the ticket has done its job.
            AssistedTickets.Forget(context.HttpContext, survey.Url);
            executed.Result = new RedirectResult($"/admin/surveys/{survey.ContentItemId}/assisted?sent={Uri.EscapeDataString(ticket.Channel)}");
        }
    }
}
