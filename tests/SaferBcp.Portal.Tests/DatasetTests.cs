using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Security;
using SaferBcp.Dataset;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Portal.Tests;

/// <summary>The partnership dataset on a real SQLite file, seeded by the real recipe from the annual report.</summary>
public sealed partial class DatasetTests : IClassFixture<PortalFactory>
{
    private const int Threshold = 10;
    private readonly PortalFactory _portal;

    public DatasetTests(PortalFactory portal) => _portal = portal;

    private async Task<HttpClient> StaffAsync(string userName, string role)
    {
        await _portal.CreateStaffAsync(userName, role);
        var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);
        return client;
    }

    private async Task<T> QueryAsync<T>(Func<DatasetDbContext, CmsDbContext, Task<T>> query)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DatasetDbContext>(), scope.ServiceProvider.GetRequiredService<CmsDbContext>());
    }

    private Task<List<DataValue>> StoredAsync() =>
        QueryAsync((db, _) => db.Values.AsNoTracking().Include(v => v.Indicator).Include(v => v.Period).ToListAsync());

    [Fact]
    public async Task Our_data_its_indicator_pages_and_its_downloads_never_show_a_count_below_the_threshold()
    {
        using var visitor = _portal.Browser();
        var pages = new List<string> { "/data" };
        var index = await visitor.GetStringAsync("/data");
        pages.AddRange(IndicatorLink().Matches(index).Select(m => m.Groups[1].Value).Distinct());
        Assert.True(pages.Count > 15, $"only {pages.Count} pages");

        foreach (var page in pages)
        {
            var html = page == "/data" ? index : await visitor.GetStringAsync(page);
            foreach (Match cell in CountCell().Matches(html))
            {
                AssertShownCountIsSafe(cell.Groups[1].Value.Trim(), page);
            }

            foreach (Match label in ChartNumber().Matches(html))
            {
                AssertShownCountIsSafe(label.Groups[1].Value, page + " chart");
            }
        }

        // The report's own small numbers are there, hidden: Up2U referrals from Christchurch (4), and Poole (13), which the BCP total would give away.
        var up2u = await visitor.GetStringAsync("/data/UP2U-REFERRALS");
        Assert.Equal(2, Regex.Count(up2u, @"dataset-count"">\[c\]</td>"));
        Assert.Contains(">41</td>", up2u, StringComparison.Ordinal);
        Assert.DoesNotContain(">13</td>", up2u, StringComparison.Ordinal);
        Assert.DoesNotContain(">4</td>", up2u, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", await visitor.GetStringAsync("/data/MARAC-CASES"), StringComparison.Ordinal);

        using var csvResponse = await visitor.GetAsync("/data/dataset.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csvRows = ReadCsv(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.True(csvRows.Count > 50);
        foreach (var row in csvRows)
        {
            if (row["unit"] == "Count")
            {
                AssertShownCountIsSafe(row["value"], $"CSV {row["indicator_code"]} {row["period"]} {row["geography"]}");
            }

            AssertShownCountIsSafe(row["numerator"], "CSV numerator");
            AssertShownCountIsSafe(row["denominator"], "CSV denominator");
            Assert.Equal(row["value"] == "[c]" || row["numerator"] == "[c]" || row["denominator"] == "[c]", row["suppressed"] == "true");
        }

        Assert.Contains(csvRows, r => r["indicator_code"] == "UP2U-REFERRALS" && r["geography"] == "Christchurch" && r["value"] == "[c]" && r["suppressed"] == "true");
        Assert.Contains(csvRows, r => r["indicator_code"] == "MARAC-REPEAT" && r["period"] == "2023-01" && r["value"] == "[c]");

        using var json = JsonDocument.Parse(await visitor.GetStringAsync("/data/dataset.json"));
        var jsonValues = 0;
        foreach (var indicator in json.RootElement.GetProperty("indicators").EnumerateArray())
        {
            foreach (var value in indicator.GetProperty("values").EnumerateArray())
            {
                jsonValues++;
                var suppressed = value.GetProperty("suppressed").GetBoolean();
                if (indicator.GetProperty("unit").GetString() == "Count")
                {
                    var figure = value.GetProperty("value");
                    Assert.True(suppressed ? figure.ValueKind == JsonValueKind.Null : figure.GetDecimal() >= Threshold, $"JSON {indicator.GetProperty("code")}: {figure}");
                }

                foreach (var name in new[] { "numerator", "denominator" })
                {
                    var count = value.GetProperty(name);
                    Assert.True(count.ValueKind == JsonValueKind.Null || count.GetInt32() >= Threshold, $"JSON {name} {count}");
                }
            }
        }

        Assert.Equal(csvRows.Count, jsonValues);
    }

    [Fact]
    public async Task An_import_with_one_bad_row_imports_nothing_and_reports_the_row()
    {
        using var analyst = await StaffAsync("dataset-analyst-import", PortalRoles.Analyst);
        var before = await StoredAsync();

        using var refused = await ImportAsync(analyst, "indicator,period,geography,value\nASB-POLICE,2023/24,BCP,9800\nASB-PERSONAL,2023/24,BCP,1100\nDRD,2023,Wimborne,40\n");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Import partner figures", html, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", html, StringComparison.Ordinal);
        Assert.Matches(@"<td class=""govuk-table__cell"">4</td>\s*<td class=""govuk-table__cell"">geography</td>\s*<td class=""govuk-table__cell"">&quot;Wimborne&quot; is not an area", html);
        var after = await StoredAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.DoesNotContain(after, v => v.Period!.Code == "2023/24");

        using var accepted = await ImportAsync(analyst, "indicator,period,geography,value\nASB-POLICE,2023/24,BCP,9800\nASB-PERSONAL,2023/24,BCP,1100\n");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var imported = (await StoredAsync()).Where(v => v.Period!.Code == "2023/24").OrderBy(v => v.Indicator!.Code).ToList();
        Assert.Equal([("ASB-PERSONAL", 1100m), ("ASB-POLICE", 9800m)], imported.Select(v => (v.Indicator!.Code, v.Value)));
        Assert.All(imported, v => Assert.Equal("dataset-analyst-import", v.LastChangedBy));
        Assert.True(await QueryAsync((_, cms) => cms.AuditEntries.AnyAsync(a => a.Action == "dataset.import" && a.UserName == "dataset-analyst-import")));
        using var visitor = _portal.Browser();
        Assert.Contains("9,800", await visitor.GetStringAsync("/data/ASB-POLICE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_full_exports_parse_with_CsvHelper_and_MiniExcel_and_agree_with_the_stored_values_and_each_is_audited()
    {
        using var analyst = await StaffAsync("dataset-analyst-export", PortalRoles.Analyst);
        var stored = (await StoredAsync()).ToDictionary(v => (v.Indicator!.Code, v.Period!.Code, v.Geography));

        using var csvResponse = await analyst.GetAsync("/admin/dataset/export.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Contains("no-store", csvResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var csvRows = ReadCsv(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(stored.Count, csvRows.Count);
        foreach (var row in csvRows)
        {
            var value = stored[(row["indicator_code"], row["period"], row["geography"])];
            Assert.Equal(value.Value, decimal.Parse(row["value"], CultureInfo.InvariantCulture));
            Assert.Equal(value.Numerator?.ToString(CultureInfo.InvariantCulture) ?? "", row["numerator"]);
            Assert.Equal("false", row["suppressed"]);
        }

        Assert.Contains(csvRows, r => r["indicator_code"] == "UP2U-REFERRALS" && r["geography"] == "Christchurch" && r["value"] == "4");

        using var xlsxResponse = await analyst.GetAsync("/admin/dataset/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        using var xlsx = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Values", "Indicators"], MiniExcel.GetSheetNames(xlsx));
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Values").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(stored.Count, sheet.Count);
        foreach (var row in sheet)
        {
            var value = stored[((string)row["indicator_code"], (string)row["period"], (string)row["geography"])];
            Assert.Equal(value.Value, Convert.ToDecimal(row["value"], CultureInfo.InvariantCulture));
        }

        var audited = await QueryAsync((_, cms) => cms.AuditEntries.Where(a => a.Action == "dataset.export" && a.UserName == "dataset-analyst-export").Select(a => a.Summary).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.Contains(audited, s => s!.Contains("CSV", StringComparison.Ordinal));
        Assert.Contains(audited, s => s!.Contains("XLSX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_editor_sees_the_dataset_with_small_numbers_hidden_and_cannot_export_or_change_it()
    {
        using var editor = await StaffAsync("dataset-editor", PortalRoles.Editor);
        var up2u = (await StoredAsync()).First(v => v.Indicator!.Code == "UP2U-REFERRALS");

        var page = await editor.GetStringAsync($"/admin/dataset/{up2u.IndicatorId}");
        Assert.Contains("dataset-count\">[c]</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("export.csv", await editor.GetStringAsync("/admin/dataset"), StringComparison.Ordinal);

        foreach (var url in new[] { "/admin/dataset/export.csv", "/admin/dataset/export.xlsx", $"/admin/dataset/values/{up2u.Id}", "/admin/dataset/import" })
        {
            using var response = await editor.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.False(await QueryAsync((_, cms) => cms.AuditEntries.AnyAsync(a => a.Action == "dataset.export" && a.UserName == "dataset-editor")));
    }

    [Fact]
    public async Task Changing_a_figure_needs_a_reason_and_the_audit_log_keeps_the_old_and_new_figure()
    {
        using var analyst = await StaffAsync("dataset-analyst-change", PortalRoles.Analyst);
        var drd = (await StoredAsync()).Single(v => v.Indicator!.Code == "DRD" && v.Period!.Code == "2022");
        var url = $"/admin/dataset/values/{drd.Id}";

        using var refused = await PortalFactory.PostFormAsync(analyst, url, url, new Dictionary<string, string> { ["figure"] = "41", ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Enter why you are changing this figure", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var saved = await PortalFactory.PostFormAsync(analyst, url, url, new Dictionary<string, string> { ["figure"] = "41", ["reason"] = "Coroner confirmed one death was not drug related" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var changed = (await StoredAsync()).Single(v => v.Id == drd.Id);
        Assert.Equal((41m, "dataset-analyst-change"), (changed.Value, changed.LastChangedBy));
        var summary = await QueryAsync((_, cms) => cms.AuditEntries.Where(a => a.Action == "dataset.value-changed" && a.SubjectId == drd.Id.ToString(CultureInfo.InvariantCulture)).Select(a => a.Summary).SingleAsync());
        Assert.Contains("42 → 41", summary, StringComparison.Ordinal);
        Assert.Contains("Coroner confirmed", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_mapped_indicator_is_worked_out_from_the_survey_counts_and_small_shares_are_hidden_in_public()
    {
        // The mapped survey has no real responses: the start-up catch-up must be over, or it would rightly remove the figures.
        await _portal.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SaferBcp.Surveys.Services.SurveyIndicatorRefresher>().Single().CaughtUp;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DatasetDbContext>();
            var indicator = new Indicator
            {
                Code = "WORRIED-KNIVES", Name = "Residents worried about people carrying knives", Description = "Survey", Unit = IndicatorUnit.Percentage,
                Source = IndicatorSource.SurveyMapping, Geographies = Geographies.Bcp, Published = true, SourceNote = "Community safety survey", SortOrder = 999,
            };
            db.Indicators.Add(indicator);
            db.SurveyMappings.Add(new SurveyMapping { Indicator = indicator, SurveyFormId = "community-safety", QuestionId = "worry-knives", CountedOptionValues = "very-worried\nfairly-worried" });
            await db.SaveChangesAsync();

            // A fixed source stands in for the Surveys module's (SurveyMappingTests answer a real survey).
            var updater = new SurveyIndicatorUpdater(db, scope.ServiceProvider.GetRequiredService<DatasetStore>(), scope.ServiceProvider.GetRequiredService<PortalDatabase>(), [new KnifeWorrySurvey()], new SurveyRecomputeTurn());
            Assert.Equal(2, await updater.UpdateAsync(["2025/26 Q1", "2025/26 Q2"]));
            Assert.Equal(0, await updater.UpdateAsync(["2025/26 Q1", "2025/26 Q2"]));
        }

        var stored = (await StoredAsync()).Where(v => v.Indicator!.Code == "WORRIED-KNIVES").OrderBy(v => v.Period!.Start).ToList();
        Assert.Equal([(32m, 32, 100), (33.3m, 4, 12)], stored.Select(v => (v.Value, v.Numerator!.Value, v.Denominator!.Value)));
        using var visitor = _portal.Browser();
        var html = await visitor.GetStringAsync("/data/WORRIED-KNIVES");
        Assert.Contains(">32%</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("33.3", html, StringComparison.Ordinal);
        Assert.Contains("dataset-figure\">[c]</td>", html, StringComparison.Ordinal);
    }

    /// <summary>Stands in for the Surveys module: the counts it would give for the mapped question.</summary>
    private sealed class KnifeWorrySurvey : ISurveyIndicatorSource
    {
        public Task<IReadOnlyList<SurveyShare>> CountAsync(SurveyMapping mapping, IReadOnlyList<Period> periods, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SurveyShare>>(mapping.QuestionId == "worry-knives"
                ? [new SurveyShare("2025/26 Q1", 32, 100), new SurveyShare("2025/26 Q2", 4, 12)]
                : []);

        public Task<IReadOnlyList<DateOnly>> ResponseDaysAsync(string surveyFormId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DateOnly>>([]);
    }

    private static void AssertShownCountIsSafe(string text, string where)
    {
        if (text is "" or "[c]" or "–")
        {
            return;
        }

        Assert.True(decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var count), $"{where}: '{text}' is not a count");
        Assert.True(count >= Threshold, $"{where} shows the count {count}, below {Threshold}");
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.ToDictionary(h => h, h => csv.GetString(h)));
        }

        return rows;
    }

    private async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv)
    {
        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync("/admin/dataset/import"));
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "partner-figures.csv");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync("/admin/dataset/import", content);
    }

    [GeneratedRegex(@"href=""(/data/[A-Z0-9-]+)""")]
    private static partial Regex IndicatorLink();

    [GeneratedRegex(@"class=""govuk-table__cell govuk-table__cell--numeric dataset-count"">([^<]*)</td>")]
    private static partial Regex CountCell();

    [GeneratedRegex(@"<text [^>]*>([0-9][0-9,]*)</text>")]
    private static partial Regex ChartNumber();
}
