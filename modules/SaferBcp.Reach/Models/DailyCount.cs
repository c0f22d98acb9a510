namespace SaferBcp.Reach.Models;

/// <summary>
/// One number for one day: how many times something happened, and nothing about who made it happen. Every node adds
/// its own counts to the same row.
/// </summary>
public sealed class DailyCount
{
    /// <summary>The UK calendar day.</summary>
    public DateOnly Day { get; set; }

    /// <summary>What was counted: one of <see cref="ReachMeasures"/>.</summary>
    public string Measure { get; set; } = "";

    /// <summary>The content item (page, campaign or form) counted; empty for the one daily total of sensitive pages.</summary>
    public string Subject { get; set; } = "";

    /// <summary>For <see cref="ReachMeasures.Referrer"/>: the other website's domain name (never its full address); otherwise empty.</summary>
    public string Domain { get; set; } = "";

    public long Count { get; set; }
}

public static class ReachMeasures
{
    /// <summary>A published page, campaign or news item was shown (not a sensitive one).</summary>
    public const string PageView = "page-view";

    /// <summary>Any sensitive page (support, referral forms, domestic abuse pages): one total a day, no page named.</summary>
    public const string SensitiveView = "sensitive-view";

    /// <summary>A campaign page was shown to someone who followed a link from another website.</summary>
    public const string Referrer = "referrer";

    public const string FormStart = "form-start";

    public const string FormCompletion = "form-completion";
}
