using System.Globalization;
using System.Text.Json.Nodes;
using SaferBcp.Cms.Recipes;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Tests;

public sealed class DatasetStepTests
{
    private static readonly string RepoRoot = FindRoot();

    private static JsonObject ShippedStep()
    {
        var recipe = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, "recipes", "saferbcp.recipe.json")))!.AsObject();
        return recipe["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["name"]!.GetValue<string>() == "dataset");
    }

    [Fact]
    public void The_shipped_recipe_step_is_valid()
    {
        var errors = new RecipeErrors("dataset", 0);

        DatasetStep.ValidateStep(ShippedStep(), errors);

        Assert.Empty(errors.Errors);
    }

    [Fact]
    public void A_bad_step_names_each_field_at_fault()
    {
        var step = JsonNode.Parse("""
            { "name": "dataset", "indicators": [
              { "code": "X", "name": "X", "description": "d", "unit": "Lots", "direction": "Neutral", "geographies": ["Dorset"], "source": "PartnerFigures", "sourceNote": "s",
                "values": [ { "period": "2022/24", "geography": "BCP", "value": 2.5, "sourceNote": "s" } ] } ] }
            """)!.AsObject();
        var errors = new RecipeErrors("dataset", 0);

        DatasetStep.ValidateStep(step, errors);

        var fields = errors.Errors.Select(e => e.Field).ToList();
        Assert.Contains("indicators[0].unit", fields);
        Assert.Contains("indicators[0].geographies[0]", fields);
        Assert.Contains("indicators[0].values[0].period", fields);
        Assert.Contains("indicators[0].values[0].geography", fields);
    }

    [Fact]
    public void A_survey_mapping_must_name_a_survey_mapped_indicator_of_the_step_and_the_answers_it_counts()
    {
        var step = JsonNode.Parse("""
            { "name": "dataset", "indicators": [
              { "code": "WORRY", "name": "W", "description": "d", "unit": "Percentage", "direction": "LowerIsBetter", "geographies": ["BCP"], "source": "SurveyMapping", "sourceNote": "s" },
              { "code": "COUNTED", "name": "C", "description": "d", "unit": "Count", "direction": "Neutral", "geographies": ["BCP"], "source": "PartnerFigures", "sourceNote": "s" } ],
              "surveyMappings": [
                { "indicator": "WORRY", "survey": "survey-x", "question": "q", "countedOptions": ["very-worried"] },
                { "indicator": "COUNTED", "survey": "survey-x", "question": "q", "countedOptions": ["a"] },
                { "indicator": "WORRY", "survey": "survey-x", "question": "q", "countedOptions": [] } ] }
            """)!.AsObject();
        var errors = new RecipeErrors("dataset", 0);

        DatasetStep.ValidateStep(step, errors);

        Assert.Equal(["surveyMappings[1].indicator", "surveyMappings[2].indicator", "surveyMappings[2].countedOptions"], errors.Errors.Select(e => e.Field));
    }

    /// <summary>Guards "only numbers the report states": each seeded figure must appear in the report as written there.</summary>
    [SkippableFact]
    public void Every_seeded_figure_is_written_in_the_annual_report()
    {
        var reportPath = Environment.GetEnvironmentVariable("SAFERBCP_SEED_REPORT") ?? "/work/shared/seed/bcp-csp-annual-report-2023.txt";
        Skip.IfNot(File.Exists(reportPath), "The seed report is not on this machine");
        var report = File.ReadAllText(reportPath);

        foreach (var indicator in ShippedStep()["indicators"]!.AsArray())
        {
            foreach (var value in indicator!["values"]!.AsArray())
            {
                var figure = value!["value"]!.GetValue<decimal>();
                var forms = new[] { figure.ToString("#,0.##", CultureInfo.InvariantCulture), figure.ToString("0.##", CultureInfo.InvariantCulture) };
                Assert.True(forms.Any(f => report.Contains(f, StringComparison.Ordinal)), $"{indicator["code"]} {value["period"]}: {figure} is not in the report");
                Assert.Contains(forms[0], value["sourceNote"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SaferBcp.Portal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }
}
