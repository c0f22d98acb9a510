namespace SaferBcp.Pages.Models;

/// <summary>One row per published campaign, for the site banner and the campaigns list.</summary>
public sealed class CampaignIndex
{
    public string ContentItemId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Path { get; set; } = "";

    public string Summary { get; set; } = "";

    public string BannerText { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }
}

/// <summary>One row per published news item, for the home page and the news list.</summary>
public sealed class NewsIndex
{
    public string ContentItemId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Path { get; set; } = "";

    public string Summary { get; set; } = "";

    public DateOnly Date { get; set; }

    /// <summary>Only the month and year of <see cref="Date"/> are known (see <see cref="NewsPart.MonthOnly"/>).</summary>
    public bool MonthOnly { get; set; }
}
