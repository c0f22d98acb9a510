using SaferBcp.Dataset.Services;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Tests;

public sealed class SurveyShareCounterTests
{
    private static readonly string[] Worried = ["very-worried", "fairly-worried"];

    private static SurveyShareCounter Counter(params string[] periodCodes) =>
        new([.. periodCodes.Select(c => FinancialPeriod.Parse(c)!)], "knife-worry", Worried);

    private static string Answer(params string[] values) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string[]> { ["area"] = ["poole"], ["knife-worry"] = values });

    [Fact]
    public void Each_period_counts_the_answers_dated_in_it_and_a_year_counts_its_quarters_answers()
    {
        var counter = Counter("2026/27", "2026/27 Q2", "2026/27 Q3");
        counter.Add(new DateOnly(2026, 8, 1), Answer("very-worried"));
        counter.Add(new DateOnly(2026, 11, 27), Answer("not-very-worried"));
        counter.Add(new DateOnly(2026, 11, 28), Answer("fairly-worried"));
        counter.Add(new DateOnly(2027, 4, 1), Answer("very-worried"));

        Assert.Equal(
            [new SurveyShare("2026/27", 2, 3), new SurveyShare("2026/27 Q2", 1, 1), new SurveyShare("2026/27 Q3", 1, 2)],
            counter.Shares());
    }

    [Fact]
    public void A_response_on_the_last_day_of_a_quarter_counts_in_that_quarter_and_not_the_next()
    {
        var counter = Counter("2026/27 Q3", "2026/27 Q4", "2025/26 Q4", "2026/27 Q1");
        counter.Add(new DateOnly(2026, 12, 31), Answer("very-worried"));
        counter.Add(new DateOnly(2026, 3, 31), Answer("fairly-worried"));

        Assert.Equal(
            [new SurveyShare("2026/27 Q3", 1, 1), new SurveyShare("2026/27 Q4", 0, 0), new SurveyShare("2025/26 Q4", 1, 1), new SurveyShare("2026/27 Q1", 0, 0)],
            counter.Shares());
    }

    [Fact]
    public void Responses_that_did_not_answer_the_question_are_left_out()
    {
        var counter = Counter("2026/27 Q3");
        counter.Add(new DateOnly(2026, 11, 1), Answer("very-worried"));
        counter.Add(new DateOnly(2026, 11, 2), Answer());
        counter.Add(new DateOnly(2026, 11, 3), Answer(""));
        counter.Add(new DateOnly(2026, 11, 4), """{"area":["poole"]}""");
        counter.Add(new DateOnly(2026, 11, 5), Answer("not-at-all-worried"));

        Assert.Equal([new SurveyShare("2026/27 Q3", 1, 2)], counter.Shares());
    }

    [Fact]
    public void A_multiple_choice_answer_counts_once_when_any_of_its_values_is_counted()
    {
        var counter = new SurveyShareCounter([FinancialPeriod.Parse("2026/27 Q3")!], "places", ["park", "bus"]);
        counter.Add(new DateOnly(2026, 11, 1), """{"places":["park","bus"]}""");
        counter.Add(new DateOnly(2026, 11, 1), """{"places":["shop","bus"]}""");
        counter.Add(new DateOnly(2026, 11, 1), """{"places":["shop"]}""");

        Assert.Equal([new SurveyShare("2026/27 Q3", 2, 3)], counter.Shares());
    }

    [Fact]
    public void Another_question_with_the_counted_values_does_not_count()
    {
        var counter = Counter("2026/27 Q3");
        counter.Add(new DateOnly(2026, 11, 1), """{"other":["very-worried"],"knife-worry":["not-very-worried"],"nested":[["very-worried"]]}""");

        Assert.Equal([new SurveyShare("2026/27 Q3", 0, 1)], counter.Shares());
    }

    [Fact]
    public void The_range_to_read_spans_every_period()
    {
        var counter = Counter("2026/27 Q3", "2025/26");

        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2026, 12, 31)), (counter.From, counter.To));
    }
}
