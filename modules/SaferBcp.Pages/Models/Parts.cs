using SaferBcp.Cms.Content;

namespace SaferBcp.Pages.Models;

/// <summary>The body shared by pages, campaigns and news: summary, Markdown, optional hero image, calls to action.</summary>
public sealed class ArticlePart : ContentPart
{
    public string Summary { get; set; } = "";

    public string Markdown { get; set; } = "";

    /// <summary>Sent with Cache-Control: no-store so the browser keeps no copy (domestic abuse, referral pages).</summary>
    public bool Sensitive { get; set; }

    /// <summary>A media library address, like /media/2026/11/abc.jpg.</summary>
    public string? HeroImage { get; set; }

    public string? HeroImageAlt { get; set; }

    public List<CallToAction> CallsToAction { get; set; } = [];
}

public sealed class CallToAction
{
    public string Text { get; set; } = "";

    public string Url { get; set; } = "";
}

public sealed class CampaignPart : ContentPart
{
    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    /// <summary>One sentence shown in a banner on every page while the campaign runs.</summary>
    public string BannerText { get; set; } = "";

    public bool IsRunning(DateOnly today) => StartsOn <= today && today <= EndsOn;
}

public sealed class NewsPart : ContentPart
{
    public DateOnly? Date { get; set; }

    /// <summary>
    /// Only the month and year are known (a source such as the annual report says "in June 2023"): the date is
    /// shown as "June 2023", never as a day nobody stated. <see cref="Date"/> then holds the first of the month.
    /// </summary>
    public bool MonthOnly { get; set; }

    public static string Format(DateOnly date, bool monthOnly) =>
        date.ToString(monthOnly ? "MMMM yyyy" : "d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}

public static class PageTypes
{
    public const string Page = "Page";
    public const string Campaign = "Campaign";
    public const string News = "News";

    public static bool IsPageType(string type) => type is Page or Campaign or News;
}
