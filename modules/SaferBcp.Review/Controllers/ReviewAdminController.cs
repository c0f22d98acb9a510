using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Controllers;
using SaferBcp.Cms.Security;
using SaferBcp.Review.Models;
using SaferBcp.Review.Services;

namespace SaferBcp.Review.Controllers;

/// <summary>Editors submit drafts for review; Reviewers see the queue, compare, approve or send back.</summary>
[Route("admin/review")]
public sealed class ReviewAdminController : AdminControllerBase
{
    private readonly ReviewWorkflow _workflow;
    private readonly ContentManager _content;
    private readonly VersionDifference _difference;

    public ReviewAdminController(ReviewWorkflow workflow, ContentManager content, VersionDifference difference)
    {
        _workflow = workflow;
        _content = content;
        _difference = difference;
    }

    [HttpGet("")]
    [Authorize(Policy = Permissions.ReviewContent)]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Waiting for review";
        return View(await _workflow.QueueAsync());
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = Permissions.ReviewContent)]
    public async Task<IActionResult> Show(int id)
    {
        var request = await _workflow.FindAsync(id);
        if (request is null)
        {
            return NotFound();
        }

        var submitted = await _content.GetVersionAsync(request.ContentItemId, request.Version);
        if (submitted is null)
        {
            return NotFound();
        }

        var published = await _content.GetAsync(request.ContentItemId);
        ViewData["Title"] = $"Review \u201c{request.DisplayText}\u201d";
        return View(new ReviewPageModel(request, published, submitted, _difference.Compare(published, submitted), await _workflow.HistoryAsync(request.ContentItemId)));
    }

    [HttpPost("{id:int}/approve")]
    [Authorize(Policy = Permissions.ReviewContent)]
    public async Task<IActionResult> Approve(int id, string? comment, bool publishNow = false)
    {
        try
        {
            var at = await _workflow.ApproveAsync(id, CurrentUserName!, publishNow, comment);
            Notice(at is null ? "Approved. It is now on the public site" : $"Approved. It will be published on {UkTime.Format(at.Value)} (UK time)");
            return RedirectToAction(nameof(Index));
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = "It was not approved: " + string.Join(" ", ex.Result.Errors.Select(e => e.Message));
            return RedirectToAction(nameof(Show), new { id });
        }
    }

    [HttpPost("{id:int}/send-back")]
    [Authorize(Policy = Permissions.ReviewContent)]
    public async Task<IActionResult> SendBack(int id, string? comment)
    {
        try
        {
            await _workflow.SendBackAsync(id, CurrentUserName!, comment ?? "");
            Notice("Sent back to the editor with your comments. It is not on the public site");
            return RedirectToAction(nameof(Index));
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = string.Join(" ", ex.Result.Errors.Select(e => e.Message));
            return RedirectToAction(nameof(Show), new { id });
        }
    }

    [HttpPost("submit/{contentItemId}")]
    [Authorize(Policy = CmsPermissions.ManageContent)]
    public async Task<IActionResult> Submit(string contentItemId, string? note, string? date, string? time)
    {
        if (await _content.GetAsync(contentItemId, VersionOptions.Latest) is null)
        {
            return NotFound();
        }

        DateTime? publishAt = null;
        if (!string.IsNullOrWhiteSpace(date) || !string.IsNullOrWhiteSpace(time))
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ||
                !TimeOnly.TryParseExact(time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            {
                TempData["Error"] = "Enter a date and a time to publish, like 2026-12-10 and 09:00, or leave both empty to publish once approved";
                return Redirect($"/admin/content/{contentItemId}/edit");
            }

            publishAt = UkTime.ToUtc(day.ToDateTime(clock));
        }

        if (note is { Length: > 2000 })
        {
            TempData["Error"] = "The note for the reviewer must be 2,000 characters or fewer";
            return Redirect($"/admin/content/{contentItemId}/edit");
        }

        try
        {
            await _workflow.SubmitAsync(contentItemId, note, publishAt, CurrentUserName!);
            Notice("Submitted for review. A Reviewer will approve it or send it back with comments; it is not on the public site yet");
        }
        catch (ContentValidationException ex)
        {
            TempData["Error"] = "It was not submitted: " + string.Join(" ", ex.Result.Errors.Select(e => e.Message));
        }

        return Redirect($"/admin/content/{contentItemId}/edit");
    }
}

public sealed record ReviewPageModel(ReviewRequest Request, ContentItem? Published, ContentItem Submitted, IReadOnlyList<FieldDifference> Fields, IReadOnlyList<ReviewRequest> History);
