namespace WiGuard.Kubernetes.Caching;

/// <summary>Exponential back-off with jitter, so many replicas do not hammer a recovering API server in step.</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max, Random random)
{
    /// <summary>The delay before retry number <paramref name="failures"/> (1-based): half fixed, half random.</summary>
    public TimeSpan Delay(int failures)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 20);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling / 2 + (random.NextDouble() * ceiling / 2));
    }
}
