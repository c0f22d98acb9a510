namespace SaferBcp.Forms.Models;

/// <summary>
/// A form's wording in one community language, stored with the form (<see cref="FormPart.Translations"/>). Only words
/// are translated: page and question ids and option values stay the form's own, so answers are stored exactly as
/// in English and routing rules, risk indicators and survey filters keep working. Anything left out is shown in English.
/// </summary>
public sealed class FormTranslation
{
    /// <summary>
    /// False until staff confirm a qualified translator has checked it; the start page then says the translation is
    /// still to be checked, as translated pages do.
    /// </summary>
    public bool Checked { get; set; }

    public string? Title { get; set; }

    public string? IntroMarkdown { get; set; }

    public string? WhatHappensNextMarkdown { get; set; }

    public string? SentHeading { get; set; }

    /// <summary>By page id.</summary>
    public Dictionary<string, FormPageTranslation> Pages { get; set; } = [];

    /// <summary>By question id.</summary>
    public Dictionary<string, FormQuestionTranslation> Questions { get; set; } = [];
}

public sealed class FormPageTranslation
{
    public string? Title { get; set; }

    public string? InterruptionMarkdown { get; set; }
}

public sealed class FormQuestionTranslation
{
    public string? Label { get; set; }

    public string? Hint { get; set; }

    /// <summary>How error messages name the answer in this language (see <see cref="FormQuestion.ShortName"/>).</summary>
    public string? ShortName { get; set; }

    /// <summary>By option value (the value itself is never translated).</summary>
    public Dictionary<string, FormOptionTranslation> Options { get; set; } = [];
}

public sealed class FormOptionTranslation
{
    public string? Label { get; set; }

    public string? Hint { get; set; }
}
