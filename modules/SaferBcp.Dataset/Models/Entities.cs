namespace SaferBcp.Dataset.Models;

/// <summary>How an indicator's values are measured. The report states some figures only as a change or as a rate per 100,000, so those are units of their own rather than converted.</summary>
public enum IndicatorUnit
{
    Count,
    Percentage,
    RatePer1000,
    RatePer100000,
    PercentageChange,
}

public enum Direction
{
    Neutral,
    HigherIsBetter,
    LowerIsBetter,
}

public enum IndicatorSource
{
    PartnerFigures,
    SurveyMapping,
}

public enum PeriodKind
{
    FinancialYear,
    Quarter,
    Month,
    CalendarYear,

    /// <summary>Any other span the report uses, such as "1 April to 31 October 2022".</summary>
    Span,
}

public sealed class Indicator
{
    public int Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public IndicatorUnit Unit { get; set; }

    public Direction Direction { get; set; }

    /// <summary>Geography codes (see <see cref="Geographies"/>), comma separated.</summary>
    public string Geographies { get; set; } = Models.Geographies.Bcp;

    public IndicatorSource Source { get; set; }

    public bool Published { get; set; }

    /// <summary>Where the figures come from, e.g. the section of the annual report.</summary>
    public string SourceNote { get; set; } = "";

    public int SortOrder { get; set; }

    public IReadOnlyList<string> GeographyList => Geographies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class Period
{
    public int Id { get; set; }

    /// <summary>"2022/23", "2022/23 Q1", "2022-04", "2022", or a span's own code.</summary>
    public string Code { get; set; } = "";

    public string Label { get; set; } = "";

    public PeriodKind Kind { get; set; }

    public DateOnly Start { get; set; }

    public DateOnly End { get; set; }
}

public sealed class DataValue
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int PeriodId { get; set; }

    public Period? Period { get; set; }

    public string Geography { get; set; } = Geographies.Bcp;

    public decimal Value { get; set; }

    /// <summary>For a percentage worked out from counts: the count it is a share of, and the whole.</summary>
    public int? Numerator { get; set; }

    public int? Denominator { get; set; }

    public string? SourceNote { get; set; }

    public string LastChangedBy { get; set; } = "";

    public DateTime LastChangedUtc { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>
/// An indicator computed from survey answers: the share of answers to one question that fall in a chosen
/// set of options, by the period of the response date. The Surveys module implements
/// <see cref="Services.ISurveyIndicatorSource"/> to supply the counts.
/// </summary>
public sealed class SurveyMapping
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public string SurveyFormId { get; set; } = "";

    public string QuestionId { get; set; } = "";

    /// <summary>Option values counted as "yes", one per line.</summary>
    public string CountedOptionValues { get; set; } = "";

    public IReadOnlyList<string> CountedOptions() =>
        CountedOptionValues.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public static class Geographies
{
    public const string Bcp = "BCP";
    public const string Bournemouth = "Bournemouth";
    public const string Christchurch = "Christchurch";
    public const string Poole = "Poole";

    /// <summary>Figures the report gives for the Dorset Police or Dorset Combined Youth Justice Service area (BCP and Dorset Council areas together).</summary>
    public const string PanDorset = "PanDorset";

    /// <summary>A group of similar areas the report compares a figure with, such as the Youth Justice Service comparator group.</summary>
    public const string ComparatorGroup = "ComparatorGroup";

    public static readonly string[] All = [Bcp, Bournemouth, Christchurch, Poole, PanDorset, ComparatorGroup];

    /// <summary>The towns whose figures add up to the BCP total.</summary>
    public static readonly string[] Towns = [Bournemouth, Christchurch, Poole];

    public static string Label(string code) => code switch
    {
        Bcp => "BCP (all three towns)",
        PanDorset => "Pan-Dorset (BCP and Dorset Council areas)",
        ComparatorGroup => "Comparator group of similar areas",
        _ => code,
    };

    public static string? Find(string? text) =>
        All.FirstOrDefault(g => string.Equals(g, text?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public static class Units
{
    public static string Label(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Count => "Count",
        IndicatorUnit.Percentage => "Percentage",
        IndicatorUnit.RatePer1000 => "Rate per 1,000",
        IndicatorUnit.RatePer100000 => "Rate per 100,000",
        IndicatorUnit.PercentageChange => "Percentage change on the year before",
        _ => unit.ToString(),
    };

    public static bool IsCount(IndicatorUnit unit) => unit == IndicatorUnit.Count;
}
