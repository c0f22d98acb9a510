using System.Text.Json.Serialization;

using SaferBcp.Cms.Content;

namespace SaferBcp.Forms.Models;

/// <summary>
/// A form as data: the part of a "Form" content item (versioned, published and seeded by recipes like any
/// content). Referral forms and surveys are both forms; <see cref="Kind"/> says which module receives a
/// finished submission and under which address prefix the form is served.
/// </summary>
public sealed class FormPart : ContentPart
{
    /// <summary>Short, unique, lower-case address segment: /{kind prefix}/{Slug}.</summary>
    public string Slug { get; set; } = "";

    /// <summary>Which <see cref="FormKind"/> this form belongs to, for example "referral" or "survey".</summary>
    public string Kind { get; set; } = "";

    /// <summary>Markdown shown on the start page, before the first question.</summary>
    public string IntroMarkdown { get; set; } = "";

    public List<FormPage> Pages { get; set; } = [];

    /// <summary>Markdown for the confirmation page's "What happens next".</summary>
    public string WhatHappensNextMarkdown { get; set; } = "";

    /// <summary>The confirmation page's heading, like "Application sent"; null for its kind's own (<see cref="FormKind.SentHeading"/>).</summary>
    public string? SentHeading { get; set; }

    /// <summary>
    /// Whether the browser may fill in the person's own details (name, email, phone, postcode): only for forms that are
    /// not sensitive, like a venue's Safe Place application. Off (the default) for referrals and sensitive surveys;
    /// see <see cref="Services.FormAutocomplete"/>.
    /// </summary>
    public bool OffersAutofill { get; set; }

    /// <summary>The form's wording by culture name ("pl", "ar"), served at /{culture}/{kind prefix}/{slug}; see <see cref="FormTranslation"/>.</summary>
    public Dictionary<string, FormTranslation> Translations { get; set; } = [];
}

/// <summary>One page of questions, or an interruption page (content only) that may end the journey.</summary>
public sealed class FormPage
{
    /// <summary>Stable, lower-case, used in the page's address and in conditions.</summary>
    public string Id { get; set; } = "";

    /// <summary>The page heading. For a page with a single question the question's label is the heading.</summary>
    public string Title { get; set; } = "";

    /// <summary>Shown only when every condition holds (empty: always shown).</summary>
    public List<FormCondition> ShowWhen { get; set; } = [];

    public List<FormQuestion> Questions { get; set; } = [];

    /// <summary>Markdown content of an interruption page (a page without questions).</summary>
    public string? InterruptionMarkdown { get; set; }

    /// <summary>An interruption that ends the journey: nothing is submitted (for example "in danger now").</summary>
    public bool EndsJourney { get; set; }
}

public sealed class FormQuestion
{
    /// <summary>Stable, lower-case, unique in the form; the key of the answer.</summary>
    public string Id { get; set; } = "";

    public QuestionType Type { get; set; }

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    public bool Required { get; set; } = true;

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    /// <summary>For numbers: the smallest and largest accepted.</summary>
    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    /// <summary>For dates: whether a date in the future (or past) is refused.</summary>
    public DateRule DateRule { get; set; }

    /// <summary>For single choice, multiple choice and select.</summary>
    public List<FormOption> Options { get; set; } = [];

    /// <summary>
    /// What the answer means to other modules, whatever the wording: "area", "age-band", "risk-indicator",
    /// "children-in-household", "safe-email", "safe-phone", "name", … Routing and survey filters read tags, not ids.
    /// </summary>
    public string? Tag { get; set; }

    /// <summary>Personal data (name, contact details, free text about a person): never logged, masked where shown in aggregate.</summary>
    public bool Personal { get; set; }

    /// <summary>
    /// How error messages name the answer, like "your name" ("Enter your name"). Empty: the messages
    /// use a general wording ("Enter an answer").
    /// </summary>
    public string? ShortName { get; set; }
}

public sealed class FormOption
{
    public string Value { get; set; } = "";

    public string Label { get; set; } = "";

    public string? Hint { get; set; }
}

public sealed class FormCondition
{
    public string QuestionId { get; set; } = "";

    public ConditionOperator Operator { get; set; }

    public List<string> Values { get; set; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<ConditionOperator>))]
public enum ConditionOperator
{
    /// <summary>The answer (or one of the answers) is one of <see cref="FormCondition.Values"/>.</summary>
    AnyOf,

    /// <summary>No answer is one of <see cref="FormCondition.Values"/>.</summary>
    NoneOf,

    /// <summary>The question has an answer.</summary>
    Answered,
}

[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType
{
    Text,
    LongText,
    Email,
    UkPhone,
    UkPostcode,
    Date,
    Number,
    SingleChoice,
    MultipleChoice,
    YesNo,
    Select,

    /// <summary>One point on an ordered scale (very worried … not at all worried); options run from one end to the other.</summary>
    Scale,

    /// <summary>Put the options in order; the answer lists option values, first ranked first.</summary>
    Rank,

    /// <summary>Rate each option from <see cref="FormQuestion.Min"/> to <see cref="FormQuestion.Max"/> (default 1 to 5); see <see cref="Services.RatingAnswers"/>.</summary>
    Rate,
}

[JsonConverter(typeof(JsonStringEnumConverter<DateRule>))]
public enum DateRule
{
    Any,
    NotInFuture,
    NotInPast,
}
