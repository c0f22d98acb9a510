namespace SaferBcp.Referrals.Models;

/// <summary>A team that receives referrals: who is told when one arrives, and who may open it.</summary>
public sealed class Team
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Email addresses told that a referral arrived (one per line in the editor, ';' between them here).</summary>
    public string NotificationAddresses { get; set; } = "";

    /// <summary>
    /// Plain English, shown to the person and in the notification: "within 2 working days". Empty until the
    /// partnership decides one: then the person is told what happens next without a time.
    /// </summary>
    public string ResponseTime { get; set; } = "";

    /// <summary>
    /// The name the person is told ("the domestic abuse service"). Empty until the partnership decides one: then the
    /// person is told "the team your referral is sent to", and <see cref="Name"/> stays a back-office name.
    /// </summary>
    public string PublicName { get; set; } = "";

    /// <summary>The children's safeguarding team: it is also told of every referral from or about someone under 18.</summary>
    public bool IsChildrenSafeguarding { get; set; }

    /// <summary>Where a referral goes when no rule matches.</summary>
    public bool IsDefault { get; set; }

    public List<TeamMember> Members { get; set; } = [];

    public IReadOnlyList<string> Addresses =>
        NotificationAddresses.Split([';', ',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An officer of a team, by staff account.</summary>
public sealed class TeamMember
{
    public int Id { get; set; }

    public int TeamId { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";
}
