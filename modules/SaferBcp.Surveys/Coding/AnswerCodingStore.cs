using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Caching;
using SaferBcp.Surveys.Services;
using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// The coding of answers: which answer to show next (from the in-memory <see cref="ResponseMatrix"/>, which knows
/// which responses answered the question, so only the one answer shown is decrypted), the themes saved against it
/// (ids only), progress, and the quotes Analysts suggest and approve.
/// </summary>
public sealed class AnswerCodingStore
{
    private readonly SurveyCodingDbContext _db;
    private readonly SurveyResponseStore _responses;
    private readonly SurveyResultsCache _cache;
    private readonly SurveyProtector _protector;
    private readonly AuditLog _audit;
    private readonly ChangeAnnouncer _announcer;
    private readonly SurveyIndicatorSignal _indicators;

    public AnswerCodingStore(SurveyCodingDbContext db, SurveyResponseStore responses, SurveyResultsCache cache, SurveyProtector protector, AuditLog audit, ChangeAnnouncer announcer, SurveyIndicatorSignal indicators)
    {
        _indicators = indicators;
        _announcer = announcer;
        _db = db;
        _responses = responses;
        _cache = cache;
        _protector = protector;
        _audit = audit;
    }

    /// <summary>
    /// The answer to code: <paramref name="responseId"/> when given (to look again at one), otherwise the first answer
    /// not coded yet after <paramref name="after"/> (Skip), going round to the start. Null when none is left.
    /// </summary>
    public async Task<CodingScreen> ScreenAsync(SurveyInfo survey, string questionId, int? responseId, int after, CancellationToken cancellationToken = default)
    {
        var snapshot = await _cache.GetAsync(survey, _responses, cancellationToken);
        var answered = AnsweredIds(snapshot, questionId);
        var coded = (await _db.CodedAnswers.AsNoTracking().Where(c => c.SurveyContentItemId == survey.ContentItemId && c.QuestionId == questionId)
            .Select(c => c.ResponseId).ToListAsync(cancellationToken)).ToHashSet();
        var done = answered.Count(coded.Contains);
        int? chosen = responseId is { } asked && answered.Contains(asked) ? asked : null;
        if (responseId is null)
        {
            chosen = answered.Where(id => id > after && !coded.Contains(id)).Cast<int?>().FirstOrDefault()
                ?? answered.Where(id => !coded.Contains(id)).Cast<int?>().FirstOrDefault();
        }

        var progress = new CodingProgress(answered.Count, done);
        if (chosen is not { } id || await _responses.FindAsync(survey.ContentItemId, id, cancellationToken) is not { } response)
        {
            return new CodingScreen(progress, null);
        }

        var answers = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(response.AnswersJson) ?? [];
        var text = PersonalDataMasker.Mask(string.Join("\n", answers.GetValueOrDefault(questionId) ?? []));
        var applied = coded.Contains(id)
            ? (await _db.AnswerThemes.AsNoTracking().Where(a => a.ResponseId == id).Select(a => a.ThemeId).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        var quoted = await _db.Quotes.AnyAsync(q => q.SurveyContentItemId == survey.ContentItemId && q.QuestionId == questionId && q.ResponseId == id, cancellationToken);
        return new CodingScreen(progress, new AnswerToCode(id, text, coded.Contains(id), applied, quoted));
    }

    /// <summary>The ids of the responses that answered the question, in id order.</summary>
    private static List<int> AnsweredIds(MatrixSnapshot snapshot, string questionId)
    {
        var ids = new List<int>();
        if (snapshot.Matrix.Find(questionId) is not { } column || snapshot.Data[column.Index].Codes is not { } codes)
        {
            return ids;
        }

        for (var row = 0; row < snapshot.Count; row++)
        {
            if (codes[row] != 0)
            {
                ids.Add(snapshot.Ids[row]);
            }
        }

        return ids;
    }

    /// <summary>Saves the themes of one answer (replacing any saved before) and, if asked, suggests it as a quote.</summary>
    public async Task<string?> SaveAsync(SurveyInfo survey, string questionId, int responseId, IReadOnlyCollection<int> themeIds, bool suggestQuote, string userName, CancellationToken cancellationToken = default)
    {
        var themes = await _db.Themes.AsNoTracking().Where(t => t.SurveyContentItemId == survey.ContentItemId && t.QuestionId == questionId).Select(t => t.Id).ToListAsync(cancellationToken);
        if (themeIds.Any(t => !themes.Contains(t)))
        {
            return "One of the themes you chose is no longer in the codebook (it may have been merged). Choose the themes again";
        }

        if (await _responses.FindAsync(survey.ContentItemId, responseId, cancellationToken) is not { } response)
        {
            return "That answer no longer exists";
        }

        var existing = await _db.AnswerThemes.Where(a => a.ResponseId == responseId && themes.Contains(a.ThemeId)).ToListAsync(cancellationToken);
        _db.AnswerThemes.RemoveRange(existing.Where(a => !themeIds.Contains(a.ThemeId)));
        _db.AnswerThemes.AddRange(themeIds.Distinct().Where(t => existing.All(a => a.ThemeId != t)).Select(t => new AnswerTheme { ResponseId = responseId, ThemeId = t }));
        if (!await _db.CodedAnswers.AnyAsync(c => c.ResponseId == responseId && c.QuestionId == questionId, cancellationToken))
        {
            _db.CodedAnswers.Add(new CodedAnswer { ResponseId = responseId, QuestionId = questionId, SurveyContentItemId = survey.ContentItemId });
        }

        Quote? quote = null;
        if (suggestQuote && !await _db.Quotes.AnyAsync(q => q.SurveyContentItemId == survey.ContentItemId && q.QuestionId == questionId && q.ResponseId == responseId, cancellationToken))
        {
            var answers = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(response.AnswersJson) ?? [];
            var masked = PersonalDataMasker.Mask(string.Join("\n", answers.GetValueOrDefault(questionId) ?? []));
            quote = new Quote { SurveyContentItemId = survey.ContentItemId, QuestionId = questionId, ResponseId = responseId, ProtectedText = _protector.ProtectAnswersJson(masked), SuggestedBy = userName };
            _db.Quotes.Add(quote);
        }

        await _db.SaveChangesAsync(cancellationToken);

        // Indicators mapped to this question's themes are worked out again in the background, as for a new response.
        _indicators.Notify(survey.ContentItemId, response.ResponseDate);
        if (quote is not null)
        {
            await _audit.WriteAsync("survey.quote.suggested", "SurveyQuote", Id(quote.Id), $"Suggested an answer to \"{survey.Title}\" as a quote");
        }

        return null;
    }

    /// <summary>The survey's quotes with their masked text, newest first.</summary>
    public async Task<IReadOnlyList<ShownQuote>> QuotesAsync(string surveyId, bool approvedOnly, CancellationToken cancellationToken = default)
    {
        var quotes = await _db.Quotes.AsNoTracking().Where(q => q.SurveyContentItemId == surveyId && (!approvedOnly || q.ApprovedBy != null))
            .OrderByDescending(q => q.Id).ToListAsync(cancellationToken);
        return quotes.Select(q => new ShownQuote(q, _protector.UnprotectAnswersJson(q.ProtectedText))).ToList();
    }

    /// <summary>The approved quotes chosen for the survey's "You said, we did" page.</summary>
    public async Task<IReadOnlyList<string>> PublishedQuotesAsync(string surveyId, CancellationToken cancellationToken = default) =>
        (await QuotesAsync(surveyId, approvedOnly: true, cancellationToken)).Where(q => q.Quote.ShowOnResults).Select(q => q.Text).ToList();

    /// <summary>Approve (a second Analyst), withdraw, or show/hide an approved quote on "You said, we did".</summary>
    public async Task<string?> DecideAsync(SurveyInfo survey, int quoteId, string action, string userName, CancellationToken cancellationToken = default)
    {
        var quote = await _db.Quotes.FirstOrDefaultAsync(q => q.Id == quoteId && q.SurveyContentItemId == survey.ContentItemId, cancellationToken);
        if (quote is null)
        {
            return "That quote no longer exists";
        }

        switch (action)
        {
            case "approve" when string.Equals(quote.SuggestedBy, userName, StringComparison.OrdinalIgnoreCase):
                return "A different Analyst must approve this quote: you suggested it";
            case "approve" when quote.IsApproved:
                return null;
            case "approve":
                quote.ApprovedBy = userName;
                break;
            case "show" when !quote.IsApproved:
                return "A quote can only be shown on \"You said, we did\" once another Analyst has approved it";
            case "show":
                quote.ShowOnResults = true;
                break;
            case "hide":
                quote.ShowOnResults = false;
                break;
            case "withdraw":
                _db.Quotes.Remove(quote);
                break;
            default:
                return "Choose what to do with the quote";
        }

        await _db.SaveChangesAsync(cancellationToken);
        await _audit.WriteAsync("survey.quote." + action, "SurveyQuote", Id(quoteId), $"Quote {quoteId} of \"{survey.Title}\": {action}");
        if (action is "show" or "hide" or "withdraw")
        {
            // The public "You said, we did" page is output-cached: every node clears it, so a hidden quote goes at once.
            await _announcer.AnnounceAsync(ChangeTopics.Content, cancellationToken);
        }

        return null;
    }

    /// <summary>Every coded answer of the survey and the themes applied to it: for the results, filters and exports.</summary>
    public async Task<SurveyCodings> CodingsAsync(string surveyId, CancellationToken cancellationToken = default)
    {
        var coded = await _db.CodedAnswers.AsNoTracking().Where(c => c.SurveyContentItemId == surveyId).Select(c => new { c.ResponseId, c.QuestionId }).ToListAsync(cancellationToken);
        var themeIds = _db.Themes.Where(t => t.SurveyContentItemId == surveyId).Select(t => t.Id);
        var applied = await _db.AnswerThemes.AsNoTracking().Where(a => themeIds.Contains(a.ThemeId)).ToListAsync(cancellationToken);
        return new SurveyCodings(
            coded.Select(c => (c.ResponseId, c.QuestionId)).ToHashSet(),
            applied.GroupBy(a => a.ThemeId).ToDictionary(g => g.Key, g => g.Select(a => a.ResponseId).ToHashSet()));
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record CodingProgress(int Answers, int Coded)
{
    public int Left => Answers - Coded;
}

public sealed record AnswerToCode(int ResponseId, string MaskedText, bool Coded, IReadOnlySet<int> Themes, bool Quoted);

public sealed record CodingScreen(CodingProgress Progress, AnswerToCode? Answer);

public sealed record ShownQuote(Quote Quote, string Text);

/// <summary>Which answers are coded (response id, question id) and, per theme id, the responses it was applied to.</summary>
public sealed record SurveyCodings(IReadOnlySet<(int ResponseId, string QuestionId)> Coded, IReadOnlyDictionary<int, HashSet<int>> ByTheme)
{
    /// <summary>1 when the theme was applied, 0 when the answer was coded without it, null when not coded yet.</summary>
    public int? Value(Theme theme, int responseId) =>
        ByTheme.TryGetValue(theme.Id, out var ids) && ids.Contains(responseId) ? 1
        : Coded.Contains((responseId, theme.QuestionId)) ? 0 : null;
}
