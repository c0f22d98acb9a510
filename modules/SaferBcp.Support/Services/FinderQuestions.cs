using SaferBcp.Support.Models;

namespace SaferBcp.Support.Services;

/// <summary>One answer a resident can choose on a "Find support" question.</summary>
public sealed record FinderChoice(string Code, string Label, string? Hint = null);

/// <summary>A "Find support" question page: its field name, heading, choices and the message when nothing is chosen.</summary>
public sealed record FinderQuestion(string Field, string Step, string Heading, string? Hint, IReadOnlyList<FinderChoice> Choices, string? DividedChoiceCode, string ErrorMessage)
{
    public bool IsValid(string? code) => code is not null && Choices.Any(c => c.Code == code);
}

/// <summary>The three questions of "Find support", in order.</summary>
public static class FinderQuestions
{
    public const string NotSure = "not-sure";
    public const string ElsewhereInUk = "elsewhere";
    public const string RatherNotSay = "rather-not-say";

    public static readonly FinderQuestion Who = new(
        "who",
        "who",
        "Who do you need support for?",
        null,
        [
            new("experiencing-abuse", "Me \u2013 I am being hurt, threatened or harmed, or need help", "For example, by a partner, family member or someone else"),
            new("worried-about-own-behaviour", "Me \u2013 I am worried about my own behaviour", "For example, how you treat a partner or family member"),
            new("children-and-young-people", "A child or young person", "Including you, if you are under 18"),
            new("family-and-friends", "A friend or family member"),
            new("professionals", "Someone I support at work", "For professionals and practitioners"),
        ],
        null,
        "Select who you need support for");

    public static readonly FinderQuestion What = new(
        "what",
        "what",
        "What is happening?",
        "Choose the one that fits best.",
        [
            new("domestic-abuse", "Domestic abuse", "Abuse by a partner, ex-partner or family member. It can be physical, emotional, sexual or about money"),
            new("sexual-violence", "Rape or sexual violence", "Whenever it happened"),
            new("stalking", "Stalking or harassment"),
            new("anti-social-behaviour", "Anti-social behaviour"),
            new("hate-crime", "Hate crime", "Because of race, religion, disability, sexual orientation or gender identity"),
            new("exploitation", "Exploitation", "Someone is made to carry drugs, commit crime, work or take part in sexual activity"),
            new("knife-crime", "Knife crime or violence"),
            new("drugs-and-alcohol", "Drugs or alcohol"),
            new("prevent", "Someone is being drawn into extremism"),
            new(NotSure, "I\u2019m not sure"),
        ],
        NotSure,
        "Select what is happening, or \u2018I\u2019m not sure\u2019");

    public static readonly FinderQuestion Where = new(
        "where",
        "where",
        "Where do you live?",
        "Or where the person you are worried about lives.",
        [
            new("bournemouth", "Bournemouth"),
            new("christchurch", "Christchurch"),
            new("poole", "Poole"),
            new("dorset", "Somewhere else in Dorset"),
            new(ElsewhereInUk, "Somewhere else in the UK"),
            new(RatherNotSay, "I\u2019d rather not say"),
        ],
        RatherNotSay,
        "Select where you live, or \u2018I\u2019d rather not say\u2019");

    public static readonly IReadOnlyList<FinderQuestion> All = [Who, What, Where];
}
