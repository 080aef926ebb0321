namespace WiGuard.Kubernetes;

/// <summary>What /readyz reports about cluster access.</summary>
public interface IClusterStatus
{
    /// <summary>False when no cluster is configured: nothing to wait for.</summary>
    bool Configured { get; }

    /// <summary>True when no cluster is configured, or when the ServiceAccount and Namespace caches have listed.</summary>
    bool Ready { get; }

    /// <summary>What is wrong ("serviceaccounts not synced: 401 Unauthorized from https://…"); null when healthy.</summary>
    string? Problem { get; }
}

/// <summary>A status that never changes: no cluster configured, or a configuration that cannot be used.</summary>
public sealed class FixedClusterStatus(bool configured, bool ready, string? problem) : IClusterStatus
{
    public static readonly FixedClusterStatus NoCluster = new(false, true, null);

    public bool Configured => configured;

    public bool Ready => ready;

    public string? Problem => problem;
}
