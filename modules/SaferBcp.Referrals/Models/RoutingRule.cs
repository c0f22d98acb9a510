namespace SaferBcp.Referrals.Models;

/// <summary>
/// One routing rule. Rules are tried in <see cref="Order"/>; the first whose every condition holds decides the
/// team and priority. An empty condition matches anything.
/// </summary>
public sealed class RoutingRule
{
    public int Id { get; set; }

    public int Order { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The form's slug, or null for any form.</summary>
    public string? FormSlug { get; set; }

    /// <summary>Areas (values of <see cref="Area"/>) separated by ';'; empty for any area.</summary>
    public string Areas { get; set; } = "";

    /// <summary>Age bands (see <see cref="AgeBands"/>) separated by ';'; empty for any age.</summary>
    public string AgeBands { get; set; } = "";

    /// <summary>Matches when at least this many risk indicators were answered yes.</summary>
    public int? MinRiskIndicators { get; set; }

    /// <summary>Matches when the answer to "children in the household" is this.</summary>
    public bool? ChildrenInHousehold { get; set; }

    public int TeamId { get; set; }

    public ReferralPriority Priority { get; set; }

    public IReadOnlyList<Area> AreaList => Split(Areas).Select(a => Enum.TryParse<Area>(a, true, out var v) ? v : (Area?)null).OfType<Area>().ToList();

    public IReadOnlyList<string> AgeBandList => Split(AgeBands);

    public static string Join(IEnumerable<string> values) => string.Join(';', values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()));

    private static string[] Split(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum Area
{
    Bournemouth,
    Christchurch,
    Poole,
    OutsideBcp,
}

public enum ReferralPriority
{
    Standard,
    Urgent,
}

/// <summary>The age bands an "age-band" answer uses (and a date of birth is turned into).</summary>
public static class AgeBands
{
    public const string Under16 = "under-16";
    public const string SixteenToSeventeen = "16-17";

    public static readonly string[] All = [Under16, SixteenToSeventeen, "18-24", "25-34", "35-44", "45-54", "55-64", "65-plus"];

    public static bool IsUnder18(string? band) => band is Under16 or SixteenToSeventeen;

    public static string Label(string band) => band switch
    {
        Under16 => "Under 16",
        SixteenToSeventeen => "16 or 17",
        "65-plus" => "65 or over",
        _ => band.Replace("-", " to ", StringComparison.Ordinal),
    };

    /// <summary>The band of someone born on <paramref name="dateOfBirth"/>, on <paramref name="today"/>.</summary>
    public static string? FromDateOfBirth(DateOnly dateOfBirth, DateOnly today)
    {
        if (dateOfBirth > today)
        {
            return null;
        }

        var age = today.Year - dateOfBirth.Year;
        if (dateOfBirth.AddYears(age) > today)
        {
            age--;
        }

        return age switch
        {
            < 16 => Under16,
            < 18 => SixteenToSeventeen,
            < 25 => "18-24",
            < 35 => "25-34",
            < 45 => "35-44",
            < 55 => "45-54",
            < 65 => "55-64",
            _ => "65-plus",
        };
    }
}

public static class AreaNames
{
    public static string Label(Area area) => area == Area.OutsideBcp ? "Outside BCP" : area.ToString();

    /// <summary>Reads an answer ("poole", "Outside BCP", "outside-bcp") as an area.</summary>
    public static Area? Parse(string? value)
    {
        var key = new string((value ?? "").Where(char.IsLetter).ToArray()).ToLowerInvariant();
        return key switch
        {
            "bournemouth" => Area.Bournemouth,
            "christchurch" => Area.Christchurch,
            "poole" => Area.Poole,
            "outsidebcp" or "outside" or "elsewhere" => Area.OutsideBcp,
            _ => null,
        };
    }
}
