using System.Globalization;
using System.Text.RegularExpressions;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>
/// UK public-sector financial years run 1 April to 31 March: "2022/23" is 1 April 2022 to 31 March 2023,
/// its Q1 is April to June, Q4 January to March. Codes: "2022/23", "2022/23 Q1", "2022-04" (a month), "2022" (a calendar year).
/// </summary>
public static partial class FinancialPeriod
{
    /// <summary>The year the financial year containing the date starts in (31 March 2023 → 2022, 1 April 2023 → 2023).</summary>
    public static int StartYear(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    public static int Quarter(DateOnly date) => ((date.Month + 8) % 12 / 3) + 1;

    public static string YearCode(int startYear) => $"{startYear}/{(startYear + 1) % 100:00}";

    public static string YearCode(DateOnly date) => YearCode(StartYear(date));

    public static string QuarterCode(DateOnly date) => $"{YearCode(date)} Q{Quarter(date)}";

    public static string MonthCode(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The financial year, quarter and month a date falls in.</summary>
    public static IReadOnlyList<Period> PeriodsOf(DateOnly date) =>
        [Parse(YearCode(date))!, Parse(QuarterCode(date))!, Parse(MonthCode(date))!];

    /// <summary>The period a standard code names, or null when the code is not one.</summary>
    public static Period? Parse(string? code)
    {
        code = code?.Trim() ?? "";
        if (YearPattern().Match(code) is { Success: true } y)
        {
            var start = int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture);
            if ((start + 1) % 100 != int.Parse(y.Groups[2].Value, CultureInfo.InvariantCulture))
            {
                return null;
            }

            var q = y.Groups[3].Success ? int.Parse(y.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
            if (y.Groups[3].Success && q is < 1 or > 4)
            {
                return null;
            }

            if (q == 0)
            {
                return new Period
                {
                    Code = YearCode(start), Kind = PeriodKind.FinancialYear, Start = new DateOnly(start, 4, 1), End = new DateOnly(start + 1, 3, 31),
                    Label = $"April {start} to March {start + 1}",
                };
            }

            var first = new DateOnly(start, 4, 1).AddMonths((q - 1) * 3);
            var last = first.AddMonths(3).AddDays(-1);
            return new Period
            {
                Code = $"{YearCode(start)} Q{q}", Kind = PeriodKind.Quarter, Start = first, End = last,
                Label = $"{YearCode(start)} quarter {q} ({MonthName(first)} to {MonthName(last)} {last.Year})",
            };
        }

        if (MonthPattern().Match(code) is { Success: true } m)
        {
            var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return null;
            }

            var first = new DateOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), month, 1);
            return new Period { Code = MonthCode(first), Kind = PeriodKind.Month, Start = first, End = first.AddMonths(1).AddDays(-1), Label = $"{MonthName(first)} {first.Year}" };
        }

        if (CalendarYearPattern().IsMatch(code))
        {
            var year = int.Parse(code, CultureInfo.InvariantCulture);
            return new Period { Code = code, Kind = PeriodKind.CalendarYear, Start = new DateOnly(year, 1, 1), End = new DateOnly(year, 12, 31), Label = $"January to December {year}" };
        }

        return null;
    }

    private static string MonthName(DateOnly date) => date.ToString("MMMM", CultureInfo.GetCultureInfo("en-GB"));

    [GeneratedRegex(@"^(\d{4})/(\d{2})(?: Q(\d))?$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex CalendarYearPattern();
}
