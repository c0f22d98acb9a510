using System.IO.Compression;
using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SaferBcp.Cms.Security;
using SaferBcp.Dataset;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Portal.Tests.Security;

/// <summary>
/// What a member of the public or a member of staff typed never becomes a spreadsheet formula in an export: in XLSX every
/// such value is a plain text cell (no formula anywhere in the workbook); in CSV a value starting with = + - or @ is
/// prefixed with an apostrophe, as OWASP's CSV injection guidance says, so a spreadsheet shows it as text.
/// </summary>
public sealed class ExportFormulaTests
{
    public static readonly string[] Formulas = ["=HYPERLINK(\"http://x\",\"Click\")", "+1", "-1", "@SUM(1)", "=1+2"];

    [Fact]
    public async Task Survey_answers_that_look_like_formulas_are_text_in_the_csv_and_xlsx_exports()
    {
        using var portal = new PortalFactory().With("Forms:RateLimitPermits", "1000");
        var surveyId = await portal.PublishFormAsync("Formula survey", new FormPart
        {
            Slug = "formula-survey",
            Kind = "survey",
            IntroMarkdown = "Tell us.",
            WhatHappensNextMarkdown = "Thank you.",
            Pages =
            [
                new FormPage
                {
                    Id = "answers",
                    Title = "Your answers",
                    Questions = [.. Formulas.Select((_, i) => new FormQuestion { Id = $"a{i}", Type = QuestionType.Text, Label = $"Answer {i}", Required = false })],
                },
            ],
        }, new SurveyPart { OpensOn = new DateOnly(2026, 11, 1), ClosesOn = new DateOnly(2026, 12, 31) });

        // Answered as a resident would, through the public pages.
        using (var resident = portal.Browser())
        {
            var page = await resident.GetStringAsync("/surveys/formula-survey/answers");
            var fields = Formulas.Select((f, i) => new KeyValuePair<string, string>($"a{i}", f)).Append(new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(page)));
            using var answered = await resident.PostAsync("/surveys/formula-survey/answers", new FormUrlEncodedContent(fields));
            Assert.Equal("/surveys/formula-survey/check", answered.Headers.Location?.ToString());
            var check = await resident.GetStringAsync("/surveys/formula-survey/check");
            using var sent = await resident.PostAsync("/surveys/formula-survey/check", new FormUrlEncodedContent([new("__RequestVerificationToken", PortalFactory.AntiforgeryToken(check))]));
            Assert.Equal("/surveys/formula-survey/confirmation", sent.Headers.Location?.ToString());
        }

        using var analyst = await StaffClients.SignedInAsync(portal, "formula-analyst", PortalRoles.Analyst);
        var csv = ReadCsv(await analyst.GetByteArrayAsync($"/admin/surveys/{surveyId}/responses.csv"));
        var row = Assert.Single(csv);
        for (var i = 0; i < Formulas.Length; i++)
        {
            AssertEscapedForCsv(Formulas[i], row[$"a{i}"]);
        }

        var xlsx = await analyst.GetByteArrayAsync($"/admin/surveys/{surveyId}/responses.xlsx");
        AssertNoFormulas(xlsx);
        var sheet = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "Responses").Cast<IDictionary<string, object>>().Single();
        for (var i = 0; i < Formulas.Length; i++)
        {
            Assert.Equal(Formulas[i], Assert.IsType<string>(sheet[$"a{i}"]));
        }
    }

    [Fact]
    public async Task Dataset_text_that_looks_like_a_formula_is_text_in_the_open_data_csv_and_the_analysts_exports()
    {
        using var portal = new PortalFactory();
        string code;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            // Names and source notes are typed by staff, or imported from a partner's file.
            var db = scope.ServiceProvider.GetRequiredService<DatasetDbContext>();
            var indicator = await db.Indicators.Where(i => i.Published).OrderBy(i => i.Id).FirstAsync();
            indicator.Name = Formulas[0];
            foreach (var value in await db.Values.Where(v => v.IndicatorId == indicator.Id).ToListAsync())
            {
                value.SourceNote = Formulas[3];
            }
            await db.SaveChangesAsync();
            code = indicator.Code;
        }

        using var visitor = portal.Browser();
        var open = ReadCsv(await visitor.GetByteArrayAsync("/data/dataset.csv")).Where(r => r["indicator_code"] == code).ToList();
        Assert.NotEmpty(open);
        Assert.All(open, r => AssertEscapedForCsv(Formulas[0], r["indicator_name"]));
        Assert.All(open, r => AssertEscapedForCsv(Formulas[3], r["source_note"]));

        using var analyst = await StaffClients.SignedInAsync(portal, "formula-dataset-analyst", PortalRoles.Analyst);
        using var csvResponse = await analyst.GetAsync("/admin/dataset/export.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        var full = ReadCsv(await csvResponse.Content.ReadAsByteArrayAsync()).Where(r => r["indicator_code"] == code).ToList();
        Assert.NotEmpty(full);
        Assert.All(full, r => AssertEscapedForCsv(Formulas[0], r["indicator_name"]));

        var xlsx = await analyst.GetByteArrayAsync("/admin/dataset/export.xlsx");
        AssertNoFormulas(xlsx);
        var values = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "Values").Cast<IDictionary<string, object>>()
            .Where(r => (string)r["indicator_code"] == code).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, r => Assert.Equal(Formulas[0], r["indicator_name"]));
        Assert.All(values, r => Assert.Equal(Formulas[3], r["source_note"]));
    }

    /// <summary>OWASP: a field starting with = + - @ (or a tab or carriage return) is prefixed with an apostrophe.</summary>
    private static void AssertEscapedForCsv(string typed, string field) => Assert.Equal("'" + typed, field);

    /// <summary>No worksheet of the workbook has a formula (an &lt;f&gt; element) in any cell.</summary>
    private static void AssertNoFormulas(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sheets);
        foreach (var sheet in sheets)
        {
            using var reader = new StreamReader(sheet.Open(), Encoding.UTF8);
            var xml = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
            Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName == "f");
        }
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
}
