using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Forms.Tests;

public sealed class FormJourneyTests
{
    /// <summary>danger? → (yes) in-danger (ends) | (no) about-you → (children yes) children → contact.</summary>
    public static FormPart SampleForm() => new()
    {
        Slug = "sample",
        Kind = "test",
        Pages =
        [
            new FormPage { Id = "danger", Questions = [new FormQuestion { Id = "in-danger", Type = QuestionType.YesNo, Label = "Are you in danger now?" }] },
            new FormPage
            {
                Id = "call-999", Title = "Call 999 now", EndsJourney = true, InterruptionMarkdown = "Call 999. If you cannot speak, press 55.",
                ShowWhen = [new FormCondition { QuestionId = "in-danger", Operator = ConditionOperator.AnyOf, Values = ["yes"] }],
            },
            new FormPage
            {
                Id = "about-you", Title = "About you",
                Questions =
                [
                    new FormQuestion { Id = "name", Type = QuestionType.Text, Label = "Your name", Personal = true },
                    new FormQuestion { Id = "children", Type = QuestionType.YesNo, Label = "Do children live with you?" },
                ],
            },
            new FormPage
            {
                Id = "children-page", Title = "Children",
                ShowWhen = [new FormCondition { QuestionId = "children", Operator = ConditionOperator.AnyOf, Values = ["yes"] }],
                Questions = [new FormQuestion { Id = "children-count", Type = QuestionType.Number, Label = "How many?" }],
            },
            new FormPage { Id = "contact", Questions = [new FormQuestion { Id = "phone", Type = QuestionType.UkPhone, Label = "Safe phone number", Required = false }] },
        ],
    };

    private static FormAnswers Answers(params (string Id, string Value)[] values)
    {
        var answers = new FormAnswers();
        foreach (var (id, value) in values)
        {
            answers.Set(id, [value]);
        }

        return answers;
    }

    private readonly FormJourney _journey = new(SampleForm());

    [Fact]
    public void Before_any_answer_the_route_skips_pages_whose_conditions_do_not_hold()
    {
        Assert.Equal(["danger", "about-you", "contact"], _journey.Route(new FormAnswers()).Select(p => p.Id));
        Assert.Equal("danger", _journey.FirstPage!.Id);
    }

    [Fact]
    public void Saying_yes_to_danger_ends_the_journey_at_the_interruption()
    {
        var answers = Answers(("in-danger", "yes"));
        Assert.Equal(["danger", "call-999"], _journey.Route(answers).Select(p => p.Id));
        Assert.Equal("call-999", _journey.EndedAt(answers)!.Id);
        Assert.Equal("call-999", _journey.Next("danger", answers)!.Id);
        Assert.Null(_journey.Next("call-999", answers));
    }

    [Fact]
    public void The_branch_for_children_is_shown_only_when_children_live_there()
    {
        var with = Answers(("in-danger", "no"), ("children", "yes"));
        Assert.Equal("children-page", _journey.Next("about-you", with)!.Id);
        Assert.Equal("about-you", _journey.Previous("children-page", with)!.Id);

        var without = Answers(("in-danger", "no"), ("children", "no"));
        Assert.Equal("contact", _journey.Next("about-you", without)!.Id);
        Assert.Equal("about-you", _journey.Previous("contact", without)!.Id);
        Assert.Null(_journey.Previous("danger", without));
        Assert.Null(_journey.Next("contact", without));
    }

    [Fact]
    public void Answers_on_a_branch_no_longer_taken_are_dropped()
    {
        var answers = Answers(("in-danger", "no"), ("name", "Sam"), ("children", "no"), ("children-count", "2"), ("phone", "07700 900123"));
        var kept = _journey.AnswersOnRoute(answers);
        Assert.Equal(["in-danger", "name", "children", "phone"], kept.Values.Keys.OrderBy(k => k == "in-danger" ? 0 : k == "name" ? 1 : k == "children" ? 2 : 3));
        Assert.False(kept.Values.ContainsKey("children-count"));
    }

    [Fact]
    public void A_condition_on_an_answer_from_a_skipped_page_does_not_hold()
    {
        var form = SampleForm();
        form.Pages.Add(new FormPage
        {
            Id = "how-many-follow-up",
            ShowWhen = [new FormCondition { QuestionId = "children-count", Operator = ConditionOperator.Answered }],
            Questions = [new FormQuestion { Id = "ages", Type = QuestionType.Text, Label = "Ages" }],
        });
        var journey = new FormJourney(form);
        var answers = Answers(("in-danger", "no"), ("children", "no"), ("children-count", "2"));
        Assert.DoesNotContain(journey.Route(answers), p => p.Id == "how-many-follow-up");
    }

    [Fact]
    public void Pages_cannot_be_skipped_by_typing_their_address()
    {
        var state = new FormState { Answers = Answers(("in-danger", "no")) };
        state.CompletedPages.Add("danger");
        Assert.True(_journey.CanShow("about-you", state));
        Assert.False(_journey.CanShow("contact", state));
        Assert.Equal("about-you", _journey.FirstIncomplete(state)!.Id);
        Assert.False(_journey.CanShow("call-999", state));
    }

    [Fact]
    public void None_of_holds_when_no_answer_matches()
    {
        var condition = new FormCondition { QuestionId = "area", Operator = ConditionOperator.NoneOf, Values = ["outside"] };
        Assert.True(FormJourney.Holds(condition, Answers(("area", "poole"))));
        Assert.True(FormJourney.Holds(condition, new FormAnswers()));
        Assert.False(FormJourney.Holds(condition, Answers(("area", "outside"))));
    }

    [Fact]
    public void Answers_are_shown_as_people_read_them()
    {
        var answers = Answers(("in-danger", "no"), ("name", "Sam"), ("children", "yes"));
        var rows = FormAnswerDisplay.RouteRows(SampleForm(), answers);
        Assert.Equal(["in-danger", "name", "children", "children-count", "phone"], rows.Select(r => r.QuestionId));
        Assert.Equal("No", rows[0].AnswerText);
        Assert.Equal("About you", rows[1].PageTitle);
        Assert.Equal(FormAnswerDisplay.NotAnswered, rows[4].AnswerText);

        var date = new FormQuestion { Id = "d", Type = QuestionType.Date };
        Assert.Equal("5 March 1990", FormAnswerDisplay.Text(date, ["1990-03-05"]));
    }
}
