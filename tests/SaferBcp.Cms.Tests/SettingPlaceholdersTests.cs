using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms.Tests;

public sealed class SettingPlaceholdersTests
{
    private const string Text = "## Who can ask\n\nYou can ask if you have reported it {{ AsbCaseReviewThreshold }}.\n\n- report it first\n- keep a note {{ Other }}\n\nContact the council.";

    [Fact]
    public void A_set_value_replaces_its_placeholder()
    {
        var shown = SettingPlaceholders.Apply(Text, new Dictionary<string, string> { ["AsbCaseReviewThreshold"] = " 4 times in 5 months ", ["Other"] = "each time" });

        Assert.Contains("You can ask if you have reported it 4 times in 5 months.", shown, StringComparison.Ordinal);
        Assert.Contains("- keep a note each time", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_whose_setting_is_empty_or_missing_is_left_out_and_the_rest_stays()
    {
        var shown = SettingPlaceholders.Apply(Text, new Dictionary<string, string> { ["AsbCaseReviewThreshold"] = "  " });

        Assert.DoesNotContain("You can ask", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("keep a note", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", shown, StringComparison.Ordinal);
        Assert.Contains("- report it first", shown, StringComparison.Ordinal);
        Assert.Contains("Contact the council.", shown, StringComparison.Ordinal);
        Assert.Equal(SettingPlaceholders.WithoutPlaceholders(Text), shown);
    }

    [Fact]
    public void Text_without_placeholders_is_unchanged()
    {
        Assert.Equal("Plain {text} here.", SettingPlaceholders.Apply("Plain {text} here.", new Dictionary<string, string>()));
        Assert.Equal("", SettingPlaceholders.Apply(null, new Dictionary<string, string>()));
    }
}
