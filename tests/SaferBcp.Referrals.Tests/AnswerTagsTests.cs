using SaferBcp.Forms.Models;
using SaferBcp.Referrals.Models;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals.Tests;

public sealed class AnswerTagsTests
{
    private static FormPart Form(params FormQuestion[] questions) => new() { Slug = "domestic-abuse", Kind = "referral", Pages = [new FormPage { Id = "p", Title = "Page", Questions = [.. questions] }] };

    private static FormAnswers Answers(params (string Id, string Value)[] values)
    {
        var answers = new FormAnswers();
        foreach (var (id, value) in values)
        {
            answers.Set(id, [value]);
        }

        return answers;
    }

    [Fact]
    public void Answers_are_read_by_tag_whatever_the_question_ids()
    {
        var form = Form(
            new FormQuestion { Id = "where", Tag = "area", Type = QuestionType.SingleChoice },
            new FormQuestion { Id = "how-old", Tag = "age-band", Type = QuestionType.SingleChoice },
            new FormQuestion { Id = "r1", Tag = "risk-indicator", Type = QuestionType.YesNo },
            new FormQuestion { Id = "r2", Tag = "risk-indicator", Type = QuestionType.YesNo },
            new FormQuestion { Id = "r3", Tag = "risk-indicator", Type = QuestionType.YesNo },
            new FormQuestion { Id = "kids", Tag = "children-in-household", Type = QuestionType.YesNo });

        var facts = AnswerTags.Read("domestic-abuse", form, Answers(("where", "outside-bcp"), ("how-old", "16-17"), ("r1", "yes"), ("r2", "no"), ("r3", "yes"), ("kids", "no")), new DateOnly(2026, 11, 27));

        Assert.Equal(Area.OutsideBcp, facts.Area);
        Assert.Equal("16-17", facts.AgeBand);
        Assert.True(facts.Under18);
        Assert.Equal(2, facts.RiskIndicators);
        Assert.False(facts.ChildrenInHousehold);
    }

    [Theory]
    [InlineData("2010-11-28", "under-16")]
    [InlineData("2010-11-27", "16-17")]
    [InlineData("2008-11-27", "18-24")]
    [InlineData("1960-01-01", "65-plus")]
    public void A_date_of_birth_is_turned_into_an_age_band_on_the_day_of_the_referral(string dob, string band)
    {
        var form = Form(new FormQuestion { Id = "dob", Tag = "date-of-birth", Type = QuestionType.Date });

        Assert.Equal(band, AnswerTags.Read("x", form, Answers(("dob", dob)), new DateOnly(2026, 11, 27)).AgeBand);
    }

    [Fact]
    public void The_acknowledgement_address_is_used_only_when_email_was_marked_safe()
    {
        var form = Form(
            new FormQuestion { Id = "ok", Tag = "safe-email-ok", Type = QuestionType.YesNo },
            new FormQuestion { Id = "mail", Tag = "email", Type = QuestionType.Email });

        Assert.Equal("me@example.org", AnswerTags.SafeEmailAddress(form, Answers(("ok", "yes"), ("mail", "me@example.org"))));
        Assert.Null(AnswerTags.SafeEmailAddress(form, Answers(("ok", "no"), ("mail", "me@example.org"))));
        Assert.Null(AnswerTags.SafeEmailAddress(form, Answers(("mail", "me@example.org"))));
    }
}
