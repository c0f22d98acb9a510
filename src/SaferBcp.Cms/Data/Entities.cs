namespace SaferBcp.Cms.Data;

/// <summary>An address an item used to have; requests to it are sent on permanently.</summary>
public sealed class ContentRedirect
{
    public string FromPath { get; set; } = "";

    public string ContentItemId { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}

public enum ContentChangeKind
{
    Published = 1,
    Unpublished = 2,
    Deleted = 3,
}

/// <summary>
/// An append-only record of changes to public content. Search indexes and caches on each node read it from their cursor.
/// A change to something else the public sees (settings, menus, the dataset) has no ContentItemId and its topic as ContentType.
/// </summary>
public sealed class ContentChange
{
    public long Id { get; set; }

    public string ContentItemId { get; set; } = "";

    public string ContentType { get; set; } = "";

    public ContentChangeKind Kind { get; set; }

    public DateTime OccurredUtc { get; set; }

    /// <summary>The node that made the change: it has already cleared its own cache, other nodes have not.</summary>
    public string NodeId { get; set; } = "";
}

/// <summary>How far one consumer on one node has read the change log.</summary>
public sealed class ChangeCursor
{
    public string NodeId { get; set; } = "";

    public string Consumer { get; set; } = "";

    public long LastChangeId { get; set; }
}

/// <summary>
/// Which process runs a one-node-at-a-time job (<see cref="Background.PeriodicJob"/>) until when. Taken and renewed
/// by <see cref="Background.JobLeases"/>; a row whose <see cref="ExpiresUtc"/> has passed is free for any node.
/// </summary>
public sealed class JobLease
{
    /// <summary>The job: its class's full name.</summary>
    public string Name { get; set; } = "";

    /// <summary>"{Portal:NodeId}/{instance}": the node, and which start of the job on it (a restarted node is a new holder).</summary>
    public string Holder { get; set; } = "";

    /// <summary>On the holder's UTC clock; see <see cref="Background.JobLeases"/> for why that clock.</summary>
    public DateTime ExpiresUtc { get; set; }
}

public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime OccurredUtc { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>A dotted verb, e.g. "content.published", "account.signin-failed".</summary>
    public string Action { get; set; } = "";

    public string SubjectType { get; set; } = "";

    public string? SubjectId { get; set; }

    public string? Summary { get; set; }
}

public sealed class SiteSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

public sealed class MenuRecord
{
    public string Name { get; set; } = "";

    /// <summary>JSON array of { text, url }.</summary>
    public string ItemsJson { get; set; } = "[]";
}
