using System.Text.RegularExpressions;

namespace SaferBcp.Portal.Tests.Content;

/// <summary>
/// The starting site says only what the partnership's annual report says: no response times, team names,
/// thresholds or visits it never promised (those are settings staff fill in), and none of the wording the report
/// does not support.
/// </summary>
public sealed partial class RecipeTextTests
{
    private const string Setup = "saferbcp.recipe.json";

    [Fact]
    public void No_published_text_in_the_setup_recipe_promises_a_response_time_or_a_visit()
    {
        var promises = PublishedText.Texts(PublishedText.Recipe(Setup))
            .SelectMany(t => PublishedText.ResponsePromise().Matches(t.Text).Select(m => $"{t.Where}: \"{m.Value}\""))
            .ToList();
        Assert.True(promises.Count == 0, "Promises no setting supplies:\n" + string.Join("\n", promises));
    }

    [Fact]
    public void The_public_forms_fixed_text_promises_no_response_time()
    {
        var views = Directory.GetFiles(Path.Combine(PublishedText.RepositoryRoot, "modules"), "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(Path.GetDirectoryName(f)!).StartsWith("Admin", StringComparison.Ordinal) && !f.Contains("Admin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Append(Path.Combine(PublishedText.RepositoryRoot, "modules", "SaferBcp.Referrals", "Services", "ReferralSubmissionHandler.cs"))
            .Append(Path.Combine(PublishedText.RepositoryRoot, "modules", "SaferBcp.Referrals", "Services", "ReferralTemplates.cs"))
            .ToList();
        Assert.Contains(views, v => v.EndsWith("Confirmation.cshtml", StringComparison.Ordinal));
        var promises = views.SelectMany(v => PublishedText.ResponsePromise().Matches(File.ReadAllText(v)).Select(m => $"{v}: \"{m.Value}\"")).ToList();
        Assert.True(promises.Count == 0, "Fixed promises in the portal's own text:\n" + string.Join("\n", promises));
    }

    [Fact]
    public void The_setup_recipe_sets_no_team_response_time_or_public_name_and_published_text_names_no_team()
    {
        var recipe = PublishedText.Recipe(Setup);
        var teams = PublishedText.Steps(recipe, "referral-routing").SelectMany(s => s["teams"]!.AsArray()).Select(t => t!.AsObject()).ToList();
        Assert.NotEmpty(teams);
        foreach (var team in teams)
        {
            Assert.Equal("", team["responseTime"]?.GetValue<string>() ?? "");
            Assert.Equal("", team["publicName"]?.GetValue<string>() ?? "");
        }

        var named = PublishedText.Texts(recipe)
            .SelectMany(t => teams.Select(team => team["name"]!.GetValue<string>()).Where(n => t.Text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{t.Where}: {n}"))
            .ToList();
        Assert.True(named.Count == 0, "Team names shown to the public:\n" + string.Join("\n", named));
    }

    [Fact]
    public void The_setup_recipe_states_no_asb_case_review_threshold_of_its_own()
    {
        var thresholds = PublishedText.Texts(PublishedText.Recipe(Setup))
            .Where(t => Threshold().IsMatch(t.Text))
            .Select(t => $"{t.Where}: \"{Threshold().Match(t.Text).Value}\"")
            .ToList();
        Assert.True(thresholds.Count == 0, "Thresholds the report does not give:\n" + string.Join("\n", thresholds));
    }

    [Theory]
    [InlineData("first week of action")]
    [InlineData("has also developed a programme")]
    [InlineData("developed a programme for schools")]
    [InlineData("| None |")]
    [InlineData("over 300 conversations")]
    [InlineData("gets their first caution or conviction")]
    public void The_setup_recipe_does_not_say_what_the_report_does_not(string phrase)
    {
        var found = PublishedText.Texts(PublishedText.Recipe(Setup)).Where(t => t.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase)).Select(t => t.Where).ToList();
        Assert.True(found.Count == 0, $"\"{phrase}\" in: {string.Join(", ", found)}");
    }

    [Fact]
    public void Where_the_report_gives_two_town_team_figures_the_site_gives_both()
    {
        var texts = PublishedText.Texts(PublishedText.Recipe(Setup)).Where(t => t.Text.Contains("Town Team", StringComparison.Ordinal) && t.Text.Contains("over 300", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Contains("263", t.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_news_item_in_the_setup_recipe_gives_only_the_month_the_report_gives()
    {
        var news = PublishedText.Steps(PublishedText.Recipe(Setup), "content").SelectMany(s => s["items"]!.AsArray())
            .Select(i => i!.AsObject()).Where(i => i["contentType"]!.GetValue<string>() == "News").ToList();
        Assert.NotEmpty(news);
        Assert.All(news, n =>
        {
            var part = n["parts"]!["NewsPart"]!;
            Assert.True(part["monthOnly"]?.GetValue<bool>() == true, n["contentItemId"] + " shows a day the report does not give");
            Assert.EndsWith("-01", part["date"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_demo_recipe_is_the_only_recipe_with_safe_places_and_every_one_is_marked_as_an_example()
    {
        var setup = PublishedText.Recipe(Setup).ToJsonString();
        Assert.DoesNotContain("\"SafePlace\"", setup, StringComparison.Ordinal);
        Assert.DoesNotContain("SafePlacePart", setup, StringComparison.Ordinal);

        var places = PublishedText.Steps(PublishedText.Recipe("demo.recipe.json"), "content").SelectMany(s => s["items"]!.AsArray())
            .Select(i => i!.AsObject()).Where(i => i["contentType"]!.GetValue<string>() == "SafePlace").ToList();
        Assert.True(places.Count >= 3);
        Assert.All(places, p =>
        {
            Assert.Contains("Example", p["parts"]!["TitlePart"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("(demo)", p["parts"]!["TitlePart"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("", p["parts"]!["SafePlacePart"]!["phone"]!.GetValue<string>());
        });
        Assert.Equal(["Bournemouth", "Christchurch", "Poole"], places.Select(p => p["parts"]!["SafePlacePart"]!["area"]!.GetValue<string>()).Distinct().Order());
    }

    [GeneratedRegex(@"\b(?:\d+|three|two)\s+times\s+(?:in|within)\s+(?:\d+|six|the\s+last\s+\d+)\s+months\b", RegexOptions.IgnoreCase)]
    private static partial Regex Threshold();
}
