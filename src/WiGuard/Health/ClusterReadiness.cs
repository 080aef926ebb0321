using WiGuard.Kubernetes;

namespace WiGuard.Health;

/// <summary>Not ready until the ServiceAccount and Namespace caches have listed (always ready without a cluster).</summary>
public sealed class ClusterReadiness(IClusterStatus status) : IReadinessCheck
{
    public string Name => "cluster";

    public string? Problem() => status.Ready ? null : status.Problem ?? "the Kubernetes caches have not synced yet";
}
