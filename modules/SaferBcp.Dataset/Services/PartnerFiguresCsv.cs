using System.Globalization;
using CsvHelper;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

public sealed record ImportRow(int Row, Indicator Indicator, string PeriodCode, string Geography, decimal Value, int? Numerator, int? Denominator);

/// <summary>A problem with one cell of the file: Row is the spreadsheet row (the header is row 1); 0 means the whole file.</summary>
public sealed record ImportProblem(int Row, string Column, string Message);

public sealed record ImportCheck(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Reads and checks a partner figures file: columns indicator, period, geography, value, numerator, denominator
/// (the last two only for a percentage worked out from counts). Every row is checked, so the report lists every problem.
/// </summary>
public static class PartnerFiguresCsv
{
    public static readonly string[] Columns = ["indicator", "period", "geography", "value", "numerator", "denominator"];

    public static readonly string[] RequiredColumns = ["indicator", "period", "geography", "value"];

    public static ImportCheck Check(TextReader reader, IReadOnlyCollection<Indicator> indicators, Func<string, bool> isKnownPeriod)
    {
        var rows = new List<ImportRow>();
        var problems = new List<ImportProblem>();
        var byCode = indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<(string, string, string), int>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            NormalizeHeaderName = h => h.Trim().ToLowerInvariant(),
        };
        using var csv = CsvReader.Create(reader, options);
        try
        {
            csv.ReadHeader();
            if (csv.Headers.Count == 0)
            {
                return new ImportCheck(rows, [new ImportProblem(0, "", "The file is empty. It needs a header row and at least one row of figures")]);
            }

            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            foreach (var missing in RequiredColumns.Where(c => !header.Contains(c)))
            {
                problems.Add(new ImportProblem(1, missing, $"The header row has no \"{missing}\" column. The columns are: {string.Join(", ", Columns)}"));
            }

            foreach (var unknown in header.Where(h => !Columns.Contains(h)))
            {
                problems.Add(new ImportProblem(1, unknown, $"\"{unknown}\" is not a column this import knows. The columns are: {string.Join(", ", Columns)}"));
            }

            if (problems.Count > 0)
            {
                return new ImportCheck(rows, problems);
            }

            var hasCounts = header.Contains("numerator") && header.Contains("denominator");
            while (csv.Read())
            {
                var row = (int)csv.LineNumber;
                var before = problems.Count;
                void Problem(string column, string message) => problems.Add(new ImportProblem(row, column, message));

                var code = csv.GetString("indicator") ?? "";
                var periodCode = csv.GetString("period") ?? "";
                var geographyText = csv.GetString("geography") ?? "";
                var valueText = csv.GetString("value") ?? "";
                var numeratorText = hasCounts ? csv.GetString("numerator") ?? "" : "";
                var denominatorText = hasCounts ? csv.GetString("denominator") ?? "" : "";

                Indicator? indicator = null;
                if (code.Length == 0)
                {
                    Problem("indicator", "Enter the indicator code, like MARAC-CASES");
                }
                else if (!byCode.TryGetValue(code, out indicator))
                {
                    Problem("indicator", $"There is no indicator with the code \"{code}\"");
                }
                else if (indicator.Source == IndicatorSource.SurveyMapping)
                {
                    Problem("indicator", $"\"{code}\" is worked out from survey answers, so its figures cannot be imported");
                }

                if (periodCode.Length == 0)
                {
                    Problem("period", "Enter the period, like 2022/23, 2022/23 Q1 or 2022-04");
                }
                else if (!isKnownPeriod(periodCode))
                {
                    Problem("period", $"\"{periodCode}\" is not a period. Use a financial year like 2022/23, a quarter like 2022/23 Q1, a month like 2022-04 or a year like 2022");
                }

                var geography = Geographies.Find(geographyText);
                if (geographyText.Length == 0)
                {
                    Problem("geography", $"Enter the area: one of {string.Join(", ", Geographies.All)}");
                }
                else if (geography is null)
                {
                    Problem("geography", $"\"{geographyText}\" is not an area. Use one of {string.Join(", ", Geographies.All)}");
                }
                else if (indicator is not null && !indicator.GeographyList.Contains(geography, StringComparer.OrdinalIgnoreCase))
                {
                    Problem("geography", $"{indicator.Code} has no figures for {geography}. It has: {string.Join(", ", indicator.GeographyList)}");
                }

                decimal value = 0;
                if (valueText.Length == 0)
                {
                    Problem("value", "Enter the figure");
                }
                else if (!decimal.TryParse(valueText.Replace(",", "", StringComparison.Ordinal).TrimEnd('%'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                {
                    Problem("value", $"\"{valueText}\" is not a number. Enter a figure like 725 or 21.8");
                }
                else if (indicator is not null)
                {
                    if (indicator.Unit == IndicatorUnit.Count && (value < 0 || value != decimal.Truncate(value)))
                    {
                        Problem("value", $"{indicator.Code} is a count, so the figure must be a whole number, 0 or more");
                    }
                    else if (indicator.Unit == IndicatorUnit.Percentage && value is < 0 or > 100)
                    {
                        Problem("value", $"{indicator.Code} is a percentage, so the figure must be between 0 and 100");
                    }
                    else if (indicator.Unit is IndicatorUnit.RatePer1000 or IndicatorUnit.RatePer100000 && value < 0)
                    {
                        Problem("value", $"{indicator.Code} is a rate, so the figure must be 0 or more");
                    }
                }

                var numerator = WholeNumber(numeratorText, "numerator", Problem);
                var denominator = WholeNumber(denominatorText, "denominator", Problem);
                if ((numeratorText.Length > 0 || denominatorText.Length > 0) && indicator is not null && indicator.Unit != IndicatorUnit.Percentage)
                {
                    Problem(numeratorText.Length > 0 ? "numerator" : "denominator", $"{indicator.Code} is not a percentage, so leave numerator and denominator empty");
                }
                else if (numeratorText.Length > 0 != denominatorText.Length > 0)
                {
                    Problem(numeratorText.Length == 0 ? "numerator" : "denominator", "Enter both the numerator and the denominator, or neither");
                }
                else if (numerator is not null && denominator is not null)
                {
                    if (denominator == 0)
                    {
                        Problem("denominator", "The denominator must be more than 0");
                    }
                    else if (numerator > denominator)
                    {
                        Problem("numerator", "The numerator must not be more than the denominator");
                    }
                }

                if (indicator is not null && geography is not null && periodCode.Length > 0)
                {
                    var key = (indicator.Code.ToUpperInvariant(), periodCode.Trim(), geography);
                    if (seen.TryGetValue(key, out var earlier))
                    {
                        Problem("indicator", $"Row {earlier} already has {indicator.Code} for {periodCode} in {geography}");
                    }
                    else
                    {
                        seen[key] = row;
                    }
                }

                if (problems.Count == before)
                {
                    rows.Add(new ImportRow(row, indicator!, periodCode.Trim(), geography!, value, numerator, denominator));
                }
            }
        }
        catch (CsvFormatException ex)
        {
            var row = (int)ex.LineNumber;
            problems.Add(new ImportProblem(row, "", "This row is not valid CSV. Check that every quotation mark is closed and save the file as CSV"));
        }

        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(new ImportProblem(0, "", "The file has a header row but no figures"));
        }

        return new ImportCheck(rows, problems);
    }

    private static int? WholeNumber(string text, string column, Action<string, string> problem)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problem(column, $"\"{text}\" is not a whole number, 0 or more");
        return null;
    }
}
