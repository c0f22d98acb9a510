using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Tests;

public sealed class SurveyScheduleTests
{
    private static readonly SurveyPart Survey = new() { OpensOn = new DateOnly(2026, 11, 1), ClosesOn = new DateOnly(2026, 11, 30) };

    [Theory]
    [InlineData(2026, 10, 31, SurveyStatus.Scheduled)]
    [InlineData(2026, 11, 1, SurveyStatus.Open)]
    [InlineData(2026, 11, 30, SurveyStatus.Open)]
    [InlineData(2026, 12, 1, SurveyStatus.Closed)]
    public void A_published_survey_is_open_from_the_first_day_to_the_end_of_the_last(int year, int month, int day, SurveyStatus expected) =>
        Assert.Equal(expected, SurveySchedule.StatusOn(true, Survey, new DateOnly(year, month, day)));

    [Fact]
    public void An_unpublished_survey_is_a_draft_whatever_its_dates() =>
        Assert.Equal(SurveyStatus.Draft, SurveySchedule.StatusOn(false, Survey, new DateOnly(2026, 11, 15)));

    [Fact]
    public void An_archived_survey_is_archived_even_while_its_dates_are_open() =>
        Assert.Equal(SurveyStatus.Archived, SurveySchedule.StatusOn(true, new SurveyPart { Archived = true }, new DateOnly(2026, 11, 15)));

    [Fact]
    public void A_survey_without_dates_is_open_while_published() =>
        Assert.Equal(SurveyStatus.Open, SurveySchedule.StatusOn(true, new SurveyPart(), new DateOnly(2030, 1, 1)));

    [Fact]
    public void The_refusal_says_plainly_when_it_closed_or_opens()
    {
        Assert.Equal("This survey closed on 30 November 2026", SurveySchedule.RefusalMessage(SurveyStatus.Closed, Survey));
        Assert.Equal("This survey opens on 1 November 2026", SurveySchedule.RefusalMessage(SurveyStatus.Scheduled, Survey));
    }
}
