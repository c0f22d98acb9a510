using System.Net;
using System.Text.RegularExpressions;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// WCAG 1.3.5: the venue application tells the browser what each of the applicant's details is; the self-referral
/// forms, used on shared or watched devices, never let the browser offer or keep an answer, and the accessibility
/// statement says why.
/// </summary>
public sealed partial class FormAutocompleteTests : IClassFixture<ReferralPortal>
{
    private readonly ReferralPortal _portal;

    public FormAutocompleteTests(ReferralPortal portal) => _portal = portal;

    [Fact]
    public async Task The_venue_application_identifies_the_purpose_of_each_detail_while_a_domestic_abuse_referral_never_lets_the_browser_offer_them()
    {
        using var visitor = _portal.Browser();
        var venue = await visitor.GetStringAsync("/refer-yourself/safe-place/venue");
        Assert.Equal("organization", AutocompleteOf(venue, "venue-name"));
        Assert.Equal("street-address", AutocompleteOf(venue, "venue-address"));
        Assert.Equal("postal-code", AutocompleteOf(venue, "postcode"));

        await AnswerAsync(visitor, "/refer-yourself/safe-place/venue", venue, new()
        {
            ["venue-name"] = "Autofill Test Café",
            ["venue-address"] = "12 Quay Road, Poole",
            ["postcode"] = "BH15 1HJ",
            ["area"] = "poole",
            ["venue-category"] = "cafe",
        });
        await AnswerAsync(visitor, "/refer-yourself/safe-place/opening-hours", await visitor.GetStringAsync("/refer-yourself/safe-place/opening-hours"), new() { ["opening-hours"] = "Every day, 8am to 6pm" });

        var contact = await visitor.GetStringAsync("/refer-yourself/safe-place/contact");
        Assert.Equal("name", AutocompleteOf(contact, "name"));
        Assert.Equal("tel", AutocompleteOf(contact, "phone"));
        Assert.Equal("email", AutocompleteOf(contact, "email"));

        // The same "Your name" question on a self-referral: the browser must neither offer nor keep it.
        var danger = await visitor.GetStringAsync("/refer-yourself/domestic-abuse/danger");
        await AnswerAsync(visitor, "/refer-yourself/domestic-abuse/danger", danger, new() { ["in-danger"] = "no" });

        var aboutYou = await visitor.GetStringAsync("/refer-yourself/domestic-abuse/about-you");

        Assert.Contains("Your name", aboutYou, StringComparison.Ordinal);
        Assert.Equal("off", AutocompleteOf(aboutYou, "name"));
    }

    [Fact]
    public async Task The_accessibility_statement_explains_which_forms_turn_autofill_off_and_why()
    {
        using var visitor = _portal.Browser();

        var statement = System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(await visitor.GetStringAsync("/accessibility")), "<[^>]+>", "");

        Assert.Contains("The form for venues applying to become a Safe Place says what each of your details is", statement, StringComparison.Ordinal);
        Assert.Contains("The self-referral forms and the survey about domestic abuse do not let your browser fill in or remember any answer", statement, StringComparison.Ordinal);
        Assert.Contains("WCAG 2.2 success criterion 1.3.5", statement, StringComparison.Ordinal);
    }

    private static async Task AnswerAsync(HttpClient client, string url, string page, Dictionary<string, string> answers)
    {
        answers["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page);
        using var response = await client.PostAsync(url, new FormUrlEncodedContent(answers));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} was not accepted: {(int)response.StatusCode}");
    }

    /// <summary>The autocomplete attribute of the input or textarea with the id given.</summary>
    private static string? AutocompleteOf(string html, string id)
    {
        var element = Regex.Match(html, $"<(?:input|textarea)\\b[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(element.Success, $"No field with id {id}");
        var attribute = AutocompletePattern().Match(element.Value);
        return attribute.Success ? attribute.Groups[1].Value : null;
    }

    [GeneratedRegex("\\bautocomplete=\"([^\"]*)\"")]
    private static partial Regex AutocompletePattern();
}
