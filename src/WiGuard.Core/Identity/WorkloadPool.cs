namespace WiGuard.Core.Identity;

/// <summary>The cluster's Workload Identity pool, <c>PROJECT.svc.id.goog</c>.</summary>
public static class WorkloadPool
{
    public const string Suffix = ".svc.id.goog";

    /// <summary>The project that owns the pool, or null when the value is not a pool name.</summary>
    public static string? ProjectOf(string? pool) =>
        pool is not null && pool.EndsWith(Suffix, StringComparison.Ordinal) && pool.Length > Suffix.Length
            ? pool[..^Suffix.Length]
            : null;
}
