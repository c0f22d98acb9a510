using Microsoft.Extensions.Time.Testing;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Forms.Tests;

public sealed class AnswerValidatorTests
{
    private readonly AnswerValidator _validator = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)), FormsTextLocalizer.Create());

    private AnswerResult Check(FormQuestion question, params (string Name, string Value)[] fields) =>
        _validator.Check(question, name => fields.Where(f => f.Name == name).Select(f => f.Value).ToList());

    private static FormQuestion Q(QuestionType type, bool required = true, string id = "q") => new() { Id = id, Type = type, Label = "Question", Required = required };

    [Fact]
    public void A_required_text_question_left_empty_says_enter_an_answer()
    {
        var result = Check(Q(QuestionType.Text), ("q", "   "));
        Assert.Equal("Enter an answer", result.Error);
        Assert.Equal("q", result.ErrorElementId);
    }

    [Fact]
    public void The_short_name_makes_the_message_specific()
    {
        var question = Q(QuestionType.Text);
        question.ShortName = "your name";
        question.MaxLength = 5;
        Assert.Equal("Enter your name", Check(question).Error);
        Assert.Equal("Your name must be 5 characters or fewer", Check(question, ("q", "Rosalind")).Error);
    }

    [Fact]
    public void An_optional_question_left_empty_has_no_answer_and_no_error()
    {
        var result = Check(Q(QuestionType.Email, required: false));
        Assert.True(result.IsValid);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void Text_is_trimmed_and_limited_to_500_characters_unless_set()
    {
        Assert.Equal(["Sam"], Check(Q(QuestionType.Text), ("q", "  Sam ")).Values);
        Assert.Equal("Your answer must be 500 characters or fewer", Check(Q(QuestionType.Text), ("q", new string('a', 501))).Error);
        Assert.True(Check(Q(QuestionType.LongText), ("q", new string('a', 5000))).IsValid);
        Assert.Equal("Your answer must be 5000 characters or fewer", Check(Q(QuestionType.LongText), ("q", new string('a', 5001))).Error);
    }

    [Fact]
    public void Minimum_length_is_checked()
    {
        var question = Q(QuestionType.LongText);
        question.MinLength = 10;
        Assert.Equal("Your answer must be 10 characters or more", Check(question, ("q", "short")).Error);
    }

    [Theory]
    [InlineData("name@example.com", null)]
    [InlineData("name@example", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("name example.com", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("a@b@c.com", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("o'brien+referral@example.co.uk", null)]
    [InlineData("\"jo smith\"@example.org", null)]

    // The old GOV.UK pattern let these through; MimeKit, and so the outbox, refuses them.
    [InlineData("jo(home@example.org", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("jo..smith@example.org", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("jo;smith@example.org", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("Jo <jo@example.org>", "Enter an email address in the correct format, like name@example.com")]
    public void Email_addresses_need_the_right_format(string typed, string? error) =>
        Assert.Equal(error, Check(Q(QuestionType.Email), ("q", typed)).Error);

    [Fact]
    public void A_phone_number_with_letters_is_refused_with_examples()
    {
        Assert.Equal("Enter a UK phone number, like 01202 123456, 07700 900123 or +44 7700 900123", Check(Q(QuestionType.UkPhone), ("q", "07700 9OO123")).Error);
        Assert.Equal(["07700 900123"], Check(Q(QuestionType.UkPhone), ("q", "+44 7700 900123")).Values);
        Assert.Equal(["01202 123456"], Check(Q(QuestionType.UkPhone), ("q", "(01202)123-456")).Values);
        Assert.NotNull(Check(Q(QuestionType.UkPhone), ("q", "116 123")).Error);
    }

    [Fact]
    public void A_postcode_is_stored_normalised()
    {
        Assert.Equal(["BH1 1AA"], Check(Q(QuestionType.UkPostcode), ("q", "bh11aa")).Values);
        Assert.Equal("Enter a postcode", Check(Q(QuestionType.UkPostcode)).Error);
        Assert.Equal("Enter a full UK postcode, like BH1 1AA", Check(Q(QuestionType.UkPostcode), ("q", "BH1")).Error);
    }

    [Fact]
    public void A_real_date_is_stored_as_year_month_day()
    {
        var result = Check(Q(QuestionType.Date), ("q-day", "5"), ("q-month", "3"), ("q-year", "1990"));
        Assert.Equal(["1990-03-05"], result.Values);
    }

    [Theory]
    [InlineData("", "", "", "Enter the date", "q-day")]
    [InlineData("5", "", "1990", "The date must include a month", "q-month")]
    [InlineData("", "", "1990", "The date must include a day and a month", "q-day")]
    [InlineData("31", "2", "1990", "The date must be a real date", "q-day")]
    [InlineData("1", "13", "1990", "The date must be a real date", "q-month")]
    [InlineData("1", "1", "90", "Year must include 4 numbers", "q-year")]
    [InlineData("x", "1", "1990", "The date must be a real date", "q-day")]
    public void Date_errors_say_what_is_wrong_and_link_to_the_field(string day, string month, string year, string error, string elementId)
    {
        var result = Check(Q(QuestionType.Date), ("q-day", day), ("q-month", month), ("q-year", year));
        Assert.Equal(error, result.Error);
        Assert.Equal(elementId, result.ErrorElementId);
    }

    [Fact]
    public void Date_rules_use_the_UK_date_today()
    {
        var past = Q(QuestionType.Date);
        past.DateRule = DateRule.NotInFuture;
        Assert.True(Check(past, ("q-day", "27"), ("q-month", "11"), ("q-year", "2026")).IsValid);
        Assert.Equal("The date must be today or in the past", Check(past, ("q-day", "28"), ("q-month", "11"), ("q-year", "2026")).Error);

        var future = Q(QuestionType.Date);
        future.DateRule = DateRule.NotInPast;
        Assert.Equal("The date must be today or in the future", Check(future, ("q-day", "26"), ("q-month", "11"), ("q-year", "2026")).Error);
    }

    [Fact]
    public void Numbers_are_checked_against_min_and_max()
    {
        var question = Q(QuestionType.Number);
        question.Min = 16;
        question.Max = 120;
        question.ShortName = "your age";
        Assert.Equal(["16"], Check(question, ("q", " 16 ")).Values);
        Assert.Equal("Your age must be a number", Check(question, ("q", "sixteen")).Error);
        Assert.Equal("Your age must be 16 or more", Check(question, ("q", "15")).Error);
        Assert.Equal("Your age must be 120 or less", Check(question, ("q", "121")).Error);
    }

    [Fact]
    public void A_choice_must_be_one_of_the_options()
    {
        var question = Q(QuestionType.SingleChoice);
        question.Options = [new FormOption { Value = "poole", Label = "Poole" }, new FormOption { Value = "christchurch", Label = "Christchurch" }];
        Assert.Equal(["poole"], Check(question, ("q", "poole")).Values);
        Assert.Equal("Select an answer", Check(question).Error);
        Assert.Equal("Select an answer from the list", Check(question, ("q", "london")).Error);
    }

    [Fact]
    public void Multiple_choice_keeps_each_ticked_option_once_and_refuses_others()
    {
        var question = Q(QuestionType.MultipleChoice);
        question.Options = [new FormOption { Value = "a", Label = "A" }, new FormOption { Value = "b", Label = "B" }];
        Assert.Equal(["a", "b"], Check(question, ("q", "a"), ("q", "b"), ("q", "a")).Values);
        Assert.Equal("Select at least one answer", Check(question).Error);
        Assert.False(Check(question, ("q", "a"), ("q", "z")).IsValid);
    }

    [Fact]
    public void Yes_no_accepts_only_yes_or_no()
    {
        Assert.Equal(["yes"], Check(Q(QuestionType.YesNo), ("q", "yes")).Values);
        Assert.Equal("Select yes or no", Check(Q(QuestionType.YesNo)).Error);
        Assert.False(Check(Q(QuestionType.YesNo), ("q", "maybe")).IsValid);
    }

    [Theory]
    [InlineData("pl", "Wybierz „tak” albo „nie”", "Wpisz pełny brytyjski kod pocztowy, np. BH1 1AA")]
    [InlineData("ar", "اختر نعم أو لا", "أدخل رمزًا بريديًا بريطانيًا كاملًا، مثل BH1 1AA")]
    public void Messages_are_in_the_visitors_language(string culture, string yesOrNo, string postcode)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(yesOrNo, Check(Q(QuestionType.YesNo)).Error);
            Assert.Equal(postcode, Check(Q(QuestionType.UkPostcode), ("q", "12345")).Error);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }
}
