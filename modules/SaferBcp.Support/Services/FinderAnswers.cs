using System.Linq.Expressions;
using SaferBcp.Support.Models;

namespace SaferBcp.Support.Services;

/// <summary>
/// What a resident chose on the "Find support" questions. Carried from page to page only in the body of
/// form posts: never in an address, a cookie or the database.
/// </summary>
public sealed record FinderAnswers(string? Who, string? What, string? Where)
{
    /// <summary>Answers that are not one of the choices are dropped, so a page only ever echoes known codes.</summary>
    public FinderAnswers Cleaned() => new(
        FinderQuestions.Who.IsValid(Who) ? Who : null,
        FinderQuestions.What.IsValid(What) ? What : null,
        FinderQuestions.Where.IsValid(Where) ? Where : null);

    public bool IsComplete => Cleaned() is { Who: not null, What: not null, Where: not null };

    public string? this[string field] => field switch
    {
        "who" => Who,
        "what" => What,
        "where" => Where,
        _ => null,
    };

    /// <summary>The filter for these answers. Only valid for complete answers.</summary>
    public FinderCriteria ToCriteria()
    {
        var audience = ServiceOptions.AudienceFlags([Who!]);
        var topics = What == FinderQuestions.NotSure ? AllFlags<Topic>() : ServiceOptions.TopicFlags([What!]);
        var areas = Where switch
        {
            "bournemouth" => Area.Bournemouth | Area.Bcp,
            "christchurch" => Area.Christchurch | Area.Bcp,
            "poole" => Area.Poole | Area.Bcp,
            "dorset" => Area.Dorset,
            FinderQuestions.ElsewhereInUk => Area.None,
            _ => AllFlags<Area>(),
        };

        // National helplines are for everyone, wherever they live.
        return new FinderCriteria(audience, topics, areas | Area.National);
    }

    private static T AllFlags<T>()
        where T : struct, Enum =>
        (T)Enum.ToObject(typeof(T), Enum.GetValues<T>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).Aggregate(0, (a, b) => a | b));
}

/// <summary>A service matches when it is for the person, helps with the topic and covers the area.</summary>
public sealed record FinderCriteria(Audience Audience, Topic Topics, Area Areas)
{
    /// <summary>Translated to SQL by EF Core, and usable on a list in tests.</summary>
    public Expression<Func<ServiceIndex, bool>> Predicate()
    {
        var audience = Audience;
        var topics = Topics;
        var areas = Areas;
        return s => (s.Audiences & audience) != 0 && (s.Topics & topics) != 0 && (s.Areas & areas) != 0;
    }
}
