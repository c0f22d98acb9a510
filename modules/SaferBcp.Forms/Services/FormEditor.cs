using System.Globalization;
using Microsoft.AspNetCore.Http;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// Reads the form editor's fields back into the <see cref="FormPart"/>, then carries out the structure
/// button she pressed (add, remove or move a page or question). Works without JavaScript: every button
/// saves the draft and comes back to the editor.
/// </summary>
public sealed class FormEditor : IContentEditor
{
    public const string CommandField = "FormPart.Command";

    public bool Handles(string contentType) => contentType == FormTypes.Form;

    public string PartialViewName => "~/Views/SaferBcpForms/_FormEditor.cshtml";

    public void Bind(ContentItem item, IFormCollection form)
    {
        string Text(string name) => form[name].ToString().Trim();
        string? Optional(string name) => Text(name) is { Length: > 0 } value ? value : null;
        string Markdown(string name) => form[name].ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

        var part = new FormPart
        {
            Slug = Text("FormPart.Slug").ToLowerInvariant(),
            Kind = Text("FormPart.Kind"),
            IntroMarkdown = Markdown("FormPart.IntroMarkdown"),
            WhatHappensNextMarkdown = Markdown("FormPart.WhatHappensNextMarkdown"),
            SentHeading = Optional("FormPart.SentHeading"),
            OffersAutofill = form["FormPart.OffersAutofill"].ToString() == "true",
            // Not on the editor's page (yet): kept as they were, so saving the English never loses a translation.
            Translations = item.As<FormPart>().Translations,
        };

        var pageCount = Count(form, "FormPart.PageCount");
        for (var i = 0; i < pageCount; i++)
        {
            var p = $"FormPart.Pages[{i}]";
            var page = new FormPage
            {
                Id = Text(p + ".Id").ToLowerInvariant(),
                Title = Text(p + ".Title"),
                InterruptionMarkdown = Markdown(p + ".InterruptionMarkdown") is { Length: > 0 } md ? md : null,
                EndsJourney = form[p + ".EndsJourney"].ToString() == "true",
            };

            var conditionCount = Count(form, p + ".ConditionCount");
            for (var c = 0; c < conditionCount; c++)
            {
                var cp = $"{p}.ShowWhen[{c}]";
                var questionId = Text(cp + ".QuestionId");
                if (questionId.Length == 0)
                {
                    continue;
                }

                page.ShowWhen.Add(new FormCondition
                {
                    QuestionId = questionId,
                    Operator = Enum.TryParse<ConditionOperator>(Text(cp + ".Operator"), out var op) ? op : ConditionOperator.AnyOf,
                    // Ticked answers come as one value each; typed ones as one comma-separated value.
                    Values = [.. form[cp + ".Values"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)],
                });
            }

            var questionCount = Count(form, p + ".QuestionCount");
            for (var j = 0; j < questionCount; j++)
            {
                var q = $"{p}.Questions[{j}]";
                page.Questions.Add(new FormQuestion
                {
                    Id = Text(q + ".Id").ToLowerInvariant(),
                    Type = Enum.TryParse<QuestionType>(Text(q + ".Type"), out var type) ? type : QuestionType.Text,
                    Label = Text(q + ".Label"),
                    Hint = Optional(q + ".Hint"),
                    ShortName = Optional(q + ".ShortName"),
                    Required = form[q + ".Required"].ToString() == "true",
                    MinLength = Int(Text(q + ".MinLength")),
                    MaxLength = Int(Text(q + ".MaxLength")),
                    Min = Decimal(Text(q + ".Min")),
                    Max = Decimal(Text(q + ".Max")),
                    DateRule = Enum.TryParse<DateRule>(Text(q + ".DateRule"), out var rule) ? rule : DateRule.Any,
                    Options = ParseOptions(form[q + ".Options"].ToString()),
                    Tag = Optional(q + ".Tag"),
                    Personal = form[q + ".Personal"].ToString() == "true",
                });
            }

            part.Pages.Add(page);
        }

        Apply(part, form[CommandField].ToString());
        item.Apply(part);
    }

    /// <summary>Options one per line: "value|label", or just the label (its value is made from it).</summary>
    public static List<FormOption> ParseOptions(string text)
    {
        var options = new List<FormOption>();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            var option = bar < 0
                ? new FormOption { Value = ContentPath.Slugify(line), Label = line }
                : new FormOption { Value = line[..bar].Trim(), Label = line[(bar + 1)..].Trim() };
            options.Add(option);
        }

        return options;
    }

    public static string FormatOptions(IEnumerable<FormOption> options) =>
        string.Join("\n", options.Select(o => o.Value == ContentPath.Slugify(o.Label) ? o.Label : $"{o.Value}|{o.Label}"));

    /// <summary>Carries out a structure command such as "add-page", "remove-question:1:0" or "page-up:2".</summary>
    public static void Apply(FormPart part, string command)
    {
        var bits = command.Split(':');
        int At(int index) => bits.Length > index && int.TryParse(bits[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var i = At(1);
        var j = At(2);
        var page = i >= 0 && i < part.Pages.Count ? part.Pages[i] : null;
        switch (bits[0])
        {
            case "add-page":
                part.Pages.Add(new FormPage { Id = NewId(part, "page", p => p.Pages.Select(x => x.Id)), Title = "New page", Questions = [NewQuestion(part)] });
                break;
            case "remove-page" when page is not null:
                part.Pages.RemoveAt(i);
                break;
            case "page-up" when page is not null && i > 0:
                Swap(part.Pages, i, i - 1);
                break;
            case "page-down" when page is not null && i < part.Pages.Count - 1:
                Swap(part.Pages, i, i + 1);
                break;
            case "add-question" when page is not null:
                page.Questions.Add(NewQuestion(part));
                break;
            case "remove-question" when page is not null && j >= 0 && j < page.Questions.Count:
                page.Questions.RemoveAt(j);
                break;
            case "question-up" when page is not null && j > 0 && j < page.Questions.Count:
                Swap(page.Questions, j, j - 1);
                break;
            case "question-down" when page is not null && j >= 0 && j < page.Questions.Count - 1:
                Swap(page.Questions, j, j + 1);
                break;
        }
    }

    private static FormQuestion NewQuestion(FormPart part) =>
        new() { Id = NewId(part, "question", p => p.Pages.SelectMany(x => x.Questions).Select(x => x.Id)), Type = QuestionType.Text, Label = "New question" };

    private static string NewId(FormPart part, string stem, Func<FormPart, IEnumerable<string>> existing)
    {
        var taken = existing(part).ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (taken.Contains($"{stem}-{n}"))
        {
            n++;
        }

        return $"{stem}-{n}";
    }

    private static void Swap<T>(List<T> list, int a, int b) => (list[a], list[b]) = (list[b], list[a]);

    private static int Count(IFormCollection form, string name) =>
        int.TryParse(form[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 200) : 0;

    private static int? Int(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static decimal? Decimal(string text) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}
