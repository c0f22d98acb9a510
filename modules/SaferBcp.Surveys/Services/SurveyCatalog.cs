using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>A survey as staff and the public see it: its form, its survey part and its status today.</summary>
public sealed record SurveyInfo(string ContentItemId, string Title, FormPart Form, SurveyPart Survey, bool Published, SurveyStatus Status)
{
    public string Url => $"/{SurveyKind.PathPrefix}/{Form.Slug}";

    public bool AcceptsResponses => Status == SurveyStatus.Open;

    /// <summary>The public "You said, we did" page: only for a published survey that has closed and whose results staff published.</summary>
    public bool HasPublicResults => Published && Survey.ResultsPublished && Status is SurveyStatus.Closed or SurveyStatus.Archived;

    public string? ResultsUrl => HasPublicResults ? Url + "/results" : null;
}

/// <summary>Finds survey forms (Form content items of kind "survey") and works out their status on today's UK date.</summary>
public sealed class SurveyCatalog
{
    private readonly ContentManager _content;
    private readonly TimeProvider _clock;

    public SurveyCatalog(ContentManager content, TimeProvider clock)
    {
        _content = content;
        _clock = clock;
    }

    public DateOnly Today => UkTime.Today(_clock);

    /// <summary>Every survey: the published version where there is one, otherwise the latest draft.</summary>
    public async Task<IReadOnlyList<SurveyInfo>> AllAsync(CancellationToken cancellationToken = default)
    {
        // Surveys are few; their parts are read from the items rather than a second index table.
        var items = await _content.Query().Where(c => c.ContentType == FormTypes.Form && (c.Published || c.Latest)).ToListAsync(cancellationToken);
        return items
            .GroupBy(i => i.ContentItemId)
            .Select(g => g.FirstOrDefault(i => i.Published) ?? g.First())
            .Select(ToInfo)
            .OfType<SurveyInfo>()
            .OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<IReadOnlyList<SurveyInfo>> OpenAsync(CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).Where(s => s.Status == SurveyStatus.Open).ToList();

    /// <summary>Closed surveys whose results page is public, most recently closed first.</summary>
    public async Task<IReadOnlyList<SurveyInfo>> WithPublicResultsAsync(CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).Where(s => s.HasPublicResults).OrderByDescending(s => s.Survey.ClosesOn).ToList();

    public async Task<SurveyInfo?> FindAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(s => s.ContentItemId == contentItemId);

    public async Task<SurveyInfo?> FindPublishedBySlugAsync(string slug, CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(s => s.Published && s.Form.Slug == slug);

    private SurveyInfo? ToInfo(ContentItem item)
    {
        var form = item.As<FormPart>();
        if (form.Kind != SurveyKind.Name)
        {
            return null;
        }

        var survey = item.As<SurveyPart>();
        return new SurveyInfo(item.ContentItemId, item.DisplayText, form, survey, item.Published, SurveySchedule.StatusOn(item.Published, survey, Today));
    }
}
