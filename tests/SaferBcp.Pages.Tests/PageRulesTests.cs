using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SaferBcp.Cms.Content;
using SaferBcp.Pages.Models;
using SaferBcp.Pages.Services;

namespace SaferBcp.Pages.Tests;

public sealed class PageRulesTests
{
    private static ContentItem Item(string type, ArticlePart article) =>
        new ContentItem { ContentItemId = "x", ContentType = type }.Apply(new TitlePart { Title = "T" }).Apply(article);

    private static async Task<ContentValidationResult> ValidateAsync(ContentItem item)
    {
        var result = new ContentValidationResult();
        await new PageValidator().ValidateAsync(item, result);
        return result;
    }

    [Fact]
    public async Task A_hero_image_needs_alternative_text()
    {
        var result = await ValidateAsync(Item(PageTypes.Page, new ArticlePart { Summary = "S", HeroImage = "/media/2026/11/a.png" }));
        Assert.Contains(result.Errors, e => e.Field == "ArticlePart.HeroImageAlt");
    }

    [Fact]
    public async Task A_hero_image_must_come_from_the_media_library()
    {
        var result = await ValidateAsync(Item(PageTypes.Page, new ArticlePart { Summary = "S", HeroImage = "https://tracker.example/pixel.png", HeroImageAlt = "x" }));
        Assert.Contains(result.Errors, e => e.Field == "ArticlePart.HeroImage");
    }

    [Fact]
    public async Task A_campaign_needs_dates_in_order()
    {
        var item = Item(PageTypes.Campaign, new ArticlePart { Summary = "S" })
            .Apply(new CampaignPart { StartsOn = new DateOnly(2026, 12, 10), EndsOn = new DateOnly(2026, 11, 25) });
        var result = await ValidateAsync(item);
        Assert.Contains(result.Errors, e => e.Field == "CampaignPart.EndsOn" && e.Message.Contains("after the start date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_to_action_must_go_somewhere_safe()
    {
        var article = new ArticlePart { Summary = "S", CallsToAction = [new CallToAction { Text = "Go", Url = "javascript:alert(1)" }] };
        var result = await ValidateAsync(Item(PageTypes.Page, article));
        Assert.Contains(result.Errors, e => e.Field == "ArticlePart.CallsToAction");
    }

    [Fact]
    public async Task A_complete_page_is_valid()
    {
        var article = new ArticlePart { Summary = "S", Markdown = "## Hi", CallsToAction = [new CallToAction { Text = "Get help", Url = "/get-help-now" }] };
        Assert.True((await ValidateAsync(Item(PageTypes.Page, article))).Succeeded);
    }

    [Theory]
    [InlineData("2026-11-24", false)]
    [InlineData("2026-11-25", true)]
    [InlineData("2026-12-10", true)]
    [InlineData("2026-12-11", false)]
    public void A_campaign_runs_from_its_first_to_its_last_day(string day, bool running)
    {
        var campaign = new CampaignPart { StartsOn = new DateOnly(2026, 11, 25), EndsOn = new DateOnly(2026, 12, 10) };
        Assert.Equal(running, campaign.IsRunning(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_editor_reads_every_field_and_drops_empty_calls_to_action()
    {
        var form = new FormCollection(new Dictionary<string, StringValues>
        {
            ["ArticlePart.Summary"] = " A summary ",
            ["ArticlePart.Markdown"] = "Line one\r\nLine two",
            ["ArticlePart.Sensitive"] = "true",
            ["ArticlePart.CallsToAction[0].Text"] = "Get help",
            ["ArticlePart.CallsToAction[0].Url"] = "/get-help-now",
            ["ArticlePart.CallsToAction[1].Text"] = "",
            ["ArticlePart.CallsToAction[1].Url"] = "",
            ["CampaignPart.StartsOn"] = "2026-11-25",
            ["CampaignPart.EndsOn"] = "not a date",
            ["CampaignPart.BannerText"] = "Banner",
        });
        var item = new ContentItem { ContentItemId = "x", ContentType = PageTypes.Campaign };

        new PageEditor().Bind(item, form);

        var article = item.As<ArticlePart>();
        Assert.Equal("A summary", article.Summary);
        Assert.Equal("Line one\nLine two", article.Markdown);
        Assert.True(article.Sensitive);
        Assert.Single(article.CallsToAction);
        var campaign = item.As<CampaignPart>();
        Assert.Equal(new DateOnly(2026, 11, 25), campaign.StartsOn);
        Assert.Null(campaign.EndsOn);
    }

    [Fact]
    public void Search_text_of_a_page_is_plain_text_with_its_address()
    {
        var item = Item(PageTypes.News, new ArticlePart { Summary = "Summary", Markdown = "## Heading\n\nSome **bold** words." });
        item.Path = "news/item";
        var text = new PageSearchText().Build(item);
        Assert.Equal("/news/item", text.Url);
        Assert.Equal("News", text.Kind);
        Assert.DoesNotContain("**", text.Body, StringComparison.Ordinal);
        Assert.Contains("bold words", text.Body, StringComparison.Ordinal);
    }
}
