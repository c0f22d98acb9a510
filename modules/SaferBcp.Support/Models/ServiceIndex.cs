namespace SaferBcp.Support.Models;

/// <summary>One row per published service: what the finder filters on and what a result shows.</summary>
public sealed class ServiceIndex
{
    public string ContentItemId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Path { get; set; } = "";

    public string Summary { get; set; } = "";

    public Audience Audiences { get; set; }

    public Topic Topics { get; set; }

    public Area Areas { get; set; }

    public string? Phone { get; set; }

    public string? TextNumber { get; set; }

    public bool OpenAllHours { get; set; }

    public string? Hours { get; set; }

    public string? ReferralFormSlug { get; set; }

    /// <summary>A helpline for anyone in the UK rather than a local service.</summary>
    public bool IsNational => Areas == Area.National;
}
