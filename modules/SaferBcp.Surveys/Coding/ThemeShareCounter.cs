using Microsoft.EntityFrameworkCore;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// The counts behind an indicator mapped to themes: for each period, the coded answers to the question from responses
/// dated in it (<see cref="SurveyShare.Answered"/>) and, of those, the ones coded with any of the counted themes
/// (<see cref="SurveyShare.Counted"/>). Answers not coded yet are left out, as a skipped question is for options.
/// Reads ids and dates only: no answer is decrypted.
/// </summary>
public sealed class ThemeShareCounter
{
    private readonly SurveyCodingDbContext _codings;
    private readonly SurveysDbContext _responses;

    public ThemeShareCounter(SurveyCodingDbContext codings, SurveysDbContext responses)
    {
        _codings = codings;
        _responses = responses;
    }

    public async Task<IReadOnlyList<SurveyShare>> CountAsync(SurveyMapping mapping, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
        if (periods.Count == 0)
        {
            return [];
        }

        var themeIds = mapping.CountedOptions().Select(v => ThemeMappingValue.Parse(v) ?? 0).ToList();
        var coded = (await _codings.CodedAnswers.AsNoTracking()
            .Where(c => c.SurveyContentItemId == mapping.SurveyFormId && c.QuestionId == mapping.QuestionId)
            .Select(c => c.ResponseId).ToListAsync(cancellationToken)).ToHashSet();
        var withTheme = (await _codings.AnswerThemes.AsNoTracking()
            .Where(a => themeIds.Contains(a.ThemeId)).Select(a => a.ResponseId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        var from = periods.Min(p => p.Start);
        var to = periods.Max(p => p.End);
        var dated = await _responses.Responses.AsNoTracking()
            .Where(r => r.SurveyContentItemId == mapping.SurveyFormId && r.ResponseDate >= from && r.ResponseDate <= to)
            .Select(r => new { r.Id, r.ResponseDate }).ToListAsync(cancellationToken);

        return periods.Select(p =>
        {
            var inPeriod = dated.Where(r => r.ResponseDate >= p.Start && r.ResponseDate <= p.End && coded.Contains(r.Id)).ToList();
            return new SurveyShare(p.Code, inPeriod.Count(r => withTheme.Contains(r.Id)), inPeriod.Count);
        }).ToList();
    }
}
