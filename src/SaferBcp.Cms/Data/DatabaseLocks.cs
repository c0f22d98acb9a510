namespace SaferBcp.Cms.Data;

/// <summary>Keys of the database-wide locks (PostgreSQL advisory locks); one place, so no two uses share a key.</summary>
public static class DatabaseLocks
{
    /// <summary>Held while a node migrates, applies the setup recipe and creates the first administrator.</summary>
    public const long Startup = 0x5AFE_BC90_0001;

    /// <summary>Held by each transaction that appends to the content change log, until it commits (ContentChangeLog).</summary>
    public const long ContentChangeLog = 0x5AFE_BC90_0002;

    /// <summary>Held by each transaction that stores a survey response, until it commits (results read responses by id).</summary>
    public const long SurveyResponses = 0x5AFE_BC90_0003;

    /// <summary>A survey figure's recompute holds this plus the indicator's id, so nodes recompute one indicator in turn.</summary>
    public const long SurveyIndicatorBase = 0x5AFE_B0C9_0000;
}
