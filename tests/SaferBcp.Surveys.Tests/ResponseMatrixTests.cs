using System.Text.Json;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Services;
using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Tests;

public sealed class ResponseMatrixTests
{
    private static List<FormOption> Options(params string[] values) => values.Select(v => new FormOption { Value = v, Label = char.ToUpperInvariant(v[0]) + v[1..] }).ToList();

    internal static FormPart Form() => new()
    {
        Slug = "results-test",
        Kind = SurveyKind.Name,
        Pages =
        [
            new FormPage
            {
                Id = "all",
                Questions =
                [
                    new FormQuestion { Id = "area", Type = QuestionType.Select, Label = "Where do you live?", Tag = "area", Options = Options("bournemouth", "christchurch", "poole") },
                    new FormQuestion { Id = "age", Type = QuestionType.SingleChoice, Label = "How old are you?", Tag = "age-band", Options = Options("under-25", "over-25") },
                    new FormQuestion { Id = "worry", Type = QuestionType.Scale, Label = "How worried are you?", Options = Options("very", "fairly", "not-very", "not-at-all") },
                    new FormQuestion { Id = "places", Type = QuestionType.MultipleChoice, Label = "Where do you feel unsafe?", Options = Options("park", "bus", "street") },
                    new FormQuestion { Id = "lit", Type = QuestionType.YesNo, Label = "Is your street well lit?" },
                    new FormQuestion { Id = "priorities", Type = QuestionType.Rank, Label = "Rank these", Options = Options("lighting", "patrols", "cctv") },
                    new FormQuestion { Id = "services", Type = QuestionType.Rate, Label = "Rate these services", Options = Options("police", "council") },
                    new FormQuestion { Id = "years", Type = QuestionType.Number, Label = "Years at your address" },
                    new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us more", Personal = true },
                    new FormQuestion { Id = "contact-email", Type = QuestionType.Email, Label = "Email", Tag = "contact-email" },
                ],
            },
        ],
    };

    internal static (int, string) Row(int id, string area, string age, string worry, string[]? places = null, string? lit = null, string[]? ranks = null, string[]? rates = null, string? years = null, string? story = null)
    {
        var answers = new Dictionary<string, List<string>> { ["area"] = [area], ["age"] = [age], ["worry"] = [worry] };
        if (places is not null) answers["places"] = [.. places];
        if (lit is not null) answers["lit"] = [lit];
        if (ranks is not null) answers["priorities"] = [.. ranks];
        if (rates is not null) answers["services"] = [.. rates];
        if (years is not null) answers["years"] = [years];
        if (story is not null) answers["story"] = [story];
        return (id, JsonSerializer.Serialize(answers));
    }

    private static ResponseMatrix Sample()
    {
        var matrix = new ResponseMatrix(Form());
        matrix.Append(
        [
            Row(1, "poole", "under-25", "very", ["park", "bus"], "yes", ["patrols", "lighting", "cctv"], ["police=4", "council=2"], "3", "My name is Sam"),
            Row(2, "poole", "over-25", "fairly", ["park"], "no", ["lighting", "patrols"], ["police=5"], "10"),
            Row(3, "bournemouth", "over-25", "very", ["street"], "yes", ["lighting"], ["police=3", "council=4"], "5"),
            Row(4, "bournemouth", "under-25", "not-at-all", null, null, null, null, null, "   "),
        ]);
        return matrix;
    }

    private static QuestionTally Tally(IReadOnlyList<QuestionTally> tallies, string id) => tallies.Single(t => t.Column.Id == id);

    [Fact]
    public void Contact_questions_are_never_coded()
    {
        Assert.DoesNotContain(new ResponseMatrix(Form()).Columns, c => c.Id == "contact-email");
    }

    [Fact]
    public void Choice_scale_and_yes_no_questions_count_each_option_in_order_and_those_who_did_not_answer()
    {
        var tallies = ResultsCalculator.Tally(Sample().Current, []);
        var worry = Tally(tallies, "worry");
        Assert.Equal([2, 1, 0, 1], worry.Counts);
        Assert.Equal(4, worry.Answered);
        var lit = Tally(tallies, "lit");
        Assert.Equal([2, 1], lit.Counts);
        Assert.Equal(1, lit.NotAnswered);
    }

