using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SaferBcp.Cms.Localization;
using SaferBcp.Forms;
using SaferBcp.SafePlaces;
using SaferBcp.SafePlaces.Controllers;
using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;
using SaferBcp.Support;
using SaferBcp.Support.Services;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests.Localization;

/// <summary>
/// Every interface string exists in English, Polish and Arabic, with the same placeholders, and every string the code
/// asks for (T["…"]) is in the English resource file: a string added in English only fails here, not in front of a resident.
/// </summary>
public sealed partial class InterfaceStringsTests
{
    public static TheoryData<string> Resources => new() { nameof(PortalText), nameof(FormsText), nameof(SupportText), nameof(SafePlacesText), nameof(SurveysText) };

    private static Type ResourceType(string name) => name switch
    {
        nameof(PortalText) => typeof(PortalText),
        nameof(FormsText) => typeof(FormsText),
        nameof(SafePlacesText) => typeof(SafePlacesText),
        nameof(SurveysText) => typeof(SurveysText),
        _ => typeof(SupportText),
    };

    private static string Folder(string resource) => resource switch
    {
        nameof(PortalText) => "src/SaferBcp.Cms/Localization",
        nameof(FormsText) => "modules/SaferBcp.Forms",
        nameof(SafePlacesText) => "modules/SaferBcp.SafePlaces",
        nameof(SurveysText) => "modules/SaferBcp.Surveys",
        _ => "modules/SaferBcp.Support",
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_string_is_translated_into_every_language_with_the_same_placeholders(string resource)
    {
        var manager = new ResourceManager(ResourceType(resource));
        var english = Strings(manager, CultureInfo.InvariantCulture);
        Assert.NotEmpty(english);
        foreach (var culture in PortalCultures.Translated)
        {
            var translated = Strings(manager, CultureInfo.GetCultureInfo(culture));
            var missing = english.Keys.Where(k => !translated.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
            Assert.True(missing.Count == 0, $"{resource}.{culture}.resx has no translation of: {string.Join(" | ", missing)}");
            Assert.Empty(translated.Keys.Except(english.Keys));
            foreach (var (key, value) in translated)
            {
                Assert.True(Placeholders(key).SetEquals(Placeholders(value)), $"{resource}.{culture}: \"{value}\" does not have the placeholders of \"{key}\"");
                // One word may be the same ("Menu", "Poole"); words left in English are a missing translation.
                Assert.True(value != key || !key.Contains(' ', StringComparison.Ordinal), $"{resource}.{culture}: \"{key}\" is still in English");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_translation_records_its_review_against_the_English_original(string resource)
    {
        var folder = Folder(resource);
        foreach (var culture in PortalCultures.Translated)
        {
            var file = XDocument.Load(Path.Combine(RepositoryRoot(), folder, $"{resource}.{culture}.resx"));
            foreach (var data in file.Root!.Elements("data"))
            {
                var comment = (string?)data.Element("comment") ?? "";
                Assert.True(comment.Contains("Checked against the English original", StringComparison.Ordinal), $"{resource}.{culture}: \"{data.Attribute("name")!.Value}\" has no review comment");
            }
        }
    }

    [Fact]
    public void Every_string_the_interface_asks_for_is_in_its_resource_file()
    {
        var root = RepositoryRoot();
        var sources = new (string Resource, string[] Folders)[]
        {
            (nameof(PortalText), ["themes/SaferBcp.Theme/Views", "src/SaferBcp.Cms/Views"]),
            (nameof(FormsText), ["modules/SaferBcp.Forms"]),
            (nameof(SupportText), ["modules/SaferBcp.Support"]),
            (nameof(SafePlacesText), ["modules/SaferBcp.SafePlaces"]),
            (nameof(SurveysText), ["modules/SaferBcp.Surveys"]),
        };
        foreach (var (resource, folders) in sources)
        {
            var english = Strings(new ResourceManager(ResourceType(resource)), CultureInfo.InvariantCulture);
            var asked = folders
                .SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*.*", SearchOption.AllDirectories))
                .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
                .SelectMany(f => LocalizerCall().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
                .Distinct()
                .ToList();
            Assert.NotEmpty(asked);
            var missing = asked.Where(k => !english.ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"{resource}.resx lacks: {string.Join(" | ", missing)}");
        }
    }

    [Fact]
    public void Every_wording_of_Find_support_and_its_emergency_numbers_is_in_its_resource_file()
    {
        var english = Strings(new ResourceManager(typeof(SupportText)), CultureInfo.InvariantCulture);
        var wording = FinderQuestions.All
            .SelectMany(q => new[] { q.Heading, q.Hint, q.ErrorMessage }.Concat(q.Choices.SelectMany(c => new[] { c.Label, c.Hint })))
            .Concat(EmergencyNumbers.All.SelectMany(n => new[] { n.Heading, n.Text }))
            .OfType<string>()
            .ToList();
        var missing = wording.Where(w => !english.ContainsKey(w)).ToList();
        Assert.True(missing.Count == 0, $"SupportText.resx lacks: {string.Join(" | ", missing)}");
    }

    [Fact]
    public void Every_wording_the_locator_builds_is_in_its_resource_file()
    {
        var english = Strings(new ResourceManager(typeof(SafePlacesText)), CultureInfo.InvariantCulture);
        var wording = SafePlaceLabels.Categories.Select(c => c.Label)
            .Concat(SafePlaceLabels.Areas.Select(a => a.Label))
            .Concat(SafePlaceLabels.Facilities.Select(f => f.Label))
            .Concat(SafePlaceLabels.Schemes.Select(s => s.Label))
            .Concat([PostcodeResolver.NotRecognised, PostcodeResolver.NotFound, PostcodeResolver.NotInList, SafePlacesController.LocationError])
            .Concat(["less than 0.1 miles away", "1 mile away", "{0} miles away"])
            .Concat(OpeningWordings())
            .ToList();
        var missing = wording.Where(w => !english.ContainsKey(w)).ToList();
        Assert.True(missing.Count == 0, $"SafePlacesText.resx lacks: {string.Join(" | ", missing)}");
    }

    [Fact]
    public void Every_refusal_a_survey_gives_is_in_its_resource_file()
    {
        var english = Strings(new ResourceManager(typeof(SurveysText)), CultureInfo.InvariantCulture);
        var survey = new SaferBcp.Surveys.Models.SurveyPart { OpensOn = new DateOnly(2026, 1, 1), ClosesOn = new DateOnly(2026, 2, 1) };
        var wording = Enum.GetValues<SaferBcp.Surveys.Models.SurveyStatus>()
            .Select(status => SurveySchedule.Refusal(status, survey).Wording)
            .Append(SurveySchedule.Refusal(SaferBcp.Surveys.Models.SurveyStatus.Closed, new SaferBcp.Surveys.Models.SurveyPart()).Wording)
            .Distinct()
            .ToList();
        var missing = wording.Where(w => !english.ContainsKey(w)).ToList();
        Assert.True(missing.Count == 0, $"SurveysText.resx lacks: {string.Join(" | ", missing)}");
    }

    /// <summary>Every sentence the opening-hours calculator can give, from places open and closed at different times of the week.</summary>
    private static IEnumerable<string> OpeningWordings()
    {
        static OpeningHours Hours(params (DayOfWeek Day, string Text)[] days)
        {
            var part = new SafePlacePart();
            foreach (var (day, text) in days)
            {
                part.Hours[day] = text;
            }

            return OpeningHours.From(part);
        }

        var weekdays = Hours((DayOfWeek.Monday, "09:00-17:30"), (DayOfWeek.Tuesday, "09:00-17:30"), (DayOfWeek.Wednesday, "09:00-12:00, 13:00-17:30"), (DayOfWeek.Friday, "09:00-17:30"));
        var late = Hours((DayOfWeek.Friday, "18:00-24:00"), (DayOfWeek.Saturday, "20:00-02:00"), (DayOfWeek.Sunday, "10:00-12:00"));
        var always = Hours(Enum.GetValues<DayOfWeek>().Select(d => (d, "00:00-24:00")).ToArray());
        var onceAWeekLong = Hours((DayOfWeek.Monday, "08:00-24:00"), (DayOfWeek.Tuesday, "00:00-24:00"), (DayOfWeek.Wednesday, "00:00-10:00"));
        var monday = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, 7 * 24 * 2)
            .Select(halfHours => monday.AddMinutes(30 * halfHours))
            .SelectMany(at => new[] { weekdays, late, always, onceAWeekLong, Hours() }.Select(h => OpeningHoursCalculator.StatusAt(h, at).Wording))
            .Distinct();
    }

    private static Dictionary<string, string> Strings(ResourceManager manager, CultureInfo culture)
    {
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new Xunit.Sdk.XunitException($"no {culture.Name} resources for {manager.BaseName}");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SaferBcp.Portal.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new Xunit.Sdk.XunitException("the repository root (SaferBcp.Portal.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>T["…"] in views and classes, and the form catalogue's _text["…"].</summary>
    [GeneratedRegex(@"(?:\bT|_text)\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();
}
