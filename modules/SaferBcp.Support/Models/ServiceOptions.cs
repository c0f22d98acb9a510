namespace SaferBcp.Support.Models;

[Flags]
public enum Audience
{
    None = 0,
    ExperiencingAbuse = 1,
    WorriedAboutOwnBehaviour = 2,
    ChildrenAndYoungPeople = 4,
    FamilyAndFriends = 8,
    Professionals = 16,
}

[Flags]
public enum Topic
{
    None = 0,
    DomesticAbuse = 1,
    SexualViolence = 2,
    Stalking = 4,
    AntiSocialBehaviour = 8,
    HateCrime = 16,
    Exploitation = 32,
    KnifeCrime = 64,
    DrugsAndAlcohol = 128,
    Prevent = 256,
}

[Flags]
public enum Area
{
    None = 0,

    /// <summary>The whole of Bournemouth, Christchurch and Poole.</summary>
    Bcp = 1,
    Bournemouth = 2,
    Christchurch = 4,
    Poole = 8,

    /// <summary>The Dorset Council area (not BCP).</summary>
    Dorset = 16,
    National = 32,
}

/// <summary>One choice: the code stored in content and posted by forms, the words staff and residents see.</summary>
public sealed record ServiceOption<T>(string Code, T Value, string Label, string? Hint = null)
    where T : struct, Enum;

/// <summary>The fixed lists a service is described by. Codes are stable (recipes and forms use them); labels may change.</summary>
public static class ServiceOptions
{
    public static readonly IReadOnlyList<ServiceOption<Audience>> Audiences =
    [
        new("experiencing-abuse", Audience.ExperiencingAbuse, "People experiencing abuse or harm"),
        new("worried-about-own-behaviour", Audience.WorriedAboutOwnBehaviour, "People worried about their own behaviour"),
        new("children-and-young-people", Audience.ChildrenAndYoungPeople, "Children and young people"),
        new("family-and-friends", Audience.FamilyAndFriends, "Family and friends"),
        new("professionals", Audience.Professionals, "Professionals"),
    ];

    public static readonly IReadOnlyList<ServiceOption<Topic>> Topics =
    [
        new("domestic-abuse", Topic.DomesticAbuse, "Domestic abuse"),
        new("sexual-violence", Topic.SexualViolence, "Rape and sexual violence"),
        new("stalking", Topic.Stalking, "Stalking"),
        new("anti-social-behaviour", Topic.AntiSocialBehaviour, "Anti-social behaviour"),
        new("hate-crime", Topic.HateCrime, "Hate crime"),
        new("exploitation", Topic.Exploitation, "Exploitation"),
        new("knife-crime", Topic.KnifeCrime, "Knife crime"),
        new("drugs-and-alcohol", Topic.DrugsAndAlcohol, "Drugs and alcohol"),
        new("prevent", Topic.Prevent, "Extremism and radicalisation (Prevent)"),
    ];

    public static readonly IReadOnlyList<ServiceOption<Area>> Areas =
    [
        new("bcp", Area.Bcp, "All of Bournemouth, Christchurch and Poole"),
        new("bournemouth", Area.Bournemouth, "Bournemouth"),
        new("christchurch", Area.Christchurch, "Christchurch"),
        new("poole", Area.Poole, "Poole"),
        new("dorset", Area.Dorset, "Dorset Council area"),
        new("national", Area.National, "National (anywhere in the UK)"),
    ];

    public static Audience AudienceFlags(IEnumerable<string> codes) => Combine(Audiences, codes);

    public static Topic TopicFlags(IEnumerable<string> codes) => Combine(Topics, codes);

    public static Area AreaFlags(IEnumerable<string> codes) => Combine(Areas, codes);

    public static IEnumerable<string> Labels<T>(IReadOnlyList<ServiceOption<T>> options, IEnumerable<string> codes)
        where T : struct, Enum
    {
        var chosen = codes.ToHashSet(StringComparer.Ordinal);
        return options.Where(o => chosen.Contains(o.Code)).Select(o => o.Label);
    }

    private static T Combine<T>(IReadOnlyList<ServiceOption<T>> options, IEnumerable<string> codes)
        where T : struct, Enum
    {
        var chosen = codes.ToHashSet(StringComparer.Ordinal);
        var flags = 0;
        foreach (var option in options.Where(o => chosen.Contains(o.Code)))
        {
            flags |= Convert.ToInt32(option.Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return (T)Enum.ToObject(typeof(T), flags);
    }
}
