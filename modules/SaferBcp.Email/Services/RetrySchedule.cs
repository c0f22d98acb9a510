namespace SaferBcp.Email.Services;

/// <summary>
/// Exponential backoff with jitter: the n-th failure waits base × 2^(n−1), at most the maximum, less up to a
/// quarter at random so that messages which failed together (a server outage) do not all come back at once.
/// </summary>
public sealed class RetrySchedule
{
    public RetrySchedule(TimeSpan backoffBase, TimeSpan backoffMax)
    {
        BackoffBase = backoffBase;
        BackoffMax = backoffMax;
    }

    public TimeSpan BackoffBase { get; }

    public TimeSpan BackoffMax { get; }

    /// <summary>The longest wait after the given number of failed tries (no jitter).</summary>
    public TimeSpan Ceiling(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = BackoffBase.Ticks * Math.Pow(2, exponent);
        return ticks >= BackoffMax.Ticks ? BackoffMax : TimeSpan.FromTicks((long)ticks);
    }

    /// <param name="random">A number in [0, 1).</param>
    public TimeSpan Delay(int failedAttempts, double random)
    {
        var ceiling = Ceiling(failedAttempts);
        return TimeSpan.FromTicks((long)(ceiling.Ticks * (1 - 0.25 * Math.Clamp(random, 0, 1))));
    }
}
