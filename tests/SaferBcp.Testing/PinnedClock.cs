namespace SaferBcp.Testing;

/// <summary>
/// A clock that reads a fixed moment when the portal starts and then runs at real speed, with real
/// timers. Tests that depend on what is running "today" (the 16 Days of Action campaign from the
/// starting recipe, 25 November to 10 December 2026) then pass whatever day they are run.
/// </summary>
public sealed class PinnedClock : TimeProvider
{
    private readonly TimeSpan _offset;

    public PinnedClock(DateTimeOffset startsAt) => _offset = startsAt - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
