using System.Text.Json;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Tests;

public sealed class SurveyExportLayoutTests
{
    internal static FormPart Form() => new()
    {
        Slug = "test-survey",
        Kind = SurveyKind.Name,
        Pages =
        [
            new FormPage
            {
                Id = "one",
                Questions =
                [
                    new FormQuestion { Id = "worry", Type = QuestionType.SingleChoice, Label = "How worried are you?", Options = [new() { Value = "very", Label = "Very worried" }, new() { Value = "not-at-all", Label = "Not at all worried" }] },
                    new FormQuestion { Id = "places", Type = QuestionType.MultipleChoice, Label = "Where do you feel unsafe?", Options = [new() { Value = "park", Label = "Parks" }, new() { Value = "bus", Label = "Buses" }] },
                    new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us more" },
                ],
            },
            new FormPage
            {
                Id = "contact",
                Questions =
                [
                    new FormQuestion { Id = "help", Type = QuestionType.YesNo, Label = "Would you like to help shape services?", Tag = "contact-opt-in" },
                    new FormQuestion { Id = "email", Type = QuestionType.Email, Label = "Email", Tag = "contact-email" },
                ],
            },
        ],
    };

    [Fact]
    public void Columns_are_id_date_then_one_per_question_and_one_per_option_of_a_multiple_choice_without_contact_questions()
    {
        var layout = new SurveyExportLayout(Form());
        Assert.Equal(["response_id", "response_date", "response_assisted", "response_channel", "response_organisation", "worry", "places_park", "places_bus", "story"], layout.Header);
    }

    [Fact]
    public void A_row_has_the_day_the_choices_as_one_or_zero_and_masked_free_text()
    {
        var layout = new SurveyExportLayout(Form());
        var answers = new Dictionary<string, List<string>> { ["worry"] = ["very"], ["places"] = ["bus"], ["story"] = ["My name is Jo, call 07700 900123"] };
        var row = layout.Row(new SurveyResponse { Id = 7, ResponseDate = new DateOnly(2026, 11, 27), AnswersJson = JsonSerializer.Serialize(answers) });
        Assert.Equal(["7", "2026-11-27", "no", "", "", "very", 0, 1, "My name is [removed], call [removed]"], row);
    }

    [Fact]
    public void The_codebook_explains_every_column_with_its_options()
    {
        var codebook = new SurveyExportLayout(Form()).Codebook().ToList();
        Assert.Equal(9, codebook.Count);
        var worry = codebook.Single(r => (string?)r["column"] == "worry");
        Assert.Equal("How worried are you?", worry["label"]);
        Assert.Equal("SingleChoice", worry["type"]);
        Assert.Equal("very = Very worried; not-at-all = Not at all worried", worry["options"]);
        Assert.Equal("Where do you feel unsafe?: Buses", codebook.Single(r => (string?)r["column"] == "places_bus")["label"]);
    }

    [Fact]
    public void Contact_details_are_taken_out_of_the_answers_and_kept_only_when_she_said_yes()
    {
        var answers = new FormAnswers();
        answers.Set("worry", ["very"]);
        answers.Set("help", ["yes"]);
        answers.Set("email", ["jo@example.com"]);
        var (kept, contact) = SurveySubmissionHandler.Split(Form(), answers);
        Assert.Equal(["worry"], kept.Keys);
        Assert.Equal("jo@example.com", contact!.Email);

        answers.Set("help", ["no"]);
        var (_, none) = SurveySubmissionHandler.Split(Form(), answers);
        Assert.Null(none);
    }

    private static FormPart OrderedForm() => new()
    {
        Slug = "ordered-survey",
        Kind = SurveyKind.Name,
        Pages =
        [
            new FormPage
            {
                Id = "one",
                Title = "Your views",
                Questions =
                [
                    new FormQuestion { Id = "worry", Type = QuestionType.Scale, Label = "How worried are you?", Options = [new() { Value = "very-worried", Label = "Very worried" }, new() { Value = "not-at-all-worried", Label = "Not at all worried" }] },
                    new FormQuestion { Id = "trust", Type = QuestionType.Rank, Label = "Who would you tell first?", Required = false, Options = [new() { Value = "police", Label = "Police" }, new() { Value = "friend", Label = "A friend" }, new() { Value = "family", Label = "Family" }] },
                    new FormQuestion { Id = "lighting", Type = QuestionType.Rate, Label = "Rate the lighting", Required = false, Max = 10, Options = [new() { Value = "park", Label = "Parks" }, new() { Value = "street", Label = "Streets" }] },
                ],
            },
        ],
    };

    [Fact]
    public void A_scale_is_one_column_and_rank_and_rate_have_a_column_per_option()
    {
        var layout = new SurveyExportLayout(OrderedForm());
        Assert.Equal(["response_id", "response_date", "response_assisted", "response_channel", "response_organisation", "worry", "trust_police", "trust_friend", "trust_family", "lighting_park", "lighting_street"], layout.Header);
    }

    [Fact]
    public void Rank_columns_hold_positions_and_rate_columns_ratings_blank_when_left_out()
    {
        var layout = new SurveyExportLayout(OrderedForm());
        var answers = new Dictionary<string, List<string>> { ["worry"] = ["very-worried"], ["trust"] = ["family", "police"], ["lighting"] = ["street=8"] };
        var row = layout.Row(new SurveyResponse { Id = 3, ResponseDate = new DateOnly(2026, 11, 27), AnswersJson = JsonSerializer.Serialize(answers) });
        Assert.Equal(["3", "2026-11-27", "no", "", "", "very-worried", 2, null, 1, null, 8], row);
    }

    [Fact]
    public void The_codebook_says_what_rank_and_rate_columns_mean()
    {
        var codebook = new SurveyExportLayout(OrderedForm()).Codebook().ToDictionary(r => (string)r["column"]!);
        Assert.Equal("Scale", codebook["worry"]["type"]);
        Assert.Equal("very-worried = Very worried; not-at-all-worried = Not at all worried", codebook["worry"]["options"]);
        Assert.Equal("Who would you tell first?: A friend", codebook["trust_friend"]["label"]);
        Assert.Equal("Rank (1 = first; empty = not ranked)", codebook["trust_friend"]["type"]);
        Assert.Equal("Rating 1 to 10 (empty = not rated)", codebook["lighting_park"]["type"]);
        Assert.Equal("park", codebook["lighting_park"]["options"]);
    }
}