    [Fact]
    public void Multiple_choice_counts_people_per_option_out_of_those_who_answered()
    {
        var places = Tally(ResultsCalculator.Tally(Sample().Current, []), "places");
        Assert.Equal([2, 1, 1], places.Counts);
        Assert.Equal(3, places.Answered);
    }

    [Fact]
    public void Rank_counts_who_ranked_each_option_first_and_its_mean_position()
    {
        var ranks = Tally(ResultsCalculator.Tally(Sample().Current, []), "priorities");
        Assert.Equal([2, 1, 0], ranks.Counts);
        Assert.Equal(3, ranks.Answered);
        Assert.Equal((2 + 1 + 1) / 3.0, ranks.MeanPosition[0], 6);
        Assert.Equal(3, ranks.MeanPosition[2], 6);
    }

    [Fact]
    public void Rate_gives_the_distribution_and_mean_rating_per_option()
    {
        var rate = Tally(ResultsCalculator.Tally(Sample().Current, []), "services");
        Assert.Equal([3, 2], rate.Counts);
        Assert.Equal([0, 0, 1, 1, 1], rate.Distribution[0]);
        Assert.Equal(4.0, rate.MeanRating[0], 6);
        Assert.Equal(3.0, rate.MeanRating[1], 6);
    }

    [Fact]
    public void Numbers_give_median_lowest_and_highest_and_free_text_only_whether_answered()
    {
        var tallies = ResultsCalculator.Tally(Sample().Current, []);
        var years = Tally(tallies, "years");
        Assert.Equal((5.0, 3.0, 10.0), (years.Median!.Value, years.Min!.Value, years.Max!.Value));
        Assert.Equal(1, Tally(tallies, "story").Answered);
    }

    [Fact]
    public void Filters_by_area_and_age_band_count_only_that_group()
    {
        var matrix = Sample();
        var area = matrix.Tagged("area")!;
        var age = matrix.Tagged("age-band")!;
        var poole = ResultsCalculator.Tally(matrix.Current, [new ResultsFilter(area, area.OptionIndex("poole"))]);
        Assert.Equal(2, Tally(poole, "worry").Responses);
        Assert.Equal([1, 1, 0, 0], Tally(poole, "worry").Counts);

        var youngInPoole = ResultsCalculator.Tally(matrix.Current, [new ResultsFilter(area, area.OptionIndex("poole")), new ResultsFilter(age, age.OptionIndex("under-25"))]);
        Assert.Equal([1, 0, 0, 0], Tally(youngInPoole, "worry").Counts);
    }

    [Fact]
    public void A_cross_tab_counts_each_pair_of_answers()
    {
        var matrix = Sample();
        var crossTab = ResultsCalculator.CrossTab(matrix.Current, matrix.Find("area")!, matrix.Find("worry")!, []);
        Assert.Equal(1, crossTab.Counts[2, 0]); // Poole, very
        Assert.Equal(1, crossTab.Counts[2, 1]); // Poole, fairly
        Assert.Equal(1, crossTab.Counts[0, 3]); // Bournemouth, not at all
        Assert.Equal(0, crossTab.Counts[1, 0]); // Christchurch: nobody
    }

    [Fact]
    public void New_rows_appear_in_a_new_snapshot_while_an_old_snapshot_stays_as_it_was()
    {
        var matrix = Sample();
        var before = matrix.Current;
        // Enough rows to make the arrays grow past their first capacity.
        matrix.Append(Enumerable.Range(5, 2000).Select(i => Row(i, "christchurch", "over-25", "not-very")).ToList());
        Assert.Equal(4, before.Count);
        Assert.Equal([2, 1, 0, 1], Tally(ResultsCalculator.Tally(before, []), "worry").Counts);
        var after = matrix.Current;
        Assert.Equal(2004, after.Count);
        Assert.Equal(2004, after.LastId);
        Assert.Equal([2, 1, 2000, 1], Tally(ResultsCalculator.Tally(after, []), "worry").Counts);
    }

    [Fact]
    public void Changing_the_questions_changes_the_signature_so_the_matrix_is_coded_again()
    {
        var form = Form();
        var signature = ResponseMatrix.SignatureOf(form);
        form.Pages[0].Questions[2].Options.Add(new FormOption { Value = "unsure", Label = "Not sure" });
        Assert.NotEqual(signature, ResponseMatrix.SignatureOf(form));
    }
}
