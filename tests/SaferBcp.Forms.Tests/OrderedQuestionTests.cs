using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Forms.Tests;

/// <summary>Scale, rank and rate questions: what is stored, the error messages and where they link, display and editing rules.</summary>
public sealed class OrderedQuestionTests
{
    private readonly AnswerValidator _validator = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)), FormsTextLocalizer.Create());

    private AnswerResult Check(FormQuestion question, params (string Name, string Value)[] fields) =>
        _validator.Check(question, name => fields.Where(f => f.Name == name).Select(f => f.Value).ToList());

    private static FormQuestion Worry(bool required = true) => new()
    {
        Id = "worry", Type = QuestionType.Scale, Label = "How worried are you walking home at night?", Required = required,
        Options =
        [
            new() { Value = "very-worried", Label = "Very worried" },
            new() { Value = "fairly-worried", Label = "Fairly worried" },
            new() { Value = "not-very-worried", Label = "Not very worried" },
            new() { Value = "not-at-all-worried", Label = "Not at all worried" },
        ],
    };

    private static FormQuestion Services(QuestionType type, bool required = true) => new()
    {
        Id = "services", Type = type, Label = "Services", Required = required,
        Options =
        [
            new() { Value = "police", Label = "Police" },
            new() { Value = "council", Label = "Council" },
            new() { Value = "health", Label = "Health services" },
        ],
    };

    [Fact]
    public void A_scale_stores_the_chosen_point_and_refuses_anything_else()
    {
        Assert.Equal(["fairly-worried"], Check(Worry(), ("worry", "fairly-worried")).Values);
        Assert.Equal("Select an answer", Check(Worry()).Error);
        Assert.Equal("Select an answer from the list", Check(Worry(), ("worry", "terrified")).Error);
        Assert.True(Check(Worry(required: false)).IsValid);
    }

    [Fact]
    public void A_ranking_is_stored_as_option_values_first_ranked_first()
    {
        var result = Check(Services(QuestionType.Rank), ("services-1", "2"), ("services-2", "3"), ("services-3", "1"));
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(["health", "police", "council"], result.Values);
    }

    [Fact]
    public void A_position_used_twice_is_refused_and_links_to_the_second_select()
    {
        var result = Check(Services(QuestionType.Rank), ("services-1", "1"), ("services-2", "1"), ("services-3", "2"));
        Assert.Equal("Give each option a different position", result.Error);
        Assert.Equal("services-2", result.ErrorElementId);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void A_required_ranking_needs_every_option_and_links_to_the_first_left_out()
    {
        var none = Check(Services(QuestionType.Rank));
        Assert.Equal("Put every option in order", none.Error);
        Assert.Equal("services-1", none.ErrorElementId);

        var some = Check(Services(QuestionType.Rank), ("services-1", "1"), ("services-2", ""), ("services-3", "2"));
        Assert.Equal("Put every option in order", some.Error);
        Assert.Equal("services-2", some.ErrorElementId);
    }

    [Fact]
    public void An_optional_ranking_may_rank_some_options_from_1st_without_gaps()
    {
        var question = Services(QuestionType.Rank, required: false);
        Assert.Empty(Check(question).Values);
        Assert.True(Check(question).IsValid);
        Assert.Equal(["health", "police"], Check(question, ("services-1", "2"), ("services-3", "1")).Values);

        var gap = Check(question, ("services-1", "1"), ("services-3", "3"));
        Assert.Equal("Use positions 1st to 2nd for the 2 options you have put in order", gap.Error);
        Assert.Equal("services-3", gap.ErrorElementId);
        Assert.Equal("Give the option you have put in order the position 1st", Check(question, ("services-2", "2")).Error);
    }

    [Fact]
    public void A_position_that_is_not_on_the_list_is_refused()
    {
        Assert.Equal("Choose a position for Council from the list", Check(Services(QuestionType.Rank), ("services-1", "1"), ("services-2", "4"), ("services-3", "2")).Error);
        Assert.Equal("Choose a position for Police from the list", Check(Services(QuestionType.Rank), ("services-1", "first")).Error);
    }

    [Fact]
    public void Ratings_are_stored_as_value_equals_rating_in_option_order()
    {
        var result = Check(Services(QuestionType.Rate), ("services-3", "2"), ("services-1", "4"), ("services-2", "5"));
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(["police=4", "council=5", "health=2"], result.Values);
        Assert.Equal(4, RatingAnswers.Ratings(result.Values)["police"]);
    }

    [Fact]
    public void A_required_rating_needs_every_option_rated()
    {
        var result = Check(Services(QuestionType.Rate), ("services-1", "4"), ("services-3", "2"));
        Assert.Equal("Rate every option", result.Error);
        Assert.Equal("services-2", result.ErrorElementId);

        var optional = Check(Services(QuestionType.Rate, required: false), ("services-2", "3"), ("services-3", ""));
        Assert.Equal(["council=3"], optional.Values);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("3.5")]
    [InlineData("good")]
    public void A_rating_must_be_a_whole_number_in_the_range(string rating)
    {
        var result = Check(Services(QuestionType.Rate), ("services-1", "3"), ("services-2", rating), ("services-3", "3"));
        Assert.Equal("Rate Council with a whole number from 1 to 5", result.Error);
        Assert.Equal("services-2", result.ErrorElementId);
    }

    [Fact]
    public void The_rating_range_comes_from_min_and_max()
    {
        var question = Services(QuestionType.Rate);
        question.Min = 0;
        question.Max = 10;
        Assert.Equal(["police=0", "council=10", "health=7"], Check(question, ("services-1", "0"), ("services-2", "10"), ("services-3", "7")).Values);
        Assert.Equal("Rate Police with a whole number from 0 to 10", Check(question, ("services-1", "11")).Error);
    }

    [Fact]
    public void Rank_and_rate_post_one_field_per_option_and_a_stored_answer_fills_them_again()
    {
        var rank = Services(QuestionType.Rank);
        Assert.Equal(["services-1", "services-2", "services-3"], FormFields.Names(rank));
        Assert.Equal("services-1", FormFields.FirstElementId(rank));

        var answers = new FormAnswers();
        answers.Set("services", ["health", "police", "council"]);
        var fields = FormFields.FromAnswer(rank, answers);
        Assert.Equal(["2"], fields["services-1"]);
        Assert.Equal(["3"], fields["services-2"]);
        Assert.Equal(["1"], fields["services-3"]);

        answers.Set("services", ["police=4", "health=2"]);
        var ratings = FormFields.FromAnswer(Services(QuestionType.Rate), answers);
        Assert.Equal(["4"], ratings["services-1"]);
        Assert.False(ratings.ContainsKey("services-2"));
        Assert.Equal(["2"], ratings["services-3"]);
    }

    [Fact]
    public void Check_answers_shows_the_scale_label_the_ranking_in_order_and_each_rating_out_of_the_highest()
    {
        Assert.Equal("Fairly worried", FormAnswerDisplay.Text(Worry(), ["fairly-worried"]));
        Assert.Equal("1. Health services\n2. Police\n3. Council", FormAnswerDisplay.Text(Services(QuestionType.Rank), ["health", "police", "council"]));
        Assert.Equal("Police: 4 out of 5\nHealth services: 2 out of 5", FormAnswerDisplay.Text(Services(QuestionType.Rate), ["health=2", "police=4"]));
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(21, "21st")]
    public void Positions_read_as_ordinals(int position, string text) => Assert.Equal(text, FormFields.Ordinal(position));

    private static ContentValidationResult Validate(FormQuestion question, params FormPage[] later)
    {
        var form = new FormPart { Pages = [new FormPage { Id = "one", Questions = [question] }, .. later] };
        var result = new ContentValidationResult();
        FormValidator.ValidatePages(form, result);
        return result;
    }

    [Fact]
    public void A_scale_without_points_asks_for_at_least_2_and_is_not_filled_in_silently()
    {
        var question = Worry();
        question.Options.Clear();
        var result = Validate(question);
        var error = Assert.Single(result.Errors);
        Assert.Equal("FormPart.Pages[0].Questions[0].Options", error.Field);
        Assert.Equal("Page 1, question 1: add at least 2 points to the scale", error.Message);
        Assert.Empty(question.Options);
    }

    [Fact]
    public void Rank_and_rate_need_at_least_2_options()
    {
        var rank = Services(QuestionType.Rank);
        rank.Options.RemoveRange(1, 2);
        Assert.Equal("Page 1, question 1: add at least 2 options to put in order", Assert.Single(Validate(rank).Errors).Message);
        var rate = Services(QuestionType.Rate);
        rate.Options.Clear();
        Assert.Equal("Page 1, question 1: add at least 2 options to rate", Assert.Single(Validate(rate).Errors).Message);
        Assert.True(Validate(Services(QuestionType.Rate)).Succeeded);
    }

    [Theory]
    [InlineData(1.5, 5.0, "Page 1, question 1: the lowest and highest ratings must be whole numbers, like 1 and 5")]
    [InlineData(5.0, 5.0, "Page 1, question 1: the highest rating must be more than the lowest")]
    [InlineData(6.0, null, "Page 1, question 1: the highest rating must be more than the lowest")]
    [InlineData(0.0, 10.0, "Page 1, question 1: a rating can have at most 10 points, like 1 to 10")]
    [InlineData(1.0, 10.0, null)]
    [InlineData(null, 3.0, null)]
    public void A_rating_range_is_whole_numbers_lowest_below_highest_and_at_most_10_points(double? min, double? max, string? error)
    {
        var question = Services(QuestionType.Rate);
        question.Min = (decimal?)min;
        question.Max = (decimal?)max;
        Assert.Equal(error, Validate(question).Errors.Select(e => e.Message).SingleOrDefault());
    }

    [Fact]
    public void A_later_page_can_branch_on_a_scale_answer_but_not_on_a_ranking_value()
    {
        var scared = new FormPage
        {
            Id = "support", Questions = [new FormQuestion { Id = "more", Label = "Tell us more" }],
            ShowWhen = [new FormCondition { QuestionId = "worry", Operator = ConditionOperator.AnyOf, Values = ["very-worried", "fairly-worried"] }],
        };
        Assert.True(Validate(Worry(), scared).Succeeded);
        var journey = new FormJourney(new FormPart { Pages = [new FormPage { Id = "one", Questions = [Worry()] }, scared] });
        var answers = new FormAnswers();
        answers.Set("worry", ["very-worried"]);
        Assert.Equal("support", journey.Next("one", answers)?.Id);
        answers.Set("worry", ["not-at-all-worried"]);
        Assert.Null(journey.Next("one", answers));

        scared.ShowWhen[0].Values = ["terrified"];
        Assert.Equal("Page 2: \u2018terrified\u2019 is not an answer to \u201cHow worried are you walking home at night?\u201d", Assert.Single(Validate(Worry(), scared).Errors).Message);

        scared.ShowWhen[0] = new FormCondition { QuestionId = "services", Operator = ConditionOperator.AnyOf, Values = ["police"] };
        Assert.Equal("FormPart.Pages[1].ShowWhen[0].Operator", Assert.Single(Validate(Services(QuestionType.Rank), scared).Errors).Field);
        scared.ShowWhen[0].Operator = ConditionOperator.Answered;
        Assert.True(Validate(Services(QuestionType.Rank), scared).Succeeded);
    }
}
