using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using MiniExcelLibs;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>One row of a dataset file. Public files carry "[c]" (CSV) or null (JSON) and Suppressed = true for hidden figures.</summary>
public sealed class DatasetFileRow
{
    public string IndicatorCode { get; set; } = "";

    public string IndicatorName { get; set; } = "";

    public string Unit { get; set; } = "";

    public string Period { get; set; } = "";

    public string PeriodLabel { get; set; } = "";

    public string PeriodStart { get; set; } = "";

    public string PeriodEnd { get; set; } = "";

    public string Geography { get; set; } = "";

    public string Value { get; set; } = "";

    public string Numerator { get; set; } = "";

    public string Denominator { get; set; } = "";

    public bool Suppressed { get; set; }

    public string SourceNote { get; set; } = "";
}

/// <summary>The dataset as CSV (CsvHelper), JSON and XLSX (MiniExcel).</summary>
public static class DatasetFiles
{
    public static readonly string[] CsvHeader =
        ["indicator_code", "indicator_name", "unit", "period", "period_label", "period_start", "period_end", "geography", "value", "numerator", "denominator", "suppressed", "source_note"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static IEnumerable<DatasetFileRow> Rows(IEnumerable<ShownValue> values) => values.Select(v => new DatasetFileRow
    {
        IndicatorCode = v.Indicator.Code,
        IndicatorName = v.Indicator.Name,
        Unit = v.Indicator.Unit.ToString(),
        Period = v.Period.Code,
        PeriodLabel = v.Period.Label,
        PeriodStart = v.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodEnd = v.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Geography = v.Geography,
        Value = v.ValueHidden ? DisclosureControl.Marker : DatasetFormat.Plain(v.Value),
        Numerator = v.Numerator is null ? "" : v.NumeratorHidden ? DisclosureControl.Marker : v.Numerator.Value.ToString(CultureInfo.InvariantCulture),
        Denominator = v.Denominator is null ? "" : v.DenominatorHidden ? DisclosureControl.Marker : v.Denominator.Value.ToString(CultureInfo.InvariantCulture),
        Suppressed = v.ValueHidden || v.NumeratorHidden || v.DenominatorHidden,
        SourceNote = v.SourceNote ?? v.Indicator.SourceNote,
    });

    public static async Task WriteCsvAsync(Stream output, IEnumerable<ShownValue> values, CancellationToken cancellationToken = default)
    {
        // Text fields starting with = + - @ are escaped so a spreadsheet never runs them; numbers are written as numbers.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(CsvHeader);
        foreach (var row in Rows(values))
        {
            csv.WriteField(row.IndicatorCode);
            csv.WriteField(row.IndicatorName);
            csv.WriteField(row.Unit);
            csv.WriteField(row.Period);
            csv.WriteField(row.PeriodLabel);
            csv.WriteField(row.PeriodStart);
            csv.WriteField(row.PeriodEnd);
            csv.WriteField(row.Geography);
            WriteNumber(csv, row.Value);
            WriteNumber(csv, row.Numerator);
            WriteNumber(csv, row.Denominator);
            csv.WriteField(row.Suppressed ? "true" : "false");
            csv.WriteField(row.SourceNote);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static void WriteNumber(CsvWriter csv, string text)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            csv.WriteField(number, "0.####");
        }
        else
        {
            csv.WriteField(text);
        }
    }

    public static async Task WriteJsonAsync(Stream output, IReadOnlyList<ShownValue> values, int threshold, CancellationToken cancellationToken = default)
    {
        var document = new
        {
            title = "Safer BCP partnership dataset",
            suppression = $"Counts below {threshold}, and any figure that would let one be worked out, are null with \"suppressed\": true.",
            indicators = values.GroupBy(v => v.Indicator.Code).Select(g => new
            {
                code = g.Key,
                name = g.First().Indicator.Name,
                description = g.First().Indicator.Description,
                unit = g.First().Indicator.Unit.ToString(),
                direction = g.First().Indicator.Direction.ToString(),
                sourceNote = g.First().Indicator.SourceNote,
                values = g.Select(v => new
                {
                    period = v.Period.Code,
                    periodLabel = v.Period.Label,
                    periodStart = v.Period.Start,
                    periodEnd = v.Period.End,
                    geography = v.Geography,
                    value = v.VisibleValue,
                    numerator = v.VisibleNumerator,
                    denominator = v.VisibleDenominator,
                    suppressed = v.ValueHidden || v.NumeratorHidden || v.DenominatorHidden,
                    sourceNote = v.SourceNote,
                }),
            }),
        };
        await JsonSerializer.SerializeAsync(output, document, Json, cancellationToken);
    }

    /// <summary>The full dataset for Analysts: one sheet of values (numbers as numbers), one of indicators.</summary>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<ShownValue> values, CancellationToken cancellationToken = default)
    {
        var rows = values.Select(v => new Dictionary<string, object?>
        {
            ["indicator_code"] = v.Indicator.Code,
            ["indicator_name"] = v.Indicator.Name,
            ["unit"] = v.Indicator.Unit.ToString(),
            ["period"] = v.Period.Code,
            ["period_label"] = v.Period.Label,
            ["period_start"] = v.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["period_end"] = v.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["geography"] = v.Geography,
            ["value"] = v.Value,
            ["numerator"] = v.Numerator,
            ["denominator"] = v.Denominator,
            ["source_note"] = v.SourceNote ?? v.Indicator.SourceNote,
        });
        var indicators = values.Select(v => v.Indicator).DistinctBy(i => i.Code).Select(i => new Dictionary<string, object?>
        {
            ["code"] = i.Code,
            ["name"] = i.Name,
            ["description"] = i.Description,
            ["unit"] = i.Unit.ToString(),
            ["direction"] = i.Direction.ToString(),
            ["geographies"] = i.Geographies,
            ["source"] = i.Source.ToString(),
            ["published"] = i.Published,
            ["source_note"] = i.SourceNote,
        });
        var sheets = new Dictionary<string, object> { ["Values"] = rows, ["Indicators"] = indicators };
        await MiniExcel.SaveAsAsync(output, sheets, cancellationToken: cancellationToken);
    }

    public static string PeriodShort(Period period) => period.Kind switch
    {
        PeriodKind.Month => period.Start.ToString("MMM yy", CultureInfo.GetCultureInfo("en-GB")),
        PeriodKind.Span => period.Label,
        _ => period.Code,
    };

    public static readonly Encoding Utf8 = new UTF8Encoding(false);
}
