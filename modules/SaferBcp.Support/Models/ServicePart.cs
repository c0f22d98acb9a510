using SaferBcp.Cms.Content;

namespace SaferBcp.Support.Models;

/// <summary>
/// A support service: who it is for, what it helps with, where, and how to reach it. The name is the item's TitlePart.
/// Lists hold the codes of <see cref="ServiceOptions"/> (e.g. "experiencing-abuse", "domestic-abuse", "poole").
/// </summary>
public sealed class ServicePart : ContentPart
{
    public string Summary { get; set; } = "";

    public string Description { get; set; } = "";

    public List<string> Audiences { get; set; } = [];

    public List<string> Topics { get; set; } = [];

    public List<string> Areas { get; set; } = [];

    public string? Phone { get; set; }

    public string? TextNumber { get; set; }

    public string? Email { get; set; }

    public string? Website { get; set; }

    public string? Address { get; set; }

    /// <summary>Open 24 hours a day, every day. When false, <see cref="Hours"/> says when (or is empty when not known).</summary>
    public bool OpenAllHours { get; set; }

    public string? Hours { get; set; }

    public string? Languages { get; set; }

    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    /// <summary>Plain words, like "Free".</summary>
    public string? Cost { get; set; }

    /// <summary>The slug of the matching self-referral form, served at /refer-yourself/{slug}.</summary>
    public string? ReferralFormSlug { get; set; }

    public string? ReferralFormUrl => string.IsNullOrEmpty(ReferralFormSlug) ? null : "/refer-yourself/" + ReferralFormSlug;
}

public static class SupportTypes
{
    public const string Service = "Service";

    /// <summary>Every service's address starts with this, so the finder's own pages (/support/who…) never clash.</summary>
    public const string PathPrefix = "support/services/";
}
