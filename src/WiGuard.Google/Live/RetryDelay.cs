using System.Net.Http.Headers;

namespace WiGuard.Google.Live;

/// <summary>Back-off for transient failures: exponential with jitter, or what the server asked for in Retry-After.</summary>
internal static class RetryDelay
{
    public static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);

    public static TimeSpan Exponential(int attempt)
    {
        var ms = Base.TotalMilliseconds * Math.Pow(2, attempt - 1);
        // Jitter spreads the retries of many replicas that failed together.
        return TimeSpan.FromMilliseconds(ms * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>The server's Retry-After (seconds or a date), or null when absent.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
