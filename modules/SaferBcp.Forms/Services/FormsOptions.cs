namespace SaferBcp.Forms.Services;

/// <summary>Configuration section "Forms".</summary>
public sealed class FormsOptions
{
    /// <summary>Unfinished answers are deleted after this many minutes without a page being opened or sent.</summary>
    public int SessionIdleMinutes { get; set; } = 30;

    /// <summary>How often expired sessions are deleted.</summary>
    public int CleanupIntervalSeconds { get; set; } = 60;

    /// <summary>Form posts one client (one network address) may make in a window.</summary>
    public int RateLimitPermits { get; set; } = 100;

    public int RateLimitWindowSeconds { get; set; } = 600;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(Math.Max(1, SessionIdleMinutes));
}
